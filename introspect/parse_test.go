package introspect

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/schema"
)

// readReal and realFiles read the real captures in ../shared (see
// internal/fixtures); tests that use them are skipped where it is absent.
func readReal(t testing.TB, rel string) []byte { t.Helper(); return fixtures.Read(t, rel) }

func realFiles(t testing.TB, pattern string) []string { t.Helper(); return fixtures.Glob(t, pattern) }

func TestParseListingReal(t *testing.T) {
	entries, err := ParseListing(readReal(t, "mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt"))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	notAvail := 0
	byName := map[string]ListingEntry{}
	for _, e := range entries {
		counts[e.Kind]++
		if e.Doc == "" && e.Kind == "" {
			notAvail++
		}
		byName[e.Name] = e
	}
	want := map[string]int{"form": 61, "list": 42, "group": 29, "validator": 44, "none": 2, "dashboard": 1, "external": 1, "": 105}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("kinds = %v, want %v", counts, want)
	}
	if len(entries) != 285 || notAvail != 95 {
		t.Errorf("%d entries, %d without description; want 285 and 95", len(entries), notAvail)
	}
	if entries[0].Name != "acmesh.certs.update" || entries[len(entries)-1].Name != "domain.autorecords" {
		t.Errorf("first/last = %q/%q", entries[0].Name, entries[len(entries)-1].Name)
	}
	for name, w := range map[string]ListingEntry{
		// "Function type:" split across lines, before "group operation".
		"admin.delete": {Name: "admin.delete", Kind: "group", Title: "Delete", Doc: "Delete. Delete administrator.", Type: "group operation"},
		// Split before "type:".
		"aps.choosever": {Name: "aps.choosever", Kind: "form", Title: "Select the web script package version", Doc: "Select the web script package version.", Type: "form"},
		"admin.filter": {Name: "admin.filter", Kind: "form", Title: "Administrators' list filter", Type: "form",
			Doc: "Administrators' list filter. Filter. You can specify selection criteria for this list. They will be applied every time the list is displayed until the filter is removed or modified",
			// The printed text, kept because tidying changed it.
			Raw: "Administrators' list filter . Filter. You can specify selection criteria for this list. They will be applied every time the list is displayed until the filter is removed or modified ."},
		"aps.catalog.apps.default": {Name: "aps.catalog.apps.default", Title: "Default application",
			Doc: `Default application. The application will be used by default on "Quick install"`},
		"dashboard":   {Name: "dashboard", Kind: "dashboard", Title: "Home", Doc: "Home.", Type: "dashboard"},
		"addsorter":   {Name: "addsorter", Kind: "form", Type: "form"},
		"actionlist":  {Name: "actionlist"},
		"check.alpha": {},
	} {
		got, ok := byName[name]
		if name == "check.alpha" {
			if ok {
				t.Errorf("check.alpha is not in the capture but was parsed")
			}
			continue
		}
		if !ok || got != w {
			t.Errorf("%s = %+v, want %+v", name, got, w)
		}
	}
}

