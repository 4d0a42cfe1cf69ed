package templates

import (
	"github.com/dave/jennifer/jen"
)

// tag binds a field to its wire name for the runtime's codec (see
// runtime/codec.go): `mgr:"wire[,option...]"`.
func tag(f *Field, form bool) map[string]string {
	t := f.Wire
	switch {
	case f.Prop:
		t += ",prop"
	case f.Type == "bool" && form:
		t += ",on"
	case f.Type == "next":
		t += ",next"
	}
	if f.Secret {
		t += ",secret"
	}
	return map[string]string{"mgr": t}
}

// dataFields are the tagged fields of a row or values struct; with docs
// set, each has its one doc comment.
func dataFields(s *Struct, docs, form bool) []jen.Code {
	var fields []jen.Code
	for _, f := range s.Fields {
		if docs {
			fields = append(fields, Comment(FieldDoc(f)))
		}
		fields = append(fields, jen.Id(f.Name).Add(goType(f)).Tag(tag(f, form)))
		if f.Orig != "" {
			if docs {
				fields = append(fields, Comment(f.Orig+" is the untranslated key behind "+f.Name+"."))
			}
			fields = append(fields, jen.Id(f.Orig).String().Tag(map[string]string{"mgr": f.Wire + ",orig"}))
		}
	}
	return fields
}

func rawField() []jen.Code {
	return []jen.Code{
		Comment("Raw holds the elements no field reads, such as columns added to the panel\nafter this code was generated."),
		jen.Id("Raw").Add(rt("Row")),
	}
}

// EmitRow renders a row struct (a list row or a table row inside a form or
// report). Its tags are the table the runtime decodes rows with.
func EmitRow(s *Struct) jen.Code {
	fields := append(dataFields(s, true, false), rawField()...)
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(),
	)
}

// tableFields are the typed tables of a form or report.
func tableFields(tables []*Table) []jen.Code {
	var fields []jen.Code
	for _, t := range tables {
		fields = append(fields,
			Comment(Wrap(t.Field+" holds the rows of the table "+Quote(t.Wire)+".")),
			jen.Id(t.Field).Index().Id(t.Row.Name))
	}
	return fields
}

// tableFill fills each typed table of target from the answer.
func tableFill(target string, tables []*Table) []jen.Code {
	var out []jen.Code
	for _, t := range tables {
		out = append(out, jen.Id(target).Dot(t.Field).Op("=").Add(rt("DecodeRows")).Types(jen.Id(t.Row.Name)).Call(
			jen.Id("resp").Dot("TableRows").Call(jen.Lit(t.Wire))))
	}
	return out
}

func responseField() []jen.Code {
	return []jen.Code{
		Comment("Response is the whole document the panel returned."),
		jen.Id("Response").Op("*").Add(rt("Response")),
	}
}

// EmitValues renders the struct a form opens with — its current values,
// the options its selects offer, its tables. Its fields are those of the
// request (documented there), decoded by the runtime from their tags.
func EmitValues(s *Struct, tables []*Table) jen.Code {
	var fields []jen.Code
	if s.RequestOf != nil {
		fields = append(fields, Comment("Elid is the id of the object the form was opened for, empty for a new one."), jen.Id("Elid").String())
	}
	fields = append(fields, dataFields(s, false, true)...)
	fields = append(fields, tableFields(tables)...)
	fields = append(fields,
		Comment("Choices lists the options each select offers now, by wire name."),
		jen.Id("Choices").Map(jen.String()).Index().Add(rt("Choice")))
	fields = append(fields, rawField()...)
	fields = append(fields, responseField()...)
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(),
		emitToRequest(s), jen.Line(),
	)
}

// valuesFill decodes a form's answer into the values struct v.
func valuesFill(s *Struct, tables []*Table) []jen.Code {
	body := []jen.Code{
		jen.Id("v").Op(":=").Op("&").Id(s.Name).Values(jen.Dict{jen.Id("Choices"): jen.Id("resp").Dot("Choices").Call(), jen.Id("Response"): jen.Id("resp")}),
		rt("DecodeInto").Call(jen.Id("resp").Dot("Values").Call(), jen.Id("v")),
	}
	return append(body, tableFill("v", tables)...)
}

// emitToRequest renders the Request method of a form's values: a request
// carrying every current value except secrets, for read-modify-write.
func emitToRequest(s *Struct) jen.Code {
	req := s.RequestOf
	if req == nil {
		return jen.Null()
	}
	have := map[string]bool{}
	for _, f := range s.Fields {
		have[f.Name] = true
	}
	vals := jen.Dict{jen.Id("Elid"): jen.Id("v").Dot("Elid")}
	for _, f := range req.Fields {
		if f.Secret || !have[f.Name] || f.Type == "file" {
			continue
		}
		val := jen.Id("v").Dot(f.Name)
		if !f.Required && !f.Plain && f.Type != "next" {
			val = rt("Set").Call(val)
		}
		vals[jen.Id(f.Name)] = val
	}
	doc := Wrap("Request returns a request holding every current value of the form, for read-modify-write: change the fields you need and submit it. Use it when the panel resets parameters a submit leaves out; otherwise a request with only the changed fields is enough. Secret values are left unset, so they keep their stored value.")
	return jen.Add(
		Comment(doc), jen.Line(),
		jen.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("Request").Params().Op("*").Id(req.Name).Block(
			jen.Return(jen.Op("&").Id(req.Name).Values(vals))), jen.Line(),
	)
}

// EmitReport renders the result struct of a report: its typed tables.
func EmitReport(s *Struct, tables []*Table) jen.Code {
	fields := append(tableFields(tables), responseField()...)
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(),
	)
}

// reportFill decodes a report's answer into its result struct v.
func reportFill(s *Struct, tables []*Table) []jen.Code {
	body := []jen.Code{jen.Id("v").Op(":=").Op("&").Id(s.Name).Values(jen.Dict{jen.Id("Response"): jen.Id("resp")})}
	return append(body, tableFill("v", tables)...)
}
