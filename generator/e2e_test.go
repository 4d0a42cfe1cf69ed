package generator_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/generated/ispmgr"
	"github.com/mgrgen/mgrgen/generator/testdata/golden/sample"
	"github.com/mgrgen/mgrgen/runtime"
)

// panel is a loopback panel: it records each request body and answers
// with the document registered for "func#sok", or else for "func".
type panel struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []url.Values
	docs   map[string]string
}

func newPanel(t *testing.T, docs map[string]string) *panel {
	p := &panel{docs: docs}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		v, _ := url.ParseQuery(string(b))
		if r.URL.RawQuery != "" {
			t.Errorf("query string %q: parameters must be in the body", r.URL.RawQuery)
		}
		p.mu.Lock()
		p.bodies = append(p.bodies, v)
		p.mu.Unlock()
		doc, ok := docs[v.Get("func")+"#"+v.Get("sok")]
		if !ok {
			doc, ok = docs[v.Get("func")]
		}
		if !ok {
			doc = `<doc><error type="missed" object="func"><msg>unknown function</msg></error></doc>`
		}
		fmt.Fprint(w, doc)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *panel) requests() []url.Values {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]url.Values(nil), p.bodies...)
}

func body(pairs ...string) url.Values {
	v := url.Values{"authinfo": {"admin:pw"}, "out": {"xml"}}
	for i := 0; i < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}

func expectBody(t *testing.T, p *panel, want url.Values) {
	t.Helper()
	reqs := p.requests()
	if len(reqs) == 0 {
		t.Fatal("no request was sent")
	}
	if got := reqs[len(reqs)-1]; !reflect.DeepEqual(got, want) {
		t.Errorf("request body\n got %v\nwant %v", got, want)
	}
}

const sampleUserList = `<?xml version="1.0" encoding="UTF-8"?><doc func="user">
<elem><id>1</id><name>alice</name><status orig="status_active">Active</status><active>on</active><is_admin/><added_later>x</added_later></elem>
<elem><id>2</id><name>bob</name><status orig="status_blocked">Blocked</status><active>off</active></elem>
<p_num>2</p_num><p_cnt>50</p_cnt><p_elems>52</p_elems></doc>`

const sampleUserForm = `<?xml version="1.0" encoding="UTF-8"?><doc func="user.edit"><metadata name="user.edit" type="form"/>
<elid>42</elid><name>alice</name><active>on</active><limit>7</limit><balance>1.5</balance><level>29</level><groups>dev, ops</groups><created>2020-01-01</created>
<history><elem><when>today</when><what orig="msg_login">Logged in</what></elem></history>
<slist name="level"><val key="16">User</val><val key="29">Admin</val></slist></doc>`

