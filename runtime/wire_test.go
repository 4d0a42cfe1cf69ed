package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
)

// The real BILLmanager 6 answer after a payment form: <ok type="url"
// on_blank_redirect_action="func=payment">/mancgi/...</ok>.
func TestResultKeepsOKType(t *testing.T) {
	body := fixtures.Read(t, "billmgr6-log/billmgr6_devel_form_payment.add.method_ok_url.xml")
	resp, err := Decode("payment.add.method", body, 200)
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Result()
	if !r.OK || r.Type != "url" || r.Redirect != "/mancgi/tinkoffpayment?elid=7" || r.Attrs["on_blank_redirect_action"] != "func=payment" {
		t.Errorf("result = %+v", r)
	}
}

// mgrctl -o xml payment.info nests a whole record inside <payment>.
func TestValueKeepsNestedElements(t *testing.T) {
	body := fixtures.Read(t, "billmgr6-log/billmgr6_mgrctl_xml_payment.info.xml")
	resp, err := Decode("payment.info", body, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := resp.Values()["payment"]
	if p.Node == nil || len(p.Node.Children) < 40 {
		t.Fatalf("payment = %+v", p)
	}
	// <paymethod> appears twice: the id, then the whole payment method.
	methods := p.Node.All("paymethod")
	if len(methods) != 2 || methods[0].Text != "1" || methods[1].Child("minamount").textOrEmpty() != "1.00" {
		t.Errorf("paymethod = %+v", methods)
	}
	if p.Node.Child("id").textOrEmpty() != "7" || p.Node.Child("number").textOrEmpty() != "pfx/7" {
		t.Errorf("nested values lost: id %q number %q", p.Node.Child("id").Text, p.Node.Child("number").Text)
	}
	if p.Attrs["id"] != "7" || p.Attrs["template"] != "payment_payment" {
		t.Errorf("attributes = %v", p.Attrs)
	}
	// A plain value has no node.
	who, err := Decode("whoami", fixtures.Read(t, "billmgr6-log/billmgr6_xml_whoami_session.xml"), 200)
	if err != nil {
		t.Fatal(err)
	}
	u := who.Values()["user"]
	if u.Node != nil || u.Attrs["name"] != "admin2" || u.Attrs["level"] != "16" {
		t.Errorf("whoami user = %+v", u)
	}
	if mgr := who.Values()["mgr"]; mgr.Text != "billmgr" || mgr.Attrs["version"] != "6.94.1-2014.04.04_09:25" {
		t.Errorf("whoami mgr = %+v", mgr)
	}
}

func TestResultFindsCreatedIDs(t *testing.T) {
	for doc, want := range map[string]string{
		`<doc><ok/><id>5</id></doc>`:                                 "5",
		`<doc><ok/><billorder.id>12</billorder.id></doc>`:            "12",
		`<doc><ok/><user.id>31</user.id></doc>`:                      "31",
		`<doc><ok/><service_id>77</service_id></doc>`:                "77",
		`<doc><ok/><elid>9</elid></doc>`:                             "9",
		`<doc><ok/><tparams><elid>3</elid></tparams></doc>`:          "",
		`<doc><ok/><vds.order.param.id>4</vds.order.param.id></doc>`: "4",
		// The function's own id beats another's, wherever it comes; the
		// first of each counts, and an empty one is no id.
		`<doc><ok/><other.id>9</other.id><vds.order.param.id>4</vds.order.param.id></doc>`:                     "4",
		`<doc><ok/><vds.order.param.id>4</vds.order.param.id><vds.order.param.id>8</vds.order.param.id></doc>`: "4",
		`<doc><ok/><a.id></a.id><b.id>3</b.id><c.id>6</c.id></doc>`:                                            "3",
		`<doc><ok/><bid>3</bid></doc>`: "",
	} {
		resp, err := Decode("vds.order.param", []byte(doc), 200)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Result().ID; got != want {
			t.Errorf("%s: ID = %q, want %q", doc, got, want)
		}
	}
}

// Rows grouped as <list name="..."> (ispmanager 6 plugin) are reached by
// name.
func TestRowsOfNamedList(t *testing.T) {
	resp, err := Decode("plugin", []byte(`<doc><list name="plugin"><elem><name>a</name></elem><elem><name>b</name></elem></list><elem><name>top</name></elem></doc>`), 200)
	if err != nil {
		t.Fatal(err)
	}
	rows := resp.TableRows("plugin")
	if len(rows) != 2 || rows[1].String("name") != "b" || len(resp.Rows()) != 1 {
		t.Errorf("named list rows = %v, top rows = %v", rows, resp.Rows())
	}
}

// A plain "access deny", the login form document, the login page and a
// top-level auth error are auth errors. With a session, those that prove
// the panel refused the session before running anything (all but "access
// deny") make a write go again once after a new login; "access deny" does
// not, and says the write may have run. A read goes again after any.
func TestAuthAnswers(t *testing.T) {
	loginPage := `<!DOCTYPE html><html><body><form method="post"><input name="username"><input type="password" name="password"></form></body></html>`
	for _, tc := range []struct {
		refusal string
		proof   bool
	}{
		{"access deny", false},
		{"Access deny\n", false},
		{`<doc func="logon"><metadata name="logon" type="form"/></doc>`, true},
		{loginPage, true},
		{`<doc><error type="auth"><msg>no session</msg></error></doc>`, true},
	} {
		refusal := tc.refusal
		if _, err := Decode("user", []byte(refusal), 200); !errors.Is(err, ErrAuth) {
			t.Errorf("%q: err = %v, want ErrAuth", refusal, err)
		}
		for _, read := range []bool{false, true} {
			var sends, logins atomic.Int32
			p := newPanel(t, func(v url.Values) (int, string) {
				if v.Get("func") == "auth" {
					n := logins.Add(1)
					return 200, fmt.Sprintf(`<doc><auth id="s%d">s%d</auth></doc>`, n, n)
				}
				sends.Add(1)
				if v.Get("auth") == "s1" {
					return 200, refusal
				}
				return 200, okDoc
			})
			req := NewRequest("user.delete")
			req.Read = read
			_, err := NewHTTP(p.URL, AuthSession("u", "p")).Call(context.Background(), req)
			resent := tc.proof || read
			want := int32(1)
			if resent {
				want = 2
			}
			if sends.Load() != want || logins.Load() != want {
				t.Errorf("%q read=%v: %d sends, %d logins; want %d", refusal, read, sends.Load(), logins.Load(), want)
			}
			if resent && err != nil {
				t.Errorf("%q read=%v: %v", refusal, read, err)
			}
			if !resent && (!MayHaveRun(err) || !errors.Is(err, ErrAuth)) {
				t.Errorf("%q: err = %v, want a may-have-run auth error", refusal, err)
			}
		}
	}
	// The logon function itself may return its own form.
	if _, err := Decode("logon", []byte(`<doc func="logon"/>`), 200); err != nil {
		t.Errorf("logon: %v", err)
	}
}

func TestNewKeyLink(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) { return 200, okDoc })
	h := NewHTTP(p.URL+"/billmgr", AuthInfo("root", "pw"))
	link, err := h.NewKey(context.Background(), "client@example.com",
		KeyLinkBase("https://my.example.com/billmgr"), KeyLinkRedirect("payment.add"), KeyCallOptions(Su("root")))
	if err != nil {
		t.Fatal(err)
	}
	call := p.last()
	if call.Has("redirect") || call.Get("su") != "root" || call.Get("func") != "session.newkey" {
		t.Errorf("newkey call = %v: the redirect belongs in the link", call)
	}
	u, err := url.Parse(link)
	if err != nil || u.Host != "my.example.com" || u.Path != "/billmgr" || u.Query().Get("redirect") != "startform=payment.add" ||
		u.Query().Get("key") != call.Get("key") || u.Query().Get("username") != "client@example.com" {
		t.Errorf("link = %s", link)
	}
}

