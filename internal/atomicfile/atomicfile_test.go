package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesALinkAndLeavesItsTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(dir, "out.go")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if l, err := IsLink(link); err != nil || !l {
		t.Fatalf("IsLink = %v, %v", l, err)
	}
	if err := Write(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target was written: %q", b)
	}
	if b, _ := os.ReadFile(link); string(b) != "new" {
		t.Errorf("out.go = %q", b)
	}
	if l, _ := IsLink(link); l {
		t.Error("out.go is still a link")
	}
	if fi, _ := os.Stat(link); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", fi.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left: %v", entries)
	}
	if l, err := IsLink(filepath.Join(dir, "none")); l || err != nil {
		t.Errorf("absent: %v %v", l, err)
	}
}

func TestWriteFailsCleanly(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "no", "such", "dir", "f"), []byte("x"), 0o644); err == nil {
		t.Error("wrote into a folder that does not exist")
	}
}
