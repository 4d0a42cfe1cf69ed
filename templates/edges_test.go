package templates

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// renderCode renders code alone in a file of package p.
func renderCode(t *testing.T, code jen.Code) string {
	t.Helper()
	f := jen.NewFile("p")
	f.ImportName(RuntimePath, "runtime")
	f.Add(code)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// A line of exactly commentWidth runes stays one line.
func TestWrapFillsTheWidthExactly(t *testing.T) {
	first := strings.Repeat("a", commentWidth-2) + " b"
	got := Wrap(first+" c", "Second.")
	if want := first + "\nc\n\nSecond."; got != want {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
}

// A field note of exactly maxTrailing runes stays on the field's line;
// one rune more moves it above.
func TestFieldNoteLength(t *testing.T) {
	for _, tc := range []struct {
		extra int
		kept  bool
	}{{0, true}, {1, false}} {
		// sentence(Quote(label)) adds the quotes and a full stop.
		label := strings.Repeat("x", maxTrailing-3+tc.extra)
		got := FieldNote(&Field{Name: "X", Wire: "x", Type: "string", Label: label})
		if (got != "") != tc.kept || (tc.kept && len([]rune(got)) != maxTrailing) {
			t.Errorf("label of %d runes: note %q (%d runes)", len(label), got, len([]rune(got)))
		}
	}
}

// An enum with nothing dropped says nothing about dropped values, and one
// with no constants gets no empty const block.
func TestEnumWithoutDroppedOrConstants(t *testing.T) {
	plain := renderCode(t, EmitEnum(&Enum{Name: "E", List: "EValues", Doc: "E is a kind.", Consts: []Const{{Name: "EA", Key: "a"}}}))
	if strings.Contains(plain, "without a constant") {
		t.Errorf("nothing dropped:\n%s", plain)
	}
	empty := renderCode(t, EmitEnum(&Enum{Name: "E", List: "EValues", Doc: "E is a kind.", Dropped: []string{`"a b"`}}))
	if strings.Contains(empty, "const (") || strings.Contains(empty, "const E") || !strings.Contains(empty, `"a b"`) {
		t.Errorf("no constants:\n%s", empty)
	}
}

// Only a list with a parent is documented as a sub-list.
func TestSubListSentence(t *testing.T) {
	sub := &Func{Wire: "db.users", Kind: "list", Method: "DbUsers", Title: "Users", Parent: "db"}
	if got := MethodDoc(sub, "DbUsers", "lists"); !strings.Contains(got, "sub-list") {
		t.Errorf("sub-list doc = %q", got)
	}
	for _, f := range []*Func{
		{Wire: "db", Kind: "list", Method: "Db", Title: "Databases"},
		{Wire: "db.users.edit", Kind: "form", Method: "DbUsersEdit", Title: "User", Parent: "db"},
	} {
		if got := MethodDoc(f, f.Method, "opens"); strings.Contains(got, "sub-list") {
			t.Errorf("%s doc = %q", f.Wire, got)
		}
	}
}

// A package with nothing skipped has no section for skipped functions.
func TestPackageDocWithoutSkipped(t *testing.T) {
	p := &Package{Name: "p", Panel: "billmgr", Schema: "billmgr.schema.json",
		Areas: []Area{{Name: "user", Funcs: []*Func{{Wire: "user", Kind: "list", Method: "User", Title: "Users"}}}}}
	if got := PackageDoc(p); strings.Contains(got, "without a typed method") {
		t.Errorf("package doc:\n%s", got)
	}
}

// Rules without hide rules list none.
func TestRulesWithoutHides(t *testing.T) {
	s := &Struct{Name: "FRequest", Func: "f", Fields: []*Field{{Name: "Name", Wire: "name", Type: "string", Required: true}},
		Rules: &Rules{Var: "rulesF", Required: []RequiredRule{{Param: "name", Field: "Name"}}}}
	got := renderCode(t, EmitRequest(s))
	if strings.Contains(got, "Hides") || !strings.Contains(got, "rulesF") {
		t.Errorf("request:\n%s", got)
	}
}
