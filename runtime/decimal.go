package runtime

import (
	"errors"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number kept as the text the panel wrote or
// the caller gave: amounts and prices never pass through float64, so
// "12.50" is sent back as "12.50", not "12.5". The zero Decimal holds no
// number (String is "").
type Decimal struct{ text string }

var errDecimal = errors.New("not a decimal number: digits with an optional sign and decimal point")

// ParseDecimal reads a decimal number written with an optional sign,
// digits and an optional decimal point followed by digits ("12", "-0.5",
// "12.50"). Nothing else is accepted: no exponent, no spaces, no commas,
// no currency.
func ParseDecimal(s string) (Decimal, error) {
	if !isDecimal(s) {
		return Decimal{}, errDecimal
	}
	return Decimal{text: s}, nil
}

// MustDecimal is ParseDecimal for constants in code; it panics on text
// that is not a decimal number.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic("runtime.MustDecimal(" + strconv.Quote(s) + "): " + err.Error())
	}
	return d
}

// DecimalOf returns the whole number n as a Decimal.
func DecimalOf(n int64) Decimal { return Decimal{text: strconv.FormatInt(n, 10)} }

// String returns the number with exactly the digits it was written with.
func (d Decimal) String() string { return d.text }

// IsZero reports whether d holds no number (the zero Decimal), not
// whether the number is 0.
func (d Decimal) IsZero() bool { return d.text == "" }

// Float64 returns the number as a float64, a read-only view for
// arithmetic that may round: send the Decimal itself, never this.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(d.text, 64)
	return f
}

// Cents returns the number scaled by 10^places as an integer, and false
// when it has more decimal places than that or does not fit an int64:
// Cents(2) of "12.5" is 1250.
func (d Decimal) Cents(places int) (int64, bool) {
	if d.text == "" || places < 0 || places > 18 {
		return 0, false
	}
	whole, frac, _ := strings.Cut(d.text, ".")
	if len(frac) > places {
		return 0, false
	}
	n, err := strconv.ParseInt(whole+frac+strings.Repeat("0", places-len(frac)), 10, 64)
	return n, err == nil
}

func isDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	return allDigits(whole) && (!dot || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
