package introspect

import (
	"fmt"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

func newBuilder() *builder {
	return &builder{s: &schema.Schema{SchemaVersion: schema.Version, Panel: "p"}, idx: map[string]int{}}
}

// merge: a kind is filled when empty and replaced only by an
// authoritative source; an empty kind replaces nothing; the first enum and
// the first error stay; pages, tables and actions are merged by name (an
// action by name and function).
func TestMergeRules(t *testing.T) {
	b := newBuilder()
	b.merge(schema.Function{Name: "f", Params: []schema.Param{{Name: "p", Type: schema.TypeEnum}}}, "listing", false)
	b.merge(schema.Function{Name: "f", Kind: schema.KindForm, Error: "first",
		Params: []schema.Param{{Name: "p", Enum: []schema.EnumValue{{Key: "a"}}}},
		Pages:  []schema.Page{{Name: "main"}}, Tables: []schema.Table{{Name: "t"}},
		Actions: []schema.Action{{Name: "edit", Func: "f.edit"}}}, "plugin", false)
	f := &b.s.Functions[0]
	if f.Kind != schema.KindForm || len(f.Params[0].Enum) != 1 || f.Error != "first" {
		t.Fatalf("after filling: %+v", f)
	}
	b.merge(schema.Function{Name: "f", Kind: schema.KindList, Error: "second",
		Params: []schema.Param{{Name: "p", Enum: []schema.EnumValue{{Key: "x"}, {Key: "y"}}}},
		Pages:  []schema.Page{{Name: "main"}, {Name: "more"}}, Tables: []schema.Table{{Name: "t"}, {Name: "u"}},
		Actions: []schema.Action{{Name: "edit", Func: "f.edit"}, {Name: "edit", Func: "g.edit"}, {Name: "new", Func: "f.edit"}}}, "plugin2", false)
	if f.Kind != schema.KindForm || len(f.Params[0].Enum) != 1 || f.Params[0].Enum[0].Key != "a" || f.Error != "first" {
		t.Errorf("a later plain source replaced: %+v", f)
	}
	if len(f.Pages) != 2 || len(f.Tables) != 2 || len(f.Actions) != 3 {
		t.Errorf("merged by name: %d pages, %d tables, %d actions; want 2, 2, 3", len(f.Pages), len(f.Tables), len(f.Actions))
	}
	b.merge(schema.Function{Name: "f"}, "empty", true)
	if f.Kind != schema.KindForm {
		t.Errorf("an empty kind replaced %s", f.Kind)
	}
	b.merge(schema.Function{Name: "f", Kind: schema.KindList}, "devel", true)
	if f.Kind != schema.KindList {
		t.Errorf("the authoritative kind did not win: %s", f.Kind)
	}
}

// extend keeps the including function's kind and takes the included
// one's when it has none.
func TestExtendKind(t *testing.T) {
	dst := schema.Function{Name: "a", Kind: schema.KindForm}
	extend(&dst, schema.Function{Name: "b", Kind: schema.KindList, Params: []schema.Param{{Name: "x"}}})
	if dst.Kind != schema.KindForm || len(dst.Params) != 1 {
		t.Errorf("extend = %+v", dst)
	}
	empty := schema.Function{Name: "a"}
	extend(&empty, schema.Function{Name: "b", Kind: schema.KindList})
	if empty.Kind != schema.KindList {
		t.Errorf("extend = %+v", empty)
	}
}

// A chain of includes reaches at most maxIncludeSets functions.
func TestFunctionIncludeChainBound(t *testing.T) {
	pl := &Plugin{Includes: map[string][]string{}}
	for i := range maxIncludeSets + 10 {
		name := fmt.Sprintf("f%d", i)
		pl.Functions = append(pl.Functions, schema.Function{Name: name, Kind: schema.KindForm, Params: []schema.Param{{Name: "p" + name}}})
		pl.Includes[name] = []string{fmt.Sprintf("f%d", i+1)}
	}
	applyIncludes([]*Plugin{pl})
	if got := len(pl.Functions[0].Params); got != maxIncludeSets+1 {
		t.Errorf("f0 has %d parameters, want its own and %d included", got, maxIncludeSets)
	}
}