func TestParseListingLayout(t *testing.T) {
	long := strings.Repeat("a", 44) + ".b" // longer than the name column
	in := "first.func                                   Title . Function type: form\r\n" +
		long + " Some text. Function\n" +
		"                                             type: list\n" +
		"\n" +
		"odd                                          Strange. Function type: brand new\n"
	got, err := ParseListing([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []ListingEntry{
		{Name: "first.func", Kind: "form", Title: "Title", Doc: "Title", Raw: "Title .", Type: "form"},
		{Name: long, Kind: "list", Title: "Some text", Doc: "Some text.", Type: "list"},
		// An unknown type keeps the kind empty and stays readable in Doc.
		{Name: "odd", Title: "Strange", Doc: "Strange. Function type: brand new", Type: "brand new"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestParseListingErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                              "looks like an empty file",
		"    continuation first\n":      "line 1: continuation line before any function name",
		"a  x\nb  y\na  z\n":            `line 3: function "a" already listed on line 1`,
		"bad=name   Function type: x\n": `function "bad=name"`,
	} {
		_, err := ParseListing([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseListing(%q) = %v, want error containing %q", in, err, want)
		}
	}
}

func TestParseDevelBillmgrForm(t *testing.T) {
	f, err := ParseDevel(readReal(t, "devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "domain.order.contact" || f.Kind != "form" || f.Title != "Заказ доменного имени" {
		t.Errorf("function = %q %q %q", f.Name, f.Kind, f.Title)
	}
	if len(f.Params) != 27 {
		t.Errorf("%d params, want 27 (textdata fields are not parameters)", len(f.Params))
	}
	if f.Param("customer_update_warning") != nil || f.Param("customer_company_desc") != nil {
		t.Error("textdata became a parameter")
	}
	if !reflect.DeepEqual(f.Pages, []schema.Page{{Name: "customer", Label: "Анкетные данные клиента"}}) {
		t.Errorf("pages = %+v", f.Pages)
	}
	check := func(name string, want schema.Param) {
		t.Helper()
		p := f.Param(name)
		if p == nil {
			t.Fatalf("no param %s", name)
		}
		got := *p
		got.If = nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s =\n %+v\nwant\n %+v", name, got, want)
		}
	}
	check("customer_name", schema.Param{Name: "customer_name", Type: "string", Control: "input", Required: true, MaxLength: 255,
		Label: "Название профиля", Hint: "Название профиля используется для упрощения идентификации его в списке профилей услуг", Page: "customer"})
	check("customer_email", schema.Param{Name: "customer_email", Type: "string", Control: "input", Required: true, MaxLength: 255,
		Check: "email", Hint: "Email адрес контактного лица", Placeholder: "email@example.com", Page: "customer"})
	check("customer_phone", schema.Param{Name: "customer_phone", Type: "string", Control: "input", Required: true, MaxLength: 20,
		Check: "phone", CheckArgs: "8,20,country", Label: "Телефон", Hint: f.Param("customer_phone").Hint,
		Placeholder: f.Param("customer_phone").Placeholder, Page: "customer"})
	check("customer_egr_date", schema.Param{Name: "customer_egr_date", Type: "date", Control: "input", Check: "daterange",
		CheckArgs: ",2020-01-01", Label: "Дата регистрации", Hint: f.Param("customer_egr_date").Hint,
		Placeholder: f.Param("customer_egr_date").Placeholder, Page: "customer"})
	prof := f.Param("customer_profiletype")
	wantEnum := []schema.EnumValue{{Key: "1", Label: "Физическое лицо"}, {Key: "2", Label: "Юридическое лицо"}, {Key: "3", Label: "Индивидуальный предприниматель"}}
	if prof.Type != "enum" || !reflect.DeepEqual(prof.Enum, wantEnum) {
		t.Errorf("customer_profiletype = %s %+v", prof.Type, prof.Enum)
	}
	if len(prof.If) != 29 || prof.If[0] != (schema.Cond{Value: "1", Hide: "customer_egr_num"}) {
		t.Errorf("customer_profiletype conditions = %d, first %+v", len(prof.If), prof.If[0])
	}
	country := f.Param("customer_location_country")
	// The country list is content (over 200 entries), not a static enum.
	if country.Type != "enum" || !country.Required || country.Enum != nil || country.Setvalues != "final" {
		t.Errorf("customer_location_country = %+v", country)
	}
	required := 0
	for _, p := range f.Params {
		if p.Required {
			required++
		}
	}
	if required != 22 {
		t.Errorf("%d required params, want 22", required)
	}
}

func TestParseDevelSjsonList(t *testing.T) {
	f, err := ParseDevel(readReal(t, "json/ispmgr6_sjson_webdomain_list_with_metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "webdomain" || f.Kind != "list" || f.Key != "name" {
		t.Errorf("function = %q %q key %q", f.Name, f.Kind, f.Key)
	}
	var cols []string
	for _, c := range f.Columns {
		cols = append(cols, c.Name+":"+c.Type)
	}
	wantCols := []string{"name:data", "ssl:prop", "owner:data", "docroot:data", "ipaddr:data", "prop:prop", "database:msg", "handler:data", "active:toggle"}
	if !reflect.DeepEqual(cols, wantCols) {
		t.Errorf("columns = %v", cols)
	}
	if got := f.Columns[1].Props; !reflect.DeepEqual(got, []string{"ssl_issued_success", "ssl_issued_error", "ssl_not_used"}) {
		t.Errorf("ssl props = %v", got)
	}
	var acts []string
	for _, a := range f.Actions {
		acts = append(acts, a.Type+":"+a.Func)
	}
	wantActs := []string{"new:site.edit", "edit:site.edit", "groupform:webdomain.delete.confirm", "editlist:phpconf",
		"edit:webdomain.plain", "editlist:webdomain.file", "group:webdomain.resume", "group:webdomain.suspend",
		"editlist:aps.user_catalog", "window:sitepro.open", "editlist:webdomain.su", "new:webdomain.filter"}
	if !reflect.DeepEqual(acts, wantActs) {
		t.Errorf("actions = %v", acts)
	}
}

func TestParseDevelErrors(t *testing.T) {
	cases := map[string]struct{ typ, object, msg string }{
		"errors/ispmgr6_sjson_error_auth_badpassword.json":     {"auth", "badpassword", "Invalid username or password"},
		"errors/ispmgr_plugin_emitted_error_exists.xml":        {"exists", "user", ""},
		"errors/billmgr_plugin_emitted_error_xml_type_xml.xml": {"xml", "xpath", "Возникла ошибка при авторизации через signature"},
	}
	for file, want := range cases {
		_, err := ParseDevel(readReal(t, file))
		var pe *PanelError
		if !errors.As(err, &pe) {
			t.Errorf("%s: err = %v, want a panel error", file, err)
			continue
		}
		if pe.Type != want.typ || pe.Object != want.object || !strings.Contains(pe.Msg, want.msg) {
			t.Errorf("%s: %+v, want %+v", file, pe, want)
		}
	}
	_, err := ParseDevel(readReal(t, "errors/billmgr_xml_error_auth_badpassword_TRUNCATED_in_source.xml"))
	if err == nil || !strings.Contains(err.Error(), "malformed XML") {
		t.Errorf("truncated document: err = %v, want malformed XML", err)
	}
	_, err = ParseDevel(readReal(t, "xml/billmgr_xml_auth_ok.xml"))
	if !errors.Is(err, ErrNoMetadata) {
		t.Errorf("auth document: err = %v, want ErrNoMetadata", err)
	}
}

func TestParseDevelOddInput(t *testing.T) {
	for in, want := range map[string]string{
		`<doc><metadata name="a b" type="form"/></doc>`:                                                                 `name "a b"`,
		`<doc func="x"><metadata name="y" type="form"/></doc>`:                                                          `document of function "x" describes "y"`,
		`<doc><metadata name="f" type="form"><form><field name="a"><input name="b=c"/></field></form></metadata></doc>`: `function "f": field "a": control name "b=c"`,
		`[1,2]`:         "malformed XML",
		`{"doc": [1}`:   "malformed JSON",
		`{"doc": {}} x`: "trailing data",
		`<mgrdata/>`:    "its root is <mgrdata>, plugin XML: use --plugin-xml",
	} {
		_, err := ParseDevel([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDevel(%s) = %v, want %q", in, err, want)
		}
	}
	// An unknown metadata type keeps the fields, leaves the kind empty and
	// records why; a maxlength that is not a number is ignored.
	f, err := ParseDevel([]byte(`<doc><metadata name="x" type="wizard"><form><field name="a"><input name="a" maxlength="many"/></field></form></metadata></doc>`))
	if err != nil || f.Kind != "" || !strings.Contains(f.Error, `unknown metadata type "wizard"`) ||
		len(f.Params) != 1 || f.Params[0].MaxLength != 0 {
		t.Errorf("wizard = %+v, %v", f, err)
	}
	// Unknown controls and tags are tolerated: an unknown control is a string
	// parameter, unknown elements are skipped.
	f, err = ParseDevel([]byte(`<doc><metadata name="f" type="form"><form><wizard><field name="a"><gizmo name="g"/><desc/></field></wizard>` +
		`<field name="t"><textarea name="t"/></field><field name="m"><select name="m" type="multiple"/></field></form><novel/></metadata></doc>`))
	if err != nil {
		t.Fatal(err)
	}
	want := []schema.Param{{Name: "g", Type: "string", Field: "a", Control: "gizmo"}, {Name: "t", Type: "text", Control: "textarea"},
		{Name: "m", Type: "multienum", Control: "select"}}
	if !reflect.DeepEqual(f.Params, want) {
		t.Errorf("params = %+v", f.Params)
	}
}

// mustRead reads a file by its full path.
func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Option lists in a document's data part are records unless messages
// declare them: they never become enum values on their own.
func TestDataOptionsAreNotEnums(t *testing.T) {
	doc := `<doc func="f.edit"><metadata name="f.edit" type="form"><form>` +
		`<field name="owner"><select name="owner"/></field><field name="mode"><select name="mode"/></field>` +
		`<field name="speed"><select name="speed"/></field></form></metadata>` +
		`<messages name="f.edit"><msg name="mode_a">Mode A</msg><msg name="speed_fast">Fast</msg></messages>` +
		`<slist name="owner"><val key="u1">alice@example.com</val><val key="u2">bob@example.com</val></slist>` +
		`<slist name="mode"><val key="a">a</val><val key="z">customer record</val></slist>` +
		`<slist name="speed"><msg>fast</msg></slist></doc>`
	f, err := ParseDevel([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if e := f.Param("owner").Enum; len(e) != 0 {
		t.Errorf("records became enum values: %+v", e)
	}
	if e := f.Param("mode").Enum; len(e) != 1 || e[0].Key != "a" || e[0].Label != "Mode A" {
		t.Errorf("mode enum = %+v, want only the declared a", e)
	}
	if e := f.Param("speed").Enum; len(e) != 1 || e[0].Key != "fast" || e[0].Label != "Fast" {
		t.Errorf("speed enum = %+v", e)
	}
}

// "Function type:" glued to a word before it is text, not a type.
func TestListingTypeMarkerNeedsAWordBoundary(t *testing.T) {
	got, err := ParseListing([]byte("a.b                                          Does xFunction type: form\n" +
		"c.d                                          Other. Function type: list\n"))
	if err != nil || len(got) != 2 || got[1].Kind != "list" {
		t.Fatal(err, got)
	}
	if got[0].Kind != "" || got[0].Type != "" || !strings.Contains(got[0].Doc, "xFunction type: form") {
		t.Errorf("entry = %+v", got[0])
	}
}
