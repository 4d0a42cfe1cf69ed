package runtime

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strconv"
	"strings"
)

// rowDecoder reads a list answer token by token and fills typed rows
// directly: no document tree, and no map per row for the columns the row
// type knows (unknown ones still land in its Raw field).
type rowDecoder struct {
	dec   *xml.Decoder
	codec *structCodec
	page  Page
	text  []byte   // reused buffer for element text
	seen  []bool   // fields set in the current row: the first element wins
	open  []string // names of the elements open now, outermost first
	// group is the name of the <list name="..."> group being read, for
	// answers whose rows come in groups; groups counts the ones open.
	group  string
	groups int
}

// token is the decoder's next raw token, with what RawToken leaves out:
// each end tag must close the element open, and the document must not
// end inside one.
func (d *rowDecoder) token() (xml.Token, error) {
	tok, err := d.dec.RawToken()
	if err == io.EOF && len(d.open) > 0 {
		return nil, fmt.Errorf("the answer ends inside <%s>", d.open[len(d.open)-1])
	}
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		d.open = append(d.open, t.Name.Local)
	case xml.EndElement:
		if len(d.open) == 0 || d.open[len(d.open)-1] != t.Name.Local {
			line, _ := d.dec.InputPos()
			return nil, fmt.Errorf("line %d: </%s> does not close the element open", line, t.Name.Local)
		}
		d.open = d.open[:len(d.open)-1]
	}
	return tok, nil
}

// errNotList means the answer is not a plain list document (an error
// document, a login page, something else); the caller reads it whole.
var errNotList = errors.New("not a list document")

func newRowDecoder(r io.Reader, t reflect.Type) *rowDecoder {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charsetReader
	return &rowDecoder{dec: dec, codec: codecOf(t)}
}

func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.ReplaceAll(label, "-", "")) {
	case "utf8", "":
		return r, nil
	}
	return nil, fmt.Errorf("unsupported charset %q", label)
}

// start reads up to the root element and checks it is <doc>.
func (d *rowDecoder) start() error {
	for {
		tok, err := d.token()
		if err != nil {
			return errNotList
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "doc" {
				return errNotList
			}
			return nil
		}
	}
}

// next decodes the next <elem> into dst (a pointer to the row struct) and
// reports false at the end of the document. Paging elements met on the
// way are recorded; an <error> child of <doc> gives errNotList.
func (d *rowDecoder) next(dst reflect.Value) (bool, error) {
	for {
		tok, err := d.token()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "elem":
				return true, d.elem(dst)
			case "list":
				// Rows grouped in <list name="..."> (BILLmanager's
				// account.discountinfo, plugin lists) are the list's rows
				// too, each with its group's name.
				d.group, d.groups = attrValue(t, "name"), d.groups+1
			case "error":
				return false, errNotList
			case "p_num", "p_cnt", "p_elems":
				text, _, err := d.readText()
				if err != nil {
					return false, err
				}
				n, _ := strconv.Atoi(strings.TrimSpace(text))
				switch t.Name.Local {
				case "p_num":
					d.page.Num = n
				case "p_cnt":
					d.page.Size = n
				default:
					d.page.Total = n
				}
			default:
				if err := d.skip(); err != nil {
					return false, err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "list" && d.groups > 0 {
				d.group, d.groups = "", d.groups-1
			}
			if t.Name.Local == "doc" {
				return false, nil
			}
		}
	}
}

