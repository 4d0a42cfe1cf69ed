package layout

import (
	"slices"
	"strings"
	"testing"
)

// FuzzPlainDoc checks the shortcut formatDoc takes: whatever plainDoc
// accepts, go/doc/comment gives back unchanged.
func FuzzPlainDoc(f *testing.F) {
	for _, s := range []string{
		"A sentence.\n\nAnother one, longer, over\ntwo lines.",
		"Lone Heading\n\nText.",
		"Text.\n\nLone Heading\n\nText.",
		"- not a list\n1. not a list either",
		"# Heading\n\nText.",
		"[x]: https://example.com",
		"Text\n\n\nText",
		"  indented",
		"Ends with a colon:\n\n\tcode",
		"Is this a heading? No\n\nmore",
		"Über Überschrift\n\ntext",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if l == "" {
				lines = append(lines, "//")
			} else {
				lines = append(lines, "// "+l)
			}
		}
		if !plainDoc(lines) {
			return
		}
		got, err := reformatDoc(lines)
		if err != nil {
			t.Fatalf("plainDoc accepts %q, go/doc/comment: %v", lines, err)
		}
		if !slices.Equal(got, lines) {
			t.Fatalf("plainDoc accepts %q, but go/doc/comment gives %q", lines, got)
		}
	})
}
