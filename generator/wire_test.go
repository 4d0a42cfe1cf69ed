package generator

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/schema"
)

// wireSchema has a zone list with a record sub-list and its form, a
// wizard form with declared buttons, and a ticket form with an
// attachment.
func wireSchema() *schema.Schema {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "ispmgr", Source: schema.Source{Method: "files"}, Functions: []schema.Function{
		{Name: "domain", Kind: "list", Key: "name", Columns: []schema.Column{{Name: "name"}},
			Actions: []schema.Action{{Name: "records", Func: "domain.record", Type: "editlist"}}},
		{Name: "domain.record", Kind: "list", Key: "rkey", Parent: "domain", Columns: []schema.Column{{Name: "rkey"}, {Name: "name"}}},
		{Name: "domain.record.edit", Kind: "form", Params: []schema.Param{{Name: "name", Type: "string", Required: true}, {Name: "ttl", Type: "int"}}},
		{Name: "payment.add", Kind: "form", Wizard: "first", Params: []schema.Param{{Name: "amount", Type: "float", Required: true}},
			Buttons: []schema.Button{{Name: "topaysystem", Label: "Pay"}, {Name: "ok_get"}}},
		{Name: "ticket.edit", Kind: "form", Params: []schema.Param{{Name: "message", Type: "text", Required: true}, {Name: "file_1", Type: "file"}}},
	}}
	for i := range s.Functions {
		s.Functions[i].Sources = []string{"devel"}
	}
	s.Normalize()
	return s
}

const wireTest = `package wire

import (
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/runtime"
)

// panel records each request, multipart ones included, as url.Values
// (a file part as "NAME:FILENAME:CONTENT").
func panel(t *testing.T) (*Client, *url.Values) {
	last := &url.Values{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := url.Values{}
		if mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
			mr := multipart.NewReader(r.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					break
				}
				b, _ := io.ReadAll(p)
				if p.FileName() != "" {
					v.Add("file", p.FormName()+":"+p.FileName()+":"+string(b))
					continue
				}
				v.Add(p.FormName(), string(b))
			}
		} else {
			b, _ := io.ReadAll(r.Body)
			v, _ = url.ParseQuery(string(b))
		}
		v.Del("out")
		*last = v
		fmt.Fprint(w, "<doc><ok/></doc>")
	}))
	t.Cleanup(srv.Close)
	return New(runtime.NewHTTP(srv.URL, nil)), last
}

func expect(t *testing.T, got url.Values, pairs ...string) {
	t.Helper()
	want := url.Values{}
	for i := 0; i < len(pairs); i += 2 {
		want.Add(pairs[i], pairs[i+1])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v\nwant %v", got, want)
	}
}

func TestSubList(t *testing.T) {
	c, last := panel(t)
	ctx := context.Background()
	// The rows under one zone: the zone's key in elid, no plid.
	if _, err := c.DomainRecord(ctx, &DomainRecordRequest{Parent: "example.com"}); err != nil {
		t.Fatal(err)
	}
	expect(t, *last, "func", "domain.record", "elid", "example.com")
	// A form inside the sub-list: plid names the zone, elid the record.
	if _, err := c.DomainRecordEdit(ctx, &DomainRecordEditRequest{Elid: "www A  192.0.2.1", TTL: runtime.Set[int64](60)}, runtime.Plid("example.com")); err != nil {
		t.Fatal(err)
	}
	expect(t, *last, "func", "domain.record.edit", "plid", "example.com", "elid", "www A  192.0.2.1", "ttl", "60", "sok", "ok")
}

func TestButtonsAndWizard(t *testing.T) {
	c, last := panel(t)
	ctx := context.Background()
	// Without a choice nothing extra is sent.
	if _, err := c.PaymentAdd(ctx, &PaymentAddRequest{Amount: runtime.Set(runtime.MustDecimal("10.00"))}); err != nil {
		t.Fatal(err)
	}
	expect(t, *last, "func", "payment.add", "amount", "10.00", "sok", "ok")
	// A button choice and a wizard step, as the panel's own interface
	// sends them: clicked_button=topaysystem ... snext=ok&sok=ok.
	if _, err := c.PaymentAdd(ctx, &PaymentAddRequest{Amount: runtime.Set(runtime.DecimalOf(10)), ClickedButton: PaymentAddButtonTopaysystem, NextStep: true}); err != nil {
		t.Fatal(err)
	}
	expect(t, *last, "func", "payment.add", "amount", "10", "clicked_button", "topaysystem", "snext", "ok", "sok", "ok")
	if got := PaymentAddButtonValues; len(got) != 2 || got[1] != PaymentAddButtonOkGet {
		t.Errorf("buttons = %v", got)
	}
}

func TestFileUpload(t *testing.T) {
	c, last := panel(t)
	req := &TicketEditRequest{Message: runtime.Set("see attached"), File1: runtime.Set(runtime.File{Name: "log.txt", Content: strings.NewReader("line 1")})}
	if _, err := c.TicketEdit(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	expect(t, *last, "func", "ticket.edit", "message", "see attached", "sok", "ok", "file", "file_1:log.txt:line 1")
	// mgrctl can't carry files: a clear error, nothing run.
	_, err := New(runtime.NewMgrctl("ispmgr", runtime.WithMgrctlPath("/nonexistent"))).TicketEdit(context.Background(),
		&TicketEditRequest{Message: runtime.Set("m"), File1: runtime.Set(runtime.File{Name: "a", Content: strings.NewReader("x")})})
	if err == nil || !strings.Contains(err.Error(), "can't be sent through mgrctl") {
		t.Errorf("mgrctl: %v", err)
	}
}
`

func TestWireRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated package")
	}
	runGenerated(t, wireSchema(), "wire", wireTest)
}

// TestRealWebdomainFlags renders a row of the real ISPmanager 6 webdomain
// list (sjson capture) as the panel renders XML, and decodes it with the
// client generated from the same capture: a prop flag is set when its
// element is present, whatever it holds.
func TestRealWebdomainFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated package")
	}
	data := fixtures.Read(t, "json/ispmgr6_sjson_webdomain_list_with_metadata.json")
	s, err := introspect.Build("ispmgr", nil, introspect.Files{Devel: []introspect.Input{{Name: "webdomain.json", Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Doc struct {
			Elem []map[string]map[string]string `json:"elem"`
		} `json:"doc"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Doc.Elem) == 0 {
		t.Fatalf("capture: %v", err)
	}
	row := doc.Doc.Elem[0]
	names := make([]string, 0, len(row))
	for k := range row {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("<doc><elem>")
	for _, k := range names {
		v := row[k]
		attrs := ""
		if o, ok := v["$orig"]; ok {
			attrs = fmt.Sprintf(" orig=%q", o)
		}
		if text, ok := v["$"]; ok {
			fmt.Fprintf(&b, "<%s%s>%s</%s>", k, attrs, text, k)
		} else {
			fmt.Fprintf(&b, "<%s%s/>", k, attrs)
		}
	}
	b.WriteString("</elem></doc>")
	test := fmt.Sprintf(`package flags

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/mgrgen/mgrgen/runtime"
)

func TestFlags(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, %q) }))
	defer srv.Close()
	list, err := New(runtime.NewHTTP(srv.URL, nil)).Webdomain(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := list.Rows[0]
	// <php>PathtoPHP:/opt/php82/bin/php.</php> is a shown flag whose text
	// is its tooltip; <ssl_issued_success/> is shown; cgi is absent.
	if !r.PHP || !r.SSLIssuedSuccess || r.CGI || r.SSLNotUsed || r.Name != "testsite.ru" || r.DatabaseOrig != "db_not_assigned" {
		t.Errorf("row = %%+v", r)
	}
}
`, b.String())
	runGenerated(t, s, "flags", test)
}
