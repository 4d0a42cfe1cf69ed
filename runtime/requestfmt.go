package runtime

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"
)

// String shows the call as "func name=value ..." with parameters sorted
// and every secret value replaced by [redacted], so a request can be
// logged or printed safely.
func (r *Request) String() string {
	if r == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString(r.Func)
	for _, p := range r.loggable() {
		b.WriteString(" " + p[0] + "=" + p[1])
	}
	return b.String()
}

// Format prints the request as String does for every verb, so %v, %+v and
// %#v can't reach the secret values through the struct's fields.
func (r *Request) Format(f fmt.State, _ rune) { fmt.Fprint(f, r.String()) }

// LogValue makes log/slog print the request with secrets redacted.
func (r *Request) LogValue() slog.Value {
	if r == nil {
		return slog.StringValue("<nil>")
	}
	attrs := []slog.Attr{slog.String("func", r.Func)}
	for _, p := range r.loggable() {
		attrs = append(attrs, slog.String(p[0], p[1]))
	}
	return slog.GroupValue(attrs...)
}

// loggable lists name/value pairs of the parameters and options, secrets
// redacted.
func (r *Request) loggable() [][2]string {
	v := cloneValues(r.Values)
	r.Options.encode(v)
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	sort.Strings(names)
	var out [][2]string
	for _, k := range names {
		for _, val := range v[k] {
			if r.IsSecret(k) {
				val = Redacted
			}
			out = append(out, [2]string{k, val})
		}
	}
	return out
}
