package templates

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// binding is a field's entry in its struct's wire table (see
// runtime/codec.go): "wire[,option...]".
func binding(f *Field, form bool) string {
	t := wireEntry(f.Wire)
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
	return t
}

// wireEntry escapes a wire name for a wire table: %XX for what would end
// or split an entry (a percent sign, a comma, white space) and for a name
// that is just "-", which means "no wire name".
func wireEntry(wire string) string {
	if wire == "-" {
		return "%2D"
	}
	var b strings.Builder
	for i := 0; i < len(wire); {
		r, n := utf8.DecodeRuneInString(wire[i:])
		if r == '%' || r == ',' || unicode.IsSpace(r) || r == utf8.RuneError {
			for _, c := range []byte(wire[i : i+n]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteString(wire[i : i+n])
		}
		i += n
	}
	return b.String()
}

// fieldList collects the fields of a struct and their wire table, which
// goes into a blank first field: one tag for the struct instead of one per
// field keeps the wire names out of the documentation, where go doc would
// print each beside its field.
type fieldList struct {
	fields  []jen.Code
	entries []string
	bound   bool
}

// add appends one field (code may start with its doc comment) bound to
// entry, or to nothing when entry is "".
func (l *fieldList) add(entry string, code ...jen.Code) {
	l.fields = append(l.fields, code...)
	if entry == "" {
		entry = "-"
	} else {
		l.bound = true
	}
	l.entries = append(l.entries, entry)
}

func (l *fieldList) code() []jen.Code {
	if !l.bound {
		return l.fields
	}
	entries := l.entries
	for entries[len(entries)-1] == "-" {
		entries = entries[:len(entries)-1] // the last bound field ends the table
	}
	table := strings.Join(entries, " ")
	return append([]jen.Code{jen.Id("_").Struct().Tag(map[string]string{"mgr": table})}, l.fields...)
}

// dataFields adds the bound fields of a row or values struct; with docs
// set, each has its one doc comment.
func (l *fieldList) dataFields(fields []*Field, docs, form bool) {
	for _, f := range fields {
		l.add(binding(f, form), documented(jen.Id(f.Name).Add(goType(f)), f, docs)...)
		if f.Orig != "" {
			l.add(wireEntry(f.Wire)+",orig", jen.Id(f.Orig).String())
		}
	}
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

// rawField adds Raw: the elements no field reads. A list row's entry names
// its list, for StreamRows.
func (l *fieldList) rawField(list string) {
	entry := ""
	if list != "" {
		entry = "list=" + wireEntry(list)
	}
	l.add(entry, jen.Id("Raw").Add(rt("Row")).Add(Trailing("the elements no field reads")))
}

// groupField adds ListGroup to a list row: the name of the <list
// name="..."> group the row came in, for answers that group their rows.
func (l *fieldList) groupField() {
	l.add(",group", jen.Id("ListGroup").String().Add(Trailing(`the <list name="..."> group the row came in; empty when the rows are not grouped`)))
}

// EmitRow renders a row struct (a list row or a table row inside a form or
// report). Its wire table is what the runtime decodes rows with.
func EmitRow(s *Struct) jen.Code {
	var l fieldList
	l.dataFields(s.Fields, true, false)
	if s.List != "" {
		l.groupField()
	}
	l.rawField(s.List)
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(l.code()...), jen.Line(),
	)
}

// tableFields adds the typed tables of a form or report.
func (l *fieldList) tableFields(tables []*Table) {
	for _, t := range tables {
		l.add(wireEntry(t.Wire)+",table",
			jen.Id(t.Field).Index().Id(t.Row.Name).Add(Trailing("the rows of the table "+Quote(t.Wire))))
	}
}

func (l *fieldList) responseField() {
	l.add("", jen.Id("Response").Op("*").Add(rt("Response")).Add(Trailing("the whole document the panel returned")))
}

// EmitValues renders the struct a form opens with: its current values,
// the options its selects offer, its tables. The values are the fields of
// the form's request, embedded, and set when the panel sent them; fields
// only the open form has (read-only ones) follow.
func EmitValues(s *Struct, tables []*Table) jen.Code {
	var l fieldList
	fields := s.Fields
	if req := s.RequestOf; req != nil {
		l.add("", jen.Id(req.Name))
		inRequest := map[string]bool{}
		for _, f := range req.Fields {
			inRequest[f.Name] = true
		}
		fields = nil
		for _, f := range s.Fields {
			if !inRequest[f.Name] {
				fields = append(fields, f)
			}
		}
	}
	l.dataFields(fields, true, true)
	l.tableFields(tables)
	l.add("", jen.Id("Choices").Map(jen.String()).Index().Add(rt("Choice")).Add(Trailing("the options each select offers now, by wire name")))
	l.rawField("")
	l.responseField()
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(l.code()...), jen.Line(),
		emitToRequest(s), jen.Line(),
	)
}

// emitToRequest renders the Request method of a form's values: a copy of
// the request they embed without secrets, for read-modify-write.
func emitToRequest(s *Struct) jen.Code {
	req := s.RequestOf
	if req == nil {
		return jen.Null()
	}
	doc := Wrap("Request returns the form as the panel sent it, to submit again: each field holds exactly the panel's text, so an unchanged submit sends the same parameters byte for byte (a field the panel left out stays out, an empty one stays empty, text the Go type cannot hold goes back as written), and changing one field changes one parameter. Secrets, files and the clicked button are cleared. Set a field to runtime.Empty to clear it on purpose.")
	return jen.Add(
		Comment(doc), jen.Line(),
		jen.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("Request").Params().Op("*").Id(req.Name).Block(
			jen.Id("r").Op(":=").Id("v").Dot(req.Name),
			rt("ForResend").Call(jen.Op("&").Id("r")),
			jen.Return(jen.Op("&").Id("r"))), jen.Line(),
	)
}

// EmitReport renders the result struct of a report: its typed tables.
func EmitReport(s *Struct, tables []*Table) jen.Code {
	var l fieldList
	l.tableFields(tables)
	l.responseField()
	return jen.Add(
		Comment(s.Doc), jen.Line(),
		jen.Type().Id(s.Name).Struct(l.code()...), jen.Line(),
	)
}
