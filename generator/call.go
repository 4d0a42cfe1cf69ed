package generator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/templates"
)

// CallParam is one parameter of a request to turn into a Go call.
type CallParam struct {
	Name, Value string
	// Secret marks a value the caller does not have: the call reads it
	// from the environment variable Env instead.
	Secret bool
	Env    string
}

// Caller writes the Go call of a generated method for a request, as a
// user would write it against the package generated from the same schema
// with the same package name and config. It plans the package once.
type Caller struct {
	pkg   string
	funcs map[string]*templates.Func
	// readonly lists, per function, the parameters the schema marks
	// read-only: outputs of a form, not fields of its request.
	readonly map[string]map[string]bool
}

// NewCaller plans the package of s (as Generate would) for Call.
func NewCaller(s *schema.Schema, pkgName string, cfg *Config) (*Caller, error) {
	pkg, _, err := Plan(s, pkgName, cfg)
	if err != nil {
		return nil, err
	}
	c := &Caller{pkg: pkgName, funcs: map[string]*templates.Func{}, readonly: map[string]map[string]bool{}}
	for _, f := range s.Functions {
		for _, p := range f.Params {
			if p.Readonly {
				if c.readonly[f.Name] == nil {
					c.readonly[f.Name] = map[string]bool{}
				}
				c.readonly[f.Name][p.Name] = true
			}
		}
	}
	for _, a := range pkg.Areas {
		for _, f := range a.Funcs {
			c.funcs[f.Wire] = f
		}
	}
	return c, nil
}

// Call returns the Go statement that makes the request through the
// generated client c (a *Client of the package) with ctx, and notes on
// what it could not carry over. A function without a typed method, or one
// the schema lacks, becomes a raw c.Call. Values reach the code only as
// quoted literals.
func (c *Caller) Call(fn string, params []CallParam) (code string, notes []string) {
	b := &callBuilder{pkg: c.pkg, params: params, readonly: c.readonly[fn]}
	f := c.funcs[fn]
	var stmt *jen.Statement
	switch {
	case f == nil:
		stmt = b.raw(fn)
		b.note("%s has no typed method in this schema (not described, or not there); the call is the untyped Client.Call", fn)
	case f.Kind == "list":
		stmt = b.list(f)
	case f.Kind == "form":
		if _, submit := b.take("sok"); submit {
			stmt = b.withRequest(f, "res")
		} else {
			stmt = b.open(f)
		}
	case f.Kind == "report":
		stmt = b.withRequest(f, "report")
	case f.Kind == "group" && f.Request != nil:
		stmt = b.withRequest(f, "res")
	default:
		stmt = b.group(f)
	}
	var out strings.Builder
	if err := stmt.Render(&out); err != nil {
		// Only a bug of ours can get here: values are quoted literals and
		// names come from the planner.
		return "", append(b.notes, "no Go call could be written: "+err.Error())
	}
	return out.String(), b.notes
}

type callBuilder struct {
	pkg      string
	params   []CallParam
	readonly map[string]bool
	used     []bool
	notes    []string
}

func (b *callBuilder) note(format string, args ...any) {
	b.notes = append(b.notes, fmt.Sprintf(format, args...))
}

// take returns the first unused parameter called name and marks it used.
func (b *callBuilder) take(name string) (CallParam, bool) {
	if b.used == nil {
		b.used = make([]bool, len(b.params))
	}
	for i, p := range b.params {
		if !b.used[i] && p.Name == name {
			b.used[i] = true
			return p, true
		}
	}
	return CallParam{}, false
}

// rest returns the parameters nothing took yet, marking them used.
func (b *callBuilder) rest() []CallParam {
	if b.used == nil {
		b.used = make([]bool, len(b.params))
	}
	var out []CallParam
	for i, p := range b.params {
		if !b.used[i] {
			b.used[i] = true
			out = append(out, p)
		}
	}
	return out
}

// fields is a composite literal's keyed elements in the order added (a
// jen.Dict would sort them).
type fields []jen.Code

func (f *fields) add(key, value jen.Code) { *f = append(*f, jen.Line().Add(key).Op(":").Add(value)) }

// values renders the literal's braces, one element per line.
func (f fields) values() *jen.Statement {
	if len(f) == 0 {
		return jen.Values()
	}
	return jen.Values(append(f, jen.Line())...)
}

func (b *callBuilder) qual(name string) *jen.Statement { return jen.Id(b.pkg + "." + name) }

func rtID(name string) *jen.Statement { return jen.Id("runtime." + name) }

// str is a string value, or os.Getenv of its placeholder for a secret.
func str(p CallParam) *jen.Statement {
	if p.Secret {
		return jen.Id("os.Getenv").Call(jen.Lit(p.Env))
	}
	return jen.Lit(p.Value)
}

