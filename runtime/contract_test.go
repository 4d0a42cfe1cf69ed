package runtime

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// counter counts the requests a test server receives, by function.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) add(fn string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[fn]++
	return c.n[fn]
}

func (c *counter) get(fn string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[fn]
}

const proxyPage = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"

// A status other than 2xx is an error even when the body is a valid
// document, and a write is never resent after it, whatever the auth.
func TestWriteNotResentAfterBadStatus(t *testing.T) {
	for _, c := range []struct {
		name   string
		status int
		body   string
	}{
		{"proxy 502 page", 502, proxyPage},
		{"proxy 504 page", 504, proxyPage},
		{"500 with a valid ok document", 500, okDoc},
		{"503 with an auth error document", 503, `<doc><error type="auth"><msg>expired</msg></error></doc>`},
	} {
		for _, auth := range []Auth{AuthSession("u", "p"), AuthInfo("u", "p")} {
			var count counter
			p := newPanel(t, func(v url.Values) (int, string) {
				if v.Get("func") == "auth" {
					return 200, `<doc><auth id="s1">s1</auth></doc>`
				}
				count.add(v.Get("func"))
				return c.status, c.body
			})
			req := NewRequest("payment.add")
			req.Set("sok", "ok")
			_, err := NewHTTP(p.URL, auth, RetryReads(3)).Call(context.Background(), req)
			var se *StatusError
			if !errors.As(err, &se) || se.StatusCode != c.status {
				t.Errorf("%s: err = %v, want a StatusError with %d", c.name, err, c.status)
			}
			if n := count.get("payment.add"); n != 1 {
				t.Errorf("%s (%T): the write was sent %d times", c.name, auth, n)
			}
			if errors.Is(err, ErrAuth) && c.status != 503 {
				t.Errorf("%s: a status error reads as ErrAuth", c.name)
			}
		}
	}
}

// testLoginPage is the shape of a panel's HTML login page.
const testLoginPage = `<!DOCTYPE html><html><head><title>Login</title></head><body><form method="post" action="/billmgr">` +
	`<input type="text" name="username"><input type="password" name="password"></form></body></html>`

// A write goes again (once, after a new login) only when the answer proves
// the panel refused the session before running anything; every other
// refusal shape is one send and an error that says it may have run.
func TestResendOnlyOnProof(t *testing.T) {
	for _, tc := range []struct {
		name, refusal string
		proof         bool
	}{
		{"login page", testLoginPage, true},
		{"logon document", `<doc func="logon"><metadata name="logon" type="form"/></doc>`, true},
		{"auth error naming no object", `<doc><error type="auth"><msg>expired</msg></error></doc>`, true},
		{"auth error with an empty object", `<doc><error type="auth" object=""><msg>expired</msg></error></doc>`, true},
		{"module's remote auth error", `<doc><error type="auth" object="remote"><msg>remote login failed</msg></error></doc>`, false},
		{"auth error naming the session", `<doc><error type="auth" object="session"><msg>expired</msg></error></doc>`, false},
		{"proxy HTML page", `<html><head><title>upstream timed out, retrying</title></head><body>nginx</body></html>`, false},
		{"access deny", "access deny", false},
		{"nested auth error", `<doc><result><error type="auth"/></result><ok/></doc>`, false},
	} {
		var count counter
		p := newPanel(t, func(v url.Values) (int, string) {
			n := count.add(v.Get("func"))
			if v.Get("func") == "auth" {
				return 200, fmt.Sprintf(`<doc><auth id="s%d">s%d</auth></doc>`, n, n)
			}
			if v.Get("auth") == "s1" {
				return 200, tc.refusal
			}
			return 200, okDoc
		})
		req := NewRequest("user.delete")
		req.Set("elid", "7")
		_, err := NewHTTP(p.URL, AuthSession("u", "p")).Call(context.Background(), req)
		switch {
		case tc.name == "nested auth error":
			// Not a refusal at all: the document answers ok.
			if err != nil || count.get("user.delete") != 1 {
				t.Errorf("%s: err %v after %d sends", tc.name, err, count.get("user.delete"))
			}
		case tc.proof:
			if err != nil || count.get("auth") != 2 || count.get("user.delete") != 2 {
				t.Errorf("%s: err %v, %d logins, %d sends; want nil, 2 and 2", tc.name, err, count.get("auth"), count.get("user.delete"))
			}
		default:
			var mh *MayHaveRunError
			if !errors.As(err, &mh) || !MayHaveRun(err) || count.get("user.delete") != 1 || count.get("auth") != 1 {
				t.Errorf("%s: err %v after %d sends, %d logins; want a *MayHaveRunError after 1 and 1", tc.name, err, count.get("user.delete"), count.get("auth"))
			} else if !bytes.Contains(mh.Raw, []byte(tc.refusal)) {
				t.Errorf("%s: Raw = %q", tc.name, mh.Raw)
			}
		}
	}
	// With authinfo nothing is resent: the same credentials would fail again.
	var count counter
	p := newPanel(t, func(v url.Values) (int, string) {
		count.add(v.Get("func"))
		return 200, `<doc><error type="auth"><msg>no</msg></error></doc>`
	})
	_, err := NewHTTP(p.URL, AuthInfo("u", "p")).Call(context.Background(), NewRequest("user.delete"))
	if !errors.Is(err, ErrAuth) || count.get("user.delete") != 1 {
		t.Errorf("authinfo: err %v after %d sends", err, count.get("user.delete"))
	}
}

