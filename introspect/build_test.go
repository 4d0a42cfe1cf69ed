package introspect

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

func realInputs(t *testing.T, pattern string) []Input {
	t.Helper()
	var out []Input
	for _, p := range realFiles(t, pattern) {
		out = append(out, Input{Name: p, Data: mustRead(t, p)})
	}
	return out
}

func ispmgrFiles(t *testing.T) Files {
	return Files{
		Listings: realInputs(t, "mgrctl/*.txt"),
		Devel:    realInputs(t, "json/ispmgr6_sjson_webdomain_list_with_metadata.json"),
		Plugins:  realInputs(t, "plugin-xml/ispmgr/*.xml"),
	}
}

func TestBuildIspmgr(t *testing.T) {
	s, err := Build("ispmgr", nil, ispmgrFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	// The listing's own counts (form 64, list 43, group 29) grow by the
	// toolbar targets of the webdomain list that the partial listing lacks:
	// three forms, three sub-lists and two group operations.
	want := map[string]int{"form": 67, "list": 46, "group": 31, "validator": 44, "none": 2, "dashboard": 1, "external": 1, "": 105}
	if got := s.CountKinds(); !reflect.DeepEqual(got, want) {
		t.Errorf("kinds = %v, want %v", got, want)
	}
	if f := s.Lookup("webdomain.suspend"); f == nil || f.Kind != "group" || !reflect.DeepEqual(f.Sources, []string{"toolbar"}) {
		t.Errorf("webdomain.suspend = %+v, want a group operation from the toolbar", f)
	}
	// Three plugins extend webdomain.edit; their fields are merged in file order.
	we := s.Lookup("webdomain.edit")
	if got := summarize(we.Params); !reflect.DeepEqual(got, []string{"vpnrestrict:bool", "nginx_rate_limit:int", "tor:bool", "torname:string", "torkey:string"}) {
		t.Errorf("webdomain.edit params = %v", got)
	}
	if !reflect.DeepEqual(we.Sources, []string{"plugin:natreex_ispmgr_mod_vpnrestrict.xml", "plugin:official_ispmgr_mod_nginx_rate_limit.xml", "plugin:shadowedx_ispmgr_mod_tor.xml"}) {
		t.Errorf("sources = %v", we.Sources)
	}
	site := s.Lookup("site.edit")
	if len(site.Params) != 33+1+1 || site.Param("site_nginx_rate_limit").Label != "Rate limit" {
		t.Errorf("site.edit has %d params", len(site.Params))
	}
	// A listing entry keeps its doc when a devel document fills the rest.
	admin := s.Lookup("admin")
	if admin.Kind != "list" || admin.Title != "Administrators" || !reflect.DeepEqual(admin.Sources, []string{"listing"}) {
		t.Errorf("admin = %+v", admin)
	}
	if wd := s.Lookup("webdomain"); wd.Kind != "list" || len(wd.Columns) != 9 {
		t.Errorf("webdomain = %+v", wd)
	}
}

func TestBuildBillmgr(t *testing.T) {
	s, err := Build("billmgr", nil, Files{
		Devel:   realInputs(t, "devel/*.xml"),
		Plugins: realInputs(t, "plugin-xml/billmgr/*.xml"),
	})
	if err != nil {
		t.Fatal(err)
	}
	// The three ardis forms carry install-time placeholders
	// (processing.edit.__PM_NAME__) that no panel serves: left out.
	if got := s.CountKinds(); !reflect.DeepEqual(got, map[string]int{"form": 27, "list": 1}) {
		t.Errorf("kinds = %v", got)
	}
	for _, f := range s.Functions {
		if strings.Contains(f.Name, "__") {
			t.Errorf("%s is in the schema", f.Name)
		}
	}
	if s.Lookup("domain.order.contact").Param("customer_name").Required != true {
		t.Error("customer_name is not required")
	}
}

func TestBuildDeterministic(t *testing.T) {
	var outs [][]byte
	for range 3 {
		s, err := Build("ispmgr", nil, ispmgrFiles(t))
		if err != nil {
			t.Fatal(err)
		}
		b, err := schema.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[1], outs[2]) {
		t.Error("the same input gave different bytes")
	}
	back, err := schema.Decode(bytes.NewReader(outs[0]))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := schema.Marshal(back)
	if !bytes.Equal(again, outs[0]) {
		t.Error("load and save changed the bytes")
	}
	// An earlier schema as the base, with nothing else, reproduces itself.
	rebuilt, err := Build("ispmgr", nil, Files{Base: back})
	if err != nil {
		t.Fatal(err)
	}
	rebuilt.Source = back.Source
	b, _ := schema.Marshal(rebuilt)
	if !bytes.Equal(b, outs[0]) {
		t.Error("rebuilding from the schema alone changed it")
	}
}

func TestBuildBadFilesNamed(t *testing.T) {
	for _, c := range []struct {
		files Files
		want  string
	}{
		{Files{Listings: []Input{{Name: "dir/l.txt", Data: []byte("  oops\n")}}}, "dir/l.txt: listing line 1"},
		{Files{Strict: true, Devel: []Input{{Name: "d.xml", Data: []byte("<doc><metadata")}}}, "d.xml: malformed XML"},
		{Files{Strict: true, Devel: []Input{{Name: "e.xml", Data: []byte(`<doc func="x.y"><error type="access"/></doc>`)}}}, `e.xml: function "x.y": panel error access`},
		{Files{Strict: true, Plugins: []Input{{Name: "p.xml", Data: []byte("<mgrdata><metadata name='f' type='form'><form><field name='a'><input name='a b'/></field></form></metadata></mgrdata>")}}}, `p.xml: function "f": field "a": control name "a b"`},
	} {
		_, err := Build("billmgr", nil, c.files)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("err = %v, want %q", err, c.want)
		}
	}
	// An unknown metadata type is kept, untyped, with the reason recorded.
	s, err := Build("billmgr", nil, Files{Plugins: []Input{{Name: "p.xml", Data: []byte("<mgrdata><metadata name='f' type='wizard'/></mgrdata>")}}})
	if err != nil || s.Lookup("f").Kind != "" || !strings.Contains(s.Lookup("f").Error, "wizard") {
		t.Errorf("unknown type: %v", err)
	}
	if _, err := Build("bad panel", nil, Files{}); err == nil {
		t.Error("a panel name with a space was accepted")
	}
}

