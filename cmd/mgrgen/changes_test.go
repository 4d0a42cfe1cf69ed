package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/generator"
	"github.com/mgrgen/mgrgen/schema"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=mgrgen test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGenerateChanges walks the upgrade workflow in a git repository: a
// first generation, a commit, an upgraded schema regenerated with
// -changes (the old schema taken from git HEAD and checked against the
// hash the package records), -previous, and the refusals.
func TestGenerateChanges(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	s, err := schema.Load("../../generated/billmgr/billmgr.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schemaPath := writeSchema(t, repo, "billmgr.schema.json", s)
	out, changes := filepath.Join(repo, "billmgr"), filepath.Join(repo, "CHANGES.md")
	gen := func(extra ...string) (int, string) {
		code, _, errOut := mgrgen(append([]string{"generate", "-q", "-schema", schemaPath, "-out", out, "-changes", changes}, extra...)...)
		return code, errOut
	}

	// First generation: nothing committed, no package: everything is new.
	if code, errOut := gen(); code != 0 {
		t.Fatalf("first generation: exit %d: %s", code, errOut)
	}
	first := readFile(t, changes)
	if !strings.Contains(first, fmt.Sprintf("0 breaking, 0 warnings, %d info.", len(s.Functions))) || !strings.Contains(first, "- user.edit: new form\n") ||
		!strings.HasSuffix(first, "Compared an empty schema (first generation) with billmgr.schema.json.\n") {
		t.Fatalf("first change log:\n%s", first)
	}
	v1 := readFile(t, schemaPath)
	if h, _ := generator.RecordedSchemaHash(out); h != generator.SchemaFileHash([]byte(v1)) {
		t.Fatalf("the package records %q, want the schema's hash", h)
	}
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "first")

	// The upgrade: email renamed, payment.delete gone.
	for i := range s.Lookup("user.edit").Params {
		if p := &s.Lookup("user.edit").Params[i]; p.Name == "email" {
			p.Name = "login_email"
		}
	}
	for i, f := range s.Functions {
		if f.Name == "payment.delete" {
			s.Functions = append(s.Functions[:i], s.Functions[i+1:]...)
			break
		}
	}
	writeSchema(t, repo, "billmgr.schema.json", s)
	want := "## Panel changes: billmgr\n\n2 breaking, 0 warnings, 0 info.\n\n### Breaking\n\n" +
		"- payment.delete: the function was removed; calls of it fail and its method goes away\n" +
		"- user.edit: parameter email likely renamed to login\\_email (same type string, label \"E-mail\"); code that sets the old name no longer compiles\n\n" +
		"Compared billmgr.schema.json as committed (git HEAD) with billmgr.schema.json.\n"
	if code, errOut := gen(); code != 0 {
		t.Fatalf("upgrade: exit %d: %s", code, errOut)
	}
	if got := readFile(t, changes); got != want {
		t.Fatalf("upgrade change log:\n%s\nwant:\n%s", got, want)
	}
	// Regenerating again before committing still compares with HEAD.
	if code, errOut := gen(); code != 0 || readFile(t, changes) != want {
		t.Fatalf("second run: exit %d %s\n%s", code, errOut, readFile(t, changes))
	}
	if _, err := os.Stat(filepath.Join(out, "payment.gen.go")); err != nil {
		t.Fatal("the package was not regenerated")
	}
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "upgrade")

	// -previous must be the schema the package was generated from.
	old := filepath.Join(t.TempDir(), "v1.json")
	os.WriteFile(old, []byte(v1), 0o644)
	s.Lookup("user").Title = "Clients"
	writeSchema(t, repo, "billmgr.schema.json", s)
	code, errOut := gen("-previous", old)
	if code != 1 || !strings.Contains(errOut, "v1.json is not the schema "+out+" was generated from") {
		t.Fatalf("wrong -previous: exit %d %q", code, errOut)
	}
	v2 := filepath.Join(t.TempDir(), "v2.json")
	b, _ := exec.Command("git", "-C", repo, "show", "HEAD:billmgr.schema.json").Output()
	os.WriteFile(v2, b, 0o644)
	if code, errOut := gen("-previous", v2); code != 0 || !strings.Contains(readFile(t, changes), "No changes to functions") ||
		!strings.Contains(readFile(t, changes), "Compared v2.json with billmgr.schema.json.") {
		t.Fatalf("right -previous: exit %d %q\n%s", code, errOut, readFile(t, changes))
	}

	// Outside version control, with a package that records its schema,
	// the old schema must be given.
	elsewhere := t.TempDir()
	outside := writeSchema(t, elsewhere, "billmgr.schema.json", s)
	code, _, errOut = mgrgen("generate", "-q", "-schema", outside, "-out", out, "-changes", changes)
	if code != 1 || !strings.Contains(errOut, "the schema the package was generated from is unknown (git show HEAD:billmgr.schema.json: ") ||
		!strings.Contains(errOut, "give it with -previous FILE") {
		t.Fatalf("no git: exit %d %q", code, errOut)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "-schema", schemaPath, "--check", "-changes", changes}, "mgrgen generate: -changes writes a file; it can't be used with --check"},
		{[]string{"generate", "-schema", schemaPath, "-previous", old}, "mgrgen generate: -previous is only used with -changes"},
	} {
		if code, _, errOut := mgrgen(c.args...); code != 2 || !strings.HasPrefix(errOut, c.want+"\n") {
			t.Errorf("%q: exit %d %q", c.args, code, errOut)
		}
	}
}
