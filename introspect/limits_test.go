package introspect

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDeepInputIsRefusedNotFatal(t *testing.T) {
	deep := strings.Repeat("<page name='p'>", 20000) + strings.Repeat("</page>", 20000)
	plugin := "<mgrdata><metadata name='f' type='form'><form>" + deep + "</form></metadata></mgrdata>"
	_, err := Build("billmgr", nil, Files{Strict: true, Plugins: []Input{{Name: "deep.xml", Data: []byte(plugin)}}})
	if err == nil || !strings.Contains(err.Error(), "deep.xml") || !strings.Contains(err.Error(), "nested deeper than 256") {
		t.Errorf("plugin: err = %v", err)
	}
	devel := "<doc func='f'><metadata name='f' type='form'><form>" + deep + "</form></metadata></doc>"
	if _, err := ParseDevel([]byte(devel)); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("devel: err = %v", err)
	}
	js := `{"doc":` + strings.Repeat(`{"a":`, 5000) + `1` + strings.Repeat(`}`, 5000) + `}`
	if _, err := ParseDevel([]byte(js)); err == nil {
		t.Error("deep JSON was accepted")
	}
	// Just inside the limit still parses.
	ok := "<mgrdata><metadata name='f' type='form'><form>" + strings.Repeat("<page name='p'>", 200) +
		"<field name='a'><input name='a'/></field>" + strings.Repeat("</page>", 200) + "</form></metadata></mgrdata>"
	if pl, err := ParsePlugin([]byte(ok)); err != nil || len(pl.Functions[0].Params) != 1 {
		t.Errorf("nested 200 deep: %v", err)
	}
}

func TestOversizedInputIsRefused(t *testing.T) {
	big := make([]byte, MaxInputBytes+1)
	for name, parse := range map[string]func([]byte) error{
		"listing": func(b []byte) error { _, err := ParseListing(b); return err },
		"devel":   func(b []byte) error { _, err := ParseDevel(b); return err },
		"plugin":  func(b []byte) error { _, err := ParsePlugin(b); return err },
	} {
		if err := parse(big); err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// A long include chain (each set including the next) is resolved with
// bounded work per set, not quadratic work.
func TestIncludeChainBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("<mgrdata><lang name='en'>")
	const n = 10000
	for i := range n {
		fmt.Fprintf(&b, "<messages name='m%d'><include name='m%d'/><msg name='k%d'>v</msg></messages>", i, i+1, i)
	}
	b.WriteString("</lang></mgrdata>")
	start := time.Now()
	pl, err := ParsePlugin([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("a %d-set include chain took %v", n, d)
	}
	if got := len(pl.Messages["m0"]); got != maxIncludeSets {
		t.Errorf("m0 resolved %d messages, want the %d sets the bound allows", got, maxIncludeSets)
	}
}

// The streaming limits hold at their boundaries: exactly MaxDepth levels
// and exactly MaxElements elements are read, one more is refused.
func TestScanLimitsBoundaries(t *testing.T) {
	nested := func(levels int) []byte {
		return []byte(strings.Repeat("<a>", levels) + strings.Repeat("</a>", levels))
	}
	if _, err := parseXML(nested(MaxDepth)); err != nil {
		t.Errorf("%d levels: %v", MaxDepth, err)
	}
	if _, err := parseXML(nested(MaxDepth + 1)); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("%d levels: %v", MaxDepth+1, err)
	}
	flat := func(n int) []byte { return []byte("<r>" + strings.Repeat("<e/>", n-1) + "</r>") }
	if err := scanLimits(flat(MaxElements)); err != nil {
		t.Errorf("%d elements: %v", MaxElements, err)
	}
	if err := scanLimits(flat(MaxElements + 1)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("%d elements: %v", MaxElements+1, err)
	}
	// A document the scan can't read (another charset, broken markup) is
	// left to the parser, which names the problem.
	if _, err := parseXML([]byte("<a><b></a>")); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("broken markup: %v", err)
	}
}
