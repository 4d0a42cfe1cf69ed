package schema

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textField is one piece of free text in a schema: where it is (function
// and field, for messages), whether it may hold several lines, and a
// pointer to change it.
type textField struct {
	where     string
	multiline bool
	value     *string
}

// textFields lists every string of s that is not checked as a wire name
// elsewhere. Labels, titles and the like are one line; doc and error may
// hold several. Keeping the list in one place means a new field can't be
// forgotten by validation or folding.
func (s *Schema) textFields() []textField {
	var out []textField
	add := func(where string, multi bool, v *string) {
		out = append(out, textField{where, multi, v})
	}
	add("lang", false, &s.Lang)
	add("source.method", false, &s.Source.Method)
	add("source.captured", false, &s.Source.Captured)
	add("source.panel_version", false, &s.Source.PanelVersion)
	for i := range s.Source.Inputs {
		add("source.inputs", false, &s.Source.Inputs[i])
	}
	for i := range s.Source.Skipped {
		add("source.skipped file", false, &s.Source.Skipped[i].File)
		add("source.skipped error", false, &s.Source.Skipped[i].Error)
	}
	for i := range s.Functions {
		f := &s.Functions[i]
		fw := fmt.Sprintf("function %q", f.Name)
		add(fw+": kind", false, &f.Kind)
		add(fw+": title", false, &f.Title)
		add(fw+": doc", true, &f.Doc)
		add(fw+": listing_doc", false, &f.ListingDoc)
		add(fw+": key", false, &f.Key)
		add(fw+": keyname", false, &f.KeyName)
		add(fw+": error", true, &f.Error)
		for j := range f.Sources {
			add(fw+": sources", false, &f.Sources[j])
		}
		for j := range f.Params {
			p := &f.Params[j]
			pw := fmt.Sprintf("%s: param %q", fw, p.Name)
			for _, fv := range []struct {
				name string
				v    *string
			}{{"type", &p.Type}, {"field", &p.Field}, {"control", &p.Control}, {"check", &p.Check},
				{"checkargs", &p.CheckArgs}, {"label", &p.Label}, {"hint", &p.Hint}, {"placeholder", &p.Placeholder},
				{"page", &p.Page}, {"depend", &p.Depend}, {"setvalues", &p.Setvalues}, {"feature", &p.Feature},
				{"remove_if", &p.RemoveIf}} {
				add(pw+": "+fv.name, false, fv.v)
			}
			for k := range p.Enum {
				add(pw+": enum key", false, &p.Enum[k].Key)
				add(pw+": enum label", false, &p.Enum[k].Label)
			}
			for k := range p.If {
				add(pw+": if value", false, &p.If[k].Value)
				add(pw+": if hide", false, &p.If[k].Hide)
			}
		}
		for j := range f.Columns {
			out = append(out, columnText(fw, &f.Columns[j])...)
		}
		for j := range f.Tables {
			t := &f.Tables[j]
			tw := fmt.Sprintf("%s: table %q", fw, t.Name)
			add(tw+": name", false, &t.Name)
			for k := range t.Columns {
				out = append(out, columnText(tw, &t.Columns[k])...)
			}
		}
		for j := range f.Actions {
			a := &f.Actions[j]
			aw := fmt.Sprintf("%s: action %q", fw, a.Name)
			add(aw+": name", false, &a.Name)
			add(aw+": func", false, &a.Func)
			add(aw+": type", false, &a.Type)
			add(aw+": label", false, &a.Label)
		}
		add(fw+": wizard", false, &f.Wizard)
		add(fw+": parent", false, &f.Parent)
		for j := range f.Buttons {
			b := &f.Buttons[j]
			bw := fmt.Sprintf("%s: button %q", fw, b.Name)
			add(bw+": name", false, &b.Name)
			add(bw+": type", false, &b.Type)
			add(bw+": label", false, &b.Label)
		}
		for j := range f.Pages {
			pg := &f.Pages[j]
			pw := fmt.Sprintf("%s: page %q", fw, pg.Name)
			add(pw+": name", false, &pg.Name)
			add(pw+": label", false, &pg.Label)
		}
	}
	return out
}

func columnText(owner string, c *Column) []textField {
	cw := fmt.Sprintf("%s: column %q", owner, c.Name)
	out := []textField{{cw + ": type", false, &c.Type}, {cw + ": label", false, &c.Label},
		{cw + ": hint", false, &c.Hint}, {cw + ": sort", false, &c.Sort}}
	for i := range c.Props {
		out = append(out, textField{cw + ": props", false, &c.Props[i]})
	}
	return out
}

// badTextRune reports a character a text field must not hold: any control
// character in a one-line field, and any but newline and tab in a
// multi-line one.
func badTextRune(r rune, multiline bool) bool {
	if multiline && (r == '\n' || r == '\t') {
		return false
	}
	return unicode.IsControl(r)
}

// checkText adds a problem for each text field holding a newline or
// another control character where it may not.
func (s *Schema) checkText(add func(format string, args ...any)) {
	for _, t := range s.textFields() {
		if !utf8.ValidString(*t.value) {
			add("%s: is not valid UTF-8", t.where)
			continue
		}
		for _, r := range *t.value {
			if badTextRune(r, t.multiline) {
				what := "a control character"
				if r == '\n' || r == '\r' {
					what = "a line break"
				}
				add("%s: holds %s (%U); this field must be one line of plain text", t.where, what, r)
				break
			}
		}
	}
}

// FoldText rewrites the text of s the way a panel shows it: one-line
// fields have their runs of white space (line breaks included) folded to
// one space and other control characters dropped; multi-line fields keep
// line breaks and tabs. The introspector calls it, so text from a panel or
// plugin file always passes Validate.
func (s *Schema) FoldText() {
	for _, t := range s.textFields() {
		v := *t.value
		if t.multiline {
			v = strings.Map(func(r rune) rune {
				if badTextRune(r, true) {
					return -1
				}
				return r
			}, v)
			*t.value = strings.TrimSpace(v)
			continue
		}
		v = strings.Join(strings.Fields(v), " ")
		*t.value = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, v)
	}
}
