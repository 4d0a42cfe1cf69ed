package runtime

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
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
	depthLimit int
	started    bool // the root element was seen
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
	return &scanner{buf: body, eof: true, whole: true, depthLimit: maxDepth}
}

func newStreamScanner(r io.Reader) *scanner {
	return &scanner{buf: make([]byte, 0, windowSize), r: r, depthLimit: maxDepth}
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

func (s *scanner) openStart() int {
	if len(s.open) > 1 {
		return s.open[len(s.open)-2]
	}
	return 0
}

func (s *scanner) pop() {
	s.open = s.open[:len(s.open)-1]
	s.names = s.names[:s.openStart0()]
}

func (s *scanner) openStart0() int {
	if len(s.open) > 0 {
		return s.open[len(s.open)-1]
	}
	return 0
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
	if len(s.open) >= s.depthLimit {
		return errors.New("document nested too deeply")
	}
	s.started = true
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
