package requestlog

import (
	"net/url"
	"strings"
	"testing"
	"unicode"
)

// checkRendering holds for every request: secrets keep no value, and no
// rendering carries a control character to the terminal.
func checkRendering(t *testing.T, r *Request) {
	t.Helper()
	for _, p := range r.Params {
		if p.Secret && p.Value != "" {
			t.Fatalf("secret %q kept a value", p.Name)
		}
		if IsSecret(p.Name) && !p.Secret {
			t.Fatalf("%q was not treated as a secret", p.Name)
		}
	}
	for _, out := range []string{r.Query(), r.Mgrctl("billmgr"), r.Curl("https://h/billmgr")} {
		if i := strings.IndexFunc(out, func(c rune) bool { return unicode.IsControl(c) || c == '\u202e' || c == '\u2028' }); i >= 0 {
			t.Fatalf("control character in %q", out)
		}
	}
	for _, c := range r.Query() {
		if c > '~' {
			t.Fatalf("query is not plain ASCII: %q", r.Query())
		}
	}
}

func FuzzParseLogLine(f *testing.F) {
	f.Add(guideLine)
	f.Add("Mar 10 11:00:00 [1:2] core_module INFO Request [10.0.0.1][admin] 'clicked_button=finish&elid=&filter=*&func=payment.add&passwd=x%0Ay&snext=ok'")
	f.Add("\x1b[32mFeb  6 08:08:07 [1:2] m INFO Request [][] 'func=%E2%80%AE&a=%1B%5B31m'")
	f.Fuzz(func(t *testing.T, line string) {
		r, err := ParseLogLine(line)
		if err != nil {
			return
		}
		checkRendering(t, r)
	})
}

func FuzzParseURL(f *testing.F) {
	f.Add("https://billdomain.com/billmgr#/?func=payment.edit&elid=1256&elname=pfx%2F1256&plid=334")
	f.Add("https://u:p@host:1500/ispmgr?startform=a&auth=123456#?key=abc&x=%0A")
	f.Add("http://[::1]/core?func=a&b='%27")
	f.Fuzz(func(t *testing.T, raw string) {
		r, err := ParseURL(raw)
		if err != nil {
			return
		}
		checkRendering(t, r)
		if u, err := url.Parse(r.Endpoint); err != nil || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("endpoint %q (%v) keeps more than scheme, host and path", r.Endpoint, err)
		}
	})
}
