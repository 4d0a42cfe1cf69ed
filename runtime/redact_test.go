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

// Secrets at the edges of redaction: one as short as minRedactLen, a
// password alone as short as that, percent escapes in lower-case hex at
// the ends of the A-F range, and a secret whose escaped form holds its raw
// form (the longer spelling must go whole).
func TestRedactionEdges(t *testing.T) {
	secret := "ab&ïé" // escapes to %C3%AF%C3%A9: the A and F edges
	lower := strings.ToLower(url.QueryEscape(secret))
	p := newPanel(t, func(v url.Values) (int, string) {
		return 200, `<doc><ok/><a>wxyz</a><b>` + lower + `</b><c>ab&amp;ïé</c><d>abcd</d><e>qrst&amp;</e></doc>`
	})
	req := NewReadRequest("user")
	req.SetSecret("token", "wxyz")
	req.SetSecret("key", secret)
	req.SetSecret("code", "qrst&") // its XML form, qrst&amp;, holds it
	resp, err := NewHTTP(p.URL, AuthInfo("admin", "abcd")).Call(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	want := `<doc><ok/><a>` + Redacted + `</a><b>` + Redacted + `</b><c>` + Redacted + `</c><d>` + Redacted + `</d><e>` + Redacted + `</e></doc>`
	if string(resp.Raw) != want {
		t.Errorf("Raw:\n%s\nwant\n%s", resp.Raw, want)
	}
}

// A secret the panel spells with character references that no spelling
// lists (&#x73; for "s") is still redacted from the decoded error and
// from the parsed document.
func TestRedactionOfDecodedText(t *testing.T) {
	echo := "&#x68;unter2pw"
	p := newPanel(t, func(v url.Values) (int, string) {
		if v.Get("func") == "bad" {
			return 200, `<doc><error type="value" object="x"><msg>bad ` + echo + `</msg></error></doc>`
		}
		return 200, `<doc><ok/><note>` + echo + `</note><elem><name a="` + echo + `">` + echo + `</name></elem></doc>`
	})
	h := NewHTTP(p.URL, AuthInfo("admin", "hunter2pw"))
	_, err := h.Call(context.Background(), NewReadRequest("bad"))
	var pe *Error
	if !errors.As(err, &pe) || strings.Contains(pe.Msg, "hunter2pw") || !strings.Contains(pe.Msg, Redacted) {
		t.Errorf("error: %v", err)
	}
	resp, err := h.Call(context.Background(), NewReadRequest("user"))
	if err != nil {
		t.Fatal(err)
	}
	doc := resp.Doc()
	name := doc.Child("elem").Child("name")
	if doc.Child("note").Text != Redacted || name.Text != Redacted || name.Attr("a") != Redacted {
		t.Errorf("doc: note %q, name %q, attr %q", doc.Child("note").Text, name.Text, name.Attr("a"))
	}
}
