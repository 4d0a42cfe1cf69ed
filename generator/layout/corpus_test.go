package layout

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"testing"
)

// TestCorpusIsGofmt lays out the raw files jennifer wrote for the sample,
// hostile, synthetic and shipped panel schemas (kept current by package generator's
// TestLayoutCorpusCurrent) and requires go/format's bytes, with no
// fallback.
func TestCorpusIsGofmt(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus (%v); go test ./generator -update writes it", err)
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := format.Source(raw)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got, err := Source(raw)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: layout and go/format differ at byte %d", p, firstDiff(got, want))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
