package requestlog

import (
	"errors"
	"strings"
	"testing"
)

// Bare words are only ASCII letters, digits and a few punctuation marks;
// the empty string and anything else is quoted.
func TestShellQuoteEdges(t *testing.T) {
	for in, want := range map[string]string{
		"":         "''",
		"a-b_c./:": "a-b_c./:",
		"é":        "'é'",
		"١":        "'١'", // an Arabic-Indic digit is a digit, but not ASCII
		"a b":      "'a b'",
		"it's":     `'it'\''s'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// A placeholder is built from ASCII letters and digits only.
func TestPlaceholderNonASCII(t *testing.T) {
	for in, want := range map[string]string{"пароль": "MGR_______", "p2.x": "MGR_P2_X", "ß": "MGR__"} {
		if got := Placeholder(in); got != want {
			t.Errorf("Placeholder(%q) = %s, want %s", in, got, want)
		}
	}
}

// The length bounds let exactly maxLine bytes through.
func TestLineBounds(t *testing.T) {
	if _, err := ParseLogLine(strings.Repeat("x", maxLine)); !errors.Is(err, ErrNotRequest) {
		t.Errorf("a line of maxLine bytes: %v", err)
	}
	if _, err := ParseLogLine(strings.Repeat("x", maxLine+1)); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("a line of maxLine+1 bytes: %v", err)
	}
	long := "https://panel.example.com/billmgr?func=user&x=" + strings.Repeat("a", maxLine-46)
	if len(long) != maxLine {
		t.Fatalf("built %d bytes", len(long))
	}
	if r, err := ParseURL(long); err != nil || r.Func != "user" {
		t.Errorf("a URL of maxLine bytes: %+v, %v", r, err)
	}
	if _, err := ParseURL(long + "a"); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("a URL of maxLine+1 bytes: %v", err)
	}
}

// An empty quoted query is a request without parameters, not a missing
// quote.
func TestEmptyQuotedQuery(t *testing.T) {
	r, err := ParseLogLine("Feb  6 08:08:07 [1:2] core_module INFO Request [10.0.0.1][root] ''")
	if err != nil || len(r.Params) != 0 || r.User != "root" {
		t.Errorf("%+v, %v", r, err)
	}
	if _, err := ParseLogLine("Feb  6 08:08:07 [1:2] core_module INFO Request [10.0.0.1][root] 'func=user"); err == nil || !strings.Contains(err.Error(), "closing quote") {
		t.Errorf("unclosed: %v", err)
	}
}

// Names quoted in errors are cut after 40 bytes.
func TestTruncate(t *testing.T) {
	forty := strings.Repeat("n", 40)
	if got := truncate(forty); got != forty {
		t.Errorf("40 bytes: %q", got)
	}
	if got := truncate(forty + "x"); got != forty+"…" {
		t.Errorf("41 bytes: %q", got)
	}
}
