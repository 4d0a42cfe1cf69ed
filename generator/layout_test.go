package generator

import (
	"bytes"
	"go/format"
	"strconv"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/mgrgen/mgrgen/generator/testdata/synth/synthschema"
	"github.com/mgrgen/mgrgen/internal/textdiff"
	"github.com/mgrgen/mgrgen/schema"
)

// sameAsGofmt renders every file of s twice, with package layout (what
// Generate does) and with jennifer's own go/format pass, and fails unless
// the two are byte for byte the same and layout needed no fallback. It
// returns the number of files compared.
func sameAsGofmt(t *testing.T, name string, s *schema.Schema, pkg string) int {
	t.Helper()
	jobs, err := fileJobs(s, Options{Package: pkg, SchemaHash: SchemaFileHash([]byte(name))})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, j := range jobs {
		before := layoutFallbacks.Load()
		got, err := render(j.build())
		if err != nil {
			t.Fatalf("%s/%s: %v", name, j.name, err)
		}
		if layoutFallbacks.Load() != before {
			t.Errorf("%s/%s: package layout fell back to go/format", name, j.name)
		}
		f := j.build()
		f.NoFormat = false
		var want bytes.Buffer
		if err := f.Render(&want); err != nil {
			t.Fatalf("%s/%s: %v", name, j.name, err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s/%s: package layout and go/format differ\n%s", name, j.name, textdiff.Hunk(j.name, want.Bytes(), got, 3, 40))
		}
		// gofmt leaves the output as it is.
		if again, err := format.Source(got); err != nil || !bytes.Equal(again, got) {
			t.Errorf("%s/%s: gofmt changes the output (%v)\n%s", name, j.name, err, textdiff.Hunk(j.name, again, got, 3, 40))
		}
	}
	return len(jobs)
}

// TestLayoutIsGofmt checks package layout against go/format on the
// sample schema, the shipped ones, a synthetic panel and the hostile one
// (the real captures: TestLayoutIsGofmtRealCaptures).
func TestLayoutIsGofmt(t *testing.T) {
	n := sameAsGofmt(t, "sample", loadSchema(t, "testdata/sample.schema.json"), "sample")
	n += sameAsGofmt(t, "billmgr", loadSchema(t, "../generated/billmgr/billmgr.schema.json"), "billmgr")
	n += sameAsGofmt(t, "ispmgr", loadSchema(t, "../generated/ispmgr/ispmgr.schema.json"), "ispmgr")
	n += sameAsGofmt(t, "synth", synthschema.New(400), "synth")
	n += sameAsGofmt(t, "hostile", hostileSchema(), "hostile")
	// A package named like an import makes jennifer alias the import.
	for _, pkg := range []string{"runtime", "context", "iter"} {
		n += sameAsGofmt(t, "sample as "+pkg, loadSchema(t, "testdata/sample.schema.json"), pkg)
	}
	t.Logf("%d files compared", n)
}

// TestLayoutIsGofmtRealCaptures is TestLayoutIsGofmt on the schemas built
// from the real captures.
func TestLayoutIsGofmtRealCaptures(t *testing.T) {
	n := 0
	for name, s := range realSchemas(t) {
		n += sameAsGofmt(t, name, s, s.Panel)
	}
	t.Logf("%d files compared", n)
}

// TestDocCommentsAsGofmt: gofmt rewrites doc comments (go/doc/comment
// turns doubled backquotes and apostrophes into curly quotes, among
// others). jennifer's go/format pass did not, because jennifer indents the
// line after a comment, so a file generated from such panel text was one
// gofmt would change.
func TestDocCommentsAsGofmt(t *testing.T) {
	s := loadSchema(t, "testdata/sample.schema.json")
	for i := range s.Functions {
		s.Functions[i].Doc = "Runs ``the thing'' for ''quoted'' names."
	}
	files, err := Generate(s, Options{Package: "sample"})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for name, src := range files {
		again, err := format.Source(src)
		if err != nil || !bytes.Equal(again, src) {
			t.Errorf("%s: gofmt changes the output (%v)\n%s", name, err, textdiff.Hunk(name, again, src, 3, 40))
		}
		if bytes.Contains(src, []byte("“the thing”")) {
			checked++
		}
	}
	if checked == 0 {
		t.Error("no doc comment has the panel's text")
	}
}

// A construct package layout does not know goes through go/format.
func TestRenderFallsBackToGofmt(t *testing.T) {
	f := newFile("p")
	f.Var().Id("handler").Op("=").Func().Params().Block(
		jen.For().Block(jen.Break()),
	)
	before := layoutFallbacks.Load()
	got, err := render(f)
	if err != nil {
		t.Fatal(err)
	}
	if layoutFallbacks.Load() != before+1 {
		t.Error("render did not count a fallback")
	}
	if want, err := format.Source(got); err != nil || !bytes.Equal(got, want) {
		t.Errorf("the fallback's output is not gofmt's (%v):\n%s", err, got)
	}
	if !bytes.Contains(got, []byte("var handler = func() {\n\tfor {\n\t\tbreak\n\t}\n}\n")) {
		t.Errorf("unexpected output:\n%s", got)
	}
}

// FuzzGenerateIsGofmt builds a small panel from the fuzzer's text and
// shape (kinds, parameter types, enums, columns, tables, buttons, docs)
// and requires every generated file to be what gofmt would make of it,
// without falling back to go/format.
func FuzzGenerateIsGofmt(f *testing.F) {
	f.Add("User", "Edits a user.", "Name", "The login.", "on", uint8(3), uint8(7), uint8(2))
	f.Add("", "", "", "", "", uint8(0), uint8(0), uint8(0))
	f.Add("Lone Heading", "- item\n  - indented\n\n\tcode", "``q''", "# head", "x", uint8(9), uint8(255), uint8(1))
	f.Fuzz(func(t *testing.T, title, doc, label, hint, enumLabel string, params, shape, enums uint8) {
		s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Source: schema.Source{Method: "files"}}
		kinds := []string{schema.KindForm, schema.KindList, schema.KindReport, schema.KindGroup}
		for k, kind := range kinds {
			fn := schema.Function{Name: "area.f" + strconv.Itoa(k), Kind: kind, Title: title, Doc: doc}
			for i := range int(params % 12) {
				p := schema.Param{Name: "p" + strconv.Itoa(i), Type: schema.Types[(i+int(shape))%len(schema.Types)],
					Label: label, Hint: hint, Required: (i+int(shape))%3 == 0, Secret: i%5 == 4}
				if p.Type == schema.TypeEnum || p.Type == schema.TypeMultiEnum {
					for e := range int(enums % 4) {
						p.Enum = append(p.Enum, schema.EnumValue{Key: "v" + strconv.Itoa(e), Label: enumLabel})
					}
				}
				fn.Params = append(fn.Params, p)
				fn.Columns = append(fn.Columns, schema.Column{Name: "c" + strconv.Itoa(i), Label: label, Hint: hint})
			}
			if shape&1 != 0 && kind != schema.KindGroup {
				fn.Tables = []schema.Table{{Name: "t", Columns: []schema.Column{{Name: "x", Label: label}}}}
			}
			if shape&2 != 0 && kind == schema.KindForm {
				fn.Buttons = []schema.Button{{Name: "ok", Type: "ok", Label: enumLabel}}
			}
			if shape&4 != 0 && kind == schema.KindList {
				fn.Actions = []schema.Action{{Name: "edit", Func: "area.f0", Type: "edit", Label: label}}
			}
			s.Functions = append(s.Functions, fn)
		}
		s.FoldText()
		seed := title == "User" && doc == "Edits a user."
		if err := s.Validate(); err != nil {
			if seed {
				t.Fatal(err)
			}
			return
		}
		before := layoutFallbacks.Load()
		files, err := Generate(s, Options{Package: "p"})
		if err != nil {
			if seed {
				t.Fatal(err)
			}
			return // a name collision the fuzzer made; reported, not laid out
		}
		if layoutFallbacks.Load() != before {
			t.Fatal("package layout fell back to go/format")
		}
		for name, src := range files {
			if again, err := format.Source(src); err != nil || !bytes.Equal(again, src) {
				t.Fatalf("%s: gofmt changes the output (%v)\n%s\n%s", name, err, textdiff.Hunk(name, again, src, 3, 40), src)
			}
		}
	})
}
