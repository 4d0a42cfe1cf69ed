package generator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/templates"
)

// contactTest runs inside the package generated from the real BILLmanager
// form domain.order.contact. Its profile type (1 person, 2 company, 3 sole
// trader) hides required fields through the form's <if> rules.
const contactTest = `package contact

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/mgrgen/mgrgen/runtime"
)

type recorder struct {
	mu     sync.Mutex
	bodies []url.Values
}

func (r *recorder) last() url.Values {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bodies[len(r.bodies)-1]
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

const current = ` + "`" + `<doc func="domain.order.contact"><elid>7</elid><customer_name>Main</customer_name>` +
	`<customer_profiletype>1</customer_profiletype><customer_email>a@b.c</customer_email><customer_phone>+7 900</customer_phone>` +
	`<customer_passport>4509</customer_passport><customer_egr_num></customer_egr_num></doc>` + "`" + `

func panel(t *testing.T) (*Client, *recorder) {
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		v, _ := url.ParseQuery(string(b))
		rec.mu.Lock()
		rec.bodies = append(rec.bodies, v)
		rec.mu.Unlock()
		if v.Get("sok") == "" {
			fmt.Fprint(w, current)
			return
		}
		fmt.Fprint(w, "<doc><ok/></doc>")
	}))
	t.Cleanup(srv.Close)
	return New(runtime.NewHTTP(srv.URL, nil)), rec
}

func keys(v url.Values) []string {
	var out []string
	for k := range v {
		if k != "func" && k != "out" && k != "sok" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// always are the required fields no rule hides.
func always() *DomainOrderContactRequest {
	return &DomainOrderContactRequest{CustomerName: runtime.Set("n"), CustomerFirstnameLocale: runtime.Set("f"), CustomerMiddlenameLocale: runtime.Set("m"),
		CustomerLastnameLocale: runtime.Set("l"), CustomerEmail: runtime.Set("e@x"), CustomerPhone: runtime.Set("+7 1"), CustomerLocationCountry: runtime.Set("182"),
		CustomerLocationState: runtime.Set("s"), CustomerLocationPostcode: runtime.Set("1"), CustomerLocationCity: runtime.Set("c"), CustomerLocationStreet: runtime.Set("st"),
		CustomerLocationBuilding: runtime.Set("b"), CustomerLocationOffice: runtime.Set("o")}
}

var base = []string{"customer_email", "customer_firstname_locale", "customer_lastname_locale", "customer_location_building",
	"customer_location_city", "customer_location_country", "customer_location_office", "customer_location_postcode",
	"customer_location_state", "customer_location_street", "customer_middlename_locale", "customer_name", "customer_phone",
	"customer_profiletype"}

func TestEachProfileType(t *testing.T) {
	c, rec := panel(t)
	passport := func(r *DomainOrderContactRequest) {
		r.CustomerPassport, r.CustomerPassportPersonalnmbr, r.CustomerPassportOrg, r.CustomerPassportDate = runtime.Set("p"), runtime.Set("n"), runtime.Set("o"), runtime.Set("2001-01-01")
	}
	cases := []struct {
		typ     DomainOrderContactCustomerProfiletype
		fill    func(*DomainOrderContactRequest)
		visible []string
	}{
		{DomainOrderContactCustomerProfiletype1, passport, []string{"customer_passport", "customer_passport_date", "customer_passport_org", "customer_passport_personalnmbr"}},
		{DomainOrderContactCustomerProfiletype2, func(r *DomainOrderContactRequest) { r.CustomerCompanyLocale = runtime.Set("ACME") }, []string{"customer_company_locale"}},
		{DomainOrderContactCustomerProfiletype3, func(r *DomainOrderContactRequest) {
			passport(r)
			r.CustomerIPCompanyLocale, r.CustomerIPEgrNum, r.CustomerIPEgrOrg, r.CustomerIPEgrDate = runtime.Set("IP"), runtime.Set("1"), runtime.Set("org"), runtime.Set("2001-01-01")
		}, []string{"customer_ip_company_locale", "customer_ip_egr_date", "customer_ip_egr_num", "customer_ip_egr_org",
			"customer_passport", "customer_passport_date", "customer_passport_org", "customer_passport_personalnmbr"}},
	}
	for _, tc := range cases {
		req := always()
		req.CustomerProfiletype = runtime.Set(tc.typ)
		tc.fill(req)
		if _, err := c.DomainOrderContact(context.Background(), req); err != nil {
			t.Fatalf("type %s: %v", tc.typ, err)
		}
		want := append(append([]string(nil), base...), tc.visible...)
		sort.Strings(want)
		if got := keys(rec.last()); !reflect.DeepEqual(got, want) {
			t.Errorf("type %s sent %v\nwant %v", tc.typ, got, want)
		}
		// With the visible required fields left out, nothing is sent and
		// every missing one is listed at once.
		before := rec.count()
		empty := &DomainOrderContactRequest{CustomerProfiletype: runtime.Set(tc.typ)}
		_, err := c.DomainOrderContact(context.Background(), empty)
		var ve *runtime.ValidationError
		if !errors.As(err, &ve) || rec.count() != before {
			t.Fatalf("type %s: err %v after %d requests", tc.typ, err, rec.count()-before)
		}
		var missing []string
		for _, p := range ve.Problems {
			missing = append(missing, p.Param)
		}
		sort.Strings(missing)
		wantMissing := append(append([]string(nil), base[:len(base)-1]...), tc.visible...) // all but the type itself
		sort.Strings(wantMissing)
		if !reflect.DeepEqual(missing, wantMissing) {
			t.Errorf("type %s: missing %v\nwant %v", tc.typ, missing, wantMissing)
		}
	}
}

func TestEditSendsOnlyWhatIsSet(t *testing.T) {
	c, rec := panel(t)
	if _, err := c.DomainOrderContact(context.Background(), &DomainOrderContactRequest{Elid: "7", CustomerEmail: runtime.Set("new@x")}); err != nil {
		t.Fatal(err)
	}
	want := url.Values{"func": {"domain.order.contact"}, "out": {"xml"}, "sok": {"ok"}, "elid": {"7"}, "customer_email": {"new@x"}}
	if got := rec.last(); !reflect.DeepEqual(got, want) {
		t.Errorf("edit sent %v\nwant %v", got, want)
	}
}

func TestReadModifyWrite(t *testing.T) {
	c, rec := panel(t)
	form, err := c.DomainOrderContactGet(context.Background(), "7")
	if err != nil {
		t.Fatal(err)
	}
	req := form.Request()
	req.CustomerPhone = runtime.Set("+7 901")
	if _, err := c.DomainOrderContact(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	got := rec.last()
	for k, v := range map[string]string{"elid": "7", "customer_name": "Main", "customer_profiletype": "1",
		"customer_email": "a@b.c", "customer_phone": "+7 901", "customer_passport": "4509", "sok": "ok"} {
		if got.Get(k) != v {
			t.Errorf("%s = %q, want %q (body %v)", k, got.Get(k), v, got)
		}
	}
	// Optional parameters carry their current value, empty included.
	if vals, ok := got["customer_egr_num"]; !ok || vals[0] != "" {
		t.Errorf("customer_egr_num = %v, %v", vals, ok)
	}
}
`

