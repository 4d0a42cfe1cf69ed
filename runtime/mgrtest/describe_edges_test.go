package mgrtest_test

import (
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// A description starts on the name's line even when its first word is
// longer than the room left there.
func TestListingLongFirstWord(t *testing.T) {
	word := strings.Repeat("w", 60)
	s := &schema.Schema{Functions: []schema.Function{{Name: "user", Kind: schema.KindList, Doc: word + " more"}}}
	lines := strings.Split(string(mgrtest.Listing(s)), "\n")
	if !strings.HasPrefix(lines[0], "user ") || !strings.HasSuffix(lines[0], word) {
		t.Errorf("listing:\n%s", strings.Join(lines, "\n"))
	}
}

// The devel document has a form only for what has one, and a wizard
// attribute only on a wizard; both read back as they went in.
func TestDevelFormAndWizard(t *testing.T) {
	for _, f := range []schema.Function{
		{Name: "user", Kind: schema.KindList, Key: "name", Columns: []schema.Column{{Name: "name", Type: "data"}}},
		{Name: "user.edit", Kind: schema.KindForm, Params: []schema.Param{{Name: "name", Type: schema.TypeString}}},
		{Name: "vds.order", Kind: schema.KindForm, Wizard: "vds.order.pricelist", Params: []schema.Param{{Name: "period", Type: schema.TypeString}}},
		{Name: "user.confirm", Kind: schema.KindForm, Buttons: []schema.Button{{Name: "ok", Type: "ok"}}},
	} {
		doc := mgrtest.Devel(&f)
		hasForm := len(f.Params) > 0 || f.Wizard != "" || len(f.Buttons) > 0
		if strings.Contains(doc, "<form") != hasForm || strings.Contains(doc, "wizard=") != (f.Wizard != "") {
			t.Errorf("%s: devel document %s", f.Name, doc)
		}
		got, err := introspect.ParseDevel([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if got.Wizard != f.Wizard || len(got.Params) != len(f.Params) || len(got.Buttons) != len(f.Buttons) {
			t.Errorf("%s: read back %+v", f.Name, got)
		}
	}
}