// resetServer cuts the connection of the first n requests without an
// answer.
func resetServer(t *testing.T, n int, count *counter) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if count.add(r.PostForm.Get("func")) <= n {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.(*net.TCPConn).SetLinger(0)
				conn.Close()
			}
			return
		}
		fmt.Fprint(w, okDoc)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTransportErrorsRetryOnlyReads(t *testing.T) {
	var count counter
	srv := resetServer(t, 2, &count)
	h := NewHTTP(srv.URL, nil, RetryReads(3))
	// A write is never resent after a network failure.
	_, err := h.Call(context.Background(), NewRequest("vds.delete"))
	var te *TransportError
	if !errors.As(err, &te) || count.get("vds.delete") != 1 {
		t.Errorf("write: err %v after %d sends", err, count.get("vds.delete"))
	}
	// A read is retried, up to the opted-in attempts.
	if _, err := h.Call(context.Background(), NewReadRequest("vds")); err != nil || count.get("vds") != 3 {
		t.Errorf("read: err %v after %d sends, want success on the third", err, count.get("vds"))
	}
	// Without the option a read is sent once too.
	var c2 counter
	srv2 := resetServer(t, 1, &c2)
	if _, err := NewHTTP(srv2.URL, nil).Call(context.Background(), NewReadRequest("vds")); err == nil || c2.get("vds") != 1 {
		t.Errorf("default: err %v after %d sends", err, c2.get("vds"))
	}
	// Retries stop at MaxReadAttempts and never outlive the deadline.
	var c3 counter
	srv3 := resetServer(t, 100, &c3)
	if _, err := NewHTTP(srv3.URL, nil, RetryReads(10)).Call(context.Background(), NewReadRequest("vds")); err == nil || c3.get("vds") != MaxReadAttempts {
		t.Errorf("cap: err %v after %d sends", err, c3.get("vds"))
	}
	var c4 counter
	srv4 := resetServer(t, 100, &c4)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	NewHTTP(srv4.URL, nil, RetryReads(3)).Call(ctx, NewReadRequest("vds"))
	if time.Since(start) > time.Second || c4.get("vds") > 2 {
		t.Errorf("deadline: %d sends in %v with a 150ms deadline", c4.get("vds"), time.Since(start))
	}
}

// With a wrong password, 50 goroutines that need a session cause one
// login attempt, and each waiter still honours its own context.
func TestFailedLoginShared(t *testing.T) {
	var logins atomic.Int32
	release := make(chan struct{})
	p := newPanel(t, func(v url.Values) (int, string) {
		if v.Get("func") == "auth" {
			logins.Add(1)
			<-release
			return 200, `<doc><error type="auth" object="badpassword"><msg>bad password</msg></error></doc>`
		}
		return 200, okDoc
	})
	c := NewClient(NewHTTP(p.URL, AuthSession("u", "wrong")))
	// One waiter gives up early: it must return at its deadline.
	short, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	shortErr := make(chan error, 1)
	go func() { _, err := c.Call(short, "user", nil); shortErr <- err }()
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Call(context.Background(), "user", nil)
			errs <- err
		}()
	}
	select {
	case err := <-shortErr:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("short waiter: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the waiter with a short deadline did not return while the login hung")
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, ErrAuth) {
			t.Errorf("err = %v, want ErrAuth", err)
		}
	}
	if n := logins.Load(); n != 1 {
		t.Errorf("the panel saw %d login attempts, want 1", n)
	}
}

