package generator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRuntimeVersionMismatchFailsToCompile builds a generated package
// against a copy of the runtime whose generated-code API was bumped to 4
// without keeping version 3: the build must fail on the package's version check with a message that
// names both versions.
func TestRuntimeVersionMismatchFailsToCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	tmp := t.TempDir()
	os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module github.com/mgrgen/mgrgen\n\ngo 1.26\n"), 0o644)
	for _, dir := range []string{"runtime", "runtime/process"} {
		entries, err := os.ReadDir(filepath.Join("..", dir))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(tmp, dir), 0o755)
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			b, err := os.ReadFile(filepath.Join("..", dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if e.Name() == "version.go" {
				src := strings.ReplaceAll(string(b), "RuntimeAPIv3", "RuntimeAPIv4")
				src = strings.Replace(src, "const GeneratedAPIVersion = 3", "const GeneratedAPIVersion = 4", 1)
				src = strings.Replace(src, "func (RuntimeAPIv4) supportsGeneratedAPIv3() {}", "", 1)
				if src == string(b) {
					t.Fatal("version.go has changed shape; update this test")
				}
				b = []byte(src)
			}
			os.WriteFile(filepath.Join(tmp, dir, e.Name()), b, 0o644)
		}
	}
	files, err := Generate(loadSchema(t, "testdata/sample.schema.json"), Options{Package: "sample"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(filepath.Join(tmp, "gen", "sample"), files); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "./gen/sample")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("code generated for API 3 compiled against a runtime of API 4 that dropped 3")
	}
	msg := string(out)
	if !strings.Contains(msg, "mgrgen-client.gen.go") || !strings.Contains(msg, "RuntimeAPIv4 does not implement") || !strings.Contains(msg, "GeneratedAPIv3") {
		t.Errorf("the compile error does not name both versions:\n%s", msg)
	}
	// The unmodified runtime builds the same package.
	if out, err := exec.Command("go", "build", "./testdata/golden/sample").CombinedOutput(); err != nil {
		t.Errorf("%v\n%s", err, out)
	}
}
