package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/generator/testdata/synth/synthschema"
	"github.com/mgrgen/mgrgen/schema"
)

// layoutCorpus is where the raw text jennifer writes for a few schemas is
// kept, so that package layout's own tests (which mutation testing runs
// alone) check it against go/format on what it really lays out.
const layoutCorpus = "layout/testdata/corpus"

// TestLayoutCorpusCurrent writes (with -update) or checks the corpus: the
// unformatted files of the sample, hostile and a small synthetic schema.
func TestLayoutCorpusCurrent(t *testing.T) {
	want := map[string][]byte{}
	for _, c := range []struct {
		name string
		s    *schema.Schema
	}{
		{"sample", loadSchema(t, "testdata/sample.schema.json")},
		{"hostile", hostileSchema()},
		{"synth", synthschema.New(12)},
		{"billmgr", loadSchema(t, "../generated/billmgr/billmgr.schema.json")},
		{"ispmgr", loadSchema(t, "../generated/ispmgr/ispmgr.schema.json")},
		{"vmmgr", loadSchema(t, "../generated/vmmgr/vmmgr.schema.json")},
		{"dcimgr", loadSchema(t, "../generated/dcimgr/dcimgr.schema.json")},
		{"dnsmgr", loadSchema(t, "../generated/dnsmgr/dnsmgr.schema.json")},
	} {
		jobs, err := fileJobs(c.s, Options{Package: c.name, SchemaHash: SchemaFileHash([]byte(c.name))})
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range jobs {
			var raw bytes.Buffer
			if err := j.build().Render(&raw); err != nil {
				t.Fatal(err)
			}
			want[c.name+"-"+strings.TrimSuffix(j.name, ".go")+".txt"] = raw.Bytes()
		}
	}
	if *update {
		os.RemoveAll(layoutCorpus)
		if err := os.MkdirAll(layoutCorpus, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range want {
			if err := os.WriteFile(filepath.Join(layoutCorpus, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	have, err := os.ReadDir(layoutCorpus)
	if err != nil {
		t.Fatal(err)
	}
	if len(have) != len(want) {
		t.Errorf("%s holds %d files, want %d (go test ./generator -update)", layoutCorpus, len(have), len(want))
	}
	for name, b := range want {
		got, err := os.ReadFile(filepath.Join(layoutCorpus, name))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s/%s is stale (go test ./generator -update): %v", layoutCorpus, name, err)
		}
	}
}
