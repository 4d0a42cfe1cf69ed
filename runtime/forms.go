package runtime

import (
	"context"
	"reflect"
)

// The helpers below are what generated methods consist of: one line that
// names the function and the generated types, so a package of a thousand
// functions holds tables, not code. For generated code.

// Open opens the form fn for the object elid (empty for a new one) and
// decodes its current values, select options and tables into T, a
// generated form-values struct. For generated code.
func Open[T any](ctx context.Context, c *Client, fn, elid string, opts []Option) (*T, error) {
	v := new(T)
	if err := OpenInto(ctx, c, fn, elid, opts, v); err != nil {
		return nil, err
	}
	return v, nil
}

// OpenInto is Open filling form, a pointer to a generated form-values
// struct: the non-generic form generated code uses. For generated code.
func OpenInto(ctx context.Context, c *Client, fn, elid string, opts []Option, form any) error {
	req := NewReadRequest(fn)
	if elid != "" {
		req.Set("elid", elid)
	}
	v := reflect.ValueOf(form).Elem()
	req.sink = formSink(v.Type())
	resp, err := c.Do(ctx, req, opts...)
	if err != nil {
		return err
	}
	fill(v, resp, elid, req.sink)
	return nil
}

// Submit encodes req (a generated request struct) with its rules, sends it
// with sok=ok and returns the outcome. An answer that does not confirm the
// submit (see ErrUnconfirmed) is a *MayHaveRunError. For generated code.
func Submit(ctx context.Context, c *Client, fn string, req any, rules *FormRules, opts []Option) (*Result, error) {
	r, resp, err := c.send(ctx, fn, req, rules, true, false, opts)
	if err != nil {
		return nil, err
	}
	return confirm(r, resp, confirmedSubmit)
}

// Run encodes req (the parameters of a group operation) with its rules,
// sends it and returns the outcome. An answer without <ok/> is a
// *MayHaveRunError (see ErrUnconfirmed). For generated code.
func Run(ctx context.Context, c *Client, fn string, req any, rules *FormRules, opts []Option) (*Result, error) {
	r, resp, err := c.send(ctx, fn, req, rules, false, false, opts)
	if err != nil {
		return nil, err
	}
	return confirm(r, resp, groupShape)
}

// Report runs the report fn with the parameters req and decodes its tables
// into T. For generated code.
func Report[T any](ctx context.Context, c *Client, fn string, req any, rules *FormRules, opts []Option) (*T, error) {
	v := new(T)
	sk := formSink(reflect.TypeFor[T]())
	_, resp, err := c.sendWith(ctx, fn, req, rules, true, true, opts, sk)
	if err != nil {
		return nil, err
	}
	fill(reflect.ValueOf(v).Elem(), resp, "", sk)
	return v, nil
}

func (c *Client) send(ctx context.Context, fn string, req any, rules *FormRules, sok, read bool, opts []Option) (*Request, *Response, error) {
	return c.sendWith(ctx, fn, req, rules, sok, read, opts, nil)
}

func (c *Client) sendWith(ctx context.Context, fn string, req any, rules *FormRules, sok, read bool, opts []Option, sk *sink) (*Request, *Response, error) {
	r := NewRequest(fn)
	r.Read, r.sink = read, sk
	if err := Encode(r, req, rules); err != nil {
		return nil, nil, err
	}
	if sok {
		r.Set("sok", "ok")
	}
	resp, err := c.Do(ctx, r, opts...)
	return r, resp, err
}

var (
	choicesType  = reflect.TypeOf(map[string][]Choice(nil))
	responseType = reflect.TypeOf((*Response)(nil))
)

// formSink is the sink of a form or report whose values struct is t: the
// pass collects its values, options and the tables it reads.
func formSink(t reflect.Type) *sink {
	sk := &sink{form: true}
	for _, name := range codecOf(t).tables {
		if sk.tables == nil {
			sk.tables = map[string]bool{}
		}
		sk.tables[name] = true
	}
	return sk
}

// fill decodes an answer into a generated values or report struct: bound
// fields (an embedded request's too) from the document's values, table
// fields from its tables, and the Choices, Response and Elid fields when
// present. What the transport's pass collected in sk is used as is; a
// table the pass did not meet at the top level is looked for in the whole
// document, as is everything when the pass did not run (a transport of the
// caller's own).
func fill(v reflect.Value, resp *Response, elid string, sk *sink) {
	sunk := resp.top != nil && resp.top.sunk == sk && sk != nil
	values := func() Row {
		if sunk {
			if sk.values == nil {
				return Row{}
			}
			return sk.values
		}
		return resp.Values()
	}
	choices := func() map[string][]Choice {
		if sunk {
			if sk.choices == nil {
				return map[string][]Choice{}
			}
			return sk.choices
		}
		return resp.Choices()
	}
	table := func(name string) []Row {
		if sunk {
			if n := sk.found[name]; n != nil {
				var rows []Row
				for _, e := range n.All("elem") {
					rows = append(rows, rowOf(e, nil))
				}
				return rows
			}
		}
		return resp.TableRows(name)
	}
	c := codecOf(v.Type())
	if c.hasValues {
		DecodeInto(values(), v.Addr().Interface())
	}
	if f, ok := v.Type().FieldByName("Elid"); ok && f.Type.Kind() == reflect.String {
		v.FieldByIndex(f.Index).SetString(elid)
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		switch {
		case sf.Name == "Choices" && sf.Type == choicesType:
			v.Field(i).Set(reflect.ValueOf(choices()))
		case sf.Name == "Response" && sf.Type == responseType:
			v.Field(i).Set(reflect.ValueOf(resp))
		case sf.Type.Kind() == reflect.Slice && c.tables[i] != "":
			rows := table(c.tables[i])
			sl := reflect.MakeSlice(sf.Type, len(rows), len(rows))
			for j, r := range rows {
				DecodeInto(r, sl.Index(j).Addr().Interface())
			}
			if len(rows) > 0 {
				v.Field(i).Set(sl)
			}
		}
	}
}

var optionalFileType = reflect.TypeFor[Optional[File]]()

// ForResend prepares a request read from an opened form to be submitted
// again: every field keeps exactly what the panel sent (a field the panel
// left out stays absent, an empty one stays empty, any text travels back
// byte for byte), while secrets (a panel shows them empty or masked),
// files, the clicked button and a wizard's next flag are cleared. It is
// what a generated Form.Request does. For generated code.
func ForResend(req any) {
	rv := reflect.ValueOf(req).Elem()
	for _, f := range codecOf(rv.Type()).fields {
		fv := f.of(rv)
		if f.secret || f.next || f.wire == "clicked_button" || fv.Type() == fileType || fv.Type() == optionalFileType {
			fv.SetZero()
		}
	}
}
