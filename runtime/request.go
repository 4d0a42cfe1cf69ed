package runtime

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Transport sends one request to a panel and returns its decoded answer.
// An <error> document is returned as a *Error, never as a Response.
type Transport interface {
	Call(ctx context.Context, req *Request) (*Response, error)
}

// Request is one call of a panel function.
type Request struct {
	// Func is the function's wire name, such as "user.edit".
	Func string
	// Values are the parameters; the transport adds func, out, auth, su and
	// lang itself.
	Values url.Values
	// Secrets names the parameters whose values must never show in argv or
	// logs (passwords, keys).
	Secrets []string
	// Options are su, lang and redirect for this call.
	Options Options
	// Read marks a call that only reads (a list, opening a form, a
	// report), which a transport may retry after a network failure. A
	// request without it is a write and is sent once.
	Read bool
	// Files are the file parameters, by name (see SetFile).
	Files map[string]File
	// sink is what the call wants decoded from the answer, in the
	// transport's one pass (see onepass.go).
	sink *sink
}

// NewRequest returns a request for the function fn with no parameters. It
// is a write: sent once, never retried after a failure that leaves open
// whether the panel ran it.
func NewRequest(fn string) *Request {
	return &Request{Func: fn, Values: url.Values{}}
}

// NewReadRequest returns a request for a function that only reads (a
// list, opening a form, a report); transports may retry it. For generated
// code; part of the generated-code contract (docs/versioning.md).
func NewReadRequest(fn string) *Request {
	return &Request{Func: fn, Values: url.Values{}, Read: true}
}

// Set sets a parameter.
func (r *Request) Set(name, value string) { r.Values.Set(name, value) }

// SetSecret sets a parameter whose value is a secret.
func (r *Request) SetSecret(name, value string) {
	r.Values.Set(name, value)
	r.MarkSecret(name)
}

// MarkSecret marks the parameter name as holding a secret.
func (r *Request) MarkSecret(name string) {
	if !slices.Contains(r.Secrets, name) {
		r.Secrets = append(r.Secrets, name)
	}
}

// SetBool sets a flag parameter as the panel spells it: on or off.
func (r *Request) SetBool(name string, v bool) { r.Values.Set(name, OnOff(v)) }

// SetInt sets an integer parameter.
func (r *Request) SetInt(name string, v int64) { r.Values.Set(name, strconv.FormatInt(v, 10)) }

// SetFloat sets a decimal parameter.
func (r *Request) SetFloat(name string, v float64) {
	r.Values.Set(name, strconv.FormatFloat(v, 'f', -1, 64))
}

// SetList sets a parameter holding several values, joined with ", " as the
// panel joins selected ids.
func (r *Request) SetList(name string, v []string) { r.Values.Set(name, JoinIDs(v...)) }

// IsSecret reports whether the parameter name holds a secret: marked with
// SetSecret or MarkSecret, named by the Secret option, or one of the names
// panels use for secrets (see WellKnownSecret).
func (r *Request) IsSecret(name string) bool {
	return slices.Contains(r.Secrets, name) || slices.Contains(r.Options.Secrets, name) || WellKnownSecret(name)
}

