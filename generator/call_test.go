package generator

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// callSchema is the sample schema plus a wizard step with buttons, so
// every field type a call can set is present.
func callSchema(t testing.TB) *schema.Schema {
	s := loadSchema(t, "testdata/sample.schema.json")
	s.Functions = append(s.Functions, schema.Function{Name: "wiz.step", Kind: schema.KindForm, Wizard: "first", Sources: []string{"devel"},
		Buttons: []schema.Button{{Name: "ok"}, {Name: "finish"}},
		Params:  []schema.Param{{Name: "note", Type: schema.TypeText}, {Name: "doc", Type: schema.TypeFile}}})
	s.Normalize()
	return s
}

// plausible is a wire value that fits a parameter's type.
func plausible(p schema.Param) string {
	switch p.Type {
	case schema.TypeBool:
		return "on"
	case schema.TypeInt:
		return "5"
	case schema.TypeFloat:
		return "1.5"
	case schema.TypeEnum, schema.TypeMultiEnum:
		if len(p.Enum) > 1 {
			if p.Type == schema.TypeMultiEnum {
				return p.Enum[0].Key + ", " + p.Enum[1].Key + ", unknown"
			}
			return p.Enum[1].Key
		}
		return "other"
	}
	return "v\"al`ue\n"
}

// requestsFor makes, for every function, the requests the panel's
// interface would send: every parameter set, elid, options, sok for a
// form submit and a bare open for its Get.
func requestsFor(s *schema.Schema) (names []string, reqs [][]CallParam) {
	for _, f := range s.Functions {
		base := []CallParam{{Name: "elid", Value: "1, 2"}, {Name: "su", Value: "bob"}, {Name: "plid", Value: "7"},
			{Name: "lang", Value: "en"}, {Name: "out", Value: "xml"}, {Name: "elname", Value: "x"}}
		full := append([]CallParam(nil), base...)
		for _, p := range f.Params {
			if p.Secret {
				full = append(full, CallParam{Name: p.Name, Secret: true, Env: "MGR_" + strings.ToUpper(p.Name)})
			} else {
				full = append(full, CallParam{Name: p.Name, Value: plausible(p)})
			}
		}
		full = append(full, CallParam{Name: "not_in_schema", Value: "1"})
		switch f.Kind {
		case schema.KindForm:
			full = append(full, CallParam{Name: "sok", Value: "ok"}, CallParam{Name: "clicked_button", Value: "finish"}, CallParam{Name: "snext", Value: "ok"})
			names, reqs = append(names, f.Name+" (open)"), append(reqs, base)
		case schema.KindList:
			full = append(full, CallParam{Name: "filter", Value: "on"}, CallParam{Name: "p_num", Value: "2"}, CallParam{Name: "p_cnt", Value: "50"})
		}
		names, reqs = append(names, f.Name), append(reqs, full)
	}
	names, reqs = append(names, "missing.func"), append(reqs, []CallParam{{Name: "a", Value: "b"}, {Name: "password", Secret: true, Env: "MGR_PASSWORD"}})
	return names, reqs
}

