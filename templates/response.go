package templates

import (
	"github.com/dave/jennifer/jen"
)

// valueExpr reads field f from the runtime.Row named row.
func valueExpr(row string, f *Field, form bool) *jen.Statement {
	r := jen.Id(row)
	switch f.Type {
	case "bool":
		if f.Prop {
			// A prop column's flag is shown when its element is present,
			// whatever it holds (its text is the tooltip).
			return r.Dot("Has").Call(jen.Lit(f.Wire))
		}
		if !form {
			return r.Dot("Bool").Call(jen.Lit(f.Wire))
		}
		return r.Dot("On").Call(jen.Lit(f.Wire))
	case "int":
		return r.Dot("Int").Call(jen.Lit(f.Wire))
	case "float":
		return r.Dot("Float").Call(jen.Lit(f.Wire))
	case "enum":
		return jen.Id(f.Enum).Call(r.Dot("String").Call(jen.Lit(f.Wire)))
	case "list":
		if f.Enum != "" {
			return rt("Enums").Types(jen.Id(f.Enum)).Call(r.Dot("List").Call(jen.Lit(f.Wire)))
		}
		return r.Dot("List").Call(jen.Lit(f.Wire))
	}
	return r.Dot("String").Call(jen.Lit(f.Wire))
}

func dataFields(s *Struct) []jen.Code {
	var fields []jen.Code
	for _, f := range s.Fields {
		fields = append(fields, Comment(FieldDoc(f)), jen.Id(f.Name).Add(goType(f)))
		if f.Orig != "" {
			fields = append(fields, Comment(Wrap(f.Orig+" is the untranslated key behind "+f.Name+".")), jen.Id(f.Orig).String())
		}
	}
	return fields
}

func rawField() []jen.Code {
	return []jen.Code{
		Comment("Raw holds every element the panel sent, including ones added to the panel\nafter this code was generated."),
		jen.Id("Raw").Add(rt("Row")),
	}
}

// decodeName is the unexported function that fills struct s.
func decodeName(s *Struct) string { return "decode" + s.Name }

// EmitRow renders a row struct (a list row or a table row inside a form or
// report) and the function that fills it from a runtime.Row.
func EmitRow(s *Struct) jen.Code {
	fields := append(dataFields(s), rawField()...)
	vals := jen.Dict{jen.Id("Raw"): jen.Id("r")}
	for _, f := range s.Fields {
		vals[jen.Id(f.Name)] = valueExpr("r", f, false)
		if f.Orig != "" {
			vals[jen.Id(f.Orig)] = jen.Id("r").Dot("Orig").Call(jen.Lit(f.Wire))
		}
	}
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(), jen.Line(),
		jen.Func().Id(decodeName(s)).Params(jen.Id("r").Add(rt("Row"))).Id(s.Name).Block(
			jen.Return(jen.Id(s.Name).Values(vals)),
		), jen.Line(),
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

func tableFill(target string, tables []*Table) []jen.Code {
	var out []jen.Code
	for _, t := range tables {
		out = append(out, jen.For(jen.List(jen.Id("_"), jen.Id("row")).Op(":=").Range().Id("resp").Dot("TableRows").Call(jen.Lit(t.Wire))).Block(
			jen.Id(target).Dot(t.Field).Op("=").Append(jen.Id(target).Dot(t.Field), jen.Id(decodeName(t.Row)).Call(jen.Id("row"))),
		))
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
// the options its selects offer, its tables — and the function that fills
// it from the panel's answer.
func EmitValues(s *Struct, tables []*Table) jen.Code {
	var fields []jen.Code
	if s.RequestOf != nil {
		fields = append(fields, Comment("Elid is the id of the object the form was opened for, empty for a new one."), jen.Id("Elid").String())
	}
	fields = append(fields, dataFields(s)...)
	fields = append(fields, tableFields(tables)...)
	fields = append(fields,
		Comment("Choices lists the options each select offers now, by wire name."),
		jen.Id("Choices").Map(jen.String()).Index().Add(rt("Choice")))
	fields = append(fields, rawField()...)
	fields = append(fields, responseField()...)
	vals := jen.Dict{jen.Id("Raw"): jen.Id("r"), jen.Id("Choices"): jen.Id("resp").Dot("Choices").Call(), jen.Id("Response"): jen.Id("resp")}
	for _, f := range s.Fields {
		vals[jen.Id(f.Name)] = valueExpr("r", f, true)
	}
	body := []jen.Code{
		jen.Id("r").Op(":=").Id("resp").Dot("Values").Call(),
		jen.Id("v").Op(":=").Op("&").Id(s.Name).Values(vals),
	}
	body = append(body, tableFill("v", tables)...)
	body = append(body, jen.Return(jen.Id("v")))
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(), jen.Line(),
		jen.Func().Id(decodeName(s)).Params(jen.Id("resp").Op("*").Add(rt("Response"))).Op("*").Id(s.Name).Block(body...), jen.Line(),
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
		if !f.Required {
			val = rt("Set").Call(val)
		}
		vals[jen.Id(f.Name)] = val
	}
	doc := Wrap("Request returns a request holding every current value of the form, for read-modify-write: change the fields you need and submit it. Use it when the panel resets parameters a submit leaves out; otherwise a request with only the changed fields is enough. Secret values are left unset, so they keep their stored value. Elid is the object the form was opened for.")
	return jen.Add(
		Comment(doc), jen.Line(),
		jen.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("Request").Params().Op("*").Id(req.Name).Block(
			jen.Return(jen.Op("&").Id(req.Name).Values(vals))), jen.Line(),
	)
}

// EmitReport renders the result struct of a report: its typed tables.
func EmitReport(s *Struct, tables []*Table) jen.Code {
	fields := append(tableFields(tables), responseField()...)
	body := []jen.Code{jen.Id("v").Op(":=").Op("&").Id(s.Name).Values(jen.Dict{jen.Id("Response"): jen.Id("resp")})}
	body = append(body, tableFill("v", tables)...)
	body = append(body, jen.Return(jen.Id("v")))
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(fields...), jen.Line(), jen.Line(),
		jen.Func().Id(decodeName(s)).Params(jen.Id("resp").Op("*").Add(rt("Response"))).Op("*").Id(s.Name).Block(body...), jen.Line(),
	)
}
