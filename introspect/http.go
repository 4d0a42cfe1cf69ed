package introspect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/mgrgen/mgrgen/runtime"
)

// HTTPPanel asks a panel over its HTTP API with out=devel. Credentials go in
// the POST body, never in the URL, so they stay out of proxy and access logs.
type HTTPPanel struct {
	// URL is the panel endpoint, such as https://host:1500/billmgr.
	URL string
	// User and Password are sent as authinfo.
	User, Password string
	// Lang selects the language of labels; "en" when empty.
	Lang string
	// Client is used for requests; runtime.NewHTTPClient() when nil, which
	// verifies TLS and refuses redirects to another origin.
	Client *http.Client
	// AllowInsecureHTTP permits plain http to a host other than loopback.
	AllowInsecureHTTP bool
}

// Method returns "http".
func (h *HTTPPanel) Method() string { return "http" }

// Inventory calls func=actionlist, which names every function.
func (h *HTTPPanel) Inventory(ctx context.Context) ([]byte, string, error) {
	b, err := h.call(ctx, url.Values{"func": {"actionlist"}, "out": {"xml"}})
	return b, FormatActionList, err
}

// Devel calls FUNC with out=devel.
func (h *HTTPPanel) Devel(ctx context.Context, fn string) ([]byte, error) {
	return h.call(ctx, url.Values{"func": {fn}, "out": {"devel"}})
}

// FuncInfo is not available over HTTP.
func (h *HTTPPanel) FuncInfo(context.Context, string) ([]byte, error) {
	return nil, errors.New("the per-function description is only available through mgrctl")
}

const maxDocument = 64 << 20

func (h *HTTPPanel) call(ctx context.Context, v url.Values) ([]byte, error) {
	if err := runtime.CheckEndpoint(h.URL, h.AllowInsecureHTTP); err != nil {
		return nil, err
	}
	if h.User != "" {
		v.Set("authinfo", h.User+":"+h.Password)
	}
	lang := h.Lang
	if lang == "" {
		lang = "en"
	}
	v.Set("lang", lang)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, strings.NewReader(v.Encode()))
	if err != nil {
		return nil, fmt.Errorf("panel URL: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	client := h.Client
	if client == nil {
		if client, err = runtime.NewHTTPClient(); err != nil {
			return nil, err
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocument+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxDocument {
		return nil, fmt.Errorf("%s: answer larger than %d bytes", v.Get("func"), maxDocument)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", v.Get("func"), resp.Status)
	}
	return body, nil
}
