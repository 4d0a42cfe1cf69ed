package generator

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/schema"
)

func inputs(t *testing.T, pattern string) []introspect.Input {
	t.Helper()
	paths := fixtures.Glob(t, pattern)
	var out []introspect.Input
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, introspect.Input{Name: p, Data: b})
	}
	return out
}

// realSchemas builds a schema from each real capture on its own and from
// the combinations the project ships.
func realSchemas(t *testing.T) map[string]*schema.Schema {
	t.Helper()
	out := map[string]*schema.Schema{}
	build := func(name, panel string, files introspect.Files) {
		s, err := introspect.Build(panel, nil, files)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = s
	}
	for i, in := range inputs(t, "plugin-xml/*/*.xml") {
		panel := filepath.Base(filepath.Dir(in.Name))
		build("plugin"+string(rune('a'+i/26))+string(rune('a'+i%26)), panel, introspect.Files{Plugins: []introspect.Input{in}})
	}
	build("listing", "ispmgr", introspect.Files{Listings: inputs(t, "mgrctl/*.txt")})
	build("devel", "billmgr", introspect.Files{Devel: inputs(t, "devel/*.xml")})
	build("sjson", "ispmgr", introspect.Files{Devel: inputs(t, "json/ispmgr6_sjson_webdomain_list_with_metadata.json")})
	build("allbill", "billmgr", introspect.Files{Devel: inputs(t, "devel/*.xml"), Plugins: inputs(t, "plugin-xml/billmgr/*.xml")})
	build("allisp", "ispmgr", introspect.Files{Listings: inputs(t, "mgrctl/*.txt"), Plugins: inputs(t, "plugin-xml/ispmgr/*.xml"),
		Devel: inputs(t, "json/ispmgr6_sjson_webdomain_list_with_metadata.json")})
	return out
}

// TestRealSchemasCompile generates a package from every schema built from
// the real captures, type-checks them all with go/packages and runs go vet
// over them.
func TestRealSchemasCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	root, err := os.MkdirTemp(".", "_compile")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	var patterns []string
	for name, s := range realSchemas(t) {
		files, err := Generate(s, Options{Package: name})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := Write(filepath.Join(root, name), files); err != nil {
			t.Fatal(err)
		}
		patterns = append(patterns, "./"+filepath.Join(root, name))
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != len(patterns) {
		t.Fatalf("loaded %d packages, want %d", len(pkgs), len(patterns))
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		if p.Types == nil || p.Types.Scope().Lookup("Client") == nil {
			t.Errorf("%s: no Client type", p.PkgPath)
		}
	}
	out, err := exec.Command("go", append([]string{"vet"}, patterns...)...).CombinedOutput()
	if err != nil {
		t.Errorf("go vet: %v\n%s", err, out)
	}
}

// TestShippedUpToDate fails when generated/ is stale: its code must be
// what its committed schemas give. The schemas are the input (written by
// hand from the vendor's documentation), so this needs nothing outside the
// repository. Run make generate to refresh.
func TestShippedUpToDate(t *testing.T) {
	schemas, _ := filepath.Glob(filepath.Join("..", "generated", "*", "*.schema.json"))
	var panels []string
	for _, schemaPath := range schemas {
		panels = append(panels, filepath.Base(filepath.Dir(schemaPath)))
	}
	if strings.Join(panels, " ") != "billmgr dcimgr dnsmgr ispmgr vmmgr" {
		t.Errorf("shipped clients %v, want the five panels", panels)
	}
	for _, panel := range panels {
		dir := filepath.Join("..", "generated", panel)
		schemaPath := filepath.Join(dir, panel+".schema.json")
		s, err := schema.Load(schemaPath)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range s.Functions {
			if len(f.Sources) != 1 || (f.Sources[0] != schema.SourceDocumented && f.Sources[0] != schema.SourceConvention) {
				t.Errorf("%s: %s: sources %v, want documented or convention", schemaPath, f.Name, f.Sources)
			}
		}
		// The committed schema must already be in canonical form.
		want, err := schema.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(schemaPath); !bytes.Equal(got, want) {
			t.Errorf("%s is not in canonical form; load and save it with the schema package", schemaPath)
		}
		if s.Source.Method != schema.MethodDocumented {
			t.Errorf("%s: source method %q, want %q (the shipped schemas are ours, not captures)", schemaPath, s.Source.Method, schema.MethodDocumented)
		}
		raw, _ := os.ReadFile(schemaPath)
		code, err := Generate(s, Options{Package: panel, SchemaName: panel + ".schema.json", SchemaHash: SchemaFileHash(raw)})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := RecordedSchemaHash(dir); err != nil || got != SchemaFileHash(raw) {
			t.Errorf("%s records schema hash %q (%v), want the committed schema's %s", dir, got, err, SchemaFileHash(raw))
		}
		changes, err := Diff(dir, code)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			t.Errorf("%s/%s: %s needed; run make generate", dir, c.File, c.Kind)
		}
	}
}