func TestRedirectsStayOnOrigin(t *testing.T) {
	var stolen atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
		fmt.Fprint(w, okDoc)
	}))
	defer evil.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+"/billmgr", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/billmgr", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/billmgr", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if r.PostForm.Get("authinfo") != "u:p" {
			t.Errorf("same-origin redirect lost the body: %v", r.PostForm)
		}
		fmt.Fprint(w, okDoc)
	})
	panel := httptest.NewServer(mux)
	defer panel.Close()
	for _, h := range []*HTTP{NewHTTP(panel.URL+"/away", AuthInfo("u", "p")), NewHTTP(panel.URL+"/away", AuthInfo("u", "p"), WithHTTPClient(&http.Client{}))} {
		_, err := h.Call(context.Background(), NewReadRequest("user"))
		if err == nil || !strings.Contains(err.Error(), "another origin") {
			t.Errorf("err = %v, want a refused redirect", err)
		}
	}
	if stolen.Load() != 0 {
		t.Errorf("the other origin received %d requests", stolen.Load())
	}
	if _, err := NewHTTP(panel.URL+"/moved", AuthInfo("u", "p")).Call(context.Background(), NewReadRequest("user")); err != nil {
		t.Errorf("same-origin redirect: %v", err)
	}
}

func TestPlainHTTPOnlyToLoopback(t *testing.T) {
	_, err := NewHTTP("http://panel.example.com:1500/billmgr", AuthInfo("u", "p")).Call(context.Background(), NewRequest("user"))
	if err == nil || !strings.Contains(err.Error(), "refusing plain http") || !strings.Contains(err.Error(), "AllowInsecureHTTP") {
		t.Errorf("err = %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = NewHTTP("http://192.0.2.1:9/billmgr", AuthInfo("u", "p"), AllowInsecureHTTP()).Call(ctx, NewRequest("user"))
	if err == nil || strings.Contains(err.Error(), "refusing") {
		t.Errorf("opted in: err = %v, want a network error", err)
	}
	if err := CheckEndpoint("https://u:p@panel/billmgr", false); err == nil {
		t.Error("credentials in the URL were accepted")
	}
}

func TestOwnTransportKeepsVerification(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, okDoc) }))
	srv.Config.ErrorLog = discardLog()
	defer srv.Close()
	// Another package turning verification off for the default transport
	// must not affect the panel's.
	def := http.DefaultTransport.(*http.Transport)
	saved := def.TLSClientConfig
	def.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	defer func() { def.TLSClientConfig = saved }()
	if _, err := NewHTTP(srv.URL, nil).Call(context.Background(), NewRequest("user")); err == nil {
		t.Error("a relaxed http.DefaultTransport relaxed the panel client")
	}
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	if _, err := NewHTTP(srv.URL, nil, WithRootCAs(pool)).Call(context.Background(), NewRequest("user")); err != nil {
		t.Errorf("WithRootCAs: %v", err)
	}
	if _, err := NewHTTP(srv.URL, nil, WithPinnedKey(KeyPin(srv.Certificate()))).Call(context.Background(), NewRequest("user")); err != nil {
		t.Errorf("WithPinnedKey: %v", err)
	}
	wrong := KeyPin(srv.Certificate())
	wrong[0] ^= 1
	if _, err := NewHTTP(srv.URL, nil, WithPinnedKey(wrong)).Call(context.Background(), NewRequest("user")); err == nil || !strings.Contains(err.Error(), "pinned") {
		t.Errorf("wrong pin: %v", err)
	}
	if _, err := NewHTTP(srv.URL, nil, WithPinnedKey(wrong), WithHTTPClient(srv.Client())).Call(context.Background(), NewRequest("user")); err == nil {
		t.Error("a pin combined with a caller's client was accepted silently")
	}
	for _, s := range []string{"sha256//" + base64.StdEncoding.EncodeToString(KeyPin(srv.Certificate())), fmt.Sprintf("%x", KeyPin(srv.Certificate()))} {
		if b, err := ParsePin(s); err != nil || !bytes.Equal(b, KeyPin(srv.Certificate())) {
			t.Errorf("ParsePin(%q) = %x, %v", s, b, err)
		}
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	req := NewRequest("user.edit")
	req.Set("name", "bob")
	req.SetSecret("passwd", "hunter22")
	req.Set("token", "tok-12345") // a well-known secret name
	req.Options.Apply(Secret("pin"), Su("alice"))
	req.Set("pin", "9876")
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%v|%+v|%#v|%s|%q|", req, req, req, req, req)
	buf.WriteString(req.String())
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("call", "req", req)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("call", "req", req)
	out := buf.String()
	for _, s := range []string{"hunter22", "tok-12345", "9876"} {
		if strings.Contains(out, s) {
			t.Errorf("%q printed: %s", s, out)
		}
	}
	if !strings.Contains(out, "name=bob") || !strings.Contains(out, "su=alice") || !strings.Contains(out, Redacted) {
		t.Errorf("the request is not shown usefully: %s", out)
	}
}