// WellKnownSecret reports parameter names that hold secrets on every panel
// (passwd, password, confirm, key, token, secret, and names containing
// passwd, password, secret or token), so a raw Client.Call keeps them out
// of argv and logs without being told.
func WellKnownSecret(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "passwd", "password", "confirm", "key", "token", "secret", "authinfo", "auth":
		return true
	}
	for _, part := range []string{"passwd", "password", "secret", "token"} {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

// JoinIDs joins element ids the way the panel expects in elid: ", ".
func JoinIDs(ids ...string) string { return strings.Join(ids, ", ") }

// OnOff spells a bool the way panel flags are spelled.
func OnOff(v bool) string {
	if v {
		return "on"
	}
	return "off"
}

// Options are the per-call settings every panel function accepts.
type Options struct {
	// Su runs the call with the rights of another user (admins and
	// resellers only).
	Su string
	// Lang selects the language of messages and errors, such as "en".
	Lang string
	// Redirect asks the panel to open another form after the call
	// (redirect=startform=FUNC).
	Redirect string
	// Plid is the parent object's id, for forms and operations on objects
	// nested under another list.
	Plid string
	// Secrets names more parameters whose values are secret (see Secret).
	Secrets []string
	// Elname is the display name of the object the call is about (sent as
	// elname), which the panel writes to its log.
	Elname string
	// needParent marks a call of a function inside a sub-list (InParent):
	// without Plid it is refused before sending.
	needParent bool
	// verifyDeleted asks a group delete to check its outcome (see
	// VerifyDeleted).
	verifyDeleted bool
}

// Option changes Options.
type Option func(*Options)

// Su runs a call with the rights of user.
func Su(user string) Option { return func(o *Options) { o.Su = user } }

// Lang selects the language of messages and errors.
func Lang(lang string) Option { return func(o *Options) { o.Lang = lang } }

// Redirect asks the panel to open the form fn after the call.
func Redirect(fn string) Option { return func(o *Options) { o.Redirect = fn } }

// Elname sends the display name of the object a call is about, as the
// panel's own interface does (elname=NAME beside elid); the panel records
// it in its log.
func Elname(name string) Option { return func(o *Options) { o.Elname = name } }

// Plid names the parent object for functions of nested lists.
func Plid(id string) Option { return func(o *Options) { o.Plid = id } }

// InParent returns opts followed by the parent object of a function that
// works inside a sub-list (a zone's DNS records, a server's IP addresses):
// parent is the key of the parent list's row, sent as plid. A call with an
// empty parent is refused before anything is sent, since the panel could
// not know which parent is meant. For generated code.
func InParent(parent string, opts []Option) []Option {
	return append(slices.Clip(opts), func(o *Options) { o.Plid, o.needParent = parent, true })
}

// Secret marks parameters of a call as secret, for raw Client.Call: their
// values go to mgrctl through the environment and are redacted from
// errors, answers and printed requests.
func Secret(names ...string) Option {
	return func(o *Options) { o.Secrets = append(slices.Clip(o.Secrets), names...) }
}

// Apply applies opts in order, later ones winning.
func (o *Options) Apply(opts ...Option) {
	for _, f := range opts {
		if f != nil {
			f(o)
		}
	}
}

type optionsKey struct{}

// WithOptions returns a context whose calls use opts on top of the
// client's defaults (and below options passed to the method itself).
func WithOptions(ctx context.Context, opts ...Option) context.Context {
	prev, _ := ctx.Value(optionsKey{}).([]Option)
	return context.WithValue(ctx, optionsKey{}, append(slices.Clip(prev), opts...))
}

// ContextOptions returns the options stored by WithOptions.
func ContextOptions(ctx context.Context) []Option {
	opts, _ := ctx.Value(optionsKey{}).([]Option)
	return opts
}

// encode writes the settings into v (used by every transport).
func (o Options) encode(v url.Values) {
	if o.Su != "" {
		v.Set("su", o.Su)
	}
	if o.Lang != "" {
		v.Set("lang", o.Lang)
	}
	if o.Redirect != "" {
		v.Set("redirect", "startform="+o.Redirect)
	}
	if o.Plid != "" {
		v.Set("plid", o.Plid)
	}
	if o.Elname != "" {
		v.Set("elname", o.Elname)
	}
}

// Strings converts a slice of a string type (an enum) to []string. For
// generated code.
func Strings[T ~string](v []T) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}

// Enums converts []string to a slice of a string type (an enum). For
// generated code.
func Enums[T ~string](v []string) []T {
	if v == nil {
		return nil
	}
	out := make([]T, len(v))
	for i, s := range v {
		out[i] = T(s)
	}
	return out
}

// ListRequest selects what a list call returns. The zero value asks for the
// panel's default page of a top-level list.
type ListRequest struct {
	// Parent is, for a sub-list (the DNS records of a domain, the users of
	// a database), the key of the row of the parent list it belongs to. It
	// travels as elid, as the panel's own interface sends it; forms and
	// operations inside the sub-list take it as plid (the Plid option)
	// beside their own elid.
	Parent string
	// Page (from 1) and PageSize ask for one page (p_num, p_cnt); zero
	// leaves the panel's defaults.
	Page, PageSize int
	// Filter sets list filters (sent with filter=on), such as
	// {"status": {"1"}}.
	Filter url.Values
}

// ListRequest returns l itself, so a *ListRequest is a ListSelection.
func (l *ListRequest) ListRequest() *ListRequest { return l }

// ListSelection is what selects the rows of a list call: a generated
// list's request type (UserRequest) or a *ListRequest. A nil one asks for
// the panel's default page.
type ListSelection interface {
	ListRequest() *ListRequest
}

// selected returns the ListRequest of sel, nil for a nil selection.
func selected(sel ListSelection) *ListRequest {
	if sel == nil {
		return nil
	}
	return sel.ListRequest()
}

// Encode writes the list selection into req.
func (l *ListRequest) Encode(req *Request) {
	if l == nil {
		return
	}
	if l.Parent != "" {
		req.Set("elid", l.Parent)
	}
	if l.Page > 0 {
		req.Set("p_num", strconv.Itoa(l.Page))
	}
	if l.PageSize > 0 {
		req.Set("p_cnt", strconv.Itoa(l.PageSize))
	}
	if len(l.Filter) > 0 {
		req.Set("filter", "on")
		for k, v := range l.Filter {
			req.Values[k] = append([]string(nil), v...)
		}
	}
}
