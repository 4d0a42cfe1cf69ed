package layout

import (
	"bytes"
	"fmt"
	"go/token"
	"unicode"
	"unicode/utf8"
)

// item is one token of the source as jennifer wrote it. Names, literals
// and comments are the bytes src[off:end]; other tokens print as
// tok.String().
type item struct {
	tok  token.Token
	off  int32
	end  int32
	line int32
	// sep, when set, is what go/printer puts between the previous token
	// and this one on an aligned line (see cells.go).
	sep sep
}

// Go's keywords and operators by their text.
var keywords, operators = func() (map[string]token.Token, map[string]token.Token) {
	kw, op := map[string]token.Token{}, map[string]token.Token{}
	for t := token.Token(0); t < 128; t++ {
		switch {
		case t.IsKeyword():
			kw[t.String()] = t
		case t.IsOperator():
			op[t.String()] = t
		}
	}
	return kw, op
}()

// scan splits src into tokens without copying it. It is a tokenizer for
// what jennifer writes: it reports ErrUnsupported for block comments and
// multi-line raw strings, and an error naming the line for text that is
// not Go.
func scan(src []byte, items []item) ([]item, error) {
	if len(src) >= 1<<31-1 {
		return nil, fmt.Errorf("%w: source of %d bytes", ErrUnsupported, len(src))
	}
	if need := len(src) / 6; cap(items) < need {
		items = make([]item, 0, need)
	}
	line := int32(1)
	for i := 0; i < len(src); {
		c := src[i]
		switch c {
		case '\n':
			line++
			i++
			continue
		case ' ', '\t', '\r':
			i++
			continue
		}
		start := i
		tok := token.ILLEGAL
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			end := bytes.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src)
			} else {
				end += i
			}
			i = end
			for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
				end-- // go/printer drops a comment's trailing blanks
			}
			if bytes.IndexByte(src[start:end], '\r') >= 0 {
				// go/scanner drops carriage returns from comments
				return nil, fmt.Errorf("%w: a carriage return in a comment at line %d", ErrUnsupported, line)
			}
			items = append(items, item{tok: token.COMMENT, off: int32(start), end: int32(end), line: line})
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			return nil, fmt.Errorf("%w: a block comment at line %d", ErrUnsupported, line)
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf:
			for i < len(src) {
				if b := src[i]; b < utf8.RuneSelf {
					if b != '_' && !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9') {
						break
					}
					i++
					continue
				}
				r, n := utf8.DecodeRune(src[i:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				i += n
			}
			if i == start {
				return nil, fmt.Errorf("layout: invalid character at line %d", line)
			}
			tok = token.IDENT
			// Keywords are lower case and at most 11 letters long.
			if 'a' <= c && c <= 'z' && i-start <= 11 {
				if kw, ok := keywords[string(src[start:i])]; ok {
					tok = kw
				}
			}
		case '0' <= c && c <= '9':
			for i < len(src) {
				b := src[i]
				if b == '+' || b == '-' {
					if e := src[i-1]; e != 'e' && e != 'E' && e != 'p' && e != 'P' {
						break
					}
				} else if b != '_' && b != '.' && !('0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z') {
					break
				}
				i++
			}
			tok = token.INT
		case c == '"' || c == '\'':
			i++
			for i < len(src) && src[i] != c {
				if src[i] == '\n' {
					return nil, fmt.Errorf("layout: unterminated literal at line %d", line)
				}
				if src[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(src) {
				return nil, fmt.Errorf("layout: unterminated literal at line %d", line)
			}
			i++
			tok = token.STRING
			if c == '\'' {
				tok = token.CHAR
			}
		case c == '`':
			end := bytes.IndexByte(src[i+1:], '`')
			if end < 0 {
				return nil, fmt.Errorf("layout: unterminated raw string at line %d", line)
			}
			if bytes.ContainsAny(src[i+1:i+1+end], "\r\n") {
				return nil, fmt.Errorf("%w: a raw string over several lines at line %d", ErrUnsupported, line)
			}
			i += end + 2
			tok = token.STRING
		default:
			for n := min(3, len(src)-i); n > 0; n-- {
				if op, ok := operators[string(src[i:i+n])]; ok {
					tok = op
					i += n
					break
				}
			}
			if tok == token.ILLEGAL {
				return nil, fmt.Errorf("layout: invalid character %q at line %d", c, line)
			}
		}
		items = append(items, item{tok: tok, off: int32(start), end: int32(i), line: line})
	}
	return items, nil
}

// matchBrackets pairs each opening bracket with its closing one (by index,
// both ways; -1 for other tokens), in match (reused when large enough), or
// returns nil when they do not balance.
func matchBrackets(items []item, match []int32) []int32 {
	if cap(match) < len(items) {
		match = make([]int32, len(items))
	}
	match = match[:len(items)]
	stack := make([]int32, 0, 16)
	for i, it := range items {
		match[i] = -1
		switch it.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, int32(i))
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) == 0 {
				return nil
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if closer[items[o].tok] != it.tok {
				return nil
			}
			match[o], match[i] = int32(i), o
		}
	}
	if len(stack) > 0 {
		return nil
	}
	return match
}

var closer = map[token.Token]token.Token{token.LPAREN: token.RPAREN, token.LBRACK: token.RBRACK, token.LBRACE: token.RBRACE}
