package mgrtest

import (
	"fmt"
	"strings"

	"github.com/mgrgen/mgrgen/schema"
)

// listingWords are the function types mgrctl -i prints, by kind.
var listingWords = map[string]string{
	schema.KindForm: "form", schema.KindList: "list", schema.KindReport: "report",
	schema.KindGroup: "group operation", schema.KindValidator: "validator",
	schema.KindDashboard: "dashboard", schema.KindHelpboard: "helpboard",
	schema.KindExternal: "external function", schema.KindNone: "none",
}

// Listing prints the functions of s as mgrctl -m PANEL -i does: the name in
// a 45-character column, then the description and "Function type: ...",
// wrapped at 92 characters with continuation lines under the description.
// For a schema introspected from a real listing it prints that listing
// byte for byte.
func Listing(s *schema.Schema) []byte {
	const col, width = 45, 92
	var b strings.Builder
	for _, f := range s.Functions {
		desc := f.ListingDoc
		if desc == "" {
			desc = f.Doc
		}
		if desc == "" {
			desc = f.Title
		}
		if w := listingWords[f.Kind]; w != "" {
			desc = strings.TrimSpace(desc + " Function type: " + w)
		}
		if desc == "" {
			desc = "Description is not available"
		}
		line := f.Name + " "
		if len(line) < col {
			line += strings.Repeat(" ", col-len(line))
		}
		for _, word := range strings.Fields(desc) {
			if len(line) > col && len(line)+1+len(word) > width {
				b.WriteString(strings.TrimRight(line, " ") + "\n")
				line = strings.Repeat(" ", col)
			}
			if len(line) > col && !strings.HasSuffix(line, " ") {
				line += " "
			}
			line += word
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return []byte(b.String())
}

// ActionList is the func=actionlist document: every function's name.
func ActionList(s *schema.Schema) string {
	var b strings.Builder
	b.WriteString("<doc>")
	for _, f := range s.Functions {
		fmt.Fprintf(&b, "<elem><action>%s</action></elem>", xmlEscape(f.Name))
	}
	b.WriteString("</doc>")
	return b.String()
}

// Devel is the out=devel document of a form, list or report: its metadata
// and messages in the shape the real panel sends, so introspecting the
// fake panel gives back the schema it was started from.
func Devel(f *schema.Function) string {
	var md, msgs, data strings.Builder
	msg := func(name, text string) {
		if text != "" {
			fmt.Fprintf(&msgs, `<msg name="%s">%s</msg>`, xmlEscape(name), xmlEscape(text))
		}
	}
	msg("title", f.Title)
	typ := map[string]string{schema.KindForm: "form", schema.KindList: "list", schema.KindReport: "report"}[f.Kind]
	fmt.Fprintf(&md, `<metadata name="%s" type="%s"`, xmlEscape(f.Name), typ)
	if f.Key != "" {
		fmt.Fprintf(&md, ` key="%s"`, xmlEscape(f.Key))
	}
	if f.KeyName != "" {
		fmt.Fprintf(&md, ` keyname="%s"`, xmlEscape(f.KeyName))
	}
	md.WriteString(">")
	if len(f.Params) > 0 || f.Wizard != "" || len(f.Buttons) > 0 {
		md.WriteString("<form")
		if f.Wizard != "" {
			fmt.Fprintf(&md, ` wizard="%s"`, xmlEscape(f.Wizard))
		}
		md.WriteString(">")
		page := ""
		for _, p := range f.Params {
			if p.Page != page {
				if page != "" {
					md.WriteString("</page>")
				}
				if p.Page != "" {
					fmt.Fprintf(&md, `<page name="%s">`, xmlEscape(p.Page))
				}
				page = p.Page
			}
			field := p.Name
			if p.Field != "" {
				field = p.Field
			}
			fmt.Fprintf(&md, `<field name="%s"`, xmlEscape(field))
			if p.Feature != "" {
				fmt.Fprintf(&md, ` if="%s"`, xmlEscape(p.Feature))
			}
			if p.RemoveIf != "" {
				fmt.Fprintf(&md, ` remove_if="%s"`, xmlEscape(p.RemoveIf))
			}
			md.WriteString(">" + control(p) + "</field>")
			label := field
			msg(label, p.Label)
			msg("hint_"+label, p.Hint)
			msg("placeholder_"+label, p.Placeholder)
			// Static options: named in the data part, in order, and
			// declared by messages, as the panel sends them.
			if len(p.Enum) > 0 {
				fmt.Fprintf(&data, `<slist name="%s">`, xmlEscape(p.Name))
				for _, e := range p.Enum {
					fmt.Fprintf(&data, "<msg>%s</msg>", xmlEscape(e.Key))
					label := e.Label
					if label == "" {
						label = e.Key
					}
					msg(p.Name+"_"+e.Key, label)
				}
				data.WriteString("</slist>")
			}
		}
		if page != "" {
			md.WriteString("</page>")
		}
		if len(f.Buttons) > 0 {
			md.WriteString("<buttons>")
			for _, bt := range f.Buttons {
				fmt.Fprintf(&md, `<button name="%s" type="%s"/>`, xmlEscape(bt.Name), xmlEscape(bt.Type))
				msg("msg_"+bt.Name, bt.Label)
			}
			md.WriteString("</buttons>")
		}
		md.WriteString("</form>")
	}
	for _, pg := range f.Pages {
		msg(pg.Name, pg.Label)
	}
	columns := func(cols []schema.Column) {
		for _, c := range cols {
			fmt.Fprintf(&md, `<col name="%s" type="%s"`, xmlEscape(c.Name), xmlEscape(c.Type))
			if c.Sort != "" {
				fmt.Fprintf(&md, ` sort="%s"`, xmlEscape(c.Sort))
			}
			md.WriteString(">")
			for _, pr := range c.Props {
				fmt.Fprintf(&md, `<prop name="%s"/>`, xmlEscape(pr))
			}
			md.WriteString("</col>")
			msg(c.Name, c.Label)
			msg("hint_"+c.Name, c.Hint)
		}
	}
	if len(f.Columns) > 0 {
		md.WriteString("<coldata>")
		columns(f.Columns)
		md.WriteString("</coldata>")
	}
	// Tables (a report's bands, a form's embedded lists) all come back as
	// bands, which introspection reads the same way.
	for _, t := range f.Tables {
		fmt.Fprintf(&md, `<band name="%s">`, xmlEscape(t.Name))
		columns(t.Columns)
		md.WriteString("</band>")
	}
	if len(f.Actions) > 0 {
		md.WriteString("<toolbar>")
		for _, a := range f.Actions {
			fmt.Fprintf(&md, `<toolbtn name="%s" func="%s" type="%s"/>`, xmlEscape(a.Name), xmlEscape(a.Func), xmlEscape(a.Type))
			msg("short_"+a.Name, a.Label)
		}
		md.WriteString("</toolbar>")
	}
	md.WriteString("</metadata>")
	return fmt.Sprintf(`<doc func="%s">%s<messages name="%s">%s</messages>%s</doc>`, xmlEscape(f.Name), md.String(), xmlEscape(f.Name), msgs.String(), data.String())
}

// control is the form control of one parameter, as the panel describes it.
func control(p schema.Param) string {
	attrs := []string{fmt.Sprintf(`name="%s"`, xmlEscape(p.Name))}
	add := func(k, v string) {
		if v != "" {
			attrs = append(attrs, fmt.Sprintf(`%s="%s"`, k, xmlEscape(v)))
		}
	}
	if p.Required {
		add("required", "yes")
	}
	if p.Readonly {
		add("readonly", "yes")
	}
	add("check", p.Check)
	add("checkargs", p.CheckArgs)
	add("depend", p.Depend)
	add("setvalues", p.Setvalues)
	if p.MaxLength > 0 {
		add("maxlength", fmt.Sprint(p.MaxLength))
	}
	tag, typ := "input", "text"
	switch p.Type {
	case schema.TypeBool:
		typ = "checkbox"
	case schema.TypeInt:
		if p.Check == "" {
			add("check", "int")
		}
	case schema.TypeFloat:
		if p.Check == "" {
			add("check", "float")
		}
	case schema.TypeDate:
		add("date", "yes")
	case schema.TypeFile:
		typ = "file"
	case schema.TypeText:
		tag, typ = "textarea", ""
	case schema.TypeEnum, schema.TypeMultiEnum:
		tag, typ = "select", ""
		if p.Type == schema.TypeMultiEnum {
			add("type", "multiple")
		}
	}
	if p.Secret {
		if typ == "text" {
			typ = "password"
		} else {
			add("private", "yes")
		}
	}
	if typ != "" {
		attrs = append([]string{fmt.Sprintf(`type="%s"`, typ)}, attrs...)
	}
	var conds []string
	for _, c := range p.If {
		s := fmt.Sprintf(`<if value="%s" hide="%s"`, xmlEscape(c.Value), xmlEscape(c.Hide))
		if c.Shadow {
			s += ` shadow="yes"`
		}
		conds = append(conds, s+"/>")
	}
	return fmt.Sprintf("<%s %s>%s</%s>", tag, strings.Join(attrs, " "), strings.Join(conds, ""), tag)
}
