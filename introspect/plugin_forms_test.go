package introspect

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

const basePlugin = `<mgrdata>
  <metadata name="pm.base" type="form">
    <form>
      <page name="keys">
        <field name="api_key"><input type="password" name="api_key" required="yes"/></field>
        <field name="mode"><select name="mode"/><desc name="about_mode"/></field>
      </page>
    </form>
  </metadata>
  <metadata name="pm.one" type="form">
    <include name="pm.base"/>
    <form><field name="mode"><input type="text" name="mode"/></field><field name="extra"><input type="text" name="extra"/></field></form>
  </metadata>
  <metadata name="pm.loop" type="form"><form><include name="pm.one"/><field name="l"><input name="l"/></field></form></metadata>
  <lang name="en">
    <messages name="pm.base"><msg name="keys">Keys</msg><msg name="api_key">API key</msg><msg name="about_mode">How payments are made</msg>
      <msg name="mode_test">Test</msg><msg name="mode_live">Live</msg></messages>
  </lang>
</mgrdata>`

func paramNames(f *schema.Function) []string {
	var out []string
	for _, p := range f.Params {
		out = append(out, p.Name)
	}
	return out
}

func TestMetadataIncludes(t *testing.T) {
	// Within one file: pm.one includes pm.base; its own "mode" wins.
	s, err := Build("billmgr", nil, Files{Plugins: []Input{{Name: "p.xml", Data: []byte(basePlugin)}}})
	if err != nil {
		t.Fatal(err)
	}
	one := s.Lookup("pm.one")
	if got := paramNames(one); !reflect.DeepEqual(got, []string{"mode", "extra", "api_key"}) {
		t.Errorf("pm.one params = %v", got)
	}
	if p := one.Param("mode"); p.Type != "string" {
		t.Errorf("the includer's own mode lost: %+v", p)
	}
	if p := one.Param("api_key"); p.Label != "API key" || !p.Secret || !p.Required || p.Page != "keys" {
		t.Errorf("included api_key = %+v", p)
	}
	if !slices.ContainsFunc(one.Pages, func(p schema.Page) bool { return p.Name == "keys" && p.Label == "Keys" }) {
		t.Errorf("included page missing: %+v", one.Pages)
	}
	// Transitively, through an include inside <form>.
	if got := paramNames(s.Lookup("pm.loop")); !reflect.DeepEqual(got, []string{"l", "mode", "extra", "api_key"}) {
		t.Errorf("pm.loop params = %v", got)
	}
	// Across two files of one run, and with a cycle.
	other := `<mgrdata><metadata name="pm.two" type="form"><include name="pm.base"/><include name="pm.two"/>
		<form><field name="shop"><input name="shop"/></field></form></metadata></mgrdata>`
	s, err = Build("billmgr", nil, Files{Plugins: []Input{{Name: "base.xml", Data: []byte(basePlugin)}, {Name: "two.xml", Data: []byte(other)}}})
	if err != nil {
		t.Fatal(err)
	}
	two := s.Lookup("pm.two")
	if got := paramNames(two); !reflect.DeepEqual(got, []string{"shop", "api_key", "mode"}) {
		t.Errorf("pm.two params = %v", got)
	}
	if p := two.Param("mode"); p.Hint != "How payments are made" || len(p.Enum) != 2 {
		t.Errorf("included mode = %+v", p)
	}
}

func TestFunctionsWithoutMetadata(t *testing.T) {
	plugin := `<mgrdata>
  <handler name="pm.php" type="cgi"><func name="pm.check"/><func minlevel="7">pm.sync</func><func name="pm.x.__PM_NAME__"/></handler>
  <metadata name="pm.list" type="list" key="id">
    <toolbar><toolbtn name="delete" func="pm.delete" type="group"/><toolbtn name="edit" func="pm.edit" type="edit"/>
      <toolbtn name="sub" func="pm.items" type="editlist"/><toolbtn name="help" func="pm.help" type="window"/></toolbar>
    <coldata><col name="id" type="data"/></coldata>
  </metadata>
  <metadata name="processing.edit.__PM_NAME__" type="form"/>
</mgrdata>`
	var warnings []string
	s, err := Build("billmgr", nil, Files{Plugins: []Input{{Name: "pm.xml", Data: []byte(plugin)}}, Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"pm.delete": "group", "pm.edit": "form", "pm.items": "list", "pm.check": "", "pm.sync": ""} {
		f := s.Lookup(name)
		if f == nil || f.Kind != want {
			t.Errorf("%s = %+v, want kind %q", name, f, want)
		}
	}
	if f := s.Lookup("pm.delete"); f != nil && !reflect.DeepEqual(f.Sources, []string{"toolbar"}) {
		t.Errorf("pm.delete sources = %v", f.Sources)
	}
	if f := s.Lookup("pm.sync"); f != nil && !reflect.DeepEqual(f.Sources, []string{"handler"}) {
		t.Errorf("pm.sync sources = %v", f.Sources)
	}
	if s.Lookup("pm.help") != nil {
		t.Error("a window button's target entered the schema without a kind")
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], `pm.xml: function "processing.edit.__PM_NAME__" left out`) ||
		!strings.Contains(warnings[1], `"pm.x.__PM_NAME__"`) {
		t.Errorf("warnings = %q", warnings)
	}
	// A function a real listing names keeps its listed kind.
	listing := []byte("pm.delete                                    Delete. Function type: form\n")
	s, err = Build("billmgr", nil, Files{Listings: []Input{{Name: "l.txt", Data: listing}}, Plugins: []Input{{Name: "pm.xml", Data: []byte(plugin)}}})
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Lookup("pm.delete"); f.Kind != "form" || slices.Contains(f.Sources, "toolbar") {
		t.Errorf("listed pm.delete = %+v", f)
	}
}

