package runtime

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// HTTP calls a panel over HTTP(S): POST with a form-encoded body, out=xml.
// Credentials travel in the body, never in the URL.
//
// What it promises:
//   - TLS is verified, by a client and transport of its own (see
//     NewHTTPClient); WithRootCAs and WithPinnedKey admit a private or
//     self-signed panel without turning verification off.
//   - Plain http is refused except to loopback or with AllowInsecureHTTP.
//   - Redirects to another origin are refused, with any client.
//   - The HTTP status is checked first: an answer other than 2xx is a
//     *StatusError and is never resent.
//   - A call is resent only when the panel's answer proves it refused the
//     session before running anything, and then once, after a new login
//     (AuthSession): with HTTP 200, the panel's login page, its func="logon"
//     document, or a top-level <error type="auth"> naming no object.
//   - A write whose answer leaves open whether it ran (a proxy's page, any
//     non-2xx status, a broken connection, an auth error naming an object
//     such as a module's remote login) is never resent and returns a
//     *MayHaveRunError (see MayHaveRun).
//   - A redirect answering a write is never followed: it is a
//     *StatusError with the Location, inside a *MayHaveRunError.
//   - Reads may be retried on network failures and 502/503/504 when
//     RetryReads asks for it; writes never are.
//   - Secret values the panel echoes back are redacted from errors and
//     responses; answers larger than the limit fail with a clear error.
type HTTP struct {
	endpoint string
	auth     Auth
	cfg      *httpConfig
	client   *http.Client
	// writes is client with redirects left unfollowed: following one
	// would turn a submit into a GET and report it done.
	writes *http.Client
	err    error
}

// NewHTTP returns a transport for the panel at endpoint, such as
// https://panel.example.com:1500/billmgr. A problem with the endpoint or
// the options is reported by every call.
func NewHTTP(endpoint string, auth Auth, opts ...HTTPOption) *HTTP {
	if auth == nil {
		auth = NoAuth()
	}
	cfg := newHTTPConfig(opts)
	h := &HTTP{endpoint: endpoint, auth: auth, cfg: cfg, err: cfg.err}
	if h.err == nil {
		h.err = CheckEndpoint(endpoint, cfg.allowInsecure)
	}
	h.client = cfg.httpClient()
	w := *h.client
	w.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	h.writes = &w
	return h
}

// Call sends req and decodes the answer, following the rules in the type's
// documentation.
func (h *HTTP) Call(ctx context.Context, req *Request) (*Response, error) {
	if h.err != nil {
		return nil, h.err
	}
	attempts := 1
	if req.Read {
		attempts = h.cfg.readAttempts
	}
	relogin, used := false, ""
	fileCache := map[string][]byte{}
	for attempt := 1; ; attempt++ {
		v := h.values(req)
		session, err := h.auth.authorize(ctx, h, v, relogin, used)
		if err != nil {
			return nil, err
		}
		body, contentType := []byte(v.Encode()), formType
		if len(req.Files) > 0 {
			if body, contentType, err = multipartBody(v, req.Files, fileCache, h.cfg.maxBytes); err != nil {
				return nil, err
			}
		}
		resp, err := h.post(ctx, req, body, contentType, secretValues(req, v))
		if err == nil {
			return resp, nil
		}
		if session != "" && !relogin && refusedSession(err, req.Read) {
			relogin, used = true, session
			continue
		}
		if !req.Read {
			return nil, writeOutcome(req.Func, err)
		}
		if attempt < attempts && transient(ctx, err) && pause(ctx, attempt) {
			continue
		}
		return nil, err
	}
}

// provesNotRun reports an answer that proves the panel refused the
// session before running anything, so the call may be sent again after a
// new login. The proofs, all with HTTP 200, are decided in Decode: the
// panel's login page, its func="logon" document, and a top-level
// <error type="auth"> that names no object.
func provesNotRun(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusOK && e.sessionRefused
}

// refusedSession reports an answer after which the call is sent again
// with a new session: for a write only one that proves it did not run;
// for a read, which may run twice, any auth refusal with HTTP 200 (such as
// a plain "access deny").
func refusedSession(err error, read bool) bool {
	if !read {
		return provesNotRun(err)
	}
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusOK && e.Type == "auth"
}

