package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeBlock returns the fenced block of the README that follows the
// line holding marker.
func readmeBlock(t *testing.T, marker string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), marker)
	if !ok {
		t.Fatalf("README has no %q", marker)
	}
	_, block, _ := strings.Cut(after, "```\n")
	block, _, _ = strings.Cut(block, "```\n")
	return block
}

// TestReadmeFromlogExample: every line of the README's fromlog output
// (but the shortened curl line) is in the golden output of the same log.
func TestReadmeFromlogExample(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "billmgr-requests.golden"))
	if err != nil {
		t.Fatal(err)
	}
	block := readmeBlock(t, "tail -f /usr/local/mgr5/var/billmgr.log | mgrgen fromlog -schema billmgr.schema.json\n```\n")
	if !strings.HasPrefix(block, "# Feb 6 08:10:11") {
		t.Fatalf("README block: %q", block)
	}
	for _, line := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		line = strings.TrimSuffix(line, " ...")
		if !strings.Contains(string(golden), line) {
			t.Errorf("README line not in %s: %q", "billmgr-requests.golden", line)
		}
	}
}
