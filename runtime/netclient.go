package runtime

import (
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// httpConfig collects what HTTPOption values set.
type httpConfig struct {
	client        *http.Client
	rootCAs       *x509.CertPool
	pin           []byte
	allowInsecure bool
	maxBytes      int64
	readAttempts  int
	userAgent     string
	header        http.Header
	err           error
}

// HTTPOption configures an HTTP transport (and NewHTTPClient).
type HTTPOption func(*httpConfig)

// WithHTTPClient makes the transport send through c, for proxies, custom
// dialers or test servers. The transport uses a copy of c whose redirect
// policy also refuses redirects to another origin (see NewHTTP), so the
// body with its credentials never leaves the panel. It can't be combined
// with WithRootCAs or WithPinnedKey, which configure mgrgen's own client.
func WithHTTPClient(c *http.Client) HTTPOption { return func(h *httpConfig) { h.client = c } }

// WithUserAgent sets the User-Agent the transport sends, in place of
// mgrgen/VERSION (Version), for example to name your own service in the
// panel's access log.
func WithUserAgent(ua string) HTTPOption { return func(h *httpConfig) { h.userAgent = ua } }

// WithHeader adds a header to every request of this transport (a tracing
// id, a gateway's token), without building an http.Client. Content-Type,
// Content-Length and Host are the transport's own and refused, as is a name
// or value that is not a valid header.
func WithHeader(name, value string) HTTPOption {
	return func(h *httpConfig) {
		key := http.CanonicalHeaderKey(name)
		switch {
		case !validHeaderName(name) || strings.ContainsAny(value, "\r\n\x00"):
			h.err = fmt.Errorf("mgr: WithHeader(%q): not a valid header", name)
		case key == "Content-Type" || key == "Content-Length" || key == "Host":
			h.err = fmt.Errorf("mgr: WithHeader(%q): the transport sets this header itself", name)
		default:
			if h.header == nil {
				h.header = http.Header{}
			}
			h.header.Add(key, value)
		}
	}
}

// validHeaderName reports a header name made of the token characters of
// RFC 9110.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// WithRootCAs makes this client trust the certificate authorities in pool
// (instead of the system's), for a panel whose certificate a private CA
// issued. Verification stays on.
func WithRootCAs(pool *x509.CertPool) HTTPOption {
	return func(h *httpConfig) { h.rootCAs = pool }
}

// WithPinnedKey makes this client accept exactly one server key: the
// panel's certificate must carry the public key whose SubjectPublicKeyInfo
// has the given SHA-256 digest (as curl --pinnedpubkey sha256//... and
// HPKP pins). The certificate chain is then not checked against any CA, so
// a self-signed panel works without turning verification off: any other
// key fails the handshake. ParsePin reads the usual spellings.
func WithPinnedKey(sha256Digest []byte) HTTPOption {
	return func(h *httpConfig) {
		if len(sha256Digest) != sha256.Size {
			h.err = fmt.Errorf("mgr: a pinned key is a SHA-256 digest of %d bytes, not %d", sha256.Size, len(sha256Digest))
			return
		}
		h.pin = append([]byte(nil), sha256Digest...)
	}
}

// ParsePin reads a key pin written as curl writes it (sha256//BASE64), as
// plain base64, or as 64 hex digits.
func ParsePin(s string) ([]byte, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "sha256//"))
	if b, err := hex.DecodeString(s); err == nil && len(b) == sha256.Size {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == sha256.Size {
		return b, nil
	}
	return nil, errors.New("a key pin is sha256//BASE64, base64 or hex of a 32-byte SHA-256 digest")
}

// KeyPin returns the pin of a certificate's public key, for WithPinnedKey.
func KeyPin(cert *x509.Certificate) []byte {
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return sum[:]
}

// AllowInsecureHTTP lets this client talk to a panel over plain http on a
// host other than loopback. Credentials then cross the network readable by
// anyone on the path; use it only on a network you trust.
func AllowInsecureHTTP() HTTPOption { return func(h *httpConfig) { h.allowInsecure = true } }

// DefaultMaxResponseBytes is the largest answer read by default: enough for
// a list of several hundred thousand rows.
const DefaultMaxResponseBytes = 64 << 20

// WithMaxResponseBytes sets the largest answer the transport reads; a
// larger one fails with an error saying so. Zero or less keeps the default.
func WithMaxResponseBytes(n int64) HTTPOption {
	return func(h *httpConfig) {
		if n > 0 {
			h.maxBytes = n
		}
	}
}

// MaxReadAttempts is the most attempts RetryReads allows.
const MaxReadAttempts = 3