// Merging an earlier schema with a new capture: a parameter once secret
// stays secret, and the devel metadata decides type and requiredness.
func TestMergeSecretAndAuthority(t *testing.T) {
	base := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Source: schema.Source{Method: "files"}, Functions: []schema.Function{{
		Name: "f.edit", Kind: "form", Params: []schema.Param{
			{Name: "code", Type: "string", Secret: true, Required: true},
			{Name: "note", Type: "text"},
		}}}}
	devel := `<doc func="f.edit"><metadata name="f.edit" type="form"><form>` +
		`<field name="code"><input type="text" name="code" check="int"/></field>` +
		`<field name="note"><input type="text" name="note" required="yes"/></field></form></metadata></doc>`
	s, err := Build("billmgr", nil, Files{Base: base, Devel: []Input{{Name: "f.xml", Data: []byte(devel)}}})
	if err != nil {
		t.Fatal(err)
	}
	f := s.Lookup("f.edit")
	code, note := f.Param("code"), f.Param("note")
	if !code.Secret || code.Type != "int" || code.Required {
		t.Errorf("code = %+v, want secret kept, type int and not required from devel", code)
	}
	if note.Type != "string" || !note.Required {
		t.Errorf("note = %+v, want devel's type and required", note)
	}
	// A plugin file does not override the panel's metadata.
	plugin := `<mgrdata><metadata name="f.edit" type="form"><form><field name="code"><input type="password" name="code" required="yes"/></field></form></metadata></mgrdata>`
	s, err = Build("billmgr", nil, Files{Devel: []Input{{Name: "f.xml", Data: []byte(devel)}}, Plugins: []Input{{Name: "p.xml", Data: []byte(plugin)}}})
	if err != nil {
		t.Fatal(err)
	}
	if code := s.Lookup("f.edit").Param("code"); !code.Secret || code.Required || code.Type != "int" {
		t.Errorf("after plugin: code = %+v", code)
	}
}

// Without Strict, a bad devel or plugin file among good ones is skipped
// with a warning naming it and recorded in the schema's source.
func TestBuildSkipsBadFiles(t *testing.T) {
	var warnings []string
	good := []byte("<mgrdata><metadata name='f' type='form'><form><field name='a'><input name='a'/></field></form></metadata></mgrdata>")
	s, err := Build("billmgr", nil, Files{
		Plugins: []Input{{Name: "dir/bad.xml", Data: []byte("<mgrdata><metadata")}, {Name: "good.xml", Data: good}},
		Devel:   []Input{{Name: "d.xml", Data: []byte("not xml")}},
		Warn:    func(m string) { warnings = append(warnings, m) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.Lookup("f") == nil {
		t.Error("the good file was not used")
	}
	if len(s.Source.Skipped) != 2 || s.Source.Skipped[0].File != "d.xml" || s.Source.Skipped[1].File != "bad.xml" ||
		!strings.Contains(s.Source.Skipped[1].Error, "malformed XML") {
		t.Errorf("skipped = %+v", s.Source.Skipped)
	}
	if len(warnings) != 2 || !strings.HasPrefix(warnings[1], "dir/bad.xml: skipped: malformed XML") {
		t.Errorf("warnings = %q", warnings)
	}
	// Nothing usable still gives a valid schema whose functions are [].
	empty, err := Build("billmgr", nil, Files{Plugins: []Input{{Name: "bad.xml", Data: []byte("<x")}}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := schema.Marshal(empty)
	if !strings.Contains(string(b), `"functions": []`) {
		t.Errorf("empty schema:\n%s", b)
	}
}

// The title message of a devel document names the function; the listing's
// first sentence is only a guess and gives way to it, while a function
// without a devel document keeps the guess.
func TestDevelTitleBeatsListing(t *testing.T) {
	c := &Capture{
		Listing: []byte("user.delete                                  Delete users. Deletes them. Function type: group\n" +
			"                                             operation\n" +
			"user.edit                                    Users . Creates or changes a user . Function type:\n" +
			"                                             form\n"),
		Devel: map[string][]byte{"user.edit": []byte(`<doc func="user.edit"><metadata name="user.edit" type="form"><form><field name="name"><input type="text" name="name"/></field></form></metadata>` +
			`<messages name="user.edit"><msg name="title">User</msg></messages></doc>`)},
	}
	s, err := Build("billmgr", c, Files{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Lookup("user.edit"); got.Title != "User" || got.Doc != "Users. Creates or changes a user" {
		t.Errorf("user.edit title %q doc %q", got.Title, got.Doc)
	}
	if got := s.Lookup("user.delete").Title; got != "Delete users" {
		t.Errorf("user.delete title %q", got)
	}
}
