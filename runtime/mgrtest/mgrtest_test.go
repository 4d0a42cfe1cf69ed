package mgrtest_test

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/generated/ispmgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

func load(t testing.TB, panel string) *schema.Schema {
	t.Helper()
	s, err := schema.Load("../../generated/" + panel + "/" + panel + ".schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// calls counts the recorded calls of fn; applied, those that changed the
// panel's state.
func calls(p *mgrtest.Server, fn string) int   { return count(p, fn, false) }
func applied(p *mgrtest.Server, fn string) int { return count(p, fn, true) }

func count(p *mgrtest.Server, fn string, appliedOnly bool) int {
	n := 0
	for _, r := range p.Requests() {
		if r.Func == fn && (r.Applied || !appliedOnly) {
			n++
		}
	}
	return n
}

// The shipped BILLmanager client against the fake panel: create, list
// (paged and filtered), open, edit (patch and read-modify-write), suspend
// and delete, checked against the panel's own state.
func TestGeneratedClientLifecycle(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	c := billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	ctx := context.Background()
	for _, name := range []string{"alice", "bob", "carol", "dave", "erin"} {
		res, err := c.UserEdit(ctx, &billmgr.UserEditRequest{Name: runtime.Set(name), Email: runtime.Set(name + "@example.com"), Passwd: runtime.Set("pw-" + name)})
		if err != nil || res.ID == "" {
			t.Fatalf("create %s: %v %+v", name, err, res)
		}
	}
	if rows := p.Rows("user"); len(rows) != 5 || rows[0]["name"] != "alice" || rows[0]["passwd"] != "pw-alice" {
		t.Fatalf("panel rows = %v", rows)
	}
	// The panel's record never shows a password.
	for _, r := range p.Requests() {
		if v := r.Params.Get("passwd"); v != "" && v != runtime.Redacted {
			t.Errorf("recorded password %q", v)
		}
	}
	page, err := c.User(ctx, &billmgr.UserRequest{Page: 2, PageSize: 2})
	if err != nil || len(page.Rows) != 2 || page.Rows[0].Name != "carol" || page.Page.Total != 5 {
		t.Fatalf("page 2: %v %+v", err, page)
	}
	only, err := c.User(ctx, &billmgr.UserRequest{Filter: url.Values{"name": {"bob"}}})
	if err != nil || len(only.Rows) != 1 || only.Rows[0].Email != "bob@example.com" {
		t.Fatalf("filter: %v %+v", err, only)
	}
	id := only.Rows[0].ID
	form, err := c.UserEditGet(ctx, id)
	if err != nil || form.Name.Value() != "bob" || form.Passwd.Value() != "" {
		t.Fatalf("open: %v %+v", err, form)
	}
	// A patch changes one field and keeps the rest.
	if _, err := c.UserEdit(ctx, &billmgr.UserEditRequest{Elid: id, Realname: runtime.Set("Bob B.")}); err != nil {
		t.Fatal(err)
	}
	req := form.Request()
	req.Phone = runtime.Set("+1 555")
	if _, err := c.UserEdit(ctx, req); err != nil {
		t.Fatal(err)
	}
	bob := p.Rows("user")[1]
	if bob["realname"] != "Bob B." || bob["phone"] != "+1 555" || bob["email"] != "bob@example.com" || bob["passwd"] != "pw-bob" {
		// read-modify-write sends only what the form showed: realname was
		// not on it, so the patch's value stays
		t.Errorf("bob = %v", bob)
	}
	if _, err := c.UserSuspend(ctx, []string{id}); err != nil || p.Rows("user")[1]["active"] != "off" {
		t.Fatalf("suspend: %v %v", err, p.Rows("user")[1])
	}
	if _, err := c.UserDelete(ctx, []string{id, "999"}); err != nil || len(p.Rows("user")) != 4 {
		t.Fatalf("delete (with an id that does not exist): %v, %d rows", err, len(p.Rows("user")))
	}
	// Creating needs the login: the client refuses, the panel too.
	if _, err := c.UserEdit(ctx, &billmgr.UserEditRequest{}); err == nil {
		t.Error("created a user without a login")
	}
	if _, err := c.Call(ctx, "user.edit", url.Values{"sok": {"ok"}}); !errors.Is(err, runtime.ErrMissed) {
		t.Errorf("panel-side check: %v", err)
	}
	var n int
	for row, err := range billmgr.StreamRows[billmgr.UserRow](ctx, c, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		_ = row
	}
	if n != 4 {
		t.Errorf("streamed %d rows", n)
	}
}

// Typed errors come back from the panel: a duplicate key is ErrExists, a
// bad number ErrValue, wrong credentials ErrAuth.
func TestTypedErrors(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "ispmgr"))
	c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	ctx := context.Background()
	if _, err := c.UserEdit(ctx, &ispmgr.UserEditRequest{Name: runtime.Set("web1")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UserEdit(ctx, &ispmgr.UserEditRequest{Name: runtime.Set("web1")}); !errors.Is(err, runtime.ErrExists) {
		t.Errorf("duplicate: %v", err)
	}
	if _, err := c.Call(ctx, "user.edit", url.Values{"name": {"web2"}, "limit_db": {"many"}, "sok": {"ok"}}); !errors.Is(err, runtime.ErrValue) {
		t.Errorf("bad number: %v", err)
	}
	bad := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, "wrong")))
	if _, err := bad.User(ctx, nil); !errors.Is(err, runtime.ErrAuth) {
		t.Errorf("wrong password: %v", err)
	}
	// A sub-list: records under one zone.
	p.Seed("domain", mgrtest.Row{"name": "example.com"})
	p.Seed("domain.record", mgrtest.Row{"rkey": "www A  192.0.2.1", "name": "www", "_parent": "example.com"},
		mgrtest.Row{"rkey": "x", "name": "x", "_parent": "other.org"})
	recs, err := c.DomainRecord(ctx, &ispmgr.DomainRecordRequest{Parent: "example.com"})
	if err != nil || len(recs.Rows) != 1 || recs.Rows[0].Rkey != "www A  192.0.2.1" {
		t.Errorf("sub-list: %v %+v", err, recs)
	}
}