// options turns plid, su, lang and elname into runtime options; out is
// the transport's business and is dropped.
func (b *callBuilder) options() []jen.Code {
	var opts []jen.Code
	for _, o := range []struct{ wire, option string }{{"plid", "Plid"}, {"su", "Su"}, {"lang", "Lang"}, {"elname", "Elname"}} {
		if p, ok := b.take(o.wire); ok {
			opts = append(opts, rtID(o.option).Call(str(p)))
		}
	}
	b.take("out")
	return opts
}

// parent is the parent argument of a function inside a sub-list: the plid
// given, or an empty string (which the method refuses) with a note.
func (b *callBuilder) parent(f *templates.Func) []jen.Code {
	if f.SubList == "" {
		return nil
	}
	if p, ok := b.take("plid"); ok {
		return []jen.Code{str(p)}
	}
	b.note("plid is missing: %s works under one row of the list %s and refuses an empty parent; put that row's key in the first argument", f.Method, f.ParentList)
	return []jen.Code{jen.Lit("")}
}

func (b *callBuilder) call(result, method string, args ...jen.Code) *jen.Statement {
	return jen.List(jen.Id(result), jen.Err()).Op(":=").Id("c").Dot(method).Call(append([]jen.Code{jen.Id("ctx")}, args...)...)
}

func (b *callBuilder) raw(fn string) *jen.Statement {
	opts := b.options()
	var secrets []jen.Code
	var d fields
	for _, p := range b.rest() {
		d.add(jen.Lit(p.Name), jen.Values(str(p)))
		if p.Secret {
			secrets = append(secrets, jen.Lit(p.Name))
		}
	}
	if len(secrets) > 0 {
		opts = append(opts, rtID("Secret").Call(secrets...))
	}
	args := append([]jen.Code{jen.Lit(fn), jen.Qual("net/url", "Values").Add(d.values())}, opts...)
	return b.call("res", "Call", args...)
}

func (b *callBuilder) list(f *templates.Func) *jen.Statement {
	opts := b.options()
	var d fields
	if f.Parent != "" {
		if p, ok := b.take("elid"); ok {
			d.add(jen.Id("Parent"), str(p))
		}
	}
	for _, pg := range []struct{ wire, field string }{{"p_num", "Page"}, {"p_cnt", "PageSize"}} {
		if p, ok := b.take(pg.wire); ok {
			if n, err := strconv.Atoi(p.Value); err == nil {
				d.add(jen.Id(pg.field), jen.Lit(n))
			} else {
				b.note("%s=%q is not a number; left out", pg.wire, p.Value)
			}
		}
	}
	filter, filtered := b.take("filter")
	var filters fields
	for _, p := range b.rest() {
		if filtered && filter.Value == "on" {
			filters.add(jen.Lit(p.Name), jen.Values(str(p)))
		} else {
			b.note("%s is not a parameter of the list %s; set it in req.Filter (sent with filter=on) or use Client.Call", p.Name, f.Wire)
		}
	}
	if len(filters) > 0 {
		d.add(jen.Id("Filter"), jen.Qual("net/url", "Values").Add(filters.values()))
	}
	req := jen.Op("&").Add(b.qual(f.Method + "Request")).Add(d.values())
	return b.call("rows", f.Method, append([]jen.Code{req}, opts...)...)
}

func (b *callBuilder) open(f *templates.Func) *jen.Statement {
	parent := b.parent(f)
	opts := b.options()
	elid := jen.Lit("")
	if p, ok := b.take("elid"); ok {
		elid = str(p)
	}
	for _, p := range b.rest() {
		b.note("%s: opening the form %s takes only elid; it is left out (with sok=ok the request would be a submit)", p.Name, f.Wire)
	}
	return b.call("form", f.Method+"Get", append(append(parent, elid), opts...)...)
}

