package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
)

// panelServer is a loopback panel that records every request body and
// answers with reply.
type panelServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []url.Values
	reply  func(v url.Values) (status int, body string)
}

func newPanel(t *testing.T, reply func(v url.Values) (int, string)) *panelServer {
	t.Helper()
	p := &panelServer{reply: reply}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.RawQuery != "" {
			t.Errorf("%s %s: parameters must travel in a POST body", r.Method, r.URL)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			t.Errorf("content type %q", ct)
		}
		b, _ := io.ReadAll(r.Body)
		v, err := url.ParseQuery(string(b))
		if err != nil {
			t.Errorf("body %q: %v", b, err)
		}
		p.mu.Lock()
		p.bodies = append(p.bodies, v)
		p.mu.Unlock()
		status, body := p.reply(v)
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *panelServer) last() url.Values {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bodies[len(p.bodies)-1]
}

func vals(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}

const okDoc = `<?xml version="1.0" encoding="UTF-8"?><doc><ok/></doc>`

func TestHTTPAuthInfoBody(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) { return 200, okDoc })
	c := NewClient(NewHTTP(p.URL+"/billmgr", AuthInfo("admin", "p@ss:w=rd&")), Lang("en"))
	req := NewRequest("user.edit")
	req.Set("elid", "42")
	req.SetSecret("passwd", "hunter2")
	if _, err := c.Do(context.Background(), req, Su("bob"), Redirect("user"), Plid("7")); err != nil {
		t.Fatal(err)
	}
	want := vals("authinfo", "admin:p@ss:w=rd&", "func", "user.edit", "out", "xml", "elid", "42", "passwd", "hunter2",
		"lang", "en", "su", "bob", "redirect", "startform=user", "plid", "7")
	if got := p.last(); !reflect.DeepEqual(got, want) {
		t.Errorf("body = %v\nwant %v", got, want)
	}
	// Options in the context sit between the client's defaults and the call's.
	ctx := WithOptions(context.Background(), Lang("ru"), Su("carol"))
	if _, err := c.Do(ctx, NewRequest("user"), Su("dave")); err != nil {
		t.Fatal(err)
	}
	if got := p.last(); got.Get("lang") != "ru" || got.Get("su") != "dave" {
		t.Errorf("body = %v", got)
	}
}

func TestHTTPErrorsInside200(t *testing.T) {
	files := map[string]struct {
		sentinel error
		typ, obj string
		msg      string
	}{
		"errors/ispmgr_plugin_emitted_error_exists.xml":        {ErrExists, "exists", "user", "User already exists"},
		"errors/billmgr_plugin_emitted_error_xml_type_xml.xml": {nil, "xml", "xpath", "signature"},
	}
	for file, want := range files {
		body := fixtures.Read(t, file)
		p := newPanel(t, func(url.Values) (int, string) { return 200, string(body) })
		_, err := NewClient(NewHTTP(p.URL, AuthInfo("a", "b"))).Call(context.Background(), "user.edit", nil)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: err = %v, want *Error", file, err)
		}
		if e.Type != want.typ || e.Object != want.obj || !strings.Contains(e.Msg, want.msg) || e.Func != "user.edit" || e.StatusCode != 200 || string(e.Raw) != string(body) {
			t.Errorf("%s: %+v", file, e)
		}
		if want.sentinel != nil && !errors.Is(err, want.sentinel) {
			t.Errorf("%s: errors.Is(%v) = false", file, want.sentinel)
		}
		if errors.Is(err, ErrAuth) {
			t.Errorf("%s matches ErrAuth", file)
		}
	}
	body := fixtures.Read(t, "errors/billmgr_plugin_emitted_error_xml_type_xml.xml")
	p := newPanel(t, func(url.Values) (int, string) { return 200, string(body) })
	_, err := NewClient(NewHTTP(p.URL, nil)).Call(context.Background(), "pay", nil)
	var e *Error
	errors.As(err, &e)
	if e.Params["value"] != "bad auth" || e.Value != "bad auth" || !reflect.DeepEqual(e.Stack, []string{"autherror"}) ||
		e.Group != "Возникла ошибка при попытке авторизации" || e.Lang != "ru" {
		t.Errorf("full error = %+v", e)
	}
}