// Each fault, and what the generated client does: a typed error or one
// safe re-login, and from the panel's record, no write applied twice.
func TestFaults(t *testing.T) {
	ctx := context.Background()
	// Each fault meets both kinds of write: a form submit and a group
	// operation. Neither may reach the panel twice.
	writes := []struct {
		fn   string
		call func(*billmgr.Client) error
	}{
		{"user.edit", func(c *billmgr.Client) error {
			_, err := c.UserEdit(ctx, &billmgr.UserEditRequest{Name: runtime.Set("alice")})
			return err
		}},
		{"user.suspend", func(c *billmgr.Client) error {
			_, err := c.UserSuspend(ctx, []string{"1"})
			return err
		}},
	}
	for _, tc := range []struct {
		name    string
		fault   mgrtest.Fault
		session bool
		check   func(error) bool
		applied int
	}{
		{"proxy 502 after the panel ran it", mgrtest.ProxyPage(502), false, func(err error) bool { var se *runtime.StatusError; return errors.As(err, &se) && se.StatusCode == 502 }, 1},
		{"proxy 504 before", mgrtest.Fault{Status: 504, Body: "<html>timeout</html>"}, false, func(err error) bool { var se *runtime.StatusError; return errors.As(err, &se) }, 0},
		{"connection reset before", mgrtest.Fault{Reset: true}, false, func(err error) bool { var te *runtime.TransportError; return errors.As(err, &te) }, 0},
		{"connection reset after", mgrtest.Fault{Reset: true, After: true}, false, func(err error) bool { var te *runtime.TransportError; return errors.As(err, &te) }, 1},
		{"truncated body", mgrtest.Fault{Truncate: true}, false, func(err error) bool { var de *runtime.DecodeError; return errors.As(err, &de) }, 1},
		{"session expired: one re-login", mgrtest.Fault{ExpireSession: true}, true, func(err error) bool { return err == nil }, 1},
		{"login page: one re-login", mgrtest.Fault{LoginPage: true}, true, func(err error) bool { return err == nil }, 1},
		{"slow answer", mgrtest.Fault{Delay: 50_000_000}, false, func(err error) bool { return err == nil }, 1},
	} {
		for _, w := range writes {
			t.Run(tc.name+"/"+w.fn, func(t *testing.T) {
				p := mgrtest.NewServer(t, load(t, "billmgr"))
				p.Seed("user", mgrtest.Row{"id": "1", "name": "bob", "active": "on"})
				auth := runtime.AuthInfo(mgrtest.User, mgrtest.Password)
				if tc.session {
					auth = runtime.AuthSession(mgrtest.User, mgrtest.Password)
				}
				c := billmgr.New(runtime.NewHTTP(p.URL, auth))
				if tc.session {
					if _, err := c.User(ctx, nil); err != nil { // log in first
						t.Fatal(err)
					}
				}
				f := tc.fault
				f.Func = w.fn
				p.Inject(f)
				if err := w.call(c); !tc.check(err) {
					t.Errorf("err = %v", err)
				}
				if n := applied(p, w.fn); n != tc.applied {
					t.Errorf("the write was applied %d times, want %d", n, tc.applied)
				}
				if n := calls(p, w.fn); n > 2 || (n == 2 && !tc.session) {
					t.Errorf("%s reached the panel %d times", w.fn, n)
				}
			})
		}
	}
	// A session that expires after two calls: the third logs in again,
	// once, and goes through.
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	p.Inject(mgrtest.Fault{ExpireSession: true, AfterCalls: 2})
	c := billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthSession(mgrtest.User, mgrtest.Password)))
	for i := range 4 {
		if _, err := c.User(ctx, nil); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if n := calls(p, "auth"); n != 2 {
		t.Errorf("%d logins, want 2 (the first and one after expiry)", n)
	}
	// A read retried after a reset, with RetryReads.
	p = mgrtest.NewServer(t, load(t, "billmgr"))
	p.Seed("user", mgrtest.Row{"id": "1", "name": "alice"})
	p.Inject(mgrtest.Fault{Func: "user", Reset: true})
	c = billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password), runtime.RetryReads(2)))
	if list, err := c.User(ctx, nil); err != nil || len(list.Rows) != 1 {
		t.Errorf("retried read: %v", err)
	}
}

