package runtime

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The character level of the tokenizer: which bytes are XML characters,
// which names are valid, and how text and attribute values are decoded.

// isXMLNameBytes reports a valid name: a letter, '_' or ':' first, then
// letters, digits, marks, '-', '.', '_', ':', and at most one colon (a
// prefix and a local name). Beyond ASCII, package unicode's classes stand
// in for XML 1.0's tables (a documented difference from encoding/xml).
func isXMLNameBytes(n []byte) bool {
	if len(n) == 0 || bytes.Count(n, []byte{':'}) > 1 {
		return false
	}
	for i := 0; i < len(n); {
		c := n[i]
		if c < utf8.RuneSelf {
			ok := c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if i > 0 {
				ok = ok || c == '-' || c == '.' || c >= '0' && c <= '9'
			}
			if !ok {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(n[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		ok := unicode.IsLetter(r)
		if i > 0 {
			ok = ok || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == 0xB7
		}
		if !ok {
			return false
		}
		i += size
	}
	return true
}

// localName is a name without its prefix, as encoding/xml splits it: a
// name with an empty side of its colon stays whole.
func localName(n []byte) []byte {
	if i := bytes.IndexByte(n, ':'); i > 0 && i < len(n)-1 {
		return n[i+1:]
	}
	return n
}

// checkChars refuses bytes that are not XML characters.
func (s *scanner) checkChars(b []byte, at int) error {
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < utf8.RuneSelf || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return s.errorf(at+i, "illegal character code %U", rune(c))
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return s.errorf(at+i, "invalid UTF-8")
		}
		if !isXMLChar(r) {
			return s.errorf(at+i, "illegal character code %U", r)
		}
		i += size
	}
	return nil
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// decode checks the characters of raw text or an attribute value,
// turns \r\n and a lone \r into \n as XML requires, and (unless cdata)
// resolves references. The result aliases raw when nothing changes, else
// lives in tbuf: appending there may move tbuf, but what earlier calls
// returned keeps pointing at the old, unchanged bytes.
func (s *scanner) decode(raw []byte, at int, cdata bool) ([]byte, error) {
	if err := s.checkChars(raw, at); err != nil {
		return nil, err
	}
	if bytes.IndexByte(raw, '\r') < 0 && (cdata || bytes.IndexByte(raw, '&') < 0) {
		return raw, nil
	}
	mark := len(s.tbuf)
	out := s.tbuf
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\r':
			out = append(out, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case c == '&' && !cdata:
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return nil, s.errorf(at+i, "invalid character entity %s (no semicolon)", truncEntity(raw[i:]))
			}
			ent := raw[i+1 : i+semi]
			r, ok := entity(ent)
			if !ok {
				return nil, s.errorf(at+i, "invalid character entity &%s;", ent)
			}
			out = utf8.AppendRune(out, r)
			i += semi + 1
		default:
			out = append(out, c)
			i++
		}
	}
	s.tbuf = out
	return out[mark:], nil
}

func truncEntity(b []byte) []byte {
	for i, c := range b {
		if i > 0 && (c == ' ' || c == '<' || c == '&') || i > 16 {
			return b[:i]
		}
	}
	return b
}

// entity resolves a reference: the five predefined entities and
// character references that name XML characters.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	var n rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		n = n*rune(base) + d
		if n > unicode.MaxRune {
			return 0, false
		}
	}
	return n, isXMLChar(n)
}

// charsetReader admits the one charset the panels write, UTF-8, however
// its label is spelled; any other is refused.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.ReplaceAll(label, "-", "")) {
	case "utf8", "":
		return r, nil
	}
	return nil, fmt.Errorf("unsupported charset %q", label)
}
