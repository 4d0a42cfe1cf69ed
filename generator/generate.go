// Package generator turns a schema into a Go package: it plans the files
// (one per area of the panel, large areas split), resolves and checks every
// Go name, renders the files in parallel with the emitters of package
// templates, and writes only the files whose bytes changed. It never
// touches a file that lacks its header, and only removes stale files of
// its own outside go generate (see Write).
package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dave/jennifer/jen"

	"github.com/mgrgen/mgrgen/generator/layout"
	mgrruntime "github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/templates"

	"github.com/mgrgen/mgrgen/internal/atomicfile"
)

// Version is this mgrgen's version. Every generated file names it in its
// header, and generated code must be built with the runtime of the same
// release or newer. It is the runtime's Version: the two are one module
// and one release.
const Version = mgrruntime.Version

// File names of the two files every package has. Areas become
// "<area>.gen.go" (see fileStem), never starting "mgrgen-", so these can't
// collide with an area, and no hand-written file takes them.
const (
	DocFile    = "mgrgen-doc.gen.go"
	ClientFile = "mgrgen-client.gen.go"
)

// Options control Generate.
type Options struct {
	// Package is the Go package name.
	Package string
	// SchemaName is how the package doc names the schema file it was built from.
	SchemaName string
	// SchemaHash, when set, is recorded in the package doc file (see
	// RecordedSchemaHash) so a later run knows which schema the package
	// was generated from. Use SchemaFileHash.
	SchemaHash string
	Config     *Config
}

// Generate renders the package for s and returns its files by name.
func Generate(s *schema.Schema, opt Options) (map[string][]byte, error) {
	jobs, err := fileJobs(s, opt)
	if err != nil {
		return nil, err
	}
	srcs := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	onEveryCore(len(jobs), func(i int) {
		if srcs[i], errs[i] = render(jobs[i].build()); errs[i] != nil {
			errs[i] = fmt.Errorf("%s: %w", jobs[i].name, errs[i])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(jobs))
	for i, j := range jobs {
		out[j.name] = srcs[i]
	}
	return out, nil
}

// render writes f in gofmt's layout. jennifer's own rendering formats
// with go/format, which parses and prints every file again and was most of
// generation's cost; package layout lays out what the templates emit in
// one pass instead, and go/format is the fallback for anything it does not
// know (the tests require that nothing falls back and that the two agree).
func render(f *jen.File) ([]byte, error) {
	buf := rawBuffers.Get().(*bytes.Buffer)
	defer rawBuffers.Put(buf)
	buf.Reset()
	if err := f.Render(buf); err != nil {
		return nil, err
	}
	src, err := layout.Source(buf.Bytes())
	if errors.Is(err, layout.ErrUnsupported) {
		layoutFallbacks.Add(1)
		return format.Source(buf.Bytes())
	}
	return src, err
}

// onEveryCore calls do(i) for each i below n, on as many goroutines as
// there are cores, each taking the next i when it is done with one.
func onEveryCore(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(i)
			}
		})
	}
	wg.Wait()
}

// rawBuffers keeps the buffers jennifer renders into: the text is only
// read by layout.Source, which returns a copy.
var rawBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// layoutFallbacks counts the files formatted by go/format because package
// layout did not know a construct in them.
var layoutFallbacks atomic.Int64

