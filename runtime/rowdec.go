package runtime

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"
)

// Decoding rows and values straight from the tokenizer. A row type's plan
// (its structCodec, built once per type) says for each wire name which
// fields read it; plain string, orig and flag fields are written through
// their offset in the struct, so a row costs no reflection per field and
// no map (only elements no field reads go to Raw).

// fieldKind is how a field is written.
type fieldKind uint8

const (
	kindReflect fieldKind = iota // setField, through reflect
	kindString                   // any string kind: the text
	kindOrig                     // a string kind: the orig attribute
	kindProp                     // bool: set when the element is present
	kindFlag                     // bool list flag: isTrue (or isOn) of the text
	kindInt64                    // int64: the digits, white space around
	kindDecimal                  // Decimal: the exact text
	kindStrings                  // a slice of a string kind: the comma-separated keys
)

// planField decides how f is written, and where: its byte offset from the
// start of the codec's struct, when every step of its index path is a
// struct field (no pointers).
func planField(t reflect.Type, f *fieldCodec) {
	var off uintptr
	cur := t
	var sf reflect.StructField
	for _, i := range f.index {
		sf = cur.Field(i)
		off += sf.Offset
		cur = sf.Type
	}
	f.off = off
	if f.optional || !sf.IsExported() {
		return
	}
	switch {
	case f.orig && cur.Kind() == reflect.String:
		f.kind = kindOrig
	case f.prop && cur.Kind() == reflect.Bool:
		f.kind = kindProp
	case f.orig || f.prop:
	case cur.Kind() == reflect.Bool:
		f.kind = kindFlag
	case cur == decimalType:
		f.kind = kindDecimal
	case cur.Kind() == reflect.String:
		f.kind = kindString
	case cur.Kind() == reflect.Int64:
		f.kind = kindInt64
	case cur.Kind() == reflect.Slice && cur.Elem().Kind() == reflect.String:
		f.kind = kindStrings
	}
}

// set writes v into field f of the struct at base (rv is the same struct
// as a reflect.Value, for the other kinds). It reports false when the
// field's type cannot hold the text.
func (f *fieldCodec) set(base unsafe.Pointer, rv reflect.Value, v Value) bool {
	p := unsafe.Add(base, f.off)
	switch f.kind {
	case kindString:
		*(*string)(p) = v.Text
	case kindOrig:
		*(*string)(p) = v.Orig
	case kindProp:
		*(*bool)(p) = true
	case kindFlag:
		if f.on {
			*(*bool)(p) = isOn(v.Text)
		} else {
			*(*bool)(p) = isTrue(v.Text)
		}
	case kindInt64:
		n, err := strconv.ParseInt(strings.TrimSpace(v.Text), 10, 64)
		if err != nil {
			return false
		}
		*(*int64)(p) = n
	case kindDecimal:
		d, err := ParseDecimal(strings.TrimSpace(v.Text))
		*(*Decimal)(p) = d
		return err == nil
	case kindStrings:
		// A []T of a string kind T has the layout of a []string.
		*(*[]string)(p) = splitList(v.Text)
	default:
		return setField(rv, *f, v, true)
	}
	return true
}

// str makes a string of b, which the scanner returned; in a whole body a
// slice of the body shares one copy of it (see scanner.src).
func (s *scanner) str(b []byte, off int) string {
	if len(b) == 0 {
		return ""
	}
	if off >= 0 && s.whole {
		if s.src == "" {
			s.src = string(s.buf)
		}
		return s.src[off : off+len(b)]
	}
	return string(b)
}

// value reads the element just started (its attributes are the scanner's
// now) to its end: its text (trimmed when trim is set or the element has
// children), attributes, and the element itself as a Node when it has
// children.
func (s *scanner) value(trim bool) (Value, error) {
	v := Value{}
	for _, a := range s.attrs {
		val := s.str(a.value, a.off)
		if string(localName(a.name)) == "orig" {
			v.Orig = val
			continue
		}
		if v.Attrs == nil {
			v.Attrs = map[string]string{}
		}
		v.Attrs[string(localName(a.name))] = val
	}
	text, node, err := s.leaf()
	if err != nil {
		return v, err
	}
	if trim || node != nil {
		text = strings.TrimSpace(text)
	}
	v.Text, v.Node = text, node
	return v, nil
}