func attrValue(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// skip reads past the end of the element just opened. (xml.Decoder.Skip
// can't be mixed with RawToken.)
func (d *rowDecoder) skip() error {
	for depth := 1; depth > 0; {
		tok, err := d.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// elem decodes the children of one <elem>.
func (d *rowDecoder) elem(dst reflect.Value) error {
	var unknown Row
	if d.seen == nil {
		d.seen = make([]bool, len(d.codec.fields))
	}
	clear(d.seen)
	for {
		tok, err := d.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if unknown != nil && d.codec.raw >= 0 {
				dst.Field(d.codec.raw).Set(reflect.ValueOf(unknown))
			}
			if d.groups > 0 {
				if d.codec.group < 0 {
					return fmt.Errorf("the rows come in <list name=%q> groups and %s has no field for the group's name", d.group, dst.Type())
				}
				dst.Field(d.codec.group).SetString(d.group)
			}
			return nil
		case xml.StartElement:
			v := Value{}
			for _, a := range t.Attr {
				if a.Name.Local == "orig" {
					v.Orig = a.Value
				} else {
					if v.Attrs == nil {
						v.Attrs = map[string]string{}
					}
					v.Attrs[a.Name.Local] = a.Value
				}
			}
			text, node, err := d.readText()
			if err != nil {
				return err
			}
			v.Text, v.Node = strings.TrimSpace(text), node
			idx, known := d.codec.byWire[t.Name.Local]
			// An element no field reads, or whose text its field's type
			// can't hold, is kept in Raw, so no cell is lost.
			held := known
			for _, i := range idx {
				if !d.seen[i] {
					d.seen[i] = true
					held = setField(dst, d.codec.fields[i], v, true) && held
				}
			}
			if !held && d.codec.raw >= 0 {
				if unknown == nil {
					unknown = Row{}
				}
				if _, dup := unknown[t.Name.Local]; !dup {
					unknown[t.Name.Local] = v
				}
			}
		}
	}
}

// readText reads the text of the element just opened, up to its end; an
// element with children comes back as a node as well.
func (d *rowDecoder) readText() (string, *Node, error) {
	d.text = d.text[:0]
	var node *Node
	var stack []*Node
	for depth := 1; ; {
		tok, err := d.token()
		if err != nil {
			return "", nil, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 1 {
				d.text = append(d.text, t...)
			} else if len(stack) > 0 {
				stack[len(stack)-1].Text += string(t)
			}
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return "", nil, errors.New("document nested too deeply")
			}
			n := &Node{Name: t.Name.Local, Attrs: append([]xml.Attr(nil), t.Attr...)}
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
		case xml.EndElement:
			depth--
			if depth == 0 {
				return string(d.text), node, nil
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// DecodeList reads a list answer and returns its rows as T (a generated
// row struct), with the paging it reports. An answer that is not a plain
// list (an error document, a login page) is decoded whole, so the error
// is the same as Decode gives. For generated code and tests.
func DecodeList[T any](fn string, body []byte, status int) ([]T, Page, error) {
	var rows []T
	page, err := decodeList(fn, body, status, reflect.ValueOf(&rows))
	return rows, page, err
}

// decodeList appends the rows of body to the slice slicePtr points to.
// The generic wrappers stay one line each, so a package with a thousand
// row types compiles the decoder once, not once per type.
func decodeList(fn string, body []byte, status int, slicePtr reflect.Value) (Page, error) {
	sl := slicePtr.Elem()
	page, err := streamInto(bytes.NewReader(body), sl.Type().Elem(), func(row reflect.Value) bool {
		sl.Set(reflect.Append(sl, row))
		return true
	})
	if errors.Is(err, errNotList) {
		resp, derr := Decode(fn, body, status)
		if derr != nil {
			return Page{}, derr
		}
		return resp.Page(), nil // a document without rows is an empty list
	}
	return page, listError(fn, status, body, err)
}

// listError makes every failure to read a list a typed error naming the
// function: a *DecodeError unless it is one already (or a panel error, a
// transport failure or the context's end).
func listError(fn string, status int, body []byte, err error) error {
	var (
		de *DecodeError
		pe *Error
		te *TransportError
	)
	if err == nil || errors.As(err, &de) || errors.As(err, &pe) || errors.As(err, &te) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &DecodeError{Func: fn, StatusCode: status, Raw: body, Err: err}
}

// streamInto decodes rows of type t from r, handing each to yield as soon
// as it is parsed; it stops when yield returns false.
func streamInto(r io.Reader, t reflect.Type, yield func(reflect.Value) bool) (Page, error) {
	d := newRowDecoder(r, t)
	if err := d.start(); err != nil {
		return Page{}, err
	}
	for {
		row := reflect.New(t).Elem()
		ok, err := d.next(row)
		if err != nil || !ok {
			return d.page, err
		}
		if !yield(row) {
			return d.page, nil
		}
	}
}

// List calls the list function fn with the selection lr and decodes its
// rows into T. For generated code.
func List[T any](ctx context.Context, c *Client, fn string, lr *ListRequest, opts []Option) (*ListResult[T], error) {
	out := &ListResult[T]{}
	resp, page, err := c.list(ctx, fn, lr, opts, reflect.ValueOf(&out.Rows))
	out.Response, out.Page = resp, page
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListInto calls the list function fn and fills out, a
// *ListResult[Row] of a generated row type: the non-generic form of List,
// which generated code uses so the compiler builds it once. For generated
// code.
func ListInto(ctx context.Context, c *Client, fn string, lr *ListRequest, opts []Option, out any) error {
	v := reflect.ValueOf(out).Elem()
	resp, page, err := c.list(ctx, fn, lr, opts, v.FieldByName("Rows").Addr())
	if err != nil {
		return err
	}
	v.FieldByName("Page").Set(reflect.ValueOf(page))
	v.FieldByName("Response").Set(reflect.ValueOf(resp))
	return nil
}

func (c *Client) list(ctx context.Context, fn string, lr *ListRequest, opts []Option, rows reflect.Value) (*Response, Page, error) {
	req := NewReadRequest(fn)
	lr.Encode(req)
	resp, err := c.Do(ctx, req, opts...)
	if err != nil {
		return nil, Page{}, err
	}
	page, err := decodeList(fn, resp.Raw, 200, rows)
	return resp, page, err
}

// StreamList is Stream for a generated list row type R, whose Raw field's
// binding (list=NAME in its wire table) names its list. For generated code.
func StreamList[R any](ctx context.Context, c *Client, sel ListSelection, opts []Option) iter.Seq2[R, error] {
	fn := codecOf(reflect.TypeFor[R]()).list
	if fn == "" {
		return func(yield func(R, error) bool) {
			var zero R
			yield(zero, fmt.Errorf("mgr: %s is not a list row type", reflect.TypeFor[R]()))
		}
	}
	return Stream[R](ctx, c, fn, selected(sel), opts)
}

// Stream calls the list function fn and yields its rows as they are
// parsed, never holding the whole answer when the transport can stream
// (HTTP does): a list of 100,000 rows costs the memory of one row at a
// time. The sequence ends after the first error. For generated code.
func Stream[T any](ctx context.Context, c *Client, fn string, lr *ListRequest, opts []Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		c.stream(ctx, fn, lr, opts, reflect.TypeFor[T](), func(row reflect.Value, err error) bool {
			if err != nil {
				var zero T
				return yield(zero, err)
			}
			return yield(row.Interface().(T), nil)
		})
	}
}

func (c *Client) stream(ctx context.Context, fn string, lr *ListRequest, opts []Option, t reflect.Type, yield func(reflect.Value, error) bool) {
	req := NewReadRequest(fn)
	lr.Encode(req)
	c.prepare(ctx, req, opts)
	st, ok := c.transport.(streamer)
	if !ok {
		resp, err := c.transport.Call(ctx, req)
		if err != nil {
			yield(reflect.Value{}, err)
			return
		}
		rows := reflect.New(reflect.SliceOf(t))
		if _, err := decodeList(fn, resp.Raw, 200, rows); err != nil {
			yield(reflect.Value{}, err)
			return
		}
		for i := 0; i < rows.Elem().Len(); i++ {
			if !yield(rows.Elem().Index(i), nil) {
				return
			}
		}
		return
	}
	stopped := false
	err := st.stream(ctx, req, func(body io.Reader) error {
		_, err := streamInto(body, t, func(row reflect.Value) bool {
			if !yield(row, nil) {
				stopped = true
				return false
			}
			return true
		})
		return listError(fn, 200, nil, err)
	})
	if err != nil && !stopped {
		yield(reflect.Value{}, err)
	}
}

// streamer is a transport that can hand over an answer as it arrives.
type streamer interface {
	stream(ctx context.Context, req *Request, read func(io.Reader) error) error
}

// DecodeRows decodes rows (of a table inside a form or report) into T.
// For generated code.
func DecodeRows[T any](rows []Row) []T {
	if len(rows) == 0 {
		return nil
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		DecodeInto(r, &out[i])
	}
	return out
}
