package runtime

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// scanner is the tokenizer for the XML the panels write: elements,
// attributes, text, CDATA, character references and the five predefined
// entities, comments and processing instructions. A DOCTYPE and any other
// entity are refused. It agrees with encoding/xml on what it accepts (a
// differential fuzz test holds it to that) and differs only where the test
// says: DOCTYPE, charset labels and non-ASCII names.
//
// It reads a whole body or, for streaming, an io.Reader through a window
// that grows only as much as one token needs. Token slices (name, text,
// attribute values) are valid until the next call of next.
type scanner struct {
	buf []byte // the window: buf[pos:] is unread
	pos int
	r   io.Reader // nil: buf is the whole document
	eof bool
	// line counts the newlines before buf[0], for error positions.
	line int
	// whole is set when buf is the caller's whole body, never overwritten:
	// strings may then share its memory (see sharedString).
	whole bool

	kind  tokKind
	name  []byte // of a start or end tag
	attrs []scanAttr
	text  []byte // of a text token, entities decoded
	// textOff is where text sits in buf when it is raw bytes, else -1.
	textOff int
	tbuf    []byte // where decoded text and attribute values go
	// src is the whole body as one string, made on first use, which the
	// strings of a decoded answer share (see str).
	src string

	// open is the stack of open element names, kept in names so that a
	// window refill does not invalidate them.
	names []byte
	open  []int // end offsets in names
	// pendingEnd is set after a self-closing tag: the next token is its end.
	pendingEnd bool
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type scanAttr struct {
	name, value []byte
	// off is where value sits in buf when it is the raw bytes (no
	// reference or line end to decode), else -1.
	off int
}

// attrOf is a scanned attribute as encoding/xml spells one.
func attrOf(a scanAttr) xml.Attr {
	return xml.Attr{Name: xmlName(a.name), Value: string(a.value)}
}

// aliasAt is the offset of v in buf when v is a slice of buf's raw bytes
// starting at at, else -1.
func aliasAt(v, buf []byte, at int) int {
	if len(v) > 0 && at < len(buf) && &v[0] == &buf[at] {
		return at
	}
	return -1
}

// errShort means the window ends inside a token; fill reads more.
var errShort = errors.New("short buffer")

const windowSize = 64 << 10

func newScanner(body []byte) *scanner {
	return &scanner{buf: body, eof: true, whole: true}
}

func newStreamScanner(r io.Reader) *scanner {
	return &scanner{buf: make([]byte, 0, windowSize), r: r}
}

// syntaxError is a refusal with the line it was found on.
type syntaxError struct {
	Line int
	Msg  string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("XML syntax error on line %d: %s", e.Line, e.Msg)
}

func (s *scanner) errorf(at int, format string, args ...any) error {
	return &syntaxError{Line: s.line + 1 + bytes.Count(s.buf[:min(at, len(s.buf))], []byte{'\n'}), Msg: fmt.Sprintf(format, args...)}
}

// fill makes room and reads more into the window, keeping buf[from:]. It
// reads at least as much as it kept (or to the end), so a token that
// arrives a few bytes per read is rescanned a logarithmic number of times,
// not once per read.
func (s *scanner) fill(from int) error {
	if s.r == nil || s.eof {
		return io.ErrUnexpectedEOF
	}
	s.line += bytes.Count(s.buf[:from], []byte{'\n'})
	n := copy(s.buf, s.buf[from:])
	s.buf = s.buf[:n]
	s.pos -= from
	want := max(n, 512)
	if n+want > cap(s.buf) {
		grown := make([]byte, n, max(2*cap(s.buf), n+want))
		copy(grown, s.buf)
		s.buf = grown
	}
	for added := 0; added < want; {
		m, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+m]
		added += m
		if err == io.EOF {
			s.eof = true
			return nil
		}
		if err != nil {
			return err
		}
		if m == 0 {
			return nil
		}
	}
	return nil
}

// next reads the next token: a start tag, an end tag (also for a
// self-closing tag), text, or EOF at the end of a document whose elements
// are all closed. Comments, processing instructions and the XML
// declaration are checked and skipped.
func (s *scanner) next() error {
	if s.pendingEnd {
		s.pendingEnd = false
		s.kind = tokEnd
		s.name = s.names[s.openStart():]
		s.pop()
		return nil
	}
	for {
		start := s.pos
		err := s.token()
		if err == errShort {
			if ferr := s.fill(start); ferr != nil {
				if ferr == io.ErrUnexpectedEOF {
					return s.errorf(len(s.buf), "unexpected EOF")
				}
				return ferr
			}
			continue
		}
		if err == nil && s.kind == tokEOF && len(s.open) > 0 {
			return s.errorf(len(s.buf), "unexpected EOF")
		}
		return err
	}
}