// RetryReads lets calls that only read (lists, opening a form, reports)
// be tried up to attempts times in all when the network fails or a proxy
// answers 502, 503 or 504, with a growing pause between attempts and never
// past the context's deadline. Form submits, group operations and raw
// Client.Call are never retried this way. attempts is capped at
// MaxReadAttempts; the default is 1 (no retry).
func RetryReads(attempts int) HTTPOption {
	return func(h *httpConfig) { h.readAttempts = min(max(attempts, 1), MaxReadAttempts) }
}

func newHTTPConfig(opts []HTTPOption) *httpConfig {
	cfg := &httpConfig{maxBytes: DefaultMaxResponseBytes, readAttempts: 1}
	for _, o := range opts {
		if o != nil {
			o(cfg)
		}
	}
	if cfg.client != nil && (cfg.rootCAs != nil || cfg.pin != nil) && cfg.err == nil {
		cfg.err = errors.New("mgr: WithRootCAs and WithPinnedKey configure mgrgen's own HTTP client and can't be combined with WithHTTPClient")
	}
	return cfg
}

// NewHTTPClient returns the *http.Client mgrgen itself uses for a panel:
// its own transport (proxy from the environment, dial, TLS handshake and
// response header timeouts), TLS 1.2 or newer with verification on, the
// trust settings of opts, and a redirect policy that refuses another
// origin. Because the transport is its own, a program that relaxes
// http.DefaultTransport does not relax the panel's.
func NewHTTPClient(opts ...HTTPOption) (*http.Client, error) {
	cfg := newHTTPConfig(opts)
	if cfg.err != nil {
		return nil, cfg.err
	}
	return cfg.httpClient(), nil
}

func (cfg *httpConfig) httpClient() *http.Client {
	if cfg.client != nil {
		c := *cfg.client
		c.CheckRedirect = sameOrigin(cfg.client.CheckRedirect, cfg.allowInsecure)
		return &c
	}
	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: cfg.rootCAs}
	if pin := cfg.pin; pin != nil {
		// The pin replaces the CA check; VerifyConnection still runs on
		// every handshake, resumed ones included, and refuses any other key.
		tlsConf.InsecureSkipVerify = true
		tlsConf.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("mgr: the panel sent no certificate")
			}
			got := KeyPin(cs.PeerCertificates[0])
			if subtle.ConstantTimeCompare(got, pin) != 1 {
				return fmt.Errorf("mgr: the panel's key sha256//%s does not match the pinned key", base64.StdEncoding.EncodeToString(got))
			}
			return nil
		}
	}
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsConf,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 10 * time.Minute, // panels run long operations synchronously
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          32,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{Transport: tr, CheckRedirect: sameOrigin(nil, cfg.allowInsecure)}
}

// sameOrigin is a redirect policy: a redirect is followed only to the same
// scheme, host and port as the request that started it (a 307 or 308
// resends the body, credentials included), then next decides.
func sameOrigin(next func(*http.Request, []*http.Request) error, allowInsecure bool) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if req.URL.Scheme != first.Scheme || !strings.EqualFold(req.URL.Host, first.Host) {
			return fmt.Errorf("mgr: refusing a redirect from %s to another origin, %s", origin(first), origin(req.URL))
		}
		if err := checkScheme(req.URL, allowInsecure); err != nil {
			return err
		}
		if len(via) >= 10 {
			return errors.New("mgr: stopped after 10 redirects")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}

func origin(u *url.URL) string { return u.Scheme + "://" + u.Host }

// CheckEndpoint reports whether credentials may be sent to endpoint: it
// must parse, carry no user:password, and be https, or http to a loopback
// address, or http anywhere when allowInsecure is set. NewHTTP applies it;
// other code that posts credentials (introspection) calls it too.
func CheckEndpoint(endpoint string, allowInsecure bool) error {
	u, err := url.Parse(endpoint)
	switch {
	case err != nil:
		return fmt.Errorf("mgr: endpoint: %w", err)
	case u.User != nil:
		return errors.New("mgr: endpoint: credentials in the URL are not accepted; use AuthInfo or AuthSession")
	case u.Host == "":
		return fmt.Errorf("mgr: endpoint %q has no host", endpoint)
	}
	return checkScheme(u, allowInsecure)
}

// checkScheme refuses plain http to anything but loopback unless allowed.
func checkScheme(u *url.URL, allowInsecure bool) error {
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if allowInsecure || isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("mgr: refusing plain http to %s: credentials would cross the network unencrypted; use https, or runtime.AllowInsecureHTTP() (CLI: -insecure-http) to accept that for this client", u.Host)
	}
	return fmt.Errorf("mgr: endpoint scheme %q is not http or https", u.Scheme)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
