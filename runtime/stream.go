package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"
)

// DecodeList reads a list answer and returns its rows as T (a generated
// row struct), with the paging it reports, in one pass; an error document
// or a login page gives the error Decode gives. For generated code and
// tests.
func DecodeList[T any](fn string, body []byte, status int) ([]T, Page, error) {
	var rows []T
	page, err := decodeList(fn, body, status, reflect.ValueOf(&rows))
	return rows, page, err
}

// rowsSink is the sink of a list call appending to the slice slicePtr
// points to. The generic wrappers stay one line each, so a package with a
// thousand row types compiles the decoder once, not once per type.
func rowsSink(slicePtr reflect.Value) *sink {
	return &sink{rows: slicePtr, keep: slicePtr.Elem().Len(), rr: newRowReader(slicePtr.Elem().Type().Elem())}
}

// decodeList appends the rows of body to the slice slicePtr points to.
func decodeList(fn string, body []byte, status int, slicePtr reflect.Value) (Page, error) {
	resp, err := scanAnswer(fn, newScanner(body), body, status, rowsSink(slicePtr))
	if err != nil {
		return Page{}, err
	}
	return resp.Page(), nil
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
// as it is parsed; it stops when yield returns false. The window holds one
// row's worth of the answer at a time.
func streamInto(fn string, r io.Reader, t reflect.Type, yield func(reflect.Value) bool) (Page, error) {
	sk := &sink{rr: newRowReader(t), yield: yield}
	resp, err := scanAnswer(fn, newStreamScanner(r), nil, 200, sk)
	if err == errStopped {
		return Page{}, nil
	}
	if err != nil {
		return Page{}, err
	}
	return resp.Page(), nil
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
	sk := rowsSink(rows)
	req.sink = sk
	resp, err := c.Do(ctx, req, opts...)
	if err != nil {
		return nil, Page{}, err
	}
	if resp.top != nil && resp.top.sunk == sk {
		return resp, resp.Page(), nil
	}
	// A transport of the caller's own decoded without the sink.
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
		rows := reflect.New(reflect.SliceOf(t))
		sk := rowsSink(rows)
		req.sink = sk
		resp, err := c.transport.Call(ctx, req)
		if err != nil {
			yield(reflect.Value{}, err)
			return
		}
		if resp.top == nil || resp.top.sunk != sk {
			if _, err := decodeList(fn, resp.Raw, 200, rows); err != nil {
				yield(reflect.Value{}, err)
				return
			}
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
		_, err := streamInto(fn, body, t, func(row reflect.Value) bool {
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