func TestHTTPLoginPageIsAuthError(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) {
		return 200, "<!DOCTYPE html>\n<html><head><title>Login</title></head><body><form method=\"post\" action=\"/billmgr\"><input type=\"text\" name=\"username\"><input type=\"password\" name=\"password\"></form></body></html>"
	})
	_, err := NewClient(NewHTTP(p.URL, AuthInfo("a", "wrong"))).Call(context.Background(), "user", nil)
	if !errors.Is(err, ErrAuth) {
		t.Errorf("err = %v, want ErrAuth", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Error("the password leaked into the error")
	}
	// A status other than 2xx is checked first: a StatusError that keeps
	// the body.
	p = newPanel(t, func(url.Values) (int, string) { return 502, "bad gateway" })
	_, err = NewClient(NewHTTP(p.URL, nil)).Call(context.Background(), "user", nil)
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != 502 || string(se.Raw) != "bad gateway" {
		t.Errorf("err = %#v", err)
	}
	// Not XML and not HTML with 200: a decode error that keeps the body.
	p = newPanel(t, func(url.Values) (int, string) { return 200, "plain words" })
	_, err = NewClient(NewHTTP(p.URL, nil)).Call(context.Background(), "user", nil)
	var de *DecodeError
	if !errors.As(err, &de) || de.StatusCode != 200 || string(de.Raw) != "plain words" {
		t.Errorf("err = %#v", err)
	}
	// The truncated real error document is not well-formed either.
	body := fixtures.Read(t, "errors/billmgr_xml_error_auth_badpassword_TRUNCATED_in_source.xml")
	p = newPanel(t, func(url.Values) (int, string) { return 200, string(body) })
	_, err = NewClient(NewHTTP(p.URL, nil)).Call(context.Background(), "auth", nil)
	if !errors.As(err, &de) {
		t.Errorf("truncated document: err = %v", err)
	}
}

// TestHTTPSessionRelogin: a session login, its reuse, and one shared
// re-login when the panel reports the session expired under concurrent use.
func TestHTTPSessionRelogin(t *testing.T) {
	var logins, session atomic.Int32
	session.Store(1)
	p := newPanel(t, func(v url.Values) (int, string) {
		if v.Get("func") == "auth" {
			if v.Get("username") != "admin" || v.Get("password") != "secret" {
				return 200, `<doc><error type="auth" object="badpassword"><msg>Invalid</msg></error></doc>`
			}
			n := logins.Add(1)
			session.Store(n)
			return 200, fmt.Sprintf(`<doc func="auth"><auth id="sess%d" level="16">sess%d</auth></doc>`, n, n)
		}
		if v.Get("auth") != fmt.Sprintf("sess%d", session.Load()) {
			return 200, `<doc><error type="auth"><msg>Session expired</msg></error></doc>`
		}
		if v.Has("authinfo") {
			t.Error("session auth sent authinfo")
		}
		return 200, okDoc
	})
	c := NewClient(NewHTTP(p.URL, AuthSession("admin", "secret")))
	ctx := context.Background()
	for range 3 {
		if _, err := c.Call(ctx, "user", nil); err != nil {
			t.Fatal(err)
		}
	}
	if logins.Load() != 1 {
		t.Fatalf("%d logins for 3 calls, want 1", logins.Load())
	}
	session.Store(99) // the panel forgets the session
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Call(ctx, "user", nil)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if logins.Load() != 2 {
		t.Errorf("%d logins after the session expired, want exactly one more", logins.Load())
	}
	// Wrong credentials fail once, with no retry loop.
	_, err := NewClient(NewHTTP(p.URL, AuthSession("admin", "nope"))).Call(ctx, "user", nil)
	if !errors.Is(err, ErrAuth) {
		t.Errorf("err = %v", err)
	}
}

func TestHTTPNewKey(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) { return 200, okDoc })
	h := NewHTTP(p.URL+"/ispmgr", AuthInfo("root", "pw"))
	link, err := h.NewKey(context.Background(), "vasya")
	if err != nil {
		t.Fatal(err)
	}
	body := p.last()
	key := body.Get("key")
	if body.Get("func") != "session.newkey" || body.Get("username") != "vasya" || len(key) < 16 || body.Get("authinfo") != "root:pw" {
		t.Errorf("body = %v", body)
	}
	u, err := url.Parse(link)
	if err != nil || u.Path != "/ispmgr" || u.Query().Get("key") != key || u.Query().Get("func") != "auth" ||
		u.Query().Get("username") != "vasya" || u.Query().Get("checkcookie") != "no" {
		t.Errorf("link = %s", link)
	}
	again, _ := h.NewKey(context.Background(), "vasya")
	if again == link {
		t.Error("two keys are the same")
	}
}

func TestHTTPVerifiesTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, okDoc) }))
	srv.Config.ErrorLog = discardLog()
	defer srv.Close()
	_, err := NewClient(NewHTTP(srv.URL, AuthInfo("a", "topsecret"))).Call(context.Background(), "user", nil)
	if err == nil || !strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("err = %v, want a certificate error without the password", err)
	}
	// Trust is scoped to one client: this one accepts the test CA.
	if _, err := NewClient(NewHTTP(srv.URL, AuthInfo("a", "b"), WithHTTPClient(srv.Client()))).Call(context.Background(), "user", nil); err != nil {
		t.Errorf("err = %v", err)
	}
}
