package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
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
	// The block opens with a fence line, with or without a language.
	_, block, _ := strings.Cut(after, "```")
	_, block, _ = strings.Cut(block, "\n")
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
	block := readmeBlock(t, "tail -f /usr/local/mgr5/var/billmgr.log | go tool mgrgen fromlog -schema billmgr.schema.json\n```\n")
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

// TestReadmeInFreshModule follows the README's "In your repository" in a
// new module of its own: the install lines for a checkout (with the
// checkout's path for ../mgrgen), the generate.go it shows in two package
// folders, go generate ./..., go build and go vet, then go doc, which must
// show the package documentation once, and go tool mgrgen --version.
func TestReadmeInFreshModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module and the mgrgen tool in it")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no Go toolchain on PATH")
	}
	root, err := fixtures.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	install := readmeBlock(t, "point the requirement at the checkout with a `replace`:\n\n")
	directive := readmeBlock(t, "a second one would show twice in `go doc`.\n\n")
	if !strings.Contains(install, "../mgrgen") || !strings.Contains(directive, "//go:generate go tool mgrgen generate") {
		t.Fatalf("README blocks changed shape:\n%s\n%s", install, directive)
	}

	mod := filepath.Join(t.TempDir(), "yours")
	os.MkdirAll(mod, 0o755)
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/yours\n\ngo 1.26\n"), 0o644)
	sh := func(dir, line string) string {
		t.Helper()
		args := strings.Fields(line)
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s (in %s): %v\n%s", line, dir, err, out)
		}
		return string(out)
	}
	var version string
	for _, line := range strings.Split(strings.TrimSpace(install), "\n") {
		out := sh(mod, strings.ReplaceAll(line, "../mgrgen", root))
		if strings.Contains(line, "--version") {
			version = out
		}
	}
	if !strings.HasPrefix(version, "mgrgen v") {
		t.Errorf("go tool mgrgen --version printed %q", version)
	}

	for _, panel := range []string{"billmgr", "ispmgr"} {
		dir := filepath.Join(mod, panel)
		os.MkdirAll(dir, 0o755)
		schemaFile, err := os.ReadFile(filepath.Join(root, "generated", panel, panel+".schema.json"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, panel+".schema.json"), schemaFile, 0o644)
		os.WriteFile(filepath.Join(dir, "generate.go"), []byte(strings.ReplaceAll(directive, "billmgr", panel)), 0o644)
	}
	out := sh(mod, "go generate ./...")
	for _, want := range []string{"package billmgr (billmgr): ", "package ispmgr (ispmgr): "} {
		if !strings.Contains(out, want) {
			t.Errorf("go generate ./... output does not name each package (%q):\n%s", want, out)
		}
	}
	sh(mod, "go build ./...")
	sh(mod, "go vet ./...")
	doc := sh(mod, "go doc ./billmgr")
	if n := strings.Count(doc, "Package billmgr"); n != 1 || !strings.Contains(doc, "Package billmgr is a typed client") {
		t.Errorf("go doc shows the package documentation %d times:\n%s", n, doc)
	}
}