// token scans one token at s.pos, or returns errShort when the window ends
// inside it (and nothing was changed).
func (s *scanner) token() error {
	b := s.buf
	for {
		i := s.pos
		if i >= len(b) {
			if !s.eof {
				return errShort
			}
			s.kind = tokEOF
			return nil
		}
		if b[i] != '<' {
			return s.scanText(i)
		}
		if i+1 >= len(b) {
			return s.short(i, "unexpected EOF")
		}
		switch b[i+1] {
		case '/':
			return s.scanEnd(i)
		case '?':
			if err := s.scanPI(i); err != nil {
				return err
			}
			continue
		case '!':
			isText, err := s.scanBang(i)
			if err != nil || isText {
				return err
			}
			continue
		}
		return s.scanStart(i)
	}
}

// short is errShort while more input may come, else the refusal msg.
func (s *scanner) short(at int, msg string) error {
	if !s.eof {
		return errShort
	}
	return s.errorf(at, "%s", msg)
}

// openStart is where the innermost open element's name starts in names.
func (s *scanner) openStart() int {
	if len(s.open) > 1 {
		return s.open[len(s.open)-2]
	}
	return 0
}

// pop closes the innermost open element.
func (s *scanner) pop() {
	s.names = s.names[:s.openStart()]
	s.open = s.open[:len(s.open)-1]
}

func (s *scanner) scanStart(i int) error {
	b := s.buf
	j, err := s.scanName(i + 1)
	if err != nil {
		return err
	}
	name := b[i+1 : j]
	if !isXMLNameBytes(name) {
		return s.errorf(i, "invalid XML name: %s", name)
	}
	s.attrs = s.attrs[:0]
	s.tbuf = s.tbuf[:0]
	self := false
	for {
		k := skipSpace(b, j)
		if k >= len(b) {
			return s.short(k, "unexpected EOF")
		}
		if b[k] == '>' {
			j = k + 1
			break
		}
		if b[k] == '/' {
			if k+1 >= len(b) {
				return s.short(k, "unexpected EOF")
			}
			if b[k+1] != '>' {
				return s.errorf(k, "expected /> in element")
			}
			j, self = k+2, true
			break
		}
		ne, err := s.scanName(k)
		if err != nil {
			return err
		}
		if ne == k {
			return s.errorf(k, "expected attribute name in element")
		}
		an := b[k:ne]
		if !isXMLNameBytes(an) {
			return s.errorf(k, "invalid XML name: %s", an)
		}
		k = skipSpace(b, ne)
		if k >= len(b) {
			return s.short(k, "unexpected EOF")
		}
		if b[k] != '=' {
			return s.errorf(k, "attribute name without = in element")
		}
		k = skipSpace(b, k+1)
		if k >= len(b) {
			return s.short(k, "unexpected EOF")
		}
		q := b[k]
		if q != '"' && q != '\'' {
			return s.errorf(k, "unquoted or missing attribute value in element")
		}
		end := bytes.IndexByte(b[k+1:], q)
		if end < 0 {
			return s.short(k, "unexpected EOF")
		}
		raw := b[k+1 : k+1+end]
		if bytes.IndexByte(raw, '<') >= 0 {
			return s.errorf(k, "unescaped < inside quoted string")
		}
		val, err := s.decode(raw, k+1, false)
		if err != nil {
			return err
		}
		s.attrs = append(s.attrs, scanAttr{name: an, value: val, off: aliasAt(val, b, k+1)})
		j = k + 2 + end
	}
	if len(s.open) >= maxDepth {
		return errors.New("document nested too deeply")
	}
	s.names = append(s.names, name...)
	s.open = append(s.open, len(s.names))
	s.name = s.names[s.openStart():]
	s.kind = tokStart
	s.pos = j
	s.pendingEnd = self
	return nil
}

