package generator

import (
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// oddSchema has wire names a wire table must escape (a space, a comma, a
// percent sign, a lone dash inside a longer name) next to plain ones.
func oddSchema() *schema.Schema {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Source: schema.Source{Method: "files"}, Functions: []schema.Function{
		{Name: "odd", Kind: "list", Key: "id", Columns: []schema.Column{{Name: "id"}, {Name: "a b"}, {Name: "x,y"}, {Name: "50%"}, {Name: "ssl-"}}},
		{Name: "odd.edit", Kind: "form", Params: []schema.Param{
			{Name: "name", Type: "string", Required: true},
			{Name: "a b", Type: "string"},
			{Name: "x,y", Type: "int"},
			{Name: "50%", Type: "bool"},
			{Name: "passwd", Type: "password", Secret: true},
			{Name: "note", Type: "text"},
			{Name: "created", Type: "string", Readonly: true},
		}},
	}}
	for i := range s.Functions {
		s.Functions[i].Sources = []string{"devel"}
	}
	s.Normalize()
	return s
}

const oddTest = `package odd

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"testing"

	"github.com/mgrgen/mgrgen/runtime"
)

func TestOddWireNames(t *testing.T) {
	var sent url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		sent, _ = url.ParseQuery(string(b))
		sent.Del("out")
		switch sent.Get("func") {
		case "odd":
			fmt.Fprint(w, "<doc><elem><id>1</id><a%20b/></elem></doc>")
		case "odd.edit":
			if sent.Get("sok") == "" {
				fmt.Fprint(w, "<doc><elid>1</elid><name>n</name><x_y>7</x_y><passwd>masked</passwd><created>2020</created><extra>e</extra></doc>")
				return
			}
			fmt.Fprint(w, "<doc><ok/></doc>")
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c := New(runtime.NewHTTP(srv.URL, nil))

	_, err := c.OddEdit(ctx, &OddEditRequest{Name: runtime.Set("n"), AB: runtime.Set("1 2"), XY: runtime.Set[int64](3), X50: runtime.Set(true)})
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"func": {"odd.edit"}, "sok": {"ok"}, "name": {"n"}, "a b": {"1 2"}, "x,y": {"3"}, "50%": {"on"}}
	if !reflect.DeepEqual(sent, want) {
		t.Errorf("submit sent %v\nwant %v", sent, want)
	}

	form, err := c.OddEditGet(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	if form.Elid != "1" || form.Name.Value() != "n" || form.AB.IsSet() || form.Created != "2020" || form.Passwd.Value() != "masked" || form.Raw["x_y"].Text != "7" || form.Raw["extra"].Text != "e" {
		t.Errorf("form = %+v", form)
	}
	// Read-modify-write sends back exactly what the form showed: nothing
	// the panel left out, and no secret.
	if _, err := c.OddEdit(ctx, form.Request()); err != nil {
		t.Fatal(err)
	}
	want = url.Values{"func": {"odd.edit"}, "sok": {"ok"}, "elid": {"1"}, "name": {"n"}}
	if !reflect.DeepEqual(sent, want) {
		t.Errorf("read-modify-write sent %v\nwant %v", sent, want)
	}
	if form.Passwd.Value() != "masked" {
		t.Error("Request changed the form it was made from")
	}
}
`

// TestOddWireNames: wire names that would split or end a wire table entry
// reach the panel exactly, and an opened form fills the request it embeds.
func TestOddWireNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated package")
	}
	runGenerated(t, oddSchema(), "odd", oddTest)
}