// A file parameter goes as multipart/form-data, which the test server
// parses back; over mgrctl it is refused.
func TestFileUpload(t *testing.T) {
	var got struct {
		fields url.Values
		name   string
		data   string
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "multipart/form-data" {
			t.Errorf("content type %q", r.Header.Get("Content-Type"))
			return
		}
		mr := multipart.NewReader(r.Body, params["boundary"])
		got.fields = url.Values{}
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			b, _ := io.ReadAll(part)
			if part.FileName() != "" {
				got.name, got.data = part.FileName(), string(b)
				continue
			}
			got.fields.Add(part.FormName(), string(b))
		}
		fmt.Fprint(w, `<doc><ok/><id>88</id></doc>`)
	}))
	defer srv.Close()
	req := NewRequest("clientticket.edit")
	req.Set("subject", "Help")
	req.Set("sok", "ok")
	req.SetFile("file_1", File{Name: "screen.png", Content: strings.NewReader("PNGDATA")})
	resp, err := NewHTTP(srv.URL, AuthInfo("u", "p")).Call(context.Background(), req)
	if err != nil || resp.Result().ID != "88" {
		t.Fatalf("upload: %v", err)
	}
	if got.name != "screen.png" || got.data != "PNGDATA" || got.fields.Get("subject") != "Help" || got.fields.Get("func") != "clientticket.edit" ||
		got.fields.Get("authinfo") != "u:p" || got.fields.Get("sok") != "ok" {
		t.Errorf("server saw %+v", got)
	}
	_, err = NewMgrctl("billmgr", WithMgrctlPath("/nonexistent/mgrctl")).Call(context.Background(), req)
	if !errors.Is(err, ErrFileOverMgrctl) {
		t.Errorf("mgrctl: err = %v", err)
	}
}

type streamRow struct {
	ID  string `mgr:"id"`
	Raw Row
}

// Stream over HTTP: rows arrive typed; an error document is the panel's
// error; a refused session is renewed once and the read goes on.
func TestStreamOverHTTP(t *testing.T) {
	var logins atomic.Int32
	p := newPanel(t, func(v url.Values) (int, string) {
		switch {
		case v.Get("func") == "auth":
			n := logins.Add(1)
			return 200, fmt.Sprintf(`<doc><auth id="s%d">s%d</auth></doc>`, n, n)
		case v.Get("func") == "broken":
			return 200, `<doc><error type="access" object="list"><msg>no</msg></error></doc>`
		case v.Get("auth") == "s1":
			return 200, `<doc><error type="auth"><msg>expired</msg></error></doc>`
		}
		return 200, `<doc><elem><id>1</id><new>x</new></elem><elem><id>2</id></elem></doc>`
	})
	c := NewClient(NewHTTP(p.URL, AuthSession("u", "p")))
	var ids []string
	for r, err := range Stream[streamRow](context.Background(), c, "vds", nil, nil) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
		if r.ID == "1" && r.Raw["new"].Text != "x" {
			t.Errorf("unknown column not kept: %+v", r.Raw)
		}
	}
	if strings.Join(ids, ",") != "1,2" || logins.Load() != 2 {
		t.Errorf("ids %v after %d logins", ids, logins.Load())
	}
	for _, err := range Stream[streamRow](context.Background(), c, "broken", nil, nil) {
		if !errors.Is(err, ErrAccess) {
			t.Errorf("err = %v, want ErrAccess", err)
		}
	}
}