// TestCallsCompile writes the call of every function of the sample schema
// (every kind, every field type, options, secrets, unknown parameters and
// an unknown function) and compiles them all against the package
// generated from the same schema.
func TestCallsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated package")
	}
	s := callSchema(t)
	caller, err := NewCaller(s, "sample", nil)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.MkdirTemp(".", "_calls")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	files, err := Generate(s, Options{Package: "sample"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(filepath.Join(root, "sample"), files); err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	fmt.Fprintf(&src, "package check\n\nimport (\n\t\"context\"\n\t\"net/url\"\n\t\"os\"\n\n\t\"github.com/mgrgen/mgrgen/generator/%s/sample\"\n\t\"github.com/mgrgen/mgrgen/runtime\"\n)\n\n", filepath.Base(root))
	src.WriteString("var _ = url.Values{}\nvar _ = os.Getenv\nvar _ runtime.Option\n\n")
	names, reqs := requestsFor(s)
	kinds := map[string]bool{}
	for i, req := range reqs {
		code, notes := caller.Call(strings.TrimSuffix(names[i], " (open)"), req)
		if code == "" {
			t.Fatalf("%s: no code: %q", names[i], notes)
		}
		result, _, _ := strings.Cut(strings.TrimPrefix(code[strings.LastIndex(code, "\nres")+1:], "ctx = "), ",")
		if strings.HasPrefix(code, "ctx = ") {
			result = "res"
		}
		kinds[result] = true
		fmt.Fprintf(&src, "// %s\nfunc _(ctx context.Context, c *sample.Client) {\n%s\n_, _ = %s, err\n}\n\n", names[i], code, result)
	}
	for _, k := range []string{"res", "rows", "form", "report"} {
		if !kinds[k] {
			t.Errorf("no call returns %s; the schema no longer covers every kind", k)
		}
	}
	dir := filepath.Join(root, "check")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "check.go"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("go", "vet", "./"+dir).CombinedOutput(); err != nil {
		t.Errorf("the calls do not compile: %v\n%s\n%s", err, out, src.String())
	}
}

func TestCallShapes(t *testing.T) {
	caller, err := NewCaller(callSchema(t), "sample", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		fn    string
		req   []CallParam
		code  string
		notes []string
	}{
		{"wiz.step", []CallParam{{Name: "sok", Value: "ok"}, {Name: "snext", Value: "ok"}, {Name: "clicked_button", Value: "finish"},
			{Name: "note", Value: "a\x1b[31m"}, {Name: "doc", Value: "f.txt"}},
			"res, err := c.WizStep(ctx, &sample.WizStepRequest{\n\tNote:          runtime.Set(\"a\\x1b[31m\"),\n\tClickedButton: sample.WizStepButtonFinish,\n\tNextStep:      true,\n})",
			[]string{"doc is a file upload; a log line or URL does not carry the file, set WizStepRequest.Doc to a runtime.File"}},
		{"wiz.step", []CallParam{{Name: "elid"}, {Name: "sok", Value: "ok"}, {Name: "note", Value: "x"}},
			"res, err := c.WizStep(ctx, &sample.WizStepRequest{\n\tNote: runtime.Set(\"x\"),\n})", nil},
		{"wiz.step", []CallParam{{Name: "elid", Value: "3"}, {Name: "note", Value: "x"}},
			`form, err := c.WizStepGet(ctx, "3")`,
			[]string{"note: opening the form wiz.step takes only elid; it is left out (with sok=ok the request would be a submit)"}},
		{"nowhere", []CallParam{{Name: "\"); os.Exit(1); (\"", Value: "`"}},
			"res, err := c.Call(ctx, \"nowhere\", url.Values{\n\t\"\\\"); os.Exit(1); (\\\"\": {\"`\"},\n})",
			[]string{"nowhere has no typed method in this schema (not described, or not there); the call is the untyped Client.Call"}},
	} {
		code, notes := caller.Call(c.fn, c.req)
		if code != c.code || !reflect.DeepEqual(notes, c.notes) {
			t.Errorf("%s:\n%s\n%q\nwant\n%s\n%q", c.fn, code, notes, c.code, c.notes)
		}
	}
}

// FuzzCall: whatever a log line or URL holds, the call is Go code that
// parses, and the only names in it are the planner's.
func FuzzCall(f *testing.F) {
	f.Add("user.edit", "name", "hello", false)
	f.Add("nope", "a\"b", "`\n", true)
	f.Add("user", "status", "on", false)
	f.Add("user.delete", "elid", "1, 2,,", false)
	caller, err := NewCaller(callSchema(f), "sample", nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, fn, name, value string, secret bool) {
		req := []CallParam{{Name: "sok", Value: "ok"}, {Name: name, Value: value, Secret: secret, Env: "MGR_X"}, {Name: "filter", Value: "on"}}
		code, notes := caller.Call(fn, req)
		if code == "" {
			t.Fatalf("no code: %q", notes)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+code+"\n}\n", 0); err != nil {
			t.Fatalf("not Go: %v\n%s", err, code)
		}
	})
}

// TestCallsGolden pins the call of every function of the sample schema,
// with its notes, in testdata/calls.golden (go test -update to accept).
func TestCallsGolden(t *testing.T) {
	s := callSchema(t)
	caller, err := NewCaller(s, "sample", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	names, reqs := requestsFor(s)
	for i, req := range reqs {
		code, notes := caller.Call(strings.TrimSuffix(names[i], " (open)"), req)
		fmt.Fprintf(&out, "== %s\n%s\n", names[i], code)
		for _, n := range notes {
			fmt.Fprintf(&out, "note: %s\n", n)
		}
	}
	path := filepath.Join("testdata", "calls.golden")
	if *update {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("calls differ from %s (go test -update to accept):\n%s", path, out.String())
	}
}
