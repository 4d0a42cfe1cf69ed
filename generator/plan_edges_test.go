package generator

import (
	"reflect"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// A verified delete opens the toolbar's edit form, else its new form.
func TestDeleteChecksPreferEdit(t *testing.T) {
	s := &schema.Schema{Functions: []schema.Function{
		{Name: "a", Kind: schema.KindList, Actions: []schema.Action{
			{Name: "new", Func: "a.new", Type: "new"}, {Name: "edit", Func: "a.edit", Type: "edit"}, {Name: "delete", Func: "a.delete", Type: "group"}}},
		{Name: "b", Kind: schema.KindList, Actions: []schema.Action{
			{Name: "new", Func: "a.new", Type: "new"}, {Name: "drop", Func: "b.delete", Type: "group"}}},
		{Name: "a.edit", Kind: schema.KindForm}, {Name: "a.new", Kind: schema.KindForm},
	}}
	if got, want := deleteChecks(s), map[string]string{"a.delete": "a.edit", "b.delete": "a.new"}; !reflect.DeepEqual(got, want) {
		t.Errorf("deleteChecks = %v, want %v", got, want)
	}
}

// A field's documented values show a label only when it says more than
// the key.
func TestEnumValuesDoc(t *testing.T) {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "x", Source: schema.Source{Method: "files"}, Functions: []schema.Function{
		{Name: "f.edit", Kind: schema.KindForm, Sources: []string{"devel"}, Params: []schema.Param{
			{Name: "mode", Type: schema.TypeEnum, Enum: []schema.EnumValue{{Key: "a", Label: "a"}, {Key: "b"}, {Key: "c", Label: "Cee"}}}}}}}
	pkg, _, err := Plan(s, "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	fd := pkg.Areas[0].Funcs[0].Request.Fields[0]
	if want := []string{`"a"`, `"b"`, `"c" (Cee)`}; fd.Wire != "mode" || !reflect.DeepEqual(fd.Values, want) {
		t.Errorf("%s values %q, want %q", fd.Wire, fd.Values, want)
	}
}