// TestShippedCoversCommonTasks pins the functions the shipped packages
// promise in their docs and the README.
func TestShippedCoversCommonTasks(t *testing.T) {
	want := map[string][]string{
		"billmgr": {"account", "dedic", "dedic.delete", "dedic.resume", "dedic.suspend", "payment", "payment.edit", "ticket",
			"user", "user.delete", "user.edit", "user.resume", "user.suspend", "vds", "vds.delete", "vds.resume", "vds.suspend"},
		"ispmgr": {"db", "db.edit", "domain", "domain.record", "domain.record.delete", "domain.record.edit", "email", "email.edit",
			"site.edit", "user", "user.delete", "user.edit", "user.resume", "user.suspend", "webdomain"},
	}
	for panel, names := range want {
		s, err := schema.Load(filepath.Join("..", "generated", panel, panel+".schema.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			f := s.Lookup(n)
			if f == nil {
				t.Errorf("%s: %s is missing", panel, n)
				continue
			}
			if !slices.Equal(f.Sources, []string{schema.MethodDocumented}) {
				t.Errorf("%s: %s has sources %v, want [documented]", panel, n, f.Sources)
			}
		}
	}
}

func TestHostileNames(t *testing.T) {
	base := func(fns ...schema.Function) *schema.Schema {
		s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Source: schema.Source{Method: "files"}, Functions: fns}
		s.Normalize()
		return s
	}
	form := func(name string, params ...schema.Param) schema.Function {
		return schema.Function{Name: name, Kind: "form", Params: params, Sources: []string{"devel"}}
	}
	str := func(name string) schema.Param { return schema.Param{Name: name, Type: "string"} }

	// Keywords, digits, dashes, Cyrillic and odd keys all become valid code.
	ok := base(
		form("type.func", str("range"), str("2fa"), str("ssl-cert"), str("пароль"), str("go"),
			schema.Param{Name: "select", Type: "enum", Enum: []schema.EnumValue{{Key: "default"}, {Key: "1"}, {Key: "a b"}, {Key: "ёж"}, {Key: ""}, {Key: "values"}}}),
		form("пользователь.правка", str("имя")),
		form("3d.view", str("elid"), str("sok")),
		schema.Function{Name: "map", Kind: "list", Columns: []schema.Column{{Name: "chan", Type: "data"}, {Name: "interface", Type: "msg"}}, Sources: []string{"devel"}},
		schema.Function{Name: "switch.case", Kind: "group"},
	)
	files, err := Generate(ok, Options{Package: "hostile"})
	if err != nil {
		t.Fatalf("hostile but valid names failed: %v", err)
	}
	compileOne(t, "hostile", files)
	// An option "values" gets no constant: its name is the list's.
	if src := string(files["type.gen.go"]); !strings.Contains(src, "var TypeFuncSelectValues = []TypeFuncSelect{") || strings.Contains(src, `TypeFuncSelectValues TypeFuncSelect = "values"`) {
		t.Errorf("the enum's list and a key \"values\":\n%s", src)
	}

	for _, c := range []struct {
		s    *schema.Schema
		cfg  *Config
		want []string
	}{
		{base(form("user.edit"), form("user_edit")), nil,
			[]string{`function "user.edit"`, `function "user_edit"`, "UserEdit"}},
		{base(form("user.edit", str("ssl-id"), str("ssl_id"))), nil,
			[]string{`function "user.edit"`, `param "ssl-id"`, `param "ssl_id"`, "SSLID"}},
		{base(form("a.b", str("--"))), nil,
			[]string{`function "a.b": param "--"`, `rename for "a.b:--"`}},
		// A form's Get method against another function's method.
		{base(form("user"), schema.Function{Name: "user.get", Kind: "group"}), nil,
			[]string{`function "user" (its Get method)`, `function "user.get"`, "UserGet"}},
		// An enum type against the form's own request type.
		{base(form("a", schema.Param{Name: "request", Type: "enum", Enum: []schema.EnumValue{{Key: "x"}}})), nil,
			[]string{`function "a" and function "a": param "request"`, "ARequest"}},
		// An enum's list of values against another enum type.
		{base(form("a", schema.Param{Name: "m", Type: "enum", Enum: []schema.EnumValue{{Key: "x"}}},
			schema.Param{Name: "m_values", Type: "enum", Enum: []schema.EnumValue{{Key: "y"}}})), nil,
			[]string{`param "m": the list of its values`, `param "m_values"`, "AMValues"}},
		// A list's row type against another function's enum type.
		{base(schema.Function{Name: "a.b", Kind: "list", Sources: []string{"devel"}},
			form("a", schema.Param{Name: "b_row", Type: "enum", Enum: []schema.EnumValue{{Key: "x"}}})), nil,
			[]string{`function "a.b"`, `function "a": param "b_row"`, "ABRow"}},
		// A param against the request's own Elid field.
		{base(form("a.b", str("Elid_"))), nil,
			[]string{`function "a.b"`, `the object id and param "Elid_" both become Elid`}},
		{base(form("a.b", str("x"))), &Config{Rename: map[string]string{"a.b": "not exported"}},
			[]string{`function "a.b"`, `rename "not exported"`}},
	} {
		_, err := Generate(c.s, Options{Package: "p", Config: c.cfg})
		if err == nil {
			t.Errorf("%v: no error", c.want)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q lacks %q", err, w)
			}
		}
	}

	// A rename settles a collision.
	s := base(form("user.edit", str("ssl-id"), str("ssl_id")), form("user_edit"))
	cfg := &Config{Rename: map[string]string{"user_edit": "UserEditLegacy", "user.edit:ssl-id": "SSLIDDashed"}}
	files, err = Generate(s, Options{Package: "renamed", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	compileOne(t, "renamed", files)
	if _, err := Generate(s, Options{Package: "func"}); err == nil {
		t.Error("a keyword was accepted as the package name")
	}
}

func compileOne(t *testing.T, name string, files map[string][]byte) {
	t.Helper()
	root, err := os.MkdirTemp(".", "_compile")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	dir := filepath.Join(root, name)
	if _, err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("go", "vet", "./"+dir).CombinedOutput(); err != nil {
		t.Errorf("%s does not compile: %v\n%s", name, err, out)
	}
}

// TestRequestTypesShowTheirFields: go doc on a request type shows its
// fields only when it is a struct of the package's own, not an alias of a
// runtime type (list requests once were), so every *Request type of the
// shipped packages must be a struct declaring its exported fields.
func TestRequestTypesShowTheirFields(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "generated", "*", "*.gen.go"))
	fset := token.NewFileSet()
	seen := 0
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, sp := range g.Specs {
				ts := sp.(*ast.TypeSpec)
				if !strings.HasSuffix(ts.Name.Name, "Request") {
					continue
				}
				seen++
				st, isStruct := ts.Type.(*ast.StructType)
				if ts.Assign.IsValid() || !isStruct {
					t.Errorf("%s: %s is not a struct of its own; go doc would show none of its fields", path, ts.Name.Name)
					continue
				}
				exported := 0
				for _, fl := range st.Fields.List {
					for _, n := range fl.Names {
						if n.IsExported() {
							exported++
						}
					}
				}
				if exported == 0 {
					t.Errorf("%s: %s has no exported field", path, ts.Name.Name)
				}
			}
		}
	}
	if seen < 50 {
		t.Errorf("only %d request types found in %d files", seen, len(files))
	}
}