// withRequest builds a request struct literal from the parameters; the
// request's Elid kind says whether elid holds one id or several (", "
// between them).
func (b *callBuilder) withRequest(f *templates.Func, result string) *jen.Statement {
	parent := b.parent(f)
	opts := b.options()
	var d fields
	if p, ok := b.take("elid"); ok && p.Value != "" { // an empty elid creates
		switch f.Request.Elid {
		case "single":
			d.add(jen.Id("Elid"), str(p))
		case "multi":
			var ids []jen.Code
			for _, id := range splitIDs(p.Value) {
				ids = append(ids, jen.Lit(id))
			}
			d.add(jen.Id("Elid"), jen.Index().String().Values(ids...))
		default:
			b.note("elid: %s takes no object id; it is left out", f.Method)
		}
	}
	// Fields in the struct's order, whatever order the request had.
	byWire := map[string]*templates.Field{}
	for _, fd := range f.Request.Fields {
		byWire[fd.Wire] = fd
	}
	set := map[*templates.Field]jen.Code{}
	for _, p := range b.rest() {
		fd := byWire[p.Name]
		switch {
		case fd != nil:
		case b.readonly[p.Name]:
			b.note("%s is read-only in %s (the form shows it, a submit does not take it); left out", p.Name, f.Wire)
			continue
		case p.Name == "snext" || p.Name == "clicked_button":
			b.note("%s=%q: the schema gives %s no such control (not a wizard step, or no such button); left out", p.Name, p.Value, f.Wire)
			continue
		default:
			b.note("%s is not a parameter of %s in the schema; left out (pass it with Client.Call, or recapture the panel)", p.Name, f.Wire)
			continue
		}
		if _, dup := set[fd]; dup {
			b.note("%s is given twice; the first value is kept", p.Name)
			continue
		}
		if v := b.value(f, fd, p); v != nil {
			// A form's fields are all Optional (see templates.EmitRequest).
			if (!fd.Required || f.Request.Elid == "single") && !fd.Plain && fd.Type != "next" {
				v = rtID("Set").Call(v)
			}
			set[fd] = v
		}
	}
	for _, fd := range f.Request.Fields {
		if v, ok := set[fd]; ok {
			d.add(jen.Id(fd.Name), v)
		}
	}
	req := jen.Op("&").Add(b.qual(f.Request.Name)).Add(d.values())
	return b.call(result, f.Method, append(append(parent, req), opts...)...)
}

// value is the Go expression of one field's value, or nil (with a note)
// when the text does not fit the field's type.
func (b *callBuilder) value(f *templates.Func, fd *templates.Field, p CallParam) *jen.Statement {
	bad := func(want string) *jen.Statement {
		b.note("%s=%q is not %s, as %s.%s needs; left out", p.Name, p.Value, want, f.Request.Name, fd.Name)
		return nil
	}
	if p.Secret {
		if fd.Type != "string" {
			return bad("available (it is secret)")
		}
		return str(p)
	}
	switch fd.Type {
	case "bool":
		switch p.Value {
		case "on":
			return jen.True()
		case "off":
			return jen.False()
		}
		return bad("on or off")
	case "int":
		n, err := strconv.ParseInt(p.Value, 10, 64)
		if err != nil {
			return bad("an integer")
		}
		return jen.Lit(n)
	case "float":
		if _, err := runtime.ParseDecimal(p.Value); err != nil {
			return bad("a decimal number")
		}
		return rtID("MustDecimal").Call(jen.Lit(p.Value))
	case "enum":
		return b.enumValue(f, fd.Enum, p.Value)
	case "list":
		var items []jen.Code
		for _, v := range splitIDs(p.Value) {
			if fd.Enum != "" {
				items = append(items, b.enumValue(f, fd.Enum, v))
			} else {
				items = append(items, jen.Lit(v))
			}
		}
		if fd.Enum != "" {
			return jen.Index().Add(b.qual(fd.Enum)).Values(items...)
		}
		return jen.Index().String().Values(items...)
	case "file":
		b.note("%s is a file upload; a log line or URL does not carry the file, set %s.%s to a runtime.File", p.Name, f.Request.Name, fd.Name)
		return nil
	case "next":
		if p.Value != "" {
			return jen.True()
		}
		return nil
	}
	return jen.Lit(p.Value)
}

// enumValue is the named constant of key, or a conversion when the enum
// has none for it (open enums take any value).
func (b *callBuilder) enumValue(f *templates.Func, enum, key string) *jen.Statement {
	for _, e := range f.Enums {
		if e.Name != enum {
			continue
		}
		for _, c := range e.Consts {
			if c.Key == key {
				return b.qual(c.Name)
			}
		}
	}
	return b.qual(enum).Call(jen.Lit(key))
}

func (b *callBuilder) group(f *templates.Func) *jen.Statement {
	parent := b.parent(f)
	var ids []jen.Code
	if p, ok := b.take("elid"); ok {
		for _, id := range splitIDs(p.Value) {
			ids = append(ids, jen.Lit(id))
		}
	}
	opts := b.options()
	for _, p := range b.rest() {
		b.note("%s: %s takes only ids; it is left out", p.Name, f.Method)
	}
	return b.call("res", f.Method, append(append(parent, jen.Index().String().Values(ids...)), opts...)...)
}

// splitIDs splits an elid list ("a, b") into ids.
func splitIDs(v string) []string {
	var out []string
	for _, id := range strings.Split(v, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}
