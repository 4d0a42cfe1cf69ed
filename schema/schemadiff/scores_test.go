package schemadiff

import (
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

func params(names ...string) []schema.Param {
	var out []schema.Param
	for _, n := range names {
		out = append(out, schema.Param{Name: n, Type: schema.TypeString})
	}
	return out
}

func panel(fs ...schema.Function) *schema.Schema {
	return &schema.Schema{SchemaVersion: schema.Version, Panel: "ispmgr", Functions: fs}
}

// renames maps the old name to the new of every change of kind between
// old and new.
func renames(t *testing.T, old, new *schema.Schema, kind string) map[string]string {
	t.Helper()
	r, err := Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range r.Changes {
		if c.Kind == kind {
			out[c.Old] = c.New
		}
	}
	return out
}

// A function is taken for renamed when it shares at least two thirds of
// its parameter and column names; functions with no names at all share
// nothing.
func TestFunctionRenameThreshold(t *testing.T) {
	form := func(name, title string, ps ...string) schema.Function {
		return schema.Function{Name: name, Kind: schema.KindForm, Title: title, Params: params(ps...)}
	}
	for _, tc := range []struct {
		name     string
		old, new []string
		renamed  bool
	}{
		{"two of three names", []string{"a", "b"}, []string{"a", "b", "c"}, true},
		{"one of three names", []string{"a", "b"}, []string{"a", "c"}, false},
		{"no names at all", nil, nil, false},
	} {
		got := renames(t, panel(form("old.edit", "Old", tc.old...)), panel(form("new.edit", "New", tc.new...)), FunctionRenamed)
		if (got["old.edit"] == "new.edit") != tc.renamed {
			t.Errorf("%s: renames %v, want renamed %v", tc.name, got, tc.renamed)
		}
	}
}

// Among candidates of the same standing, the one sharing more names wins.
func TestFunctionRenamePrefersMoreSharedNames(t *testing.T) {
	old := panel(schema.Function{Name: "old.edit", Kind: schema.KindForm, Title: "Old", Params: params("a", "b", "c")})
	new := panel(
		schema.Function{Name: "new1.edit", Kind: schema.KindForm, Title: "N1", Params: params("a", "b")},
		schema.Function{Name: "new2.edit", Kind: schema.KindForm, Title: "N2", Params: params("a", "b", "c", "d")},
	)
	if got := renames(t, old, new, FunctionRenamed); got["old.edit"] != "new2.edit" {
		t.Errorf("renames %v, want old.edit to new2.edit", got)
	}
}

// A parameter is taken for renamed when it keeps its type and its label,
// or its type and two thirds of its options; the type alone is not enough.
func TestParamRenameThreshold(t *testing.T) {
	enum := func(name string, keys ...string) schema.Param {
		p := schema.Param{Name: name, Type: schema.TypeEnum}
		for _, k := range keys {
			p.Enum = append(p.Enum, schema.EnumValue{Key: k})
		}
		return p
	}
	for _, tc := range []struct {
		name     string
		old, new schema.Param
		renamed  bool
	}{
		{"type alone", schema.Param{Name: "x", Type: schema.TypeString}, schema.Param{Name: "y", Type: schema.TypeString}, false},
		{"type and label", schema.Param{Name: "x", Type: schema.TypeString, Label: "L"}, schema.Param{Name: "y", Type: schema.TypeString, Label: "L"}, true},
		{"two of three options", enum("x", "a", "b"), enum("y", "a", "b", "c"), true},
		{"one of three options", enum("x", "a", "b"), enum("y", "a", "c"), false},
	} {
		f := func(p schema.Param) *schema.Schema {
			return panel(schema.Function{Name: "f", Kind: schema.KindForm, Title: "F", Params: []schema.Param{{Name: "keep", Type: schema.TypeInt}, p}})
		}
		got := renames(t, f(tc.old), f(tc.new), ParamRenamed)
		if (got["x"] == "y") != tc.renamed {
			t.Errorf("%s: renames %v, want renamed %v", tc.name, got, tc.renamed)
		}
	}
}

// A parameter that loses all its options is not reported option by
// option.
func TestEnumLostWhole(t *testing.T) {
	f := func(keys ...string) *schema.Schema {
		p := schema.Param{Name: "level", Type: schema.TypeEnum}
		for _, k := range keys {
			p.Enum = append(p.Enum, schema.EnumValue{Key: k})
		}
		return panel(schema.Function{Name: "f", Kind: schema.KindForm, Title: "F", Params: []schema.Param{p}})
	}
	r, err := Compare(f("a", "b"), f())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Changes {
		if c.Kind == EnumRemoved {
			t.Errorf("option by option: %+v", c)
		}
	}
	if len(r.Changes) != 1 || r.Changes[0].Kind != ParamType || r.Changes[0].Severity != Breaking || r.Changes[0].Old != "enum" || r.Changes[0].New != "string" {
		t.Errorf("losing every option: %+v, want one breaking type change", r.Changes)
	}
	back, err := Compare(f(), f("a"))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Changes) != 1 || back.Changes[0].Kind != ParamType || back.Changes[0].Old != "string" || back.Changes[0].New != "enum" {
		t.Errorf("gaining options: %+v", back.Changes)
	}
	multi := func(keys ...string) *schema.Schema {
		s := f(keys...)
		s.Functions[0].Params[0].Type = schema.TypeMultiEnum
		return s
	}
	if r, _ := Compare(multi("a"), multi()); len(r.Changes) != 1 || r.Changes[0].Old != "[]enum" || r.Changes[0].New != "[]string" {
		t.Errorf("a multienum losing its options: %+v", r.Changes)
	}
}
