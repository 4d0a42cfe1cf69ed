package runtime

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// Auth is how an HTTP transport proves who it is.
type Auth interface {
	// authorize adds credentials to the body of a call; relogin is true
	// after the panel refused the previous credentials.
	authorize(ctx context.Context, h *HTTP, v url.Values, relogin bool, used string) (token string, err error)
	// retriable reports whether a refused call may be retried once after
	// logging in again.
	retriable() bool
}

// AuthInfo authenticates every call with authinfo=user:password, sent in
// the POST body.
func AuthInfo(user, password string) Auth { return &authInfo{user: user, password: password} }

type authInfo struct{ user, password string }

func (a *authInfo) authorize(_ context.Context, _ *HTTP, v url.Values, _ bool, _ string) (string, error) {
	v.Set("authinfo", a.user+":"+a.password)
	return "", nil
}

func (a *authInfo) retriable() bool { return false }

// AuthSession logs in once with func=auth and reuses the session id. When
// the panel reports the session expired, it logs in again, once, and
// repeats the call. It is safe for concurrent use: concurrent calls that
// hit an expired session share one new login.
func AuthSession(user, password string) Auth { return &authSession{user: user, password: password} }

type authSession struct {
	user, password string
	mu             sync.Mutex
	id             string
}

func (a *authSession) retriable() bool { return true }

func (a *authSession) authorize(ctx context.Context, h *HTTP, v url.Values, relogin bool, used string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	// Log in when there is no session yet, or when the session that failed
	// is still the current one (another call may have renewed it already).
	if a.id == "" || (relogin && a.id == used) {
		id, err := h.login(ctx, a.user, a.password)
		if err != nil {
			return "", err
		}
		a.id = id
	}
	v.Set("auth", a.id)
	return a.id, nil
}

// NoAuth sends no credentials (for functions open to everyone, or when a
// proxy in front of the panel authenticates).
func NoAuth() Auth { return noAuth{} }

type noAuth struct{}

func (noAuth) authorize(context.Context, *HTTP, url.Values, bool, string) (string, error) {
	return "", nil
}
func (noAuth) retriable() bool { return false }

// HTTP calls a panel over HTTP(S): POST with a form-encoded body, out=xml.
// Credentials travel in the body, never in the URL. TLS is verified by
// the http.Client in use; to trust a private CA, pass a client configured
// for it with WithHTTPClient.
type HTTP struct {
	endpoint string
	auth     Auth
	client   *http.Client
}

// HTTPOption configures an HTTP transport.
type HTTPOption func(*HTTP)

// WithHTTPClient makes the transport use c.
func WithHTTPClient(c *http.Client) HTTPOption { return func(h *HTTP) { h.client = c } }

// NewHTTP returns a transport for the panel at endpoint, such as
// https://panel.example.com:1500/billmgr.
func NewHTTP(endpoint string, auth Auth, opts ...HTTPOption) *HTTP {
	if auth == nil {
		auth = NoAuth()
	}
	h := &HTTP{endpoint: endpoint, auth: auth, client: http.DefaultClient}
	for _, o := range opts {
		o(h)
	}
	return h
}

const maxBody = 256 << 20

// Call sends req and decodes the answer.
func (h *HTTP) Call(ctx context.Context, req *Request) (*Response, error) {
	used := ""
	for attempt := 0; ; attempt++ {
		v := url.Values{}
		for k, vals := range req.Values {
			v[k] = append([]string(nil), vals...)
		}
		req.Options.encode(v)
		v.Set("func", req.Func)
		v.Set("out", "xml")
		token, err := h.auth.authorize(ctx, h, v, attempt > 0, used)
		if err != nil {
			return nil, err
		}
		used = token
		resp, err := h.post(ctx, req.Func, v)
		if err != nil && attempt == 0 && h.auth.retriable() && errors.Is(err, ErrAuth) {
			continue
		}
		return resp, err
	}
}

func (h *HTTP) post(ctx context.Context, fn string, v url.Values) (*Response, error) {
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, h.endpoint, strings.NewReader(v.Encode()))
	if err != nil {
		return nil, fmt.Errorf("mgr %s: %w", fn, err)
	}
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hr.Header.Set("Accept", "application/xml, text/xml")
	resp, err := h.client.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("mgr %s: %w", fn, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("mgr %s: reading the answer: %w", fn, err)
	}
	out, derr := Decode(fn, body, resp.StatusCode)
	if derr != nil {
		return nil, derr
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &DecodeError{Func: fn, StatusCode: resp.StatusCode, Raw: body, Err: fmt.Errorf("HTTP %s", resp.Status)}
	}
	return out, nil
}

// login calls func=auth and returns the session id.
func (h *HTTP) login(ctx context.Context, user, password string) (string, error) {
	resp, err := h.post(ctx, "auth", url.Values{"func": {"auth"}, "out": {"xml"}, "username": {user}, "password": {password}})
	if err != nil {
		return "", err
	}
	a := resp.Doc.Child("auth")
	id := a.Attr("id")
	if id == "" && a != nil {
		id = strings.TrimSpace(a.Text)
	}
	if id == "" {
		return "", &Error{Func: "auth", Type: "auth", Msg: "the panel returned no session id", Raw: resp.Raw}
	}
	return id, nil
}

// NewKey implements the key method: it asks the panel (session.newkey) to
// accept a fresh random key for user and returns the one-time URL that logs
// that user in. The URL carries the key; treat it as a secret. The
// transport's own credentials must be an administrator's.
func (h *HTTP) NewKey(ctx context.Context, user string, opts ...Option) (string, error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	key := hex.EncodeToString(raw) // 32 characters; the panel wants at least 16
	req := NewRequest("session.newkey")
	req.Set("username", user)
	req.SetSecret("key", key)
	req.Options.Apply(opts...)
	if _, err := h.Call(ctx, req); err != nil {
		return "", err
	}
	u, err := url.Parse(h.endpoint)
	if err != nil {
		return "", err
	}
	u.RawQuery = url.Values{"func": {"auth"}, "username": {user}, "key": {key}, "checkcookie": {"no"}}.Encode()
	return u.String(), nil
}
