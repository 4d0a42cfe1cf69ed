package mgrtest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/internal/textdiff"
	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// comparable blanks what records how a schema was obtained (its source
// and each function's sources) and the language, which HTTP introspection
// does not ask for.
func comparable(s *schema.Schema) *schema.Schema {
	out := *s
	out.Source = schema.Source{}
	out.Lang = ""
	out.Functions = append([]schema.Function(nil), s.Functions...)
	for i := range out.Functions {
		out.Functions[i].Sources = nil
	}
	return &out
}

// Introspecting the fake panel over HTTP, with the listing it prints as
// the list of functions, gives back the schema it was started from.
func TestIntrospectFakePanel(t *testing.T) {
	for _, panel := range []string{"billmgr", "ispmgr"} {
		want := load(t, panel)
		p := mgrtest.NewServer(t, want)
		entries, err := introspect.ParseListing(mgrtest.Listing(want))
		if err != nil {
			t.Fatal(err)
		}
		src := &introspect.HTTPPanel{URL: p.URL, User: mgrtest.User, Password: mgrtest.Password, Client: http.DefaultClient}
		c, err := introspect.Fetch(context.Background(), src, panel, introspect.FetchOptions{Known: entries, Jobs: 4})
		if err != nil {
			t.Fatal(err)
		}
		c.Listing = mgrtest.Listing(want) // where titles and docs come from
		got, err := introspect.Build(panel, c, introspect.Files{})
		if err != nil {
			t.Fatal(err)
		}
		a, b := comparable(want), comparable(got)
		if !reflect.DeepEqual(a, b) {
			for i := range a.Functions {
				if i < len(b.Functions) && !reflect.DeepEqual(a.Functions[i], b.Functions[i]) {
					t.Errorf("%s: %s differs:\nwant %+v\ngot  %+v", panel, a.Functions[i].Name, a.Functions[i], b.Functions[i])
					break
				}
			}
			if len(a.Functions) != len(b.Functions) {
				t.Errorf("%s: %d functions, want %d", panel, len(b.Functions), len(a.Functions))
			}
		}
	}
}

// The fake panel's devel document for the real BILLmanager form
// domain.order.contact parses back to the function the real capture gives.
func TestDevelLikeRealCapture(t *testing.T) {
	real := fixtures.Read(t, "devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml")
	want, err := introspect.ParseDevel(real)
	if err != nil {
		t.Fatal(err)
	}
	got, err := introspect.ParseDevel([]byte(mgrtest.Devel(&want)))
	if err != nil {
		t.Fatal(err)
	}
	w := comparable(&schema.Schema{Functions: []schema.Function{want}}).Functions[0]
	g := comparable(&schema.Schema{Functions: []schema.Function{got}}).Functions[0]
	if !reflect.DeepEqual(w, g) {
		t.Errorf("want %+v\ngot  %+v", w, g)
	}
}

// An error from the fake panel reads like the real panel's.
func TestErrorLikeRealCapture(t *testing.T) {
	real := fixtures.Read(t, "errors/ispmgr_plugin_emitted_error_exists.xml")
	_, want := runtime.Decode("user.edit", real, 200)
	p := mgrtest.NewServer(t, load(t, "ispmgr"))
	p.Seed("user", mgrtest.Row{"name": "bob"})
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	_, got := c.Call(context.Background(), "user.edit", url.Values{"name": {"bob"}, "sok": {"ok"}})
	var we, ge *runtime.Error
	if !errors.As(want, &we) || !errors.As(got, &ge) || we.Type != ge.Type || !errors.Is(got, runtime.ErrExists) || ge.Object != "name" {
		t.Errorf("real %+v\nfake %+v", we, ge)
	}
}

// The listing printed for a schema introspected from a real mgrctl -i
// listing is that listing, byte for byte.
func TestListingLikeRealCapture(t *testing.T) {
	real := fixtures.Read(t, "mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt")
	s, err := introspect.Build("ispmgr", nil, introspect.Files{Listings: []introspect.Input{{Name: "l.txt", Data: real}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := mgrtest.Listing(s); string(got) != string(real) {
		t.Errorf("listing differs:\n%s", textdiff.Hunk("listing", real, got, 2, 20))
	}
}

// Every output format the real panel offers, read back by mgrgen's own
// readers: json and sjson by the introspector, text as mgrctl prints it.
func TestOutputFormats(t *testing.T) {
	s := load(t, "ispmgr")
	p := mgrtest.NewServer(t, s)
	p.Seed("user", mgrtest.Row{"name": "web1", "fullname": "Web One"}, mgrtest.Row{"name": "web2"})
	get := func(fn, out string) string {
		resp, err := http.PostForm(p.URL, url.Values{"func": {fn}, "out": {out}, "authinfo": {mgrtest.User + ":" + mgrtest.Password}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	// devel as sjson parses to the same function as devel as XML.
	want, err := introspect.ParseDevel([]byte(get("user.edit", "devel")))
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"json", "sjson"} {
		body := get("user", out)
		if !strings.HasPrefix(body, `{"doc":`) || !strings.Contains(body, `"web1"`) {
			t.Errorf("%s list: %s", out, body)
		}
	}
	if got := get("user", "text"); got != "name=web1 fullname=Web One\nname=web2\n" {
		t.Errorf("text list = %q", got)
	}
	if got := get("nosuch", "text"); !strings.HasPrefix(got, "ERROR missed(func)") {
		t.Errorf("text error = %q", got)
	}
	if want.Name != "user.edit" || len(want.Params) == 0 {
		t.Errorf("devel = %+v", want)
	}
	// The fake mgrctl prints text mode errors as mgrctl does, on stderr.
	_, errOut, code := mgrtest.New(s).Mgrctl([]string{"-m", "ispmgr", "user.edit", "sok=ok"}, func(string) string { return "" })
	if code != 1 || errOut != "ERROR missed(name)\n" {
		t.Errorf("mgrctl text error: %d %q", code, errOut)
	}
}
