package generator

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// areaSchema has one group operation in each of the given areas, and
// extra more in the first one, enough to split its file.
func areaSchema(areas []string, extra int) *schema.Schema {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Source: schema.Source{Method: "files"}}
	for i := range extra {
		s.Functions = append(s.Functions, schema.Function{Name: fmt.Sprintf("%s.op%03d", areas[0], i), Kind: schema.KindGroup})
	}
	for _, a := range areas[1:] {
		s.Functions = append(s.Functions, schema.Function{Name: a + ".op", Kind: schema.KindGroup})
	}
	slices.SortFunc(s.Functions, func(a, b schema.Function) int { return strings.Compare(a.Name, b.Name) })
	return s
}

// clientMethods counts the methods of Client in the files the go command
// builds for goos (go/build's file matching: build constraints in names
// and comments, ignored _ and . files, tests).
func clientMethods(t *testing.T, dir, goos string) int {
	t.Helper()
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = goos, "amd64", false
	pkg, err := ctx.ImportDir(dir, 0)
	if err != nil {
		t.Fatalf("%s: %v", goos, err)
	}
	n := 0
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
				if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok && fmt.Sprint(star.X) == "Client" {
					n++
				}
			}
		}
	}
	return n
}

// Areas named like a split part, a build constraint or an ignored file
// lose no method on any GOOS: the package as loaded has as many methods as
// the same schema with plain names.
func TestAreaFileNamesLoseNothing(t *testing.T) {
	odd := []string{"vds", "vds_2", "x_windows", "x_arm64", "x_linux", "_x", "mgrgen_doc", "con", "x_test"}
	plain := []string{"vds", "vdsb", "xwindows", "xarm", "xlinux", "xx", "mgrgendoc", "cono", "xtest"}
	root, err := os.MkdirTemp(".", "_names")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	count := map[string]int{}
	for name, areas := range map[string][]string{"odd": odd, "plain": plain} {
		files, err := Generate(areaSchema(areas, maxPerFile+5), Options{Package: name})
		if err != nil {
			t.Fatal(err)
		}
		for f := range files {
			base := strings.TrimSuffix(f, ".go")
			if strings.HasPrefix(f, "_") || strings.HasPrefix(f, ".") || strings.HasSuffix(base, "_test") || strings.HasPrefix(f, "-") {
				t.Errorf("%s: file %s would be ignored or read as a test", name, f)
			}
		}
		dir := filepath.Join(root, name)
		if _, err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
		for _, goos := range []string{"linux", "windows", "darwin"} {
			count[name+"/"+goos] = clientMethods(t, dir, goos)
		}
	}
	if out, err := exec.Command("go", "vet", "./"+filepath.Join(root, "odd")).CombinedOutput(); err != nil {
		t.Errorf("the odd package does not build: %v\n%s", err, out)
	}
	want := count["plain/linux"]
	if want < maxPerFile+len(plain) {
		t.Fatalf("the plain package has only %d methods", want)
	}
	for k, n := range count {
		if n != want {
			t.Errorf("%s: %d methods, want %d", k, n, want)
		}
	}
}
