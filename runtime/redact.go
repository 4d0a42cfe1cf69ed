package runtime

import (
	"bytes"
	"encoding/xml"
	"html"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// Redacted replaces secret values in errors, responses and printed
// requests.
const Redacted = "[redacted]"

// minRedactLen is the shortest secret value searched for in answers: a
// shorter one would match ordinary text all over the document and make the
// answer unreadable, while it protects next to nothing.
const minRedactLen = 4

// credentialParams are the parameters the transports add that carry
// credentials: their values are redacted from answers like secrets.
var credentialParams = []string{"authinfo", "auth", "password", "key"}

// secretValues lists the values in v that must not come back to the
// caller in an answer: those of req's secret parameters and the
// credentials the transport added. The longest come first, so a secret
// that contains another is replaced whole.
func secretValues(req *Request, v map[string][]string) []string {
	var out []string
	for name, vals := range v {
		if !req.IsSecret(name) && !slices.Contains(credentialParams, name) {
			continue
		}
		for _, s := range vals {
			if len(s) >= minRedactLen {
				out = append(out, s)
			}
			// authinfo is user:password; the password alone may be echoed.
			if name == "authinfo" {
				if _, pw, ok := strings.Cut(s, ":"); ok && len(pw) >= minRedactLen {
					out = append(out, pw)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// redactBytes replaces every secret in b in each spelling it may take
// there (see spellings).
func redactBytes(b []byte, secrets []string) []byte {
	for _, s := range secrets {
		for _, form := range spellings(s) {
			if bytes.Contains(b, []byte(form)) {
				b = bytes.ReplaceAll(b, []byte(form), []byte(Redacted))
			}
		}
	}
	return b
}

// redactString is redactBytes for text: decoded text may still hold a
// secret URL-encoded or escaped (an echoed query string).
func redactString(s string, secrets []string) string {
	for _, sec := range secrets {
		for _, form := range spellings(sec) {
			if strings.Contains(s, form) {
				s = strings.ReplaceAll(s, form, Redacted)
			}
		}
	}
	return s
}

// namedEscapes writes XML's five named references.
var namedEscapes = strings.NewReplacer(`"`, "&quot;", "'", "&apos;", "&", "&amp;", "<", "&lt;", ">", "&gt;")

// spellings are the forms a value takes when a panel echoes it: as is,
// XML- and HTML-escaped (numeric and named references), and URL-encoded
// as a query or form value and as a path (upper- and lower-case hex).
func spellings(s string) []string {
	var x strings.Builder
	_ = xml.EscapeText(&x, []byte(s))
	h := html.EscapeString(s)
	named := namedEscapes.Replace(s)
	q, path := url.QueryEscape(s), url.PathEscape(s)
	forms := []string{s, x.String(), h, named, q, path, lowerHex(q), lowerHex(path),
		strings.ReplaceAll(q, "+", "%20")}
	slices.Sort(forms)
	forms = slices.Compact(forms)
	// Longer forms first, so that one never leaves part of another.
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	return forms
}

// lowerHex rewrites the %XX escapes of s with lower-case hex digits.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = toLowerHex(b[i+1]), toLowerHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func toLowerHex(c byte) byte {
	if c >= 'A' && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

func redactError(e *Error, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	e.Raw = redactBytes(e.Raw, secrets)
	e.Value = redactString(e.Value, secrets)
	e.Msg = redactString(e.Msg, secrets)
	e.Detail = redactString(e.Detail, secrets)
	e.Group = redactString(e.Group, secrets)
	for k, v := range e.Params {
		e.Params[k] = redactString(v, secrets)
	}
}

// redactNode redacts the text and attributes of a parsed document.
func redactNode(n *Node, secrets []string) {
	if n == nil || len(secrets) == 0 {
		return
	}
	stack := []*Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		cur.Text = redactString(cur.Text, secrets)
		for i := range cur.Attrs {
			cur.Attrs[i].Value = redactString(cur.Attrs[i].Value, secrets)
		}
		stack = append(stack, cur.Children...)
	}
}
