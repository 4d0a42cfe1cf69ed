package runtime

import "reflect"

// Optional is a parameter that may be left out, sent empty, or sent with a
// value. The three are different things to a panel: an absent parameter
// keeps the stored value, an empty one clears it, and a value replaces it.
//
// An Optional read from an opened form keeps the panel's own text, byte for
// byte, and is sent back as that text unless the caller changes it: a
// value the Go type cannot hold ("unlimited" in an int field, "1 024",
// "12.50" that float64 would spell "12.5") travels back as the panel wrote
// it and stays readable with Text. The states and what the accessors say:
//
//	how it was made            IsSet  IsEmpty  Get              Text
//	zero value (absent)        false  false    zero, false      ""
//	Set(v)                     true   false*   v, true          v as sent
//	Empty[T]()                 true   true     zero, false**    ""
//	FromText[T](s), or a form  true   s == ""  parsed, ok       s
//
// (*) Set("") of an Optional[string] is empty as well. (**) For string
// and list types the empty text is a value: Get returns "" (or a nil
// list) and true. ok is false when the text does not parse as T; the
// text is still sent and readable with Text. A flag parses on/off,
// yes/no and true/false; a number its digits, with white space around.
type Optional[T any] struct {
	value T
	text  string
	state optState
	// parsed, with optText, says whether value holds the text parsed.
	parsed bool
}

type optState uint8

const (
	optAbsent optState = iota
	// optValue: set with Set; the wire text is the formatted value.
	optValue
	// optText: set from text (a form, FromText or Empty); valid says
	// whether value holds the parsed text.
	optText
)

// Set returns an Optional holding v, sent formatted as the panel spells it
// (on/off for flags, decimal digits for numbers).
func Set[T any](v T) Optional[T] { return Optional[T]{value: v, state: optValue} }

// Empty returns an Optional that is sent empty on purpose, which clears
// the stored value (on a limit, often "unlimited").
func Empty[T any]() Optional[T] { return FromText[T]("") }

// FromText returns an Optional that is sent exactly as text; its typed
// view is text parsed as T, when it parses.
func FromText[T any](text string) Optional[T] {
	var o Optional[T]
	o.setText(text)
	return o
}

// IsSet reports whether the parameter is sent: with a value, empty, or as
// text.
func (o Optional[T]) IsSet() bool { return o.state != optAbsent }

// IsEmpty reports whether the parameter is sent with no text at all.
func (o Optional[T]) IsEmpty() bool {
	switch o.state {
	case optText:
		return o.text == ""
	case optValue:
		v := reflect.ValueOf(o.value)
		return v.Kind() == reflect.String && v.Len() == 0
	}
	return false
}

// Value returns the typed value, or T's zero value when there is none
// (absent, empty, or text that does not parse as T).
func (o Optional[T]) Value() T { v, _ := o.Get(); return v }

// Get returns the typed value and whether there is one: false when the
// parameter is absent, or its text is empty or does not parse as T.
func (o Optional[T]) Get() (T, bool) {
	switch o.state {
	case optValue:
		return o.value, true
	case optText:
		if o.parsed {
			return o.value, true
		}
	}
	var zero T
	return zero, false
}

// Text returns the text the parameter is sent with: the panel's own text
// for a value read from a form, the formatted value for one given with
// Set, "" when absent or empty.
func (o Optional[T]) Text() string {
	switch o.state {
	case optText:
		return o.text
	case optValue:
		s, _ := formatScalar(reflect.ValueOf(o.value))
		return s
	}
	return ""
}

// optional lets the codec read any Optional without knowing T.
type optional interface {
	// wire returns the text to send and whether to send it; fromText is
	// true when the text is the panel's (or the caller's) own, to be sent
	// byte for byte.
	wire() (value any, text string, fromText, set bool)
}

func (o Optional[T]) wire() (any, string, bool, bool) {
	return o.value, o.text, o.state == optText, o.state != optAbsent
}

// optionalSetter lets the codec fill any Optional without knowing T.
type optionalSetter interface {
	// setText stores text as the panel sent it.
	setText(text string)
}

func (o *Optional[T]) setText(text string) {
	var v T
	ok := parseScalar(reflect.ValueOf(&v).Elem(), text)
	*o = Optional[T]{value: v, text: text, state: optText, parsed: ok}
}