func TestSampleClientOverHTTP(t *testing.T) {
	p := newPanel(t, map[string]string{
		"user":         sampleUserList,
		"user.edit":    sampleUserForm,
		"user.edit#ok": `<doc><ok/><id>77</id></doc>`,
		"user.delete":  `<doc><ok/></doc>`,
		"user.move":    `<doc><ok/></doc>`,
		"stat.traffic": `<doc><reportdata><traffic><elem><date>2026-11-01</date><bytes>100</bytes></elem><elem><date>2026-11-02</date><bytes>200</bytes></elem></traffic></reportdata></doc>`,
	})
	c := sample.New(runtime.NewHTTP(p.URL+"/billmgr", runtime.AuthInfo("admin", "pw")))
	ctx := context.Background()

	// A list: paging in, typed rows out, nothing lost.
	list, err := c.User(ctx, &sample.UserRequest{Page: 2, PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user", "p_num", "2", "p_cnt", "50"))
	if len(list.Rows) != 2 || list.Page != (runtime.Page{Num: 2, Size: 50, Total: 52}) {
		t.Fatalf("list = %+v", list)
	}
	a := list.Rows[0]
	if a.ID != "1" || a.Name != "alice" || a.Status != "Active" || a.StatusOrig != "status_active" || !a.Active || !a.IsAdmin || a.Has2Fa ||
		a.Raw.String("added_later") != "x" || list.Rows[1].Active {
		t.Errorf("row = %+v", a)
	}
	if _, err := c.User(ctx, nil); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user"))

	// Opening a form: no sok, current values, options, tables.
	form, err := c.UserEditGet(ctx, "42")
	if err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user.edit", "elid", "42"))
	if form.Name.Value() != "alice" || !form.Active.Value() || form.Limit.Value() != 7 || form.Balance.Value().String() != "1.5" || form.Level.Value() != sample.UserEditLevelAdmin ||
		!reflect.DeepEqual(form.Groups.Value(), []sample.UserEditGroups{sample.UserEditGroupsDev, sample.UserEditGroupsOps}) ||
		form.Created != "2020-01-01" || len(form.History) != 1 || form.History[0].WhatOrig != "msg_login" ||
		!reflect.DeepEqual(form.Choices["level"], []runtime.Choice{{Key: "16", Label: "User"}, {Key: "29", Label: "Admin"}}) {
		t.Errorf("form = %+v", form)
	}

	// Submitting: sok=ok; unset optionals absent, set ones present even when empty or false.
	res, err := c.UserEdit(ctx, &sample.UserEditRequest{
		Name:   runtime.Set("carol"),
		Email:  runtime.Set(""),
		Active: runtime.Set(false),
		Limit:  runtime.Set[int64](12),
		Level:  runtime.Set(sample.UserEditLevel("99")), // a value the panel added later
		Groups: runtime.Set([]sample.UserEditGroups{sample.UserEditGroupsOps, "qa"}),
		Passwd: runtime.Set("s3cret"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || res.ID != "77" {
		t.Errorf("result = %+v", res)
	}
	expectBody(t, p, body("func", "user.edit", "sok", "ok", "name", "carol", "email", "", "active", "off", "limit", "12",
		"level", "99", "groups", "ops, qa", "passwd", "s3cret"))
	if _, err := c.UserEdit(ctx, &sample.UserEditRequest{Elid: "42", Name: runtime.Set("alice"), Balance: runtime.Set(runtime.MustDecimal("2.25"))}); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user.edit", "sok", "ok", "elid", "42", "name", "alice", "balance", "2.25"))

	// A missing required field fails before anything is sent.
	before := len(p.requests())
	_, err = c.UserEdit(ctx, &sample.UserEditRequest{})
	var ve *runtime.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Param != "name" || len(p.requests()) != before {
		t.Errorf("err = %v after %d requests", err, len(p.requests())-before)
	}
	if _, err := c.UserDelete(ctx, nil); err == nil || len(p.requests()) != before {
		t.Error("a group operation without ids was sent")
	}

	// Group operations: ids joined by ", ".
	if _, err := c.UserDelete(ctx, []string{"42", "43"}); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user.delete", "elid", "42, 43"))
	if _, err := c.UserMove(ctx, &sample.UserMoveRequest{Elid: []string{"7"}, Target: "reseller1"}); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user.move", "elid", "7", "target", "reseller1"))
	// Per-call options reach a variadic group operation through the context.
	if _, err := c.UserDelete(ctx, []string{"9"}, runtime.Su("bob")); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user.delete", "elid", "9", "su", "bob"))

	// A report: sok=ok and typed tables.
	rep, err := c.StatTraffic(ctx, &sample.StatTrafficRequest{Period: sample.StatTrafficPeriodWeek}, runtime.Lang("en"))
	if err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "stat.traffic", "sok", "ok", "period", "week", "lang", "en"))
	if len(rep.Traffic) != 2 || rep.Traffic[1].Bytes != "200" {
		t.Errorf("report = %+v", rep.Traffic)
	}

	// Errors in HTTP 200 are typed; raw calls reach any function.
	_, err = c.Call(ctx, "check.int", url.Values{"value": {"x"}})
	if !errors.Is(err, runtime.ErrMissed) {
		t.Errorf("err = %v", err)
	}
	expectBody(t, p, body("func", "check.int", "value", "x"))
}

func TestSampleClientOverMgrctl(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "mgrctl")
	if out, err := exec.Command("go", "build", "-o", bin, "../runtime/testdata/fakemgrctl").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	log := filepath.Join(dir, "calls.log")
	t.Setenv("FAKE_LOG", log)
	c := sample.New(runtime.NewMgrctl("billmgr", runtime.WithMgrctlPath(bin)), runtime.Lang("en"))
	res, err := c.UserEdit(context.Background(), &sample.UserEditRequest{Name: runtime.Set("carol"), Passwd: runtime.Set("s3cret"), Active: runtime.Set(true)})
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != "7" {
		t.Errorf("result = %+v", res)
	}
	b, _ := os.ReadFile(log)
	line := string(b)
	if strings.Contains(line, `passwd=s3cret`) {
		t.Error("the password is in argv")
	}
	want := `"args":["-m","billmgr","-o","xml","user.edit","active=on","lang=en","name=carol","sok=ok","-e","passwd=$MGRGEN_SECRET_0"]`
	if !strings.Contains(line, want) || !strings.Contains(line, `"MGRGEN_SECRET_0":"s3cret"`) {
		t.Errorf("call = %s", line)
	}
}

// TestShippedClients exercises the committed clients built from the
// documented schemas, including the calls the README shows.
func TestShippedClients(t *testing.T) {
	p := newPanel(t, map[string]string{
		"user":                  `<doc><elem><id>42</id><name>alice</name><email>a@b.c</email><status/></elem><p_elems>1</p_elems></doc>`,
		"user.edit":             `<doc func="user.edit"><elid>42</elid><name>alice</name><email>a@b.c</email><realname>Alice</realname></doc>`,
		"user.edit#ok":          `<doc><ok/><id>42</id></doc>`,
		"user.delete":           `<doc><ok/></doc>`,
		"webdomain":             `<doc><elem><name>testsite.ru</name><owner>user0</owner><ipaddr>192.0.2.7</ipaddr><active>on</active></elem></doc>`,
		"domain.record":         `<doc><elem><rkey>www.example.com. A  192.0.2.7</rkey><name>www</name><rtype>A</rtype><ttl>3600</ttl></elem></doc>`,
		"domain.record.edit#ok": `<doc><ok/></doc>`,
		"domain.record.delete":  `<doc><ok/></doc>`,
	})
	ctx := context.Background()
	bill := billmgr.New(runtime.NewHTTP(p.URL+"/billmgr", runtime.AuthInfo("admin", "pw")), runtime.Lang("en"))
	users, err := bill.User(ctx, &billmgr.UserRequest{PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(users.Rows) != 1 || users.Rows[0].ID != "42" || users.Rows[0].Email != "a@b.c" {
		t.Errorf("user rows = %+v", users.Rows)
	}
	expectBody(t, p, body("func", "user", "p_cnt", "100", "lang", "en"))
	form, err := bill.UserEditGet(ctx, "42")
	if err != nil || form.Realname.Value() != "Alice" || form.Email.Value() != "a@b.c" {
		t.Fatalf("user.edit form: %v %+v", err, form)
	}
	expectBody(t, p, body("func", "user.edit", "elid", "42", "lang", "en"))
	// The README's edit: only elid, sok and the one field set are sent.
	res, err := bill.UserEdit(ctx, &billmgr.UserEditRequest{Elid: "42", Email: runtime.Set("new@b.c")})
	if err != nil || res.ID != "42" {
		t.Fatalf("user.edit: %v %+v", err, res)
	}
	expectBody(t, p, body("func", "user.edit", "elid", "42", "sok", "ok", "email", "new@b.c", "lang", "en"))
	// Read-modify-write: every current non-secret value goes back.
	req := form.Request()
	req.Phone = runtime.Set("+1 555")
	if _, err := bill.UserEdit(ctx, req); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user.edit", "elid", "42", "sok", "ok", "name", "alice", "email", "a@b.c",
		"realname", "Alice", "phone", "+1 555", "lang", "en"))
	// Creating needs the login; nothing is sent without it.
	if _, err := bill.UserEdit(ctx, &billmgr.UserEditRequest{Email: runtime.Set("x@y.z")}); err == nil {
		t.Error("a user was created without a login")
	}
	if _, err := bill.UserDelete(ctx, []string{"42", "43"}); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "user.delete", "elid", "42, 43", "lang", "en"))

	isp := ispmgr.New(runtime.NewHTTP(p.URL+"/ispmgr", runtime.AuthInfo("admin", "pw")))
	sites, err := isp.Webdomain(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if row := sites.Rows[0]; row.Name != "testsite.ru" || row.Ipaddr != "192.0.2.7" || !row.Active {
		t.Errorf("webdomain row = %+v", row)
	}
	// A sub-list: the parent row's key goes in elid, no plid.
	recs, err := isp.DomainRecord(ctx, &ispmgr.DomainRecordRequest{Parent: "example.com"})
	if err != nil || len(recs.Rows) != 1 || recs.Rows[0].Rkey != "www.example.com. A  192.0.2.7" || recs.Rows[0].TTL != "3600" {
		t.Fatalf("records: %v %+v", err, recs)
	}
	expectBody(t, p, body("func", "domain.record", "elid", "example.com"))
	if _, err := isp.DomainRecordEdit(ctx, "example.com", &ispmgr.DomainRecordEditRequest{Name: runtime.Set("mail"), Rtype: runtime.Set(ispmgr.DomainRecordEditRtypeA), IP: runtime.Set("192.0.2.8")}); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "domain.record.edit", "plid", "example.com", "sok", "ok", "name", "mail", "rtype", "a", "ip", "192.0.2.8"))
	// Record keys hold spaces (two between type and value); they travel intact.
	if _, err := isp.DomainRecordDelete(ctx, "example.com", []string{recs.Rows[0].Rkey}); err != nil {
		t.Fatal(err)
	}
	expectBody(t, p, body("func", "domain.record.delete", "plid", "example.com", "elid", "www.example.com. A  192.0.2.7"))
}