func (s *scanner) scanEnd(i int) error {
	b := s.buf
	j, err := s.scanName(i + 2)
	if err != nil {
		return err
	}
	name := b[i+2 : j]
	k := skipSpace(b, j)
	if k >= len(b) {
		return s.short(k, "unexpected EOF")
	}
	if b[k] != '>' {
		return s.errorf(k, "invalid characters between </%s and >", name)
	}
	if !isXMLNameBytes(name) {
		return s.errorf(i, "invalid XML name: %s", name)
	}
	if len(s.open) == 0 {
		return s.errorf(i, "unexpected end element </%s>", name)
	}
	if !bytes.Equal(s.names[s.openStart():], name) {
		return s.errorf(i, "element <%s> closed by </%s>", s.names[s.openStart():], name)
	}
	s.kind = tokEnd
	s.name = b[i+2 : j]
	s.pop()
	s.pos = k + 1
	return nil
}

// scanName returns the end of the name starting at i (which may be
// empty). As in encoding/xml, the name runs to the first single-byte
// character that cannot be in a name, and isXMLNameBytes checks it.
func (s *scanner) scanName(i int) (int, error) {
	b := s.buf
	for j := i; j < len(b); j++ {
		c := b[j]
		if c >= utf8.RuneSelf || c == '_' || c == ':' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		return j, nil
	}
	if !s.eof {
		return 0, errShort
	}
	return len(b), nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func (s *scanner) scanText(i int) error {
	b := s.buf
	end := bytes.IndexByte(b[i:], '<')
	if end < 0 {
		if !s.eof {
			return errShort
		}
		end = len(b)
	} else {
		end += i
	}
	s.tbuf = s.tbuf[:0]
	t, err := s.decode(b[i:end], i, false)
	if err != nil {
		return err
	}
	s.text, s.textOff, s.kind, s.pos = t, aliasAt(t, b, i), tokText, end
	return nil
}

// scanBang reads <!-- comments --> (skipped) and <![CDATA[...]]> (text);
// a DOCTYPE or any other declaration is refused.
func (s *scanner) scanBang(i int) (bool, error) {
	b := s.buf
	rest := b[i+2:]
	switch {
	case bytes.HasPrefix(rest, []byte("--")):
		end := bytes.Index(b[i+4:], []byte("--"))
		if end < 0 {
			return false, s.short(i, "unexpected EOF")
		}
		k := i + 4 + end
		if k+2 >= len(b) {
			return false, s.short(k, "unexpected EOF")
		}
		if b[k+2] != '>' {
			return false, s.errorf(k, `invalid sequence "--" not allowed in comments`)
		}
		s.pos = k + 3
		return false, nil
	case bytes.HasPrefix(rest, []byte("[CDATA[")):
		end := bytes.Index(b[i+9:], []byte("]]>"))
		if end < 0 {
			return false, s.short(i, "unexpected EOF")
		}
		raw := b[i+9 : i+9+end]
		if err := s.checkChars(raw, i+9); err != nil {
			return false, err
		}
		s.tbuf = s.tbuf[:0]
		s.text, _ = s.decode(raw, i+9, true)
		s.textOff = aliasAt(s.text, b, i+9)
		s.kind, s.pos = tokText, i+12+end
		return true, nil
	case len(rest) < 7 && !s.eof && (bytes.HasPrefix([]byte("[CDATA["), rest) || bytes.HasPrefix([]byte("--"), rest)):
		return false, errShort
	}
	if bytes.IndexByte(rest, '>') < 0 && !s.eof {
		return false, errShort
	}
	return false, s.errorf(i, "a DOCTYPE or other declaration is not accepted in a panel document")
}

// scanPI reads a processing instruction; the XML declaration's version
// and encoding are checked.
func (s *scanner) scanPI(i int) error {
	b := s.buf
	j, err := s.scanName(i + 2)
	if err != nil {
		return err
	}
	target := b[i+2 : j]
	if !isXMLNameBytes(target) {
		return s.errorf(i, "invalid XML name: %s", target)
	}
	end := bytes.Index(b[j:], []byte("?>"))
	if end < 0 {
		return s.short(i, "unexpected EOF")
	}
	content := b[j : j+end]
	if string(target) == "xml" {
		str := string(content)
		if ver := procInst("version", str); ver != "" && ver != "1.0" {
			return fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
		}
		if enc := procInst("encoding", str); enc != "" && !strings.EqualFold(enc, "utf-8") {
			if _, err := charsetReader(enc, nil); err != nil {
				return fmt.Errorf("xml: opening charset %q: %w", enc, err)
			}
		}
	}
	s.pos = j + end + 2
	return nil
}

// procInst returns the value of param in a processing instruction, as
// encoding/xml reads it.
func procInst(param, s string) string {
	param = param + "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}
