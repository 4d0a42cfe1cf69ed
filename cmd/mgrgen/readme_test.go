package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/schema"
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

// TestReadmeDiffExample: the README's diff output is what mgrgen diff
// prints for the real domain.order.contact capture upgraded as it says.
func TestReadmeDiffExample(t *testing.T) {
	s, err := introspect.Build("billmgr", nil, introspect.Files{Devel: []introspect.Input{{Name: "contact.xml",
		Data: fixtures.Read(t, "devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml")}}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	oldPath := writeSchema(t, dir, "old.json", s)
	f := s.Lookup("domain.order.contact")
	for i := range f.Params {
		switch f.Params[i].Name {
		case "customer_phone":
			f.Params[i].Name = "customer_phone_number"
		case "customer_egr_num":
			f.Params[i].Required = true
		}
	}
	f.Params = append(f.Params, schema.Param{Name: "customer_fax", Type: schema.TypeString, Label: "Факс"})
	newPath := writeSchema(t, dir, "new.json", s)
	code, out, errOut := mgrgen("diff", oldPath, newPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := readmeBlock(t, "with a\nreason that names the function and parameter:"); out != want {
		t.Errorf("README shows:\n%s\nmgrgen diff prints:\n%s", want, out)
	}
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
