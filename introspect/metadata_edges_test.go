package introspect

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

func develForm(t *testing.T, form, rest string) schema.Function {
	t.Helper()
	f, err := ParseDevel([]byte(`<doc func="f"><metadata name="f" type="form">` + form + `</metadata>` + rest + `</doc>`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The form's own wizard attribute names the step; a <buttons wizard=...>
// inside fills it only when the form left it out.
func TestDevelWizardStep(t *testing.T) {
	cases := []struct{ form, want string }{
		{`<form wizard="w1"><field name="a"><input name="a"/></field></form>`, "w1"},
		{`<form><buttons wizard="w2"><button name="ok" type="ok"/></buttons></form>`, "w2"},
		{`<form wizard="w1"><buttons wizard="w2"/></form>`, "w1"},
		{`<form><field name="a"><input name="a"/></field></form>`, ""},
		{`<form><buttons wizard=""/></form>`, ""},
	}
	for _, c := range cases {
		if got := develForm(t, c.form, "").Wizard; got != c.want {
			t.Errorf("%s: wizard %q, want %q", c.form, got, c.want)
		}
	}
}

// Pages are listed once each, in document order, and a nameless <page>
// lists nothing.
func TestDevelPagesOnceEach(t *testing.T) {
	f := develForm(t, `<form><page name="p1"><field name="a"><input name="a"/></field></page>`+
		`<page name="p2"><field name="b"><input name="b"/></field></page>`+
		`<page name="p1"><field name="c"><input name="c"/></field></page><page><field name="d"><input name="d"/></field></page></form>`, "")
	var got []string
	for _, p := range f.Pages {
		got = append(got, p.Name)
	}
	if !reflect.DeepEqual(got, []string{"p1", "p2"}) {
		t.Errorf("pages %q", got)
	}
}

// A <list> without its own name takes the field's; with one it keeps it.
func TestDevelFieldListNames(t *testing.T) {
	f := develForm(t, `<form><field name="ips"><list><col name="ip"/></list></field>`+
		`<field name="other"><list name="named"><col name="x"/></list></field></form>`, "")
	var got []string
	for _, tb := range f.Tables {
		got = append(got, tb.Name)
	}
	if !reflect.DeepEqual(got, []string{"ips", "named"}) {
		t.Errorf("tables %q", got)
	}
}

// maxlength is kept only when it is a positive length.
func TestDevelMaxLength(t *testing.T) {
	for attr, want := range map[string]int{"10": 10, " 7 ": 7, "1": 1, "0": 0, "-3": 0, "ten": 0, "": 0} {
		f := develForm(t, `<form><field name="a"><input name="a" maxlength="`+attr+`"/></field></form>`, "")
		if got := f.Params[0].MaxLength; got != want {
			t.Errorf("maxlength %q: %d, want %d", attr, got, want)
		}
	}
}

func options(n int, name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<slist name="%s">`, name)
	for i := range n {
		fmt.Fprintf(&b, `<msg>k%03d</msg>`, i)
	}
	b.WriteString(`</slist>`)
	return b.String()
}

func messageOptions(n int, name string) string {
	var b strings.Builder
	b.WriteString(`<messages name="f">`)
	for i := range n {
		fmt.Fprintf(&b, `<msg name="%s_k%03d">label %d</msg>`, name, i, i)
	}
	b.WriteString(`</messages>`)
	return b.String()
}

// A select keeps at most maxStaticOptions options, whether they come from an
// <slist> or from the <select>_<key> messages; a longer list is data, not
// an enum, and none is kept.
func TestDevelStaticOptionsBound(t *testing.T) {
	form := `<form><field name="s"><select name="s"/></field></form>`
	for _, n := range []int{1, maxStaticOptions, maxStaticOptions + 1} {
		want := n
		if n > maxStaticOptions {
			want = 0
		}
		if got := len(develForm(t, form, options(n, "s")).Params[0].Enum); got != want {
			t.Errorf("%d slist options: kept %d, want %d", n, got, want)
		}
		if got := len(develForm(t, form, messageOptions(n, "s")).Params[0].Enum); got != want {
			t.Errorf("%d message options: kept %d, want %d", n, got, want)
		}
	}
	// An <slist> wins over messages; a select depending on another field
	// takes neither, and a message named just "s_" is no option.
	f := develForm(t, form, options(2, "s")+messageOptions(3, "s"))
	if got := len(f.Params[0].Enum); got != 2 {
		t.Errorf("slist and messages: %d options, want the slist's 2", got)
	}
	f = develForm(t, `<form><field name="s"><select name="s" depend="t"/></field></form>`, options(2, "s")+messageOptions(2, "s"))
	if got := f.Params[0].Enum; got != nil {
		t.Errorf("depending select: options %+v", got)
	}
	f = develForm(t, form, `<messages name="f"><msg name="s_">empty</msg><msg name="s_a">A</msg></messages>`)
	if got := f.Params[0].Enum; !reflect.DeepEqual(got, []schema.EnumValue{{Key: "a", Label: "A"}}) {
		t.Errorf("options %+v", got)
	}
	// An input is no select: messages named like options stay messages.
	f = develForm(t, `<form><field name="s"><input name="s"/></field></form>`, messageOptions(2, "s"))
	if got := f.Params[0].Enum; got != nil {
		t.Errorf("input: options %+v", got)
	}
}

// A column without a type but with <prop> children is a prop column; a
// typed one keeps its type, and an empty one stays untyped.
func TestDevelColumnTypes(t *testing.T) {
	f, err := ParseDevel([]byte(`<doc func="l"><metadata name="l" type="list"><coldata>` +
		`<col name="a"><prop name="p1"/><prop/></col><col name="b" type="data"><prop name="p2"/></col><col name="c"/>` +
		`</coldata></metadata></doc>`))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range f.Columns {
		got[c.Name] = c.Type + fmt.Sprint(c.Props)
	}
	want := map[string]string{"a": "prop[p1]", "b": "data[p2]", "c": "[]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns %v, want %v", got, want)
	}
}

// A toolbar button is one action per (function, name) pair.
func TestDevelToolbarActionsOnce(t *testing.T) {
	f, err := ParseDevel([]byte(`<doc func="l"><metadata name="l" type="list"><toolbar>` +
		`<toolbtn func="l.edit" name="new"/><toolbtn func="l.edit" name="edit"/><toolbtn func="l.delete" name="new"/>` +
		`<toolgrp><toolbtn func="l.edit" name="new"/></toolgrp><toolbtn name="nofunc"/>` +
		`</toolbar></metadata></doc>`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range f.Actions {
		got = append(got, a.Func+"/"+a.Name)
	}
	if want := []string{"l.edit/new", "l.edit/edit", "l.delete/new"}; !reflect.DeepEqual(got, want) {
		t.Errorf("actions %q, want %q", got, want)
	}
}
