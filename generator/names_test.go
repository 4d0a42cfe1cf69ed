package generator

import (
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"user.edit":                "UserEdit",
		"ssl_cert-id":              "SSLCertID",
		"2fa.enable":               "X2FaEnable",
		"ipv6addr":                 "IPv6Addr",
		"API_PASSWORD":             "APIPassword",
		"webdomain.delete.confirm": "WebdomainDeleteConfirm",
		"Пользователь.правка":      "ПользовательПравка",
		"type":                     "Type",
		"func":                     "Func",
		"--":                       "",
		"数据":                       "X数据",
		"p_num":                    "PNum",
	} {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzGoName(f *testing.F) {
	for _, s := range []string{"user.edit", "2fa", "Пользователь", "a-b_c", "数据", "", "--", "ipv6addr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name := GoName(s)
		if name == "" {
			return
		}
		if !token.IsIdentifier(name) || !token.IsExported(name) {
			t.Fatalf("GoName(%q) = %q, not an exported identifier", s, name)
		}
		if GoName(s) != name {
			t.Fatal("GoName is not deterministic")
		}
	})
}

func TestConfigErrorsNamePosition(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ text, want string }{
		"comma.json": {"{\"rename\": {\"a\": \"A\"\n \"b\": \"B\"}}", ":2:2: invalid character"},
		"key.json":   {"{\n \"renam\": {}\n}", `:2:2: unknown key "renam"`},
		"type.json":  {"{\"rename\": [\"a\"]}", `"rename" is a JSON array`},
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(c.text), 0o644)
		_, err := LoadConfig(path)
		if err == nil || !strings.HasPrefix(err.Error(), path+":") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	// A rename that matches nothing is reported, with every other problem.
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "x", Source: schema.Source{Method: "files"}, Functions: []schema.Function{
		{Name: "a.b", Kind: "group"}, {Name: "a_b", Kind: "group"}, {Name: "c.d", Kind: "group"}, {Name: "c_d", Kind: "group"}}}
	_, _, err := Plan(s, "x", &Config{Rename: map[string]string{"nothing.here": "X"}})
	if err == nil || !strings.Contains(err.Error(), `"a.b" and function "a_b" both become AB`) ||
		!strings.Contains(err.Error(), `"c.d" and function "c_d" both become CD`) || !strings.Contains(err.Error(), `rename "nothing.here" matches no function`) {
		t.Errorf("err = %v", err)
	}
	// Renames read from a file name their place in it: one that matches
	// nothing, and one whose Go name is not an exported identifier.
	path := filepath.Join(dir, "renames.json")
	os.WriteFile(path, []byte("{\n  \"rename\": {\n    \"c.d\": \"CDot\",\n    \"nothing.here\": \"X\",\n\t\"c_d\": \"lower\"\n  }\n}\n"), 0o644)
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = Plan(s, "x", cfg)
	for _, want := range []string{path + `:4:5: the rename "nothing.here" matches no function`, path + `:5:2: function "c_d": the rename "lower" is not an exported Go identifier`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v\nwant %q", err, want)
		}
	}
}

// The config examples in the README and in this package's doc are valid
// config files.
func TestDocumentedConfigExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(readme), "```json\n")[1:]
	if len(blocks) == 0 {
		t.Fatal("no JSON example in the README")
	}
	doc := `{
  "rename": {
    "user.edit": "EditUser",
    "user.edit:name": "UserName"
  }
}`
	for i, b := range append(blocks, doc+"```") {
		text, _, _ := strings.Cut(b, "```")
		path := filepath.Join(t.TempDir(), "c.json")
		os.WriteFile(path, []byte(text), 0o644)
		if _, err := LoadConfig(path); err != nil {
			t.Errorf("example %d: %v\n%s", i, err, text)
		}
	}
}

// TestNumericEnumsNamedByLabel: numbers say nothing as constant names, so
// a number key with an English label is named by the label; a label that
// makes no name (Cyrillic, punctuation only) keeps the number, and a word
// key keeps its own name whatever the label.
func TestNumericEnumsNamedByLabel(t *testing.T) {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "x", Source: schema.Source{Method: "files"}, Functions: []schema.Function{
		{Name: "user.edit", Kind: "form", Sources: []string{"devel"}, Params: []schema.Param{{Name: "status", Type: "enum", Enum: []schema.EnumValue{
			{Key: "1", Label: "Active"}, {Key: "2", Label: "Suspended by admin"}, {Key: "3", Label: "Удалён"}, {Key: "-100", Label: "Trial"},
			{Key: "4", Label: "!!"}, {Key: "off", Label: "Disabled"},
		}}}}}}
	pkg, _, err := Plan(s, "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range pkg.Areas {
		for _, f := range a.Funcs {
			for _, e := range f.Enums {
				for _, c := range e.Consts {
					got[c.Key] = c.Name
				}
			}
		}
	}
	want := map[string]string{"1": "UserEditStatusActive", "2": "UserEditStatusSuspendedByAdmin", "3": "UserEditStatus3",
		"-100": "UserEditStatusTrial", "4": "UserEditStatus4", "off": "UserEditStatusOff"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("key %q: constant %q, want %q (all: %v)", k, got[k], w, got)
		}
	}
}
