//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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
	bin := filepath.Join(dir, "mgrgen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	const levels = 3_500_000
	var b bytes.Buffer
	b.WriteString("<mgrdata>" + strings.Repeat("<a>", levels) + strings.Repeat("</a>", levels) + "</mgrdata>")
	deep := filepath.Join(dir, "deep.xml")
	os.WriteFile(deep, b.Bytes(), 0o644)
	cmd := exec.Command(bin, "introspect", "-panel", "x", "-q", "--plugin-xml", deep, "-o", filepath.Join(dir, "out.json"))
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "nested deeper than") {
		t.Fatalf("err %v, output %s", err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this platform")
	}
	peak := ru.Maxrss >> 10 // KiB on Linux
	t.Logf("peak resident memory %d MiB", peak)
	if peak > 256 {
		t.Errorf("peak %d MiB, want at most 256", peak)
	}
}