func TestEchoedSecretsRedacted(t *testing.T) {
	// The panel echoes values XML-escaped, as real panels do.
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	p := newPanel(t, func(v url.Values) (int, string) {
		pw := esc(v.Get("passwd"))
		if v.Get("sok") == "" {
			return 200, `<doc><name>bob</name><tparams><passwd>` + pw + `</passwd><authinfo>` + esc(v.Get("authinfo")) + `</authinfo></tparams></doc>`
		}
		return 200, `<doc><error type="value" object="passwd" value="` + pw + `"><param name="value">` + pw + `</param><msg>Password ` + pw + ` is weak</msg></error></doc>`
	})
	h := NewHTTP(p.URL, AuthInfo("admin", "adminpass"))
	req := NewReadRequest("user.edit")
	req.SetSecret("passwd", "s3cr&t<x")
	resp, err := h.Call(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"s3cr", "adminpass"} {
		if bytes.Contains(resp.Raw, []byte(s)) || strings.Contains(fmt.Sprint(resp.Doc().Child("tparams").Child("passwd").Text), s) {
			t.Errorf("%q is in the response: %s", s, resp.Raw)
		}
	}
	req.Set("sok", "ok")
	_, err = h.Call(context.Background(), req)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	all := e.Error() + e.Value + e.Msg + fmt.Sprint(e.Params) + string(e.Raw)
	if strings.Contains(all, "s3cr") || strings.Contains(all, "&amp;t") {
		t.Errorf("the secret is in the error: %+v", e)
	}
}

func TestAnswerSizeLimit(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) { return 200, "<doc>" + strings.Repeat("x", 5000) + "</doc>" })
	_, err := NewHTTP(p.URL, nil, WithMaxResponseBytes(1000)).Call(context.Background(), NewRequest("user"))
	if err == nil || !strings.Contains(err.Error(), "answer larger than 1000 bytes") {
		t.Errorf("err = %v", err)
	}
	if _, err := NewHTTP(p.URL, nil).Call(context.Background(), NewRequest("user")); err != nil {
		t.Errorf("default limit: %v", err)
	}
}

// A redirect answering a write is never followed (following a 301, 302 or
// 303 would turn the submit into a GET and report it done): every 3xx is
// a *StatusError with its Location inside a *MayHaveRunError, after one
// send.
func TestRedirectToAWriteIsAnError(t *testing.T) {
	for _, tc := range []struct {
		status   int
		location string
	}{
		{301, "/billmgr"}, {302, "/billmgr"}, {303, "/billmgr?func=user"}, {307, "/billmgr"}, {308, "/billmgr"},
		{300, ""}, {304, ""}, {302, ""},
	} {
		var count counter
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.ParseForm()
			count.add(r.Method + " " + r.Form.Get("func"))
			if r.URL.RawQuery != "" {
				fmt.Fprint(w, okDoc) // the target of the 303
				return
			}
			if tc.location != "" {
				w.Header().Set("Location", tc.location)
			}
			w.WriteHeader(tc.status)
		}))
		_, err := NewHTTP(srv.URL, AuthInfo("u", "s3cr3t-pw")).Call(context.Background(), NewRequest("user.edit"))
		srv.Close()
		var se *StatusError
		if !errors.As(err, &se) || se.StatusCode != tc.status || !MayHaveRun(err) {
			t.Errorf("%d: err = %v, want a may-have-run *StatusError", tc.status, err)
			continue
		}
		if se.Location != tc.location || (tc.location != "" && !strings.Contains(err.Error(), tc.location)) {
			t.Errorf("%d: Location %q, error %q", tc.status, se.Location, err)
		}
		if count.get("POST user.edit") != 1 || count.get("GET ") != 0 {
			t.Errorf("%d: sent %d times, followed %d times", tc.status, count.get("POST user.edit"), count.get("GET "))
		}
	}
}

