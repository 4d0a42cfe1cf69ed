package textdiff

import "testing"

func TestHunk(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\n"
	new := "a\nb\nc\nD\ne\nf\ng\n"
	want := "--- x.go (on disk)\n+++ x.go (generated)\n@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f\n"
	if got := Hunk("x.go", []byte(old), []byte(new), 2, 20); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if Hunk("x", []byte(old), []byte(old), 2, 20) != "" {
		t.Error("equal inputs gave a hunk")
	}
	long := Hunk("x", []byte("1\n2\n3\n4\n"), []byte("5\n6\n7\n8\n"), 1, 3)
	if want := "--- x (on disk)\n+++ x (generated)\n@@ -1,4 +1,4 @@\n-1\n-2\n-3\n... (more changes)\n"; long != want {
		t.Errorf("cut hunk:\n%s", long)
	}
	if got := Hunk("x", nil, []byte("a\n"), 3, 10); got != "--- x (on disk)\n+++ x (generated)\n@@ -1,0 +1,1 @@\n+a\n" {
		t.Errorf("from nothing:\n%s", got)
	}
}
