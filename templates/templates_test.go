package templates

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/mgrgen/mgrgen/internal/textdiff"
	"github.com/mgrgen/mgrgen/runtime"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden renders code into a file of package p and compares it with
// testdata/name.golden.
func golden(t *testing.T, name string, code ...jen.Code) {
	t.Helper()
	f := jen.NewFile("p")
	f.HeaderComment(Header("v0.0.0-test"))
	f.ImportName(RuntimePath, "runtime")
	for _, c := range code {
		f.Add(c)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s differs from %s (run go test ./templates -update):\n%s", name, path, textdiff.Hunk(path, want, buf.Bytes(), 3, 40))
	}
}

var level = &Enum{Name: "UserEditLevel", List: "UserEditLevelValues", Doc: "UserEditLevel is a level.", Dropped: []string{`"a b"`},
	Consts: []Const{{Name: "UserEditLevel16", Key: "16", Label: "User"}, {Name: "UserEditLevelAdmin", Key: "admin"}}}

var request = &Struct{Name: "UserEditRequest", Func: "user.edit", Doc: "UserEditRequest holds the parameters.", Elid: "single", Fields: []*Field{
	{Name: "Name", Wire: "name", Type: "string", Required: true, Label: "Login", Hint: "The login"},
	{Name: "Passwd", Wire: "passwd", Type: "string", Secret: true},
	{Name: "Active", Wire: "active", Type: "bool"},
	{Name: "Limit", Wire: "limit", Type: "int", Required: true},
	{Name: "Rate", Wire: "rate", Type: "float"},
	{Name: "Level", Wire: "level", Type: "enum", Enum: "UserEditLevel", Required: true, Values: []string{`"16" (User)`, `"admin"`}},
	{Name: "Tags", Wire: "tags", Type: "list"},
	{Name: "Groups", Wire: "groups", Type: "list", Enum: "UserEditLevel", Required: true},
}, Rules: &Rules{Var: "rulesUserEdit", Form: true, Required: []RequiredRule{
	{Param: "name", Field: "Name"}, {Param: "limit", Field: "Limit", Feature: "quota"},
	{Param: "level", Field: "Level", FormField: "lvl", RemoveIf: "new"}, {Param: "groups", Field: "Groups"},
}, Hides: []HideRule{{Param: "active", Value: "off", Hide: "groups"}}}}

var row = &Struct{Name: "UserRow", Func: "user", Doc: "UserRow is one row.", Fields: []*Field{
	{Name: "Name", Wire: "name", Type: "string", Column: true, Label: "Name"},
	{Name: "Status", Wire: "status", Type: "string", Column: true, Orig: "StatusOrig"},
	{Name: "Active", Wire: "active", Type: "bool", Column: true},
	{Name: "IsAdmin", Wire: "is_admin", Type: "bool", Column: true, Prop: true},
}}

var history = &Table{Wire: "history", Field: "History", Row: &Struct{Name: "UserEditHistoryRow", Fields: []*Field{{Name: "When", Wire: "when", Type: "string", Column: true}}}}

func TestEmitEnum(t *testing.T) { golden(t, "enum", EmitEnum(level)) }

func TestEmitRequest(t *testing.T) {
	multi := &Struct{Name: "UserMoveRequest", Func: "user.move", Elid: "multi", Fields: []*Field{{Name: "To", Wire: "to", Type: "string"}}}
	golden(t, "request", EmitRequest(request), EmitRequest(multi))
}

func TestEmitRow(t *testing.T) { golden(t, "row", EmitRow(row)) }

func TestEmitValues(t *testing.T) {
	values := &Struct{Name: "UserEditForm", Doc: "UserEditForm is the form.", Fields: request.Fields, RequestOf: request}
	golden(t, "values", EmitValues(values, []*Table{history}))
}

func TestEmitReport(t *testing.T) {
	golden(t, "report", EmitReport(&Struct{Name: "StatReport", Doc: "StatReport is a report."}, []*Table{history}))
}

func TestEmitMethods(t *testing.T) {
	list := &Func{Wire: "user", Kind: "list", Method: "User", Title: "Users", Doc: "Users. All accounts.", Row: row,
		Actions: []Action{{Name: "edit", Func: "user.edit", Type: "edit", Label: "Edit", Method: "UserEdit"}, {Name: "su", Func: "user.su", Type: "editlist"}}}
	form := &Func{Wire: "user.edit", Kind: "form", Method: "UserEdit", Title: "User", Request: request, Values: &Struct{Name: "UserEditForm"}}
	report := &Func{Wire: "stat", Kind: "report", Method: "Stat", Request: &Struct{Name: "StatRequest"}, Report: &Struct{Name: "StatReport"}}
	group := &Func{Wire: "user.delete", Kind: "group", Method: "UserDelete", Title: "Delete", Doc: "Delete. Delete the user."}
	groupParams := &Func{Wire: "user.move", Kind: "group", Method: "UserMove", Request: &Struct{Name: "UserMoveRequest"}}
	golden(t, "methods", EmitMethods(list), EmitMethods(form), EmitMethods(report), EmitMethods(group), EmitMethods(groupParams))
}

func TestDocComment(t *testing.T) {
	f := &Field{Name: "Email", Wire: "email", Label: "E-mail", Hint: "Where invoices go", Required: true, Secret: true,
		Values: []string{`"a"`}, Extra: []string{"Checked by the panel as email."}}
	golden(t, "comment", Comment(FieldDoc(f)).Line().Var().Id("Email").String(),
		Comment(Wrap("First paragraph that is long enough to be wrapped at the comment width of seventy-six characters.", "", "Second.")).Line().Var().Id("X").Int())
}

