package generator

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/mgrgen/mgrgen/generator/layout"
	"github.com/mgrgen/mgrgen/generator/testdata/synth/synthschema"
	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/schema/fastjson"
)

// BenchmarkGenerate measures generation in phases on synthetic schemas of
// 1,000 and 5,000 functions, beside go/format of the same output (what
// gofmt costs), in one run:
//
//   - load and load-stdlib: decoding and validating the schema file, as
//     mgrgen generate does (package schema/fastjson) and as schema.Load
//     does (encoding/json)
//   - plan: resolving every Go name
//   - generate: plan, build the jennifer files, render and lay them out
//     (what Generate does, on every core)
//   - layout and format-raw: the last step alone, package layout against
//     go/format on the same unformatted jennifer output, one file after
//     another
//   - gofmt and gofmt-parallel: go/format of the generated files, one
//     after another and on every core (as the gofmt command does)
//   - pipeline: load, generate and write into an empty folder, what
//     mgrgen generate does
//   - write: writing the files into an empty folder
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		s := synthschema.New(n)
		data, err := schema.Marshal(s)
		if err != nil {
			b.Fatal(err)
		}
		name := map[int]string{1000: "1k", 5000: "5k"}[n]
		b.Run(name+"/load", func(b *testing.B) { // as mgrgen generate loads
			for b.Loop() {
				if _, err := fastjson.Parse("synth.json", data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/load-stdlib", func(b *testing.B) { // as schema.Load loads
			for b.Loop() {
				if _, err := schema.Parse("synth.json", data); err != nil {
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
		b.Run(name+"/generate", func(b *testing.B) {
			for b.Loop() {
				if files, err = Generate(s, Options{Package: "synth"}); err != nil {
					b.Fatal(err)
				}
			}
		})
		raw := rawFiles(b, s)
		b.Run(name+"/layout", func(b *testing.B) {
			b.SetBytes(int64(total(raw)))
			for b.Loop() {
				for _, src := range raw {
					if _, err := layout.Source(src); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(name+"/format-raw", func(b *testing.B) {
			b.SetBytes(int64(total(raw)))
			for b.Loop() {
				for _, src := range raw {
					if _, err := format.Source(src); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		out := make([][]byte, 0, len(files))
		for _, src := range files {
			out = append(out, src)
		}
		b.Run(name+"/gofmt", func(b *testing.B) {
			for b.Loop() {
				for _, src := range out {
					if _, err := format.Source(src); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(name+"/gofmt-parallel", func(b *testing.B) {
			for b.Loop() {
				formatParallel(b, out)
			}
		})
		b.Run(name+"/pipeline", func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "out")
			for b.Loop() {
				os.RemoveAll(dir)
				s, err := fastjson.Parse("synth.json", data)
				if err != nil {
					b.Fatal(err)
				}
				files, err := Generate(s, Options{Package: "synth"})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Write(dir, files); err != nil {
					b.Fatal(err)
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

// rawFiles renders the files of s with jennifer, unformatted.
func rawFiles(b *testing.B, s *schema.Schema) [][]byte {
	jobs, err := fileJobs(s, Options{Package: "synth"})
	if err != nil {
		b.Fatal(err)
	}
	var raw [][]byte
	for _, j := range jobs {
		var buf bytes.Buffer
		if err := j.build().Render(&buf); err != nil {
			b.Fatal(err)
		}
		raw = append(raw, buf.Bytes())
	}
	return raw
}

func total(files [][]byte) (n int) {
	for _, f := range files {
		n += len(f)
	}
	return n
}

// formatParallel runs go/format over files on every core.
func formatParallel(b *testing.B, files [][]byte) {
	next := make(chan []byte)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for src := range next {
				if _, err := format.Source(src); err != nil {
					b.Error(err)
				}
			}
		})
	}
	for _, src := range files {
		next <- src
	}
	close(next)
	wg.Wait()
}