func newFile(pkg string) *jen.File {
	f := jen.NewFile(pkg)
	f.NoFormat = true
	f.HeaderComment(templates.Header(Version))
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
// than maxPerFile functions split into <area>.2.gen.go and so on. The
// names are collision-free by construction: a stem (fileStem) holds no dot,
// so a split part, whose number follows a dot, never takes the name of
// another area's file, and areas whose stems agree share their files.
// The plan is checked all the same before anything is generated.
func planFiles(funcs []planned) (map[string][]*templates.Func, error) {
	byArea := map[string][]*templates.Func{}
	var order []string
	for _, pf := range funcs {
		name := fileStem(pf.area)
		if _, ok := byArea[name]; !ok {
			order = append(order, name)
		}
		byArea[name] = append(byArea[name], pf.fn)
	}
	files := map[string][]*templates.Func{DocFile: nil, ClientFile: nil}
	for _, stem := range order {
		group := byArea[stem]
		for i := 0; i*maxPerFile < len(group); i++ {
			name := stem + ".gen.go"
			if i > 0 {
				name = fmt.Sprintf("%s.%d.gen.go", stem, i+1)
			}
			if _, dup := files[name]; dup {
				return nil, fmt.Errorf("generator: two parts of the package would be written to %s (area %q)", name, stem)
			}
			files[name] = group[i*maxPerFile : min((i+1)*maxPerFile, len(group))]
		}
	}
	delete(files, DocFile)
	delete(files, ClientFile)
	return files, nil
}

// windowsDevices are file names Windows reserves whatever their extension.
var windowsDevices = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// fileStem makes a file name part of an area: lower-case ASCII letters and
// digits, underscores as dashes, anything else as x and its hex code. With
// no underscore, go/build never reads the name as a GOOS or GOARCH
// constraint or a test file (it looks only at what follows an underscore);
// a leading x keeps the name from starting with a dash (or being empty),
// from taking the name of the doc or client file, and from being a Windows
// device name.
func fileStem(area string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(area) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '_':
			b.WriteByte('-')
		default:
			fmt.Fprintf(&b, "x%x", r)
		}
	}
	stem := b.String()
	if stem == "" || stem[0] == '-' || strings.HasPrefix(stem, "mgrgen-") || windowsDevices[stem] {
		stem = "x" + stem
	}
	return stem
}

// Change is one difference between generated files and a folder.
type Change struct {
	File string
	// Kind is "add", "update", "remove" (a generated file the schema no
	// longer needs) or "prune" (a stub left by an earlier run under go
	// generate, removed when mgrgen runs outside it).
	Kind string
}

// stubMarker is in the body of a stub: a stale generated file emptied
// instead of removed while go generate was running.
const stubMarker = "// mgrgen stub: this file is no longer generated."

// Diff compares files with dir. Stale files are only those that start with
// mgrgen's header (any version); anything else in dir is left alone. It
// fails, naming the file, when a file it would write exists without the
// header: that file is someone's own and is never overwritten.
func Diff(dir string, files map[string][]byte) ([]Change, error) {
	var changes []Change
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(dir, n)
		if link, err := atomicfile.IsLink(path); err != nil || link {
			if err == nil {
				err = fmt.Errorf("%s is a symbolic link; mgrgen never follows a link it did not create: remove it, or generate into another folder", path)
			}
			return nil, err
		}
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			changes = append(changes, Change{n, "add"})
		case err != nil:
			return nil, err
		case !hasHeader(old):
			return nil, fmt.Errorf("%s exists and was not generated by mgrgen (its first line is not the mgrgen header); refusing to overwrite it: rename or move it", path)
		case !bytes.Equal(old, files[n]):
			changes = append(changes, Change{n, "update"})
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		// A link is never ours: it is not read, rewritten or removed.
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".go") || files[e.Name()] != nil {
			continue
		}
		b, err := readHead(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		switch {
		case !hasHeader(b):
		case bytes.Contains(b, []byte(stubMarker)):
			changes = append(changes, Change{e.Name(), "prune"})
		default:
			changes = append(changes, Change{e.Name(), "remove"})
		}
	}
	return changes, nil
}

// headerLine matches the first line of a file mgrgen generated, from this
// version or an older one (which wrote no version).
var headerLine = regexp.MustCompile(`^// Code generated by mgrgen( v[0-9A-Za-z.+-]+)?\. DO NOT EDIT\.\r?$`)

func hasHeader(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return headerLine.Match(line)
}

// readHead reads the start of a file: enough for the header and a stub.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return head[:n], nil
}

// UnderGoGenerate reports whether mgrgen runs from a //go:generate line:
// go generate sets $GOFILE for the commands it runs.
func UnderGoGenerate() bool { return os.Getenv("GOFILE") != "" }

