package generator

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"testing"

	"github.com/mgrgen/mgrgen/generator/testdata/synth/synthschema"
	"github.com/mgrgen/mgrgen/schema"
)

// BenchmarkGenerate measures generation in phases on synthetic schemas of
// 1,000 and 5,000 functions, beside go/format of the same output (what
// gofmt costs), in one run.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		s := synthschema.New(n)
		data, err := schema.Marshal(s)
		if err != nil {
			b.Fatal(err)
		}
		name := map[int]string{1000: "1k", 5000: "5k"}[n]
		b.Run(name+"/load", func(b *testing.B) {
			for b.Loop() {
				if _, err := schema.Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/plan", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := Plan(s, "synth", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		var files map[string][]byte
		b.Run(name+"/generate", func(b *testing.B) { // plan, render and format
			for b.Loop() {
				if files, err = Generate(s, Options{Package: "synth"}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/gofmt", func(b *testing.B) { // go/format of the same output, one file after another
			for b.Loop() {
				for _, src := range files {
					if _, err := format.Source(src); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(name+"/write", func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "out")
			for b.Loop() {
				os.RemoveAll(dir)
				if _, err := Write(dir, files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