// TestRealFormRequiredness generates a client from the real
// domain.order.contact capture and runs contactTest against it: each
// profile type submits with exactly its visible required fields and
// refuses with all missing ones listed; an edit sends only what is set;
// Get, Request, submit sends every current value.
func TestRealFormRequiredness(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated package")
	}
	s, err := introspect.Build("billmgr", nil, introspect.Files{Devel: []introspect.Input{{Name: "contact.xml",
		Data: fixtures.Read(t, "devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml")}}})
	if err != nil {
		t.Fatal(err)
	}
	runGenerated(t, s, "contact", contactTest)
}

// runGenerated generates package pkg from s inside this module, adds
// testSrc as a test file of that package, and runs go test on it.
func runGenerated(t *testing.T, s *schema.Schema, pkg, testSrc string) {
	t.Helper()
	root, err := os.MkdirTemp(".", "_compile")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	dir := filepath.Join(root, pkg)
	files, err := Generate(s, Options{Package: pkg})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, pkg+"_test.go"), []byte(testSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "test", "-count=1", "./"+dir).CombinedOutput()
	if err != nil {
		t.Errorf("%v\n%s", err, out)
	}
}

// A list's delete button that points at a function without metadata gets
// a callable group method, and the list's doc links to it.
func TestToolbarTargetBecomesMethod(t *testing.T) {
	plugin := `<mgrdata><metadata name="pm.list" type="list" key="id">
		<toolbar><toolbtn name="delete" func="pm.delete" type="group"/></toolbar>
		<coldata><col name="id" type="data"/></coldata></metadata></mgrdata>`
	s, err := introspect.Build("billmgr", nil, introspect.Files{Plugins: []introspect.Input{{Name: "pm.xml", Data: []byte(plugin)}}})
	if err != nil {
		t.Fatal(err)
	}
	_, funcs, err := Plan(s, "pm", nil)
	if err != nil {
		t.Fatal(err)
	}
	var list, del *templates.Func
	for _, f := range funcs {
		switch f.fn.Wire {
		case "pm.list":
			list = f.fn
		case "pm.delete":
			del = f.fn
		}
	}
	if del == nil || del.Kind != "group" || del.Method != "PmDelete" {
		t.Fatalf("pm.delete = %+v", del)
	}
	if list == nil || len(list.Actions) != 1 || list.Actions[0].Method != "PmDelete" {
		t.Errorf("the list's action is not linked: %+v", list)
	}
	files, err := Generate(s, Options{Package: "pm"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["pm.gen.go"]), "func (c *Client) PmDelete(ctx context.Context, elid []string, opts ...runtime.Option) (*runtime.Result, error) {") {
		t.Errorf("no PmDelete method:\n%s", files["pm.gen.go"])
	}
}
