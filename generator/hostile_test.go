package generator

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/schema"
)

// marker is in every payload: it may appear in generated code only inside
// comments and string literals.
const marker = "PWNED"

// payloads try every way out of a doc comment: a line break followed by
// code or a directive, a block comment, a carriage return, a Unicode line
// separator, control and bidi characters, and a long line whose wrapping
// puts a directive at the start of a comment line.
var payloads = []string{
	"a\n}\nfunc init() { panic(\"" + marker + "\") }\n//",
	"b\n//go:generate sh -c 'echo " + marker + "'",
	"c */ func init() { println(\"" + marker + "\") } /*",
	"/* " + marker,
	"//go:generate echo " + marker,
	"d\r//go:generate echo " + marker,
	"e\u2028//go:build ignore " + marker,
	"f\u202e" + marker + "\u2066\x00\x85\x1b[2J",
	strings.Repeat("wrap ", 15) + "//go:generate echo " + marker + " " + strings.Repeat("x", 80) + " //line evil.go:1 " + marker,
	"g\n*/\nvar _ = \"" + marker + "\"\n/*",
}

// hostileSchema puts a payload into every text field a schema has,
// without going through Load (which refuses line breaks), so the
// generator's own defences are what is tested.
func hostileSchema() *schema.Schema {
	p := func(i int) string { return payloads[i%len(payloads)] }
	n := 0
	next := func() string { n++; return p(n) }
	params := []schema.Param{
		{Name: "name", Type: "string", Label: next(), Hint: next(), Placeholder: next(), Page: "main", Check: next()},
		{Name: "kind", Type: "enum", Label: next(), Hint: next(), Enum: []schema.EnumValue{{Key: "a", Label: next()}, {Key: "b\n//go:generate x", Label: next()}}},
		{Name: "tags", Type: "multienum", Label: next(), Enum: []schema.EnumValue{{Key: "x", Label: next()}}},
		{Name: "on", Type: "bool", Label: next(), Hint: next()},
		{Name: "pw", Type: "string", Secret: true, Label: next()},
	}
	cols := []schema.Column{{Name: "id", Type: "data", Label: next(), Hint: next()}, {Name: "state", Type: "msg", Label: next()}}
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Lang: "en", Source: schema.Source{Method: "files", PanelVersion: next()},
		Functions: []schema.Function{
			{Name: "evil", Kind: "list", Title: next(), Doc: next(), Key: "id", Columns: cols,
				Actions: []schema.Action{{Name: "new", Func: "evil.edit", Type: "new", Label: next()}, {Name: "del", Func: "evil.delete", Type: "group", Label: next()}}},
			{Name: "evil.delete", Kind: "group", Title: next(), Doc: next()},
			{Name: "evil.edit", Kind: "form", Title: next(), Doc: next(), Params: params, Pages: []schema.Page{{Name: "main", Label: next()}},
				Tables: []schema.Table{{Name: "hist", Columns: []schema.Column{{Name: "when", Label: next(), Hint: next()}}}}},
			{Name: "evil.report", Kind: "report", Title: next(), Doc: next(), Params: []schema.Param{{Name: "from", Type: "date", Label: next()}},
				Tables: []schema.Table{{Name: "rows", Columns: []schema.Column{{Name: "v", Label: next()}}}}},
			{Name: "evil.validator", Kind: "validator", Title: next(), Doc: next()},
		}}
	s.Normalize()
	return s
}

const hostilePlugin = `<?xml version="1.0" encoding="UTF-8"?>
<mgrdata>
  <metadata name="evil" type="list" key="id">
    <toolbar><toolbtn name="new" func="evil.edit" type="new"/><toolbtn name="del&#10;//go:generate x" func="evil.delete" type="group"/></toolbar>
    <coldata><col name="id" type="data"/><col name="state" type="msg"/></coldata>
  </metadata>
  <metadata name="evil.edit" type="form">
    <form>
      <page name="main">
        <field name="name"><input type="text" name="name" required="yes"/></field>
        <field name="kind"><select name="kind"/></field>
        <field name="on"><input type="checkbox" name="on"/></field>
      </page>
    </form>
  </metadata>
  <metadata name="evil.delete" type="group"/>
  <lang name="en">
    <messages name="evil">
      <msg name="title">PAYLOAD</msg>
      <msg name="id">PAYLOAD</msg>
      <msg name="hint_id">PAYLOAD</msg>
      <msg name="state">PAYLOAD</msg>
      <msg name="short_new">PAYLOAD</msg>
    </messages>
    <messages name="evil.edit">
      <msg name="title">PAYLOAD</msg>
      <msg name="main">PAYLOAD</msg>
      <msg name="name">PAYLOAD</msg>
      <msg name="hint_name">PAYLOAD</msg>
      <msg name="placeholder_name">PAYLOAD</msg>
      <msg name="kind">PAYLOAD</msg>
      <msg name="kind_a">PAYLOAD</msg>
      <msg name="kind_b">PAYLOAD</msg>
      <msg name="on">PAYLOAD</msg>
    </messages>
  </lang>
</mgrdata>`

