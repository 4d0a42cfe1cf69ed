package templates

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzWireEntry: an escaped wire name is one table entry (no white space,
// no comma, never the "-" that means no binding), and the runtime's
// decoding (url.PathUnescape, in unescapeWire) gives the name back.
func FuzzWireEntry(f *testing.F) {
	for _, s := range []string{"name", "a b", "x,y", "50%", "-", "ssl-", "%2D", "tab\there", "nbsp\u00a0", "правка", "a\u2028b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, wire string) {
		e := wireEntry(wire)
		if e == "-" || strings.ContainsAny(e, ",") || len(strings.Fields(e)) != 1 && wire != "" {
			t.Fatalf("wireEntry(%q) = %q: not one entry", wire, e)
		}
		back, err := url.PathUnescape(e)
		if err != nil || back != wire {
			t.Fatalf("wireEntry(%q) = %q decodes to %q, %v", wire, e, back, err)
		}
	})
}