// transient reports failures worth retrying for a read: the network, or a
// gateway in front of the panel.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var se *StatusError
	if errors.As(err, &se) {
		switch se.StatusCode {
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	var te *TransportError
	return errors.As(err, &te)
}

// pause waits before attempt+1 (200 ms, 400 ms, ... with jitter) and
// reports false when the context ends first or its deadline leaves no room.
func pause(ctx context.Context, attempt int) bool {
	d := backoff(attempt)
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// backoff is the wait before attempt+1: 200 ms after the first attempt,
// doubling each time, plus up to half of that again at random so that
// clients that failed together do not retry in step.
func backoff(attempt int) time.Duration {
	d := time.Duration(100<<attempt) * time.Millisecond
	return d + time.Duration(mrand.Int64N(int64(d/2)))
}

func (h *HTTP) post(ctx context.Context, req *Request, body []byte, contentType string, secrets []string) (*Response, error) {
	fn := req.Func
	resp, err := h.send(ctx, fn, body, contentType, !req.Read)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := readLimited(resp.Body, h.cfg.maxBytes, resp.ContentLength)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("mgr %s: %w", fn, ctx.Err())
		}
		return nil, &TransportError{Func: fn, Err: fmt.Errorf("reading the answer: %w", err)}
	}
	return h.finish(fn, resp, raw, secrets, req.sink)
}

// send posts body and returns the answer with its body unread. A write
// goes through the client that follows no redirect.
func (h *HTTP) send(ctx context.Context, fn string, body []byte, contentType string, write bool) (*http.Response, error) {
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, h.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("mgr %s: %w", fn, err)
	}
	for k, v := range h.cfg.header {
		hr.Header[k] = append([]string(nil), v...)
	}
	hr.Header.Set("Content-Type", contentType)
	if hr.Header.Get("Accept") == "" {
		hr.Header.Set("Accept", "application/xml, text/xml")
	}
	ua := h.cfg.userAgent
	if ua == "" {
		ua = "mgrgen/" + Version
	}
	hr.Header.Set("User-Agent", ua)
	client := h.client
	if write {
		client = h.writes
	}
	resp, err := client.Do(hr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("mgr %s: %w", fn, ctx.Err())
		}
		return nil, &TransportError{Func: fn, Err: err}
	}
	return resp, nil
}

// finish turns a whole answer into a Response or an error: the status
// first, then the document; secrets the panel echoed are redacted.
func (h *HTTP) finish(fn string, resp *http.Response, body []byte, secrets []string, sk *sink) (*Response, error) {
	body = redactBytes(body, secrets)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		se := &StatusError{Func: fn, StatusCode: resp.StatusCode, Status: resp.Status, Raw: body}
		if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
			se.Location = redactString(resp.Header.Get("Location"), secrets)
		}
		// A panel error document inside a failed status is kept as the
		// cause, so errors.As still finds it; the status decides.
		if _, derr := Decode(fn, body, resp.StatusCode); derr != nil {
			var pe *Error
			if errors.As(derr, &pe) && pe.Object != "login_page" {
				redactError(pe, secrets)
				se.Err = pe
			}
		}
		return nil, se
	}
	out, err := scanAnswer(fn, newScanner(body), body, resp.StatusCode, sk)
	if err != nil {
		var pe *Error
		if errors.As(err, &pe) {
			redactError(pe, secrets)
		}
		return nil, err
	}
	out.secrets = secrets
	return out, nil
}

// values is the form of req as sent: its parameters, options, func and
// out=xml; the auth method adds its credentials.
func (h *HTTP) values(req *Request) url.Values {
	v := url.Values{}
	for k, vals := range req.Values {
		v[k] = append([]string(nil), vals...)
	}
	req.Options.encode(v)
	v.Set("func", req.Func)
	v.Set("out", "xml")
	return v
}

const formType = "application/x-www-form-urlencoded"

// stream sends a read and hands its answer to read as it arrives, after
// the same checks as Call: the status first; an answer that is not a plain
// list (an error, a login page) is read whole and reported as Call would,
// and a refused session is renewed once.
func (h *HTTP) stream(ctx context.Context, req *Request, read func(io.Reader) error) error {
	if h.err != nil {
		return h.err
	}
	if len(req.Files) > 0 {
		resp, err := h.Call(ctx, req)
		if err != nil {
			return err
		}
		return read(bytes.NewReader(resp.Raw))
	}
	relogin, used := false, ""
	for {
		v := h.values(req)
		session, err := h.auth.authorize(ctx, h, v, relogin, used)
		if err != nil {
			return err
		}
		secrets := secretValues(req, v)
		hresp, err := h.send(ctx, req.Func, []byte(v.Encode()), formType, false)
		if err != nil {
			return err
		}
		br := bufio.NewReaderSize(&cappedReader{r: hresp.Body, limit: h.cfg.maxBytes}, 64<<10)
		head, _ := br.Peek(8 << 10)
		if hresp.StatusCode >= 200 && hresp.StatusCode <= 299 && listHead(head) {
			err := read(br)
			hresp.Body.Close()
			return err
		}
		body, err := readLimited(br, h.cfg.maxBytes, hresp.ContentLength)
		hresp.Body.Close()
		if err != nil {
			return &TransportError{Func: req.Func, Err: fmt.Errorf("reading the answer: %w", err)}
		}
		resp, err := h.finish(req.Func, hresp, body, secrets, nil)
		if err != nil {
			if session != "" && !relogin && refusedSession(err, true) {
				relogin, used = true, session
				continue
			}
			return err
		}
		return read(bytes.NewReader(resp.Raw))
	}
}