// Key login: session.newkey, then func=auth with the key, once.
func TestKeyLogin(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	h := runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password))
	link, err := h.NewKey(context.Background(), "client")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link)
	for i, want := range []bool{true, false} {
		resp, err := runtime.NewClient(runtime.NewHTTP(p.URL, nil)).Call(context.Background(), "auth", u.Query())
		if got := err == nil && resp.Doc().Child("auth") != nil; got != want {
			t.Errorf("use %d of the key: %v", i+1, err)
		}
	}
}

// su: the administrator acts as another user, an ordinary user may not,
// and su to a user that does not exist is refused; the record says whom
// each call ran as.
func TestSu(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	p.AddUser("bob", "bob-pw")
	ctx := context.Background()
	admin := billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	if _, err := admin.User(ctx, &billmgr.UserRequest{}, runtime.Su("bob")); err != nil {
		t.Fatal(err)
	}
	var perr *runtime.Error
	_, err := admin.User(ctx, &billmgr.UserRequest{}, runtime.Su("nobody"))
	if !errors.As(err, &perr) || perr.Type != "access" || perr.Object != "su" {
		t.Errorf("su to an unknown user: %v", err)
	}
	bob := billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo("bob", "bob-pw")))
	_, err = bob.User(ctx, &billmgr.UserRequest{}, runtime.Su(mgrtest.User))
	if !errors.As(err, &perr) || perr.Type != "access" {
		t.Errorf("su by an ordinary user: %v", err)
	}
	if _, err := bob.User(ctx, &billmgr.UserRequest{}); err != nil {
		t.Fatal(err)
	}
	var users []string
	for _, r := range p.Requests() {
		users = append(users, r.User)
	}
	if want := []string{"bob", mgrtest.User, "bob", "bob"}; !slices.Equal(users, want) {
		t.Errorf("calls ran as %q, want %q", users, want)
	}
	// Through the fake mgrctl every call runs as root, who may su.
	if _, errOut, code := p.Mgrctl([]string{"-m", "billmgr", "user", "su=bob"}, func(string) string { return "" }); code != 0 {
		t.Errorf("mgrctl su: %d %s", code, errOut)
	}
	if r := p.Requests(); r[len(r)-1].User != "bob" {
		t.Errorf("mgrctl su ran as %q", r[len(r)-1].User)
	}
}