// A redirect from https to http on the same host is a change of origin:
// refused, even when plain http is allowed for the client.
func TestRedirectToPlainHTTPRefused(t *testing.T) {
	var plain atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.TLS == nil {
			plain.Add(1)
		}
		http.Redirect(w, r, "http://"+r.Host+"/billmgr", http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	for _, opts := range [][]HTTPOption{{WithRootCAs(pool)}, {WithRootCAs(pool), AllowInsecureHTTP()}} {
		_, err := NewHTTP(srv.URL, AuthInfo("u", "p"), opts...).Call(context.Background(), NewReadRequest("user"))
		if err == nil || !strings.Contains(err.Error(), "another origin") {
			t.Errorf("err = %v, want a refused redirect", err)
		}
	}
	if plain.Load() != 0 {
		t.Errorf("%d requests went over plain http", plain.Load())
	}
}

// The wait between read attempts doubles, with at most half of it again
// as jitter.
func TestBackoffBounds(t *testing.T) {
	for attempt := 1; attempt <= 3; attempt++ {
		base := time.Duration(100<<attempt) * time.Millisecond
		for range 200 {
			if d := backoff(attempt); d < base || d >= base+base/2 {
				t.Fatalf("attempt %d: %v outside [%v, %v)", attempt, d, base, base+base/2)
			}
		}
	}
}

// A deadline with room for the waits does not stop the retries.
func TestRetriesWithinADeadline(t *testing.T) {
	var count counter
	srv := resetServer(t, 2, &count)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := NewHTTP(srv.URL, nil, RetryReads(3)).Call(ctx, NewReadRequest("vds")); err != nil || count.get("vds") != 3 {
		t.Errorf("err %v after %d sends, want success on the third", err, count.get("vds"))
	}
}

// A refused connection is a *TransportError that proves the write never
// reached the panel; a call whose context ends is reported as the
// context's error, not as a network failure.
func TestRefusedConnectionAndCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	url := srv.URL
	srv.Close()
	_, err := NewHTTP(url, nil).Call(context.Background(), NewRequest("user.edit"))
	var te *TransportError
	if !errors.As(err, &te) || MayHaveRun(err) {
		t.Errorf("refused write: err = %v (may have run %v), want a *TransportError that did not run", err, MayHaveRun(err))
	}

	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-hang }))
	defer slow.Close()
	defer close(hang)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = NewHTTP(slow.URL, nil).Call(ctx, NewReadRequest("user"))
	if !errors.Is(err, context.Canceled) || errors.As(err, &te) {
		t.Errorf("cancelled read: err = %v (%T), want the context's error", err, err)
	}
}

// The status decides success at its edges: 299 is a success, 300 is a
// *StatusError that keeps its Location.
func TestStatusEdges(t *testing.T) {
	for _, tc := range []struct {
		status int
		ok     bool
	}{{200, true}, {299, true}, {300, false}, {399, false}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "/elsewhere")
			w.WriteHeader(tc.status)
			fmt.Fprint(w, okDoc)
		}))
		_, err := NewHTTP(srv.URL, nil).Call(context.Background(), NewReadRequest("user"))
		srv.Close()
		var se *StatusError
		if tc.ok != (err == nil) {
			t.Errorf("%d: err = %v", tc.status, err)
		}
		if !tc.ok && tc.status >= 300 && (!errors.As(err, &se) || se.Location != "/elsewhere") {
			t.Errorf("%d: err = %v, want a *StatusError with its Location", tc.status, err)
		}
	}
}
