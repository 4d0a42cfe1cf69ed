package runtime

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Header names are RFC 9110 tokens: letters, digits and !#$%&'*+-.^_`|~,
// tested at the edges of each range.
func TestValidHeaderName(t *testing.T) {
	for _, ok := range []string{"a", "z", "A", "Z", "0", "9", "X-Trace-Id", "!#$%&'*+-.^_`|~"} {
		if !validHeaderName(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "@", "[", "{", "/", ":", "a b", "ä", "X\x7f", "a\"b", "a,b"} {
		if validHeaderName(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	p := newPanel(t, func(url.Values) (int, string) { return 200, okDoc })
	if _, err := NewHTTP(p.URL, nil, WithHeader("X:Y", "v")).Call(context.Background(), NewReadRequest("user")); err == nil || !strings.Contains(err.Error(), "not a valid header") {
		t.Errorf("bad name: err = %v", err)
	}
}

// WithMaxResponseBytes(0) keeps the default limit rather than allowing
// nothing.
func TestMaxResponseBytesZeroKeepsDefault(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) { return 200, okDoc })
	for _, n := range []int64{0, -1} {
		if _, err := NewHTTP(p.URL, nil, WithMaxResponseBytes(n)).Call(context.Background(), NewReadRequest("user")); err != nil {
			t.Errorf("WithMaxResponseBytes(%d): %v", n, err)
		}
	}
}

// The transport's own client dials for at most 30 s, shakes hands for at
// most 15 s and waits 10 minutes for the panel's headers (panels run long
// operations synchronously).
func TestTransportTimeouts(t *testing.T) {
	c, err := NewHTTPClient()
	if err != nil {
		t.Fatal(err)
	}
	tr := c.Transport.(*http.Transport)
	if tr.TLSHandshakeTimeout != 15*time.Second || tr.ResponseHeaderTimeout != 10*time.Minute ||
		tr.ExpectContinueTimeout != time.Second || tr.IdleConnTimeout != 90*time.Second || tr.MaxIdleConns != 32 {
		t.Errorf("transport %+v", tr)
	}
}

// A redirect is followed only to the same scheme and host (the host's
// case does not matter), and never more than 9 times.
func TestSameOrigin(t *testing.T) {
	check := sameOrigin(nil, false)
	req := func(raw string) *http.Request {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		return &http.Request{URL: u}
	}
	start := req("https://panel.example.com/billmgr")
	if err := check(req("https://PANEL.example.com/x"), []*http.Request{start}); err != nil {
		t.Errorf("same host, other case: %v", err)
	}
	if err := check(req("https://other.example.com/x"), []*http.Request{start}); err == nil {
		t.Error("another host followed")
	}
	via := func(n int) []*http.Request {
		out := make([]*http.Request, n)
		for i := range out {
			out[i] = start
		}
		return out
	}
	if err := check(req("https://panel.example.com/x"), via(9)); err != nil {
		t.Errorf("10th redirect: %v", err)
	}
	if err := check(req("https://panel.example.com/x"), via(10)); err == nil || !strings.Contains(err.Error(), "10 redirects") {
		t.Errorf("11th redirect: %v", err)
	}
}
