package requestlog

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// escape percent-encodes a query component, spaces as %20 (as the panel
// log writes them).
func escape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// Query is the cleaned API request as a query string: func first, then
// the parameters in order, secrets as $MGR_NAME placeholders.
func (r *Request) Query() string {
	var parts []string
	if r.Func != "" {
		parts = append(parts, "func="+escape(r.Func))
	}
	for _, p := range r.Params {
		if p.Secret {
			parts = append(parts, escape(p.Name)+"=$"+Placeholder(p.Name))
			continue
		}
		parts = append(parts, escape(p.Name)+"="+escape(p.Value))
	}
	return strings.Join(parts, "&")
}

// MgrctlPath is where mgrctl lives on a panel host.
const MgrctlPath = "/usr/local/mgr5/sbin/mgrctl"

// Mgrctl is the mgrctl command line of the request on the panel host.
// Secrets come from the environment with -e name=$MGR_NAME, so their
// values stay out of argv.
func (r *Request) Mgrctl(panel string) string {
	args := []string{MgrctlPath, "-m", shellQuote(panel), shellQuote(r.Func)}
	var env []string
	for _, p := range r.Params {
		if p.Secret {
			env = append(env, "-e", shellQuote(p.Name+"=$"+Placeholder(p.Name)))
			continue
		}
		args = append(args, shellQuote(p.Name+"="+p.Value))
	}
	return strings.Join(append(args, env...), " ")
}

// Curl is a curl command that makes the request over HTTPS as a POST, so
// no parameter lands in a URL or a server log: credentials are the
// $MGR_USER and $MGR_PASSWORD placeholders, secrets $MGR_NAME ones.
func (r *Request) Curl(endpoint string) string {
	args := []string{"curl", "-sS", shellQuote(endpoint),
		`--data-urlencode "authinfo=$MGR_USER:$MGR_PASSWORD"`, "--data-urlencode", "out=xml"}
	if r.Func != "" {
		args = append(args, "--data-urlencode", shellQuote("func="+r.Func))
	}
	for _, p := range r.Params {
		if p.Secret {
			args = append(args, "--data-urlencode", shellQuote(p.Name+"=")+`"$`+Placeholder(p.Name)+`"`)
			continue
		}
		args = append(args, "--data-urlencode", shellQuote(p.Name+"="+p.Value))
	}
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell: bare when it holds only safe
// characters, in single quotes otherwise, and as $'...' with escapes when
// it holds control characters or invalid UTF-8, so pasting the command
// can neither run anything nor move the terminal's cursor.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_./:=@%+,-", r)))
	}) < 0 {
		return s
	}
	printable := utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsPrint(r) && r != ' '
	}) < 0
	if printable {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1, r < ' ', r == 0x7f, !unicode.IsPrint(r) && r != ' ':
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		case r == '\'' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}