func TestPackageDoc(t *testing.T) {
	p := &Package{Name: "p", Panel: "billmgr", Schema: "billmgr.schema.json",
		Areas:   []Area{{Name: "user", Funcs: []*Func{{Wire: "user", Kind: "list", Method: "User", Title: "Users"}, {Wire: "user.edit", Kind: "form", Method: "UserEdit"}}}},
		Skipped: []Skipped{{Wire: "exit", Reason: "the panel gives no function type"}, {Wire: "auth", Reason: "the panel gives no function type"}}}
	var code []jen.Code
	code = append(code, EmitClient(p))
	f := jen.NewFile("p")
	for _, line := range strings.Split(PackageDoc(p), "\n") {
		f.PackageComment(line)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	golden(t, "client", code...)
	path := filepath.Join("testdata", "packagedoc.golden")
	if *update {
		os.WriteFile(path, buf.Bytes(), 0o644)
	}
	want, _ := os.ReadFile(path)
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("package doc differs from %s:\n%s", path, textdiff.Hunk(path, want, buf.Bytes(), 3, 40))
	}
}

// The generated-code API version of the emitters and of the runtime of the
// same release agree.
func TestAPIVersionMatchesRuntime(t *testing.T) {
	if APIVersion != runtime.GeneratedAPIVersion {
		t.Errorf("templates emit API %d, the runtime is %d", APIVersion, runtime.GeneratedAPIVersion)
	}
}

// A listing's description starts with the title sentence; the method doc
// names the title already, so the paragraph below leaves it out.
func TestMethodDocDropsRepeatedTitle(t *testing.T) {
	f := &Func{Wire: "user.delete", Kind: "group", Title: "Delete users", Doc: "Delete users. Deletes the selected users."}
	got := MethodDoc(f, "UserDelete", "runs")
	if strings.Count(got, "Delete users") != 1 || !strings.Contains(got, "Deletes the selected users.") {
		t.Errorf("doc = %q", got)
	}
	// A title that only begins the first sentence is not cut.
	f.Doc = "Delete users and their sites."
	if got := MethodDoc(f, "UserDelete", "runs"); !strings.Contains(got, "Delete users and their sites.") {
		t.Errorf("doc = %q", got)
	}
}

// FuzzTextShortcuts checks the shortcuts the comment helpers take for
// plain text against the full treatment.
func FuzzTextShortcuts(f *testing.F) {
	for _, s := range []string{"", " ", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "Пользователь", "a\u202eb", "\xff", "a\u2028b", "\ufffd", "x\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plainSpacing(s), strings.Join(strings.Fields(s), " ") == s; got != want {
			t.Errorf("plainSpacing(%q) = %v, want %v", s, got, want)
		}
		if got, want := Neutralize(s), neutralize(s); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", s, got, want)
		}
	})
}

// Every invisible or bidirectional format character Neutralize names is
// removed, alone and inside text, through the shortcut and without it.
func TestNeutralizeEveryFormatCharacter(t *testing.T) {
	var named []rune
	named = append(named, 0x2028, 0x2029, 0xFEFF, 0x061C, 0x200E, 0x200F)
	for r := rune(0x202A); r <= 0x202E; r++ {
		named = append(named, r)
	}
	for r := rune(0x2066); r <= 0x2069; r++ {
		named = append(named, r)
	}
	named = append(named, 0x00, 0x1B, 0x7F, 0x85, '\r', '\n')
	for _, r := range named {
		for _, in := range []string{string(r), "a" + string(r) + "b", string(r) + "x" + string(r)} {
			out := Neutralize(in)
			if strings.ContainsRune(out, r) {
				t.Errorf("U+%04X survives in %q", r, out)
			}
		}
	}
	if got := Neutralize("a\tb"); got != "a b" {
		t.Errorf("tab: %q", got)
	}
	if got := Neutralize("Привет, ‘мир’"); got != "Привет, ‘мир’" {
		t.Errorf("plain text changed: %q", got)
	}
}

// Functions without a typed method are listed by reason in the order of
// the reasons' text, whatever order they came in, each with its functions
// in schema order.
func TestSkippedReasonsOrdered(t *testing.T) {
	skipped := []Skipped{
		{Wire: "z.one", Reason: "validator"}, {Wire: "a.one", Reason: "external function"},
		{Wire: "z.two", Reason: "validator"}, {Wire: "m.one", Reason: "dashboard"},
	}
	var docs []string
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}} {
		p := &Package{Name: "p", Panel: "x", Schema: "x.json"}
		for _, i := range order {
			p.Skipped = append(p.Skipped, skipped[i])
		}
		docs = append(docs, PackageDoc(p))
	}
	d := docs[0]
	i, j, k := strings.Index(d, "Dashboard: m.one."), strings.Index(d, "External function: a.one."), strings.Index(d, "Validator: z.one, z.two.")
	if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
		t.Errorf("reasons out of order:\n%s", d)
	}
	if !strings.Contains(docs[1], "Validator: z.two, z.one.") || !strings.Contains(docs[2], "Validator: z.one, z.two.") {
		t.Errorf("functions of a reason are not in the order given:\n%s\n%s", docs[1], docs[2])
	}
	if strings.Count(docs[1], "Dashboard: m.one.") != 1 || strings.Index(docs[1], "Dashboard") > strings.Index(docs[1], "Validator") {
		t.Errorf("reason order depends on input order:\n%s", docs[1])
	}
}
