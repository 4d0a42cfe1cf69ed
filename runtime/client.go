package runtime

import (
	"context"
	"net/url"
	"strings"
)

// Client is what generated clients are built on: a transport plus default
// options. Generated methods call Do; Call reaches any function raw, which is
// how functions without a typed method are used.
type Client struct {
	transport Transport
	defaults  []Option
}

// NewClient returns a client that sends through t, applying defaults (such
// as Su or Lang) to every call.
func NewClient(t Transport, defaults ...Option) *Client {
	return &Client{transport: t, defaults: defaults}
}

// Do sends req. Options apply in this order, later ones winning: the
// client's defaults, those stored in ctx by WithOptions, then opts.
func (c *Client) Do(ctx context.Context, req *Request, opts ...Option) (*Response, error) {
	c.prepare(ctx, req, opts)
	if req.Options.needParent && strings.TrimSpace(req.Options.Plid) == "" {
		return nil, &ValidationError{Func: req.Func, Problems: []Problem{{Field: "parent", Param: "plid",
			Msg: "is required: the function works inside one row of its parent list; pass that row's key"}}}
	}
	return c.transport.Call(ctx, req)
}

// prepare applies the options to req in their order of precedence.
func (c *Client) prepare(ctx context.Context, req *Request, opts []Option) {
	req.Options.Apply(c.defaults...)
	req.Options.Apply(ContextOptions(ctx)...)
	req.Options.Apply(opts...)
}

// Call calls the panel function fn with params as given, for functions the
// generated code has no typed method for.
func (c *Client) Call(ctx context.Context, fn string, params url.Values, opts ...Option) (*Response, error) {
	req := NewRequest(fn)
	for k, v := range params {
		req.Values[k] = append([]string(nil), v...)
	}
	return c.Do(ctx, req, opts...)
}