// redirect=startform=NAME answers a successful write with NAME's own
// answer; a failed write answers with its error; a redirect to a function
// the panel does not have refuses the write before applying it.
func TestRedirectStartform(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	ctx := context.Background()
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	call := func(params url.Values) (*runtime.Response, error) {
		params.Set("sok", "ok")
		return c.Call(ctx, "user.edit", params)
	}
	res, err := call(url.Values{"name": {"alice"}, "redirect": {"startform=user"}})
	if err != nil {
		t.Fatal(err)
	}
	if rows := p.Rows("user"); len(rows) != 1 || !strings.Contains(string(res.Raw), "<name>alice</name>") {
		t.Errorf("redirected answer = %s, rows %v", res.Raw, rows)
	}
	_, err = call(url.Values{"redirect": {"startform=user"}})
	var perr *runtime.Error
	if !errors.As(err, &perr) || perr.Type != "missed" {
		t.Errorf("failed write with redirect: %v", err)
	}
	for _, to := range []string{"startform=no.such", "user", "startform="} {
		_, err = call(url.Values{"name": {"bob"}, "redirect": {to}})
		if !errors.As(err, &perr) || perr.Object != "redirect" || len(p.Rows("user")) != 1 {
			t.Errorf("redirect=%s: %v, rows %v", to, err, p.Rows("user"))
		}
	}
}

// The panel speaks its schema's language whatever lang a call asks for,
// as a real panel falls back to its default language.
func TestErrorLanguage(t *testing.T) {
	s := load(t, "billmgr")
	s.Lang = "ru"
	p := mgrtest.NewServer(t, s)
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	_, err := c.Call(context.Background(), "user.edit", url.Values{"sok": {"ok"}}, runtime.Lang("de"))
	var perr *runtime.Error
	if !errors.As(err, &perr) || perr.Lang != "ru" || perr.Type != "missed" {
		t.Errorf("err = %v (%+v)", err, perr)
	}
	if r := p.Requests(); len(r) != 1 || r[0].Params.Get("lang") != "de" {
		t.Errorf("recorded lang = %q", r[len(r)-1].Params.Get("lang"))
	}
}

// A schema name that is not an XML name cannot shape the fake panel's
// documents: its value is left out, and the answer still parses.
func TestNamesThatAreNotXML(t *testing.T) {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Functions: []schema.Function{
		{Name: "x", Kind: schema.KindList, Key: "id", Columns: []schema.Column{{Name: "id", Type: "data"}, {Name: `a"/><ok`, Type: "data"}, {Name: "1st", Type: "data"}}},
	}}
	p := mgrtest.NewServer(t, s)
	p.Seed("x", mgrtest.Row{"id": "1", `a"/><ok`: "v", "1st": "w"})
	res, err := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password))).Call(context.Background(), "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if body := string(res.Raw); strings.Contains(body, "<ok") || strings.Contains(body, "<1st") || !strings.Contains(body, "<id>1</id>") {
		t.Errorf("answer = %s", body)
	}
}
