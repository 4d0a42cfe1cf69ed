package templates

import (
	"github.com/dave/jennifer/jen"
)

// goType returns the Go type of a field as a request or value field.
func goType(f *Field) *jen.Statement {
	switch f.Type {
	case "bool":
		return jen.Bool()
	case "int":
		return jen.Int64()
	case "float":
		// Amounts and prices: exact text, never float64.
		return rt("Decimal")
	case "enum":
		return jen.Id(f.Enum)
	case "list":
		if f.Enum != "" {
			return jen.Index().Id(f.Enum)
		}
		return jen.Index().String()
	case "file":
		return rt("File")
	case "next":
		return jen.Bool()
	}
	return jen.String()
}

func rt(name string) *jen.Statement { return jen.Qual(RuntimePath, name) }

// EmitRequest renders a request struct. Its wire table is what the
// runtime encodes it with (runtime.Encode), and its requiredness table is
// a runtime.FormRules value beside it.
func EmitRequest(s *Struct) jen.Code {
	var l fieldList
	switch s.Elid {
	case "single":
		l.add("elid", jen.Id("Elid").String().Add(Trailing("the object to change; empty creates a new one")))
	case "multi":
		l.add("elid", jen.Id("Elid").Index().String().Add(Trailing("the objects to act on (at least one)")))
	}
	// A form's parameters are all Optional, required ones included: an
	// opened form is sent back as it was read, and only an Optional can
	// tell absent, empty and text the Go type cannot hold apart.
	form := s.Elid == "single"
	for _, f := range s.Fields {
		typ := goType(f)
		if (!f.Required || form) && !f.Plain && f.Type != "next" {
			typ = rt("Optional").Types(typ)
		}
		// Bound as a form's value too (a bool reads on/off), since an
		// opened form's values embed the request.
		l.add(binding(f, true), documented(jen.Id(f.Name).Add(typ), f, true)...)
	}
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(l.code()...), jen.Line(),
		emitRules(s), jen.Line(),
	)
}

// rulesOf is the expression a submit passes to runtime.Encode: the
// request's requiredness table, or nil.
func rulesOf(s *Struct) jen.Code {
	if s == nil || s.Rules == nil {
		return jen.Nil()
	}
	return jen.Id(s.Rules.Var)
}

// emitRules renders the requiredness table of s as a runtime.FormRules
// variable: data the runtime walks, not generated if-chains.
func emitRules(s *Struct) jen.Code {
	r := s.Rules
	if r == nil {
		return jen.Null()
	}
	kv := func(k, v string) jen.Code { return jen.Id(k).Op(":").Lit(v) }
	var req []jen.Code
	for _, q := range r.Required {
		item := []jen.Code{kv("Param", q.Param), kv("Field", q.Field)}
		if q.FormField != "" {
			item = append(item, kv("FormField", q.FormField))
		}
		if q.Feature != "" {
			item = append(item, kv("Feature", q.Feature))
		}
		if q.RemoveIf != "" {
			item = append(item, kv("RemoveIf", q.RemoveIf))
		}
		req = append(req, jen.Line().Values(item...))
	}
	var hides []jen.Code
	for _, h := range r.Hides {
		hides = append(hides, jen.Line().Values(kv("Param", h.Param), kv("Value", h.Value), kv("Hide", h.Hide)))
	}
	d := jen.Dict{jen.Id("Func"): jen.Lit(s.Func), jen.Id("Required"): jen.Index().Add(rt("RequiredParam")).Values(append(req, jen.Line())...)}
	if r.Form {
		d[jen.Id("Form")] = jen.True()
	}
	if len(hides) > 0 {
		d[jen.Id("Hides")] = jen.Index().Add(rt("HideRule")).Values(append(hides, jen.Line())...)
	}
	return jen.Add(
		Comment(r.Var+" is the requiredness table of "+s.Name+"."), jen.Line(),
		jen.Var().Id(r.Var).Op("=").Op("&").Add(rt("FormRules")).Values(d), jen.Line(),
	)
}