// leaf reads the text of the element just started up to its end; an
// element with children comes back as a Node too. Text in one piece that
// needed no decoding shares the body.
func (s *scanner) leaf() (string, *Node, error) {
	var (
		first   []byte
		firstAt = -1
		more    []byte // set when the text came in several pieces
		pieces  int
		node    *Node
		stack   []*Node
		texts   [][]byte
	)
	for depth := 1; ; {
		if err := s.next(); err != nil {
			return "", nil, err
		}
		switch s.kind {
		case tokText:
			if depth > 1 {
				texts[len(texts)-1] = append(texts[len(texts)-1], s.text...)
				continue
			}
			switch pieces {
			case 0:
				first, firstAt = s.text, s.textOff
				if s.textOff < 0 || !s.whole {
					first = append([]byte(nil), s.text...) // tbuf is reused
				}
			case 1:
				more = append(append(more, first...), s.text...)
			default:
				more = append(more, s.text...)
			}
			pieces++
		case tokStart:
			depth++
			n := &Node{Name: string(localName(s.name))}
			for _, a := range s.attrs {
				n.Attrs = append(n.Attrs, attrOf(a))
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else {
				if node == nil {
					node = &Node{}
				}
				node.Children = append(node.Children, n)
			}
			stack = append(stack, n)
			texts = append(texts, nil)
		case tokEnd:
			depth--
			if depth == 0 {
				switch {
				case pieces > 1:
					return string(more), node, nil
				case firstAt >= 0 && s.whole:
					return s.str(first, firstAt), node, nil
				}
				return string(first), node, nil
			}
			last := len(stack) - 1
			stack[last].Text = string(texts[last])
			stack, texts = stack[:last], texts[:last]
		}
	}
}

// node reads the element just started, whole, as a Node.
func (s *scanner) node() (*Node, error) {
	n := &Node{Name: string(localName(s.name))}
	for _, a := range s.attrs {
		n.Attrs = append(n.Attrs, attrOf(a))
	}
	text, inner, err := s.leaf()
	if err != nil {
		return nil, err
	}
	n.Text = text
	if inner != nil {
		n.Children = inner.Children
	}
	return n, nil
}

// skip reads past the end of the element just started.
func (s *scanner) skip() error {
	for depth := 1; depth > 0; {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokStart:
			depth++
		case tokEnd:
			depth--
		}
	}
	return nil
}

// rowReader fills rows of one type from <elem> elements.
type rowReader struct {
	codec *structCodec
	typ   reflect.Type
	seen  []bool // fields set in the current row: the first element wins
}

func newRowReader(t reflect.Type) *rowReader {
	c := codecOf(t)
	return &rowReader{codec: c, typ: t, seen: make([]bool, len(c.fields))}
}

// elem decodes the <elem> just started into dst (an addressable row
// struct), with the name of the <list name="..."> group it came in.
func (r *rowReader) elem(s *scanner, dst reflect.Value, group string, grouped bool) error {
	clear(r.seen)
	base := dst.Addr().UnsafePointer()
	var unknown Row
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEnd:
			if unknown != nil && r.codec.raw >= 0 {
				dst.Field(r.codec.raw).Set(reflect.ValueOf(unknown))
			}
			if grouped {
				if r.codec.group < 0 {
					return fmt.Errorf("the rows come in <list name=%q> groups and %s has no field for the group's name", group, r.typ)
				}
				dst.Field(r.codec.group).SetString(group)
			}
			return nil
		case tokStart:
			idx, known := r.codec.byWire[string(localName(s.name))]
			if !known && r.codec.raw < 0 {
				if err := s.skip(); err != nil {
					return err
				}
				continue
			}
			name := string(localName(s.name))
			v, err := s.value(true)
			if err != nil {
				return err
			}
			// An element no field reads, or whose text its field's type
			// can't hold, is kept in Raw, so no cell is lost.
			held := known
			for _, i := range idx {
				if !r.seen[i] {
					r.seen[i] = true
					held = r.codec.fields[i].set(base, dst, v) && held
				}
			}
			if !held && r.codec.raw >= 0 {
				if unknown == nil {
					unknown = Row{}
				}
				if _, dup := unknown[name]; !dup {
					unknown[name] = v
				}
			}
		}
	}
}