// Write applies the changes Diff reports: it writes added and updated files
// and deals with stale generated ones. Unchanged files are not touched, so
// their modification times stay.
//
// Under go generate a stale file is not removed but emptied to a stub (the
// header, the package clause and a note): go generate lists a package's
// files before running the first directive and fails on any that vanished,
// so removing one would make a successful regeneration exit 1. The next
// run outside go generate (mgrgen generate itself) removes the stubs;
// generate --check does not count them as stale.
func Write(dir string, files map[string][]byte) ([]Change, error) {
	changes, err := Diff(dir, files)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	keep := UnderGoGenerate()
	var done, writes []Change
	for _, c := range changes {
		path := filepath.Join(dir, c.File)
		switch {
		case c.Kind == "prune" && keep:
			continue
		case c.Kind == "remove" && keep:
			if err := atomicfile.Write(path, stub(files), 0o644); err != nil {
				return nil, err
			}
		case c.Kind == "remove" || c.Kind == "prune":
			if err := os.Remove(path); err != nil {
				return nil, err
			}
		default:
			writes = append(writes, c)
		}
		done = append(done, c)
	}
	// Creating a file costs the kernel more than writing its bytes, and
	// the files are independent, so they are written on every core.
	errs := make([]error, len(writes))
	onEveryCore(len(writes), func(i int) {
		errs[i] = atomicfile.Write(filepath.Join(dir, writes[i].File), files[writes[i].File], 0o644)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return done, nil
}

// stub is the content of a stale file emptied under go generate: the
// package clause is taken from the generated files.
func stub(files map[string][]byte) []byte {
	pkg := "main"
	for _, b := range files {
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "package "); ok {
				pkg = strings.TrimSpace(name)
				break
			}
		}
		break
	}
	return []byte("// " + templates.Header(Version) + "\n\n" + stubMarker + "\n// mgrgen removes it when run outside go generate.\n\npackage " + pkg + "\n")
}

// schemaHashPrefix starts the doc file's line that records the schema.
const schemaHashPrefix = "mgrgen:schema-sha256 "

var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// SchemaFileHash is the hash Options.SchemaHash takes: the SHA-256 of a
// schema file's bytes, in hex. Schema files are canonical (schema.Save), so
// equal content gives equal hashes.
func SchemaFileHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// RecordedSchemaHash returns the schema hash recorded in the package in
// dir by the last generation, or "" when dir holds no package of ours or
// it was generated without one.
func RecordedSchemaHash(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, DocFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if !hasHeader(b) {
		return "", nil
	}
	for _, line := range strings.Split(string(b), "\n") {
		if h, ok := strings.CutPrefix(line, "// "+schemaHashPrefix); ok && hashPattern.MatchString(h) {
			return h, nil
		}
	}
	return "", nil
}

// fileJob builds the jennifer file of one generated file.
type fileJob struct {
	name  string
	build func() *jen.File
}

// fileJobs plans the package for s and returns a builder per file, sorted
// by file name.
func fileJobs(s *schema.Schema, opt Options) ([]fileJob, error) {
	pkg, funcs, err := Plan(s, opt.Package, opt.Config)
	if err != nil {
		return nil, err
	}
	pkg.Schema = opt.SchemaName
	pkg.Version = Version
	if pkg.Schema == "" {
		pkg.Schema = "a " + s.Panel + " schema"
	}
	jobs := []fileJob{
		{DocFile, func() *jen.File {
			f := newFile(pkg.Name)
			// Each line is a complete // comment from the templates'
			// choke point; jennifer writes such lines as they are.
			for _, line := range templates.CommentLines(templates.PackageDoc(pkg)) {
				f.PackageComment(line)
			}
			if hash := opt.SchemaHash; hashPattern.MatchString(hash) {
				// Below the package clause, so godoc does not show it.
				f.Comment(schemaHashPrefix + hash)
			}
			return f
		}},
		{ClientFile, func() *jen.File {
			f := newFile(pkg.Name)
			f.Add(templates.EmitClient(pkg))
			return f
		}},
	}
	plan, err := planFiles(funcs)
	if err != nil {
		return nil, err
	}
	for name, group := range plan {
		jobs = append(jobs, fileJob{name, func() *jen.File {
			f := newFile(pkg.Name)
			for _, fn := range group {
				emitFunc(f, fn)
			}
			return f
		}})
	}
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].name < jobs[j].name })
	return jobs, nil
}
