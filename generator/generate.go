// Package generator turns a schema into a Go package: it plans the files
// (one per area of the panel, large areas split), resolves and checks every
// Go name, renders the files in parallel with the emitters of package
// templates, and writes only the files whose bytes changed, removing stale
// files that carry its own header and nothing else.
package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/templates"
)

// Options control Generate.
type Options struct {
	// Package is the Go package name.
	Package string
	// SchemaName is how doc.go names the schema file it was built from.
	SchemaName string
	Config     *Config
}

// Generate renders the package for s and returns its files by name.
func Generate(s *schema.Schema, opt Options) (map[string][]byte, error) {
	pkg, funcs, err := Plan(s, opt.Package, opt.Config)
	if err != nil {
		return nil, err
	}
	pkg.Schema = opt.SchemaName
	if pkg.Schema == "" {
		pkg.Schema = "a " + s.Panel + " schema"
	}
	type job struct {
		name  string
		build func() *jen.File
	}
	jobs := []job{
		{"doc.go", func() *jen.File {
			f := newFile(pkg.Name)
			// Each line is a complete // comment from the templates'
			// choke point; jennifer writes such lines as they are.
			for _, line := range templates.CommentLines(templates.PackageDoc(pkg)) {
				f.PackageComment(line)
			}
			return f
		}},
		{"client.go", func() *jen.File {
			f := newFile(pkg.Name)
			f.Add(templates.EmitClient(pkg))
			return f
		}},
	}
	for name, group := range planFiles(funcs) {
		jobs = append(jobs, job{name, func() *jen.File {
			f := newFile(pkg.Name)
			for _, fn := range group {
				emitFunc(f, fn)
			}
			return f
		}})
	}
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].name < jobs[j].name })

	out := make(map[string][]byte, len(jobs))
	errs := make([]error, len(jobs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var buf bytes.Buffer
			if err := j.build().Render(&buf); err != nil {
				errs[i] = fmt.Errorf("%s: %w", j.name, err)
				return
			}
			mu.Lock()
			out[j.name] = buf.Bytes()
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

func newFile(pkg string) *jen.File {
	f := jen.NewFile(pkg)
	f.HeaderComment(templates.Header)
	f.ImportName(templates.RuntimePath, "runtime")
	return f
}

func emitFunc(f *jen.File, fn *templates.Func) {
	for _, e := range fn.Enums {
		f.Add(templates.EmitEnum(e))
	}
	if fn.Request != nil {
		f.Add(templates.EmitRequest(fn.Request))
	}
	for _, t := range fn.Tables {
		f.Add(templates.EmitRow(t.Row))
	}
	if fn.Row != nil {
		f.Add(templates.EmitRow(fn.Row))
	}
	if fn.Values != nil {
		f.Add(templates.EmitValues(fn.Values, fn.Tables))
	}
	if fn.Report != nil {
		f.Add(templates.EmitReport(fn.Report, fn.Tables))
	}
	f.Add(templates.EmitMethods(fn))
}

// planFiles groups functions into files: <area>.gen.go, with areas of more
// than maxPerFile functions split into <area>_2.gen.go and so on.
func planFiles(funcs []planned) map[string][]*templates.Func {
	byArea := map[string][]*templates.Func{}
	var order []string
	for _, pf := range funcs {
		name := fileStem(pf.area)
		if _, ok := byArea[name]; !ok {
			order = append(order, name)
		}
		byArea[name] = append(byArea[name], pf.fn)
	}
	files := map[string][]*templates.Func{}
	for _, stem := range order {
		group := byArea[stem]
		for i := 0; i*maxPerFile < len(group); i++ {
			// The .gen.go ending keeps an area called "linux" or "x_test"
			// from reading as a build constraint or a test file.
			name := stem + ".gen.go"
			if i > 0 {
				name = fmt.Sprintf("%s_%d.gen.go", stem, i+1)
			}
			files[name] = group[i*maxPerFile : min((i+1)*maxPerFile, len(group))]
		}
	}
	return files
}

// fileStem makes a file name part of an area: lower-case ASCII letters,
// digits and underscores; anything else becomes its hex code, so distinct
// areas never share a file.
func fileStem(area string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(area) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "x%x", r)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// Change is one difference between generated files and a folder.
type Change struct {
	File string
	// Kind is "add", "update" or "remove".
	Kind string
}

// Diff compares files with dir. Stale files are only those that start with
// the generated-code header; anything else in dir is left alone.
func Diff(dir string, files map[string][]byte) ([]Change, error) {
	var changes []Change
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		old, err := os.ReadFile(filepath.Join(dir, n))
		switch {
		case errors.Is(err, os.ErrNotExist):
			changes = append(changes, Change{n, "add"})
		case err != nil:
			return nil, err
		case !bytes.Equal(old, files[n]):
			changes = append(changes, Change{n, "update"})
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || files[e.Name()] != nil {
			continue
		}
		if ours, err := isGenerated(filepath.Join(dir, e.Name())); err != nil {
			return nil, err
		} else if ours {
			changes = append(changes, Change{e.Name(), "remove"})
		}
	}
	return changes, nil
}

func isGenerated(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(templates.Header)+3)
	n, _ := f.Read(head)
	return bytes.Equal(head[:n], []byte("// "+templates.Header)), nil
}

// Write applies the changes Diff reports: it writes added and updated files
// and removes stale generated ones. Unchanged files are not touched, so
// their modification times stay.
func Write(dir string, files map[string][]byte) ([]Change, error) {
	changes, err := Diff(dir, files)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, c := range changes {
		path := filepath.Join(dir, c.File)
		if c.Kind == "remove" {
			if err := os.Remove(path); err != nil {
				return nil, err
			}
			continue
		}
		if err := os.WriteFile(path, files[c.File], 0o644); err != nil {
			return nil, err
		}
	}
	return changes, nil
}