func TestPluginMessagesAndControls(t *testing.T) {
	plugin := `<mgrdata>
  <metadata name="f.edit" type="form"><form>
    <field name="a"><input type="text" name="a"/><desc>Plain description</desc></field>
    <field name="b"><input type="textarea" name="b"/></field>
    <field name="note"><textarea type="data" name="note"/></field>
    <field name="warn"><input type="msg" name="warn"/></field>
    <field name="h"><htmldata name="h"/><textdata name="t"/></field>
    <field name="c"><textarea name="c"/></field>
  </form></metadata>
  <messages name="f.edit" lang="ru"><msg name="a">А по-русски</msg><msg name="b">Б</msg></messages>
  <lang name="ru"><messages name="f.edit" lang="en"><msg name="a">A in English</msg></messages></lang>
  <messages name="f.edit"><msg name="c">C without a language</msg><msg name="b">B without a language</msg></messages>
</mgrdata>`
	pl, err := ParsePlugin([]byte(plugin))
	if err != nil {
		t.Fatal(err)
	}
	f := pl.Functions[0]
	if got := paramNames(&f); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Fatalf("params = %v (outputs must not be parameters)", got)
	}
	a, b, c := f.Param("a"), f.Param("b"), f.Param("c")
	if a.Label != "A in English" || a.Hint != "Plain description" {
		t.Errorf("a = %+v", a)
	}
	if b.Type != "text" || b.Label != "Б" {
		t.Errorf("b = %+v, want text labelled from the Russian block", b)
	}
	if c.Type != "text" || c.Label != "C without a language" {
		t.Errorf("c = %+v", c)
	}
}

// required="yes" may sit on the <field> rather than on its control.
func TestFieldLevelRequired(t *testing.T) {
	pl, err := ParsePlugin([]byte(`<mgrdata><metadata name="f" type="form"><form>` +
		`<field name="a" required="yes"><input type="text" name="a"/></field>` +
		`<field name="b"><input type="text" name="b" required="yes"/></field>` +
		`<field name="c"><input type="text" name="c"/></field></form></metadata></mgrdata>`))
	if err != nil {
		t.Fatal(err)
	}
	f := pl.Functions[0]
	if !f.Param("a").Required || !f.Param("b").Required || f.Param("c").Required {
		t.Errorf("required: a=%v b=%v c=%v", f.Param("a").Required, f.Param("b").Required, f.Param("c").Required)
	}
}

func TestWizardButtonsAndSubLists(t *testing.T) {
	// The real BILLmanager 6 payment form is a wizard's first step.
	f, err := ParseDevel(readReal(t, "billmgr6-log/billmgr6_devel_form_payment.add.method.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Wizard != "first" || f.Param("snext") == nil {
		t.Errorf("payment.add.method: wizard %q, snext %+v", f.Wizard, f.Param("snext"))
	}
	// Declared buttons are kept with their labels.
	pl, err := ParsePlugin([]byte(`<mgrdata><metadata name="f" type="form"><form><field name="a"><input name="a"/></field>` +
		`<buttons><button name="ok" type="ok"/><button name="ok_get" type="ok"/><button name="cancel" type="cancel"/></buttons></form></metadata>` +
		`<lang name="en"><messages name="f"><msg name="msg_ok_get">Save and get</msg></messages></lang></mgrdata>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := pl.Functions[0].Buttons; len(got) != 3 || got[1].Name != "ok_get" || got[1].Label != "Save and get" || got[2].Type != "cancel" {
		t.Errorf("buttons = %+v", got)
	}
	// A list opened by an editlist button records its parent.
	s, err := Build("ispmgr", nil, Files{Devel: realInputs(t, "json/ispmgr6_sjson_webdomain_list_with_metadata.json")})
	if err != nil {
		t.Fatal(err)
	}
	var subs []string
	for _, fn := range s.Functions {
		if fn.Parent == "webdomain" {
			subs = append(subs, fn.Name)
		}
	}
	if len(subs) == 0 || !slices.Contains(subs, "webdomain.file") {
		t.Errorf("sub-lists of webdomain = %v", subs)
	}
}

// Metadata with two <include> elements gets the parameters of both.
func TestMetadataTwoIncludes(t *testing.T) {
	const plugin = `<mgrdata>
  <metadata name="a" type="form"><form><field name="x"><input name="x"/></field></form></metadata>
  <metadata name="b" type="form"><form><field name="y"><input name="y"/></field></form></metadata>
  <metadata name="both" type="form"><include name="a"/><include name="b"/><form><field name="z"><input name="z"/></field></form></metadata>
</mgrdata>`
	s, err := Build("billmgr", nil, Files{Plugins: []Input{{Name: "p.xml", Data: []byte(plugin)}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := paramNames(s.Lookup("both")); !reflect.DeepEqual(got, []string{"z", "x", "y"}) {
		t.Errorf("params = %v", got)
	}
}