// listHead reports whether the start of an answer is a panel document
// that is neither an error nor a login form, so it can be streamed.
func listHead(head []byte) bool {
	return bytes.Contains(head, []byte("<doc")) && !bytes.Contains(head, []byte("<error")) &&
		!bytes.Contains(head, []byte(`func="logon"`)) && !looksLikeHTML(head)
}

// cappedReader passes r through until it has given limit bytes, then fails
// with the same error readLimited gives, so a streamed answer one byte too
// large fails instead of being read as if it had ended.
type cappedReader struct {
	r           io.Reader
	read, limit int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.read > c.limit {
		return 0, tooLarge(c.limit)
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	if c.read > c.limit {
		// Everything before this read was within the limit.
		keep := n - int(c.read-c.limit)
		return keep, tooLarge(c.limit)
	}
	return n, err
}

func tooLarge(limit int64) error {
	return fmt.Errorf("answer larger than %d bytes (see WithMaxResponseBytes)", limit)
}

// readLimited reads all of r, failing when it holds more than limit bytes;
// a length the server announced sizes the buffer at once.
func readLimited(r io.Reader, limit, announced int64) ([]byte, error) {
	r = io.LimitReader(r, limit+1)
	var b []byte
	if announced > 0 && announced <= limit {
		b = make([]byte, announced+1)
		n, err := io.ReadFull(r, b)
		switch err {
		case io.ErrUnexpectedEOF, io.EOF:
			return b[:n], nil // the usual case: exactly what was announced, or less
		case nil: // more than announced: read on
		default:
			return nil, err
		}
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	b = append(b, rest...)
	if int64(len(b)) > limit {
		return nil, tooLarge(limit)
	}
	return b, nil
}

// login calls func=auth and returns the session id.
func (h *HTTP) login(ctx context.Context, user, password string) (string, error) {
	v := url.Values{"func": {"auth"}, "out": {"xml"}, "username": {user}, "password": {password}}
	resp, err := h.post(ctx, &Request{Func: "auth", Read: true}, []byte(v.Encode()), formType, secretValues(NewRequest("auth"), v))
	if err != nil {
		return "", err
	}
	a := resp.Doc().Child("auth")
	id := a.Attr("id")
	if id == "" && a != nil {
		id = strings.TrimSpace(a.Text)
	}
	if id == "" {
		return "", &Error{Func: "auth", Type: "auth", Msg: "the panel returned no session id", StatusCode: http.StatusOK}
	}
	return id, nil
}

// KeyOption shapes the login link NewKey returns.
type KeyOption func(*keyConfig)

type keyConfig struct {
	base     string
	redirect string
	call     []Option
}

// KeyLinkBase builds the link on the panel's public address (such as
// https://my.example.com/billmgr) instead of the API endpoint, which is
// often an internal address the customer can't reach.
func KeyLinkBase(url string) KeyOption { return func(k *keyConfig) { k.base = url } }

// KeyLinkRedirect makes the link open the form fn after logging in
// (redirect=startform=fn in the link).
func KeyLinkRedirect(fn string) KeyOption { return func(k *keyConfig) { k.redirect = fn } }

// KeyCallOptions applies options (such as Su) to the session.newkey call.
func KeyCallOptions(opts ...Option) KeyOption {
	return func(k *keyConfig) { k.call = append(k.call, opts...) }
}

// NewKey implements the key method: it asks the panel (session.newkey) to
// accept a fresh random key for user and returns the one-time URL that logs
// that user in. The URL carries the key; treat it as a secret. The
// transport's own credentials must be an administrator's.
func (h *HTTP) NewKey(ctx context.Context, user string, opts ...KeyOption) (string, error) {
	var kc keyConfig
	for _, o := range opts {
		o(&kc)
	}
	base := h.endpoint
	if kc.base != "" {
		base = kc.base
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("mgr: key link base: %w", err)
	}
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	key := hex.EncodeToString(raw) // 32 characters; the panel wants at least 16
	req := NewRequest("session.newkey")
	req.Set("username", user)
	req.SetSecret("key", key)
	req.Options.Apply(kc.call...)
	if _, err := h.Call(ctx, req); err != nil {
		return "", err
	}
	q := url.Values{"func": {"auth"}, "username": {user}, "key": {key}, "checkcookie": {"no"}}
	if kc.redirect != "" {
		q.Set("redirect", "startform="+kc.redirect)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}
