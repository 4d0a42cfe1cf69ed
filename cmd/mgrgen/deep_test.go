//go:build unix

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A plugin file 3.5 million levels deep (about 25 MB) is refused before a
// tree is built: mgrgen introspect, built as users build it, reads it,
// skips it with a warning, exits 1 (nothing was read) and peaks under
// 256 MB of resident memory, as the kernel reports it (what
// /usr/bin/time -f %M prints).
func TestDeepPluginRefusedInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds mgrgen")
	}
	dir := t.TempDir()
	bin, peakrss := filepath.Join(dir, "mgrgen"), filepath.Join(dir, "peakrss")
	for _, b := range [][]string{{bin, "."}, {peakrss, "./testdata/peakrss"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	deep := filepath.Join(dir, "deep.xml")
	f, err := os.Create(deep)
	if err != nil {
		t.Fatal(err)
	}
	const levels = 3_500_000
	w := bufio.NewWriter(f)
	w.WriteString("<mgrdata>")
	for range levels {
		w.WriteString("<a>")
	}
	for range levels {
		w.WriteString("</a>")
	}
	w.WriteString("</mgrdata>")
	if err := w.Flush(); err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(peakrss, bin, "introspect", "-panel", "x", "-q", "--plugin-xml", deep, "-o", filepath.Join(dir, "out.json")).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "nested deeper than") {
		t.Fatalf("err %v, output %s", err, out)
	}
	_, figure, ok := strings.Cut(string(out), "peakrss-kib ")
	kib, perr := strconv.Atoi(strings.TrimSpace(figure))
	if !ok || perr != nil {
		t.Fatalf("no figure in %s", out)
	}
	t.Logf("peak resident memory %d MiB", kib>>10)
	if kib>>10 > 256 {
		t.Errorf("peak %d MiB, want at most 256", kib>>10)
	}
}
