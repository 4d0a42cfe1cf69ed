package introspect

import (
	"strings"
	"testing"
)

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