// xmlText escapes a payload for XML text, writing line breaks and other
// characters XML 1.0 allows as character references so they survive.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028:
			fmt.Fprintf(&b, "&#%d;", r)
		case r < 0x20 && r != '\t':
			// not allowed in XML 1.0 at all
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestHostileTextIsInert(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	plugin := hostilePlugin
	for i := 0; strings.Contains(plugin, "PAYLOAD"); i++ {
		plugin = strings.Replace(plugin, "PAYLOAD", xmlText(payloads[i%len(payloads)]), 1)
	}
	fromPlugin, err := introspect.Build("billmgr", nil, introspect.Files{Plugins: []introspect.Input{{Name: "evil.xml", Data: []byte(plugin)}}})
	if err != nil {
		t.Fatal(err)
	}
	if f := fromPlugin.Lookup("evil.edit"); f == nil || !strings.Contains(f.Title, marker) || len(f.Params) != 3 {
		t.Fatalf("the hostile plugin did not parse as intended: %+v", f)
	}
	// A schema file with the payloads that Load accepts (no line breaks or
	// control characters) must generate inert code too.
	fromFile := hostileSchema()
	fromFile.FoldText()
	path := filepath.Join(t.TempDir(), "evil.schema.json")
	if err := schema.Save(fromFile, path); err != nil {
		t.Fatal(err)
	}
	loaded, err := schema.Load(path)
	if err != nil {
		t.Fatal(err)
	}

	root, err := os.MkdirTemp(".", "_compile")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	var patterns []string
	for name, s := range map[string]*schema.Schema{"plugin": fromPlugin, "memory": hostileSchema(), "file": loaded} {
		files, err := Generate(s, Options{Package: "evil", SchemaName: "evil.schema.json"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		seen := 0
		for file, src := range files {
			seen += checkInert(t, name+"/"+file, src)
		}
		if seen == 0 {
			t.Errorf("%s: no payload reached the generated code, so nothing was tested", name)
		}
		dir := filepath.Join(root, name)
		if _, err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
		patterns = append(patterns, "./"+dir)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s does not compile: %v", p.PkgPath, e)
		}
	}
}

// checkInert reads generated source with go/scanner and go/parser and fails
// the test when the marker is anywhere but in a comment or a string
// literal, when a comment is anything but a plain // line, when a file
// declares init, or when the source is not valid Go. It returns how many
// times the marker was seen.
func checkInert(t *testing.T, name string, src []byte) int {
	t.Helper()
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile(name, -1, len(src)), src, func(pos token.Position, msg string) {
		t.Errorf("%s: %s", pos, msg)
	}, scanner.ScanComments)
	seen := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.COMMENT:
			if lit != "//" && !strings.HasPrefix(lit, "// ") && !strings.HasPrefix(lit, "//\t") {
				t.Errorf("%s: comment %q is not a plain // line (directive or block comment)", fset.Position(pos), lit)
			}
			seen += strings.Count(lit, marker)
		case token.STRING, token.CHAR:
			seen += strings.Count(lit, marker)
		default:
			if strings.Contains(lit, marker) || strings.Contains(tok.String(), marker) {
				t.Errorf("%s: the payload became code: %s %q", fset.Position(pos), tok, lit)
			}
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return seen
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "init" {
			t.Errorf("%s: declares init", name)
		}
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:") || strings.HasPrefix(c.Text, "//line") || strings.HasPrefix(c.Text, "/*") {
				t.Errorf("%s: directive or block comment %q", name, c.Text)
			}
		}
	}
	return seen
}
