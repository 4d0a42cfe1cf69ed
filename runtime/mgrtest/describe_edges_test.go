package mgrtest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
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

// The devel document of a function with every kind of member reads back
// as that function, and looks like the panel's: no attribute with an
// empty value, no attribute twice, no empty container, a secret text
// field as a password input.
func TestDevelLikeThePanel(t *testing.T) {
	f := schema.Function{Name: "user.edit", Kind: schema.KindForm, Title: "User", Key: "name",
		Params: []schema.Param{
			{Name: "name", Type: schema.TypeString, Required: true, Label: "Login", MaxLength: 32, Page: "main"},
			{Name: "passwd", Type: schema.TypeString, Secret: true, Label: "Password", Page: "main"},
			{Name: "quota", Type: schema.TypeInt, Label: "Quota", Page: "limits", Feature: "quota"},
			{Name: "rate", Type: schema.TypeFloat, Check: "float", Page: "limits", RemoveIf: "new"},
			{Name: "level", Type: schema.TypeEnum, Label: "Level", Enum: []schema.EnumValue{{Key: "1", Label: "User"}, {Key: "2"}}, Page: "limits"},
		},
		Buttons: []schema.Button{{Name: "ok", Type: "ok", Label: "OK"}},
		Tables:  []schema.Table{{Name: "history", Columns: []schema.Column{{Name: "when", Type: "data", Sort: "alpha"}, {Name: "who", Type: "data"}}}},
	}
	doc := mgrtest.Devel(&f)
	if strings.Contains(doc, `=""`) {
		t.Errorf("an attribute with an empty value:\n%s", doc)
	}
	for _, empty := range []string{"<buttons></buttons>", "<coldata></coldata>", "<toolbar></toolbar>", "\"></slist>", "maxlength=\"0\""} {
		if strings.Contains(doc, empty) {
			t.Errorf("%s in:\n%s", empty, doc)
		}
	}
	if strings.Count(doc, "<slist") != 1 || strings.Count(doc, `check="`) != 2 {
		t.Errorf("options or checks:\n%s", doc)
	}
	for _, tag := range strings.Split(doc, "<")[1:] {
		seen := map[string]bool{}
		for _, attr := range strings.Fields(strings.SplitN(tag, ">", 2)[0])[1:] {
			name, _, _ := strings.Cut(attr, "=")
			if seen[name] {
				t.Errorf("attribute %s twice in <%s", name, tag)
			}
			seen[name] = true
		}
	}
	if !strings.Contains(doc, `name="passwd" type="password"`) && !strings.Contains(doc, `type="password"`) {
		t.Errorf("secret text not a password input:\n%s", doc)
	}
	got, err := introspect.ParseDevel([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]schema.Param{}
	for _, p := range got.Params {
		byName[p.Name] = p
	}
	q, r, pw := byName["quota"], byName["rate"], byName["passwd"]
	if q.Type != schema.TypeInt || q.Feature != "quota" || r.Type != schema.TypeFloat || r.RemoveIf != "new" || !pw.Secret ||
		byName["name"].MaxLength != 32 || len(byName["level"].Enum) != 2 || len(got.Buttons) != 1 || len(got.Tables) != 1 || got.Tables[0].Columns[0].Sort != "alpha" {
		t.Errorf("read back %+v", got)
	}
}

// out=json gives a single child as a value and repeated ones as an array;
// out=sjson makes every elem an array, even a single one.
func TestJSONShapes(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "ispmgr"))
	p.Seed("user", mgrtest.Row{"name": "bob"})
	get := func(out string) map[string]any {
		resp, err := http.PostForm(p.URL, url.Values{"func": {"user"}, "out": {out}, "authinfo": {mgrtest.User + ":" + mgrtest.Password}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v struct{ Doc map[string]any }
		if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v.Doc
	}
	if _, ok := get("json")["elem"].(map[string]any); !ok {
		t.Errorf("json: one elem is %T, want an object", get("json")["elem"])
	}
	s := get("sjson")
	if rows, ok := s["elem"].([]any); !ok || len(rows) != 1 {
		t.Errorf("sjson: one elem is %T, want an array", s["elem"])
	}
	if _, ok := s["p_elems"].([]any); ok {
		t.Error("sjson: a single p_elems is an array")
	}
	p.Seed("user", mgrtest.Row{"name": "amy"})
	if rows, ok := get("json")["elem"].([]any); !ok || len(rows) != 2 {
		t.Errorf("json: two elems are %T, want an array", get("json")["elem"])
	}
}

// mgrctl -i prints the listing; -i with a function does not.
func TestMgrctlListing(t *testing.T) {
	s := load(t, "ispmgr")
	p := mgrtest.New(s)
	out, _, code := p.Mgrctl([]string{"-m", "ispmgr", "-i"}, nil)
	if code != 0 || out != string(mgrtest.Listing(s)) {
		t.Errorf("-i: exit %d, %d bytes", code, len(out))
	}
	if out, _, _ := p.Mgrctl([]string{"-m", "ispmgr", "-i", "user"}, func(string) string { return "" }); out == string(mgrtest.Listing(s)) {
		t.Error("-i user printed the whole listing")
	}
}
