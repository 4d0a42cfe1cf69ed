package runtime

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"
)

// echoes are the spellings a panel may echo a secret in.
func echoes(secret string) []string {
	var b strings.Builder
	xmlEscape(&b, secret)
	q := url.QueryEscape(secret)
	return []string{b.String(), html.EscapeString(secret), q, strings.ToLower(q), url.PathEscape(secret),
		"passwd=" + q, strings.ReplaceAll(strings.ReplaceAll(html.EscapeString(secret), "&#34;", "&quot;"), "&#39;", "&apos;")}
}

func xmlEscape(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
}

// A secret the panel echoes is redacted in every spelling, in text,
// attributes and nested elements, in answers and in errors; when one
// secret contains another no part of the longer one is left.
func TestRedactionCoversEverySpelling(t *testing.T) {
	const secret = `p@ss w&rd<x>"q'`
	const inner = "abcd"
	const outer = "abcdefgh"
	for _, answer := range []string{"ok", "error"} {
		var doc strings.Builder
		for i, e := range echoes(secret) {
			fmt.Fprintf(&doc, `<e%d a="%s"><n>%s</n></e%d>`, i, e, e, i)
		}
		fmt.Fprintf(&doc, `<k a="%s">%s %s</k>`, outer, outer, url.QueryEscape(outer))
		body := "<doc>" + doc.String() + "<ok/></doc>"
		if answer == "error" {
			body = `<doc><error type="value" object="passwd"><msg>` + doc.String() + `</msg><param name="value">` + url.QueryEscape(secret) + `</param></error></doc>`
		}
		p := newPanel(t, func(url.Values) (int, string) { return 200, body })
		req := NewRequest("user.edit")
		req.SetSecret("passwd", secret)
		req.SetSecret("key", inner)
		req.SetSecret("token", outer)
		resp, err := NewHTTP(p.URL, AuthInfo("admin", "adminpw1")).Call(context.Background(), req)
		var raw []byte
		var text string
		if answer == "ok" {
			if err != nil {
				t.Fatal(err)
			}
			raw = resp.Raw
			for _, n := range resp.Doc().Children {
				text += n.Text + n.Attr("a") + n.Child("n").textOrEmpty()
			}
		} else {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v", err)
			}
			raw, text = pe.Raw, err.Error()+pe.Msg+pe.Value
		}
		for _, part := range []string{"p@ss", "ss w", "p%40ss", "w&amp;rd", "w%26rd", "abcd", "efgh"} {
			if strings.Contains(string(raw), part) || strings.Contains(text, part) {
				t.Errorf("%s: %q is still visible:\n%s\n%s", answer, part, raw, text)
			}
		}
	}
}

// The authinfo password echoed on its own, without "user:", is redacted.
func TestAuthInfoPasswordAloneRedacted(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) {
		return 200, `<doc><error type="auth" object="badpassword"><msg>bad password hunter2pw for admin</msg></error></doc>`
	})
	_, err := NewHTTP(p.URL, AuthInfo("admin", "hunter2pw")).Call(context.Background(), NewReadRequest("user"))
	var pe *Error
	if !errors.As(err, &pe) || strings.Contains(err.Error(), "hunter2pw") || strings.Contains(string(pe.Raw), "hunter2pw") {
		t.Errorf("err = %v, raw %s", err, pe.Raw)
	}
}

// Hosts that only look like loopback get no plain http.
func TestLookalikeLoopbackRefused(t *testing.T) {
	for _, host := range []string{"notlocalhost", "localhost.example.com", "127.0.0.1.nip.io", "localhost6.evil"} {
		if err := CheckEndpoint("http://"+host+":1500/billmgr", false); err == nil {
			t.Errorf("%s: plain http accepted", host)
		}
	}
	for _, host := range []string{"localhost", "127.0.0.1", "127.1.2.3", "[::1]", "LOCALHOST"} {
		if err := CheckEndpoint("http://"+host+":1500/billmgr", false); err != nil {
			t.Errorf("%s: %v", host, err)
		}
	}
}
