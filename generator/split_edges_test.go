package generator

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// An area of exactly maxPerFile functions is one file; one more starts a
// second part, numbered 2.
func TestAreaSplitBoundary(t *testing.T) {
	for n, want := range map[int][]string{
		maxPerFile:       {"vds.gen.go"},
		maxPerFile + 1:   {"vds.2.gen.go", "vds.gen.go"},
		2*maxPerFile + 1: {"vds.2.gen.go", "vds.3.gen.go", "vds.gen.go"},
	} {
		files, err := Generate(areaSchema([]string{"vds"}, n), Options{Package: "p"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for name := range files {
			if name != DocFile && name != ClientFile {
				got = append(got, name)
			}
		}
		slices.Sort(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d functions: files %q, want %q", n, got, want)
		}
		if n == maxPerFile+1 && strings.Count(string(files["vds.2.gen.go"]), "\nfunc (c *Client) ") != 1 {
			t.Errorf("the second part holds %d methods, want 1", strings.Count(string(files["vds.2.gen.go"]), "\nfunc (c *Client) "))
		}
	}
}

// A generated file the schema no longer needs is removed however long it
// is (its header is read from the first 512 bytes, and more follow).
func TestWriteRemovesLongStaleFile(t *testing.T) {
	t.Setenv("GOFILE", "") // not under go generate: stale files are removed
	dir := t.TempDir()
	files, err := Generate(areaSchema([]string{"dns", "vds"}, 3), Options{Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files["dns.gen.go"]) <= 512 {
		t.Fatalf("dns.gen.go is only %d bytes", len(files["dns.gen.go"]))
	}
	if _, err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	delete(files, "dns.gen.go")
	changes, err := Write(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Change{{"dns.gen.go", "remove"}}; !reflect.DeepEqual(changes, want) {
		t.Errorf("changes %+v, want %+v", changes, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "dns.gen.go")); !os.IsNotExist(err) {
		t.Errorf("the stale file is still there: %v", err)
	}
}
