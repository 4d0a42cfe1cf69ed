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
		return jen.Float64()
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

// EmitRequest renders a request struct and its encode method, which checks
// required fields (returning an error before anything is sent) and writes
// every field that is set into the runtime request.
func EmitRequest(s *Struct) jen.Code {
	var fields []jen.Code
	switch s.Elid {
	case "single":
		fields = append(fields, Comment("Elid is the id of the object to change; leave it empty to create a new one."), jen.Id("Elid").String())
	case "multi":
		fields = append(fields, Comment("Elid lists the ids of the objects to act on (at least one)."), jen.Id("Elid").Index().String())
	}
	for _, f := range s.Fields {
		typ := goType(f)
		if !f.Required && !f.Plain && f.Type != "next" {
			typ = rt("Optional").Types(typ)
		}
		fields = append(fields, Comment(FieldDoc(f)), jen.Id(f.Name).Add(typ))
	}
	var body []jen.Code
	if s.Elid == "single" {
		body = append(body, jen.If(jen.Id("r").Dot("Elid").Op("!=").Lit("")).Block(
			jen.Id("req").Dot("Set").Call(jen.Lit("elid"), jen.Id("r").Dot("Elid"))))
	}
	if s.Elid == "multi" {
		body = append(body,
			jen.If(jen.Len(jen.Id("r").Dot("Elid")).Op("==").Lit(0)).Block(
				jen.Return(rt("Required").Call(jen.Lit(s.Func), jen.Lit("Elid"), jen.Lit("elid")))),
			jen.Id("req").Dot("Set").Call(jen.Lit("elid"), rt("JoinIDs").Call(jen.Id("r").Dot("Elid").Op("..."))))
	}
	for _, f := range s.Fields {
		body = append(body, encodeField(f)...)
	}
	if s.Rules != nil {
		body = append(body, jen.Return(jen.Id(s.Rules.Var).Dot("Check").Call(jen.Id("req"))))
	} else {
		body = append(body, jen.Return(jen.Nil()))
	}
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(), jen.Line(),
		jen.Func().Params(jen.Id("r").Op("*").Id(s.Name)).Id("encode").
			Params(jen.Id("req").Op("*").Add(rt("Request"))).Error().Block(body...), jen.Line(),
		emitRules(s), jen.Line(),
	)
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
		Comment(Wrap(r.Var+" is the requiredness table "+s.Name+".encode checks.")), jen.Line(),
		jen.Var().Id(r.Var).Op("=").Op("&").Add(rt("FormRules")).Values(d), jen.Line(),
	)
}

// encodeField writes one field. A required string, enum or list is sent
// when it is not empty (the rules table decides whether empty is an
// error); other required fields always; optional ones only when set.
func encodeField(f *Field) []jen.Code {
	setter := func(v *jen.Statement) jen.Code {
		method, arg := "Set", v
		switch f.Type {
		case "bool":
			method = "SetBool"
		case "int":
			method = "SetInt"
		case "float":
			method = "SetFloat"
		case "enum":
			arg = jen.String().Call(v)
		case "list":
			method = "SetList"
			if f.Enum != "" {
				arg = rt("Strings").Call(v)
			}
		case "file":
			method = "SetFile"
		}
		call := jen.Id("req").Dot(method).Call(jen.Lit(f.Wire), arg)
		if f.Secret {
			call = jen.Id("req").Dot("MarkSecret").Call(jen.Lit(f.Wire)).Line().Add(call)
		}
		return call
	}
	if f.Type == "next" {
		return []jen.Code{jen.If(jen.Id("r").Dot(f.Name)).Block(jen.Id("req").Dot("Set").Call(jen.Lit(f.Wire), jen.Lit("ok")))}
	}
	if f.Required || f.Plain {
		var set jen.Code
		switch f.Type {
		case "string", "enum":
			set = jen.Id("r").Dot(f.Name).Op("!=").Lit("")
		case "list":
			set = jen.Len(jen.Id("r").Dot(f.Name)).Op(">").Lit(0)
		case "file":
			set = jen.Id("r").Dot(f.Name).Dot("Content").Op("!=").Nil()
		}
		if set != nil {
			return []jen.Code{jen.If(set).Block(setter(jen.Id("r").Dot(f.Name)))}
		}
		return []jen.Code{setter(jen.Id("r").Dot(f.Name))}
	}
	return []jen.Code{
		jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("r").Dot(f.Name).Dot("Get").Call(), jen.Id("ok")).Block(setter(jen.Id("v"))),
	}
}
