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
		fields = append(fields, documented(jen.Id(f.Name).Add(goType(f)).Tag(tag(f, form)), f, docs)...)
		if f.Orig != "" {
			orig := jen.Id(f.Orig).String().Tag(map[string]string{"mgr": f.Wire + ",orig"})
			if docs {
				orig.Add(Trailing("raw key of " + f.Name))
			}
			fields = append(fields, orig)
		}
	}
	return fields
}

// documented is a struct field with its doc: a note at the end of the line
// when it is short, else a comment above.
func documented(field *jen.Statement, f *Field, docs bool) []jen.Code {
	if !docs {
		return []jen.Code{field}
	}
	if note := FieldNote(f); note != "" {
		return []jen.Code{field.Add(Trailing(note))}
	}
	return []jen.Code{Comment(FieldDoc(f)), field}
}

func rawField(list string) []jen.Code {
	raw := jen.Id("Raw").Add(rt("Row"))
	if list != "" {
		// A list row's type names its list, for StreamRows.
		raw.Tag(map[string]string{"mgr": "list=" + list})
	}
	return []jen.Code{
		Comment("Raw holds the elements no field reads (added after this code was made)."),
		raw,
	}
}

// EmitRow renders a row struct (a list row or a table row inside a form or
// report). Its tags are the table the runtime decodes rows with.
func EmitRow(s *Struct) jen.Code {
	fields := append(dataFields(s, true, false), rawField(s.List)...)
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
			jen.Id(t.Field).Index().Id(t.Row.Name).Tag(map[string]string{"mgr": t.Wire + ",table"}).Add(Trailing("the rows of the table "+Quote(t.Wire))))
	}
	return fields
}

func responseField() []jen.Code {
	return []jen.Code{
		jen.Id("Response").Op("*").Add(rt("Response")).Add(Trailing("the whole document the panel returned")),
	}
}

// EmitValues renders the struct a form opens with — its current values,
// the options its selects offer, its tables. Its fields are those of the
// request (documented there), decoded by the runtime from their tags.
func EmitValues(s *Struct, tables []*Table) jen.Code {
	var fields []jen.Code
	if s.RequestOf != nil {
		fields = append(fields, jen.Id("Elid").String().Add(Trailing("the object the form was opened for; empty for a new one")))
	}
	fields = append(fields, dataFields(s, false, true)...)
	fields = append(fields, tableFields(tables)...)
	fields = append(fields,
		jen.Id("Choices").Map(jen.String()).Index().Add(rt("Choice")).Add(Trailing("the options each select offers now, by wire name")))
	fields = append(fields, rawField("")...)
	fields = append(fields, responseField()...)
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(),
		emitToRequest(s), jen.Line(),
	)
}

// emitToRequest renders the Request method of a form's values: a request
// carrying every current value except secrets, for read-modify-write.
func emitToRequest(s *Struct) jen.Code {
	req := s.RequestOf
	if req == nil {
		return jen.Null()
	}
	doc := "Request returns a request with every current value but secrets (read-modify-write)."
	return jen.Add(
		Comment(doc), jen.Line(),
		jen.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("Request").Params().Op("*").Id(req.Name).Block(
			jen.Id("r").Op(":=").Op("&").Id(req.Name).Values(),
			rt("CopyForm").Call(jen.Id("r"), jen.Id("v")),
			jen.Return(jen.Id("r"))), jen.Line(),
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
