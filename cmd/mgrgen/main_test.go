package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/schema"
)

func mgrgen(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestIntrospectFilesToStdout(t *testing.T) {
	real := fixtures.Dir(t)
	code, out, errOut := mgrgen("introspect", "-panel", "ispmgr",
		"--functions", real+"/mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt",
		"--plugin-xml", real+"/plugin-xml/ispmgr/shadowedx_ispmgr_mod_tor.xml", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := schema.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Functions) != 286 || s.Lookup("webdomain.edit").Param("tor").Type != "bool" {
		t.Errorf("%d functions", len(s.Functions))
	}
	if !strings.HasPrefix(errOut, "ispmgr: 286 functions (untyped 105, form 62, validator 44, list 42, group 29") {
		t.Errorf("summary = %q", errOut)
	}
}

func TestIntrospectBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xml")
	os.WriteFile(bad, []byte("<mgrdata><metadata"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"introspect", "-o", "-"}, 2, "-panel is required"},
		{[]string{"introspect", "-panel", "x"}, 2, "-o is required"},
		{[]string{"introspect", "-panel", "x", "-o", "-"}, 2, "no source"},
		{[]string{"introspect", "-panel", "x", "-strict", "--plugin-xml", bad, "-o", "-"}, 1, bad + ": malformed XML"},
		{[]string{"introspect", "-panel", "x", "--devel", filepath.Join(dir, "missing.xml"), "-o", "-"}, 1, "no such file"},
		{[]string{"introspect", "-panel", "x", "-local", "-url", "https://h", "-o", "-"}, 2, "exclude each other"},
		{[]string{"frobnicate"}, 2, "unknown command"},
	} {
		code, _, errOut := mgrgen(c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errOut, c.code, c.want)
		}
		if c.code == 1 && strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: the reason is not one line: %q", c.args, errOut)
		}
	}
}

// Without -strict a malformed file is skipped with a warning naming it and
// recorded in the schema; the run succeeds.
func TestIntrospectSkipsBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xml")
	good := filepath.Join(dir, "good.xml")
	os.WriteFile(bad, []byte("<mgrdata><metadata"), 0o644)
	os.WriteFile(good, []byte("<mgrdata><metadata name='f' type='form'><form><field name='a'><input name='a'/></field></form></metadata></mgrdata>"), 0o644)
	code, out, errOut := mgrgen("introspect", "-panel", "x", "-q", "--plugin-xml", bad, "--plugin-xml", good, "-o", "-")
	if code != 0 || !strings.HasPrefix(errOut, "mgrgen introspect: warning: "+bad+": skipped: malformed XML") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	s, err := schema.Decode(strings.NewReader(out))
	if err != nil || s.Lookup("f") == nil || len(s.Source.Skipped) != 1 || s.Source.Skipped[0].File != "bad.xml" {
		t.Errorf("schema: %v %+v", err, s.Source)
	}
}

// A run that read nothing exits 1 with one clear line and writes no
// schema: its only input skipped, or inputs that hold no function.
func TestIntrospectThatReadNothingFails(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xml")
	os.WriteFile(bad, []byte("<mgrdata><metadata"), 0o644)
	empty := filepath.Join(dir, "empty.xml")
	os.WriteFile(empty, []byte("<mgrdata></mgrdata>"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--plugin-xml", bad}, "none of the 1 input files could be read"},
		{[]string{"--plugin-xml", bad, "--devel", bad}, "none of the 2 input files could be read"},
		{[]string{"--plugin-xml", empty}, "no function was read"},
	} {
		out := filepath.Join(dir, "out.json")
		code, _, errOut := mgrgen(append(append([]string{"introspect", "-panel", "x", "-q"}, tc.args...), "-o", out)...)
		if code != 1 || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, bad) && tc.want != "no function was read" {
			t.Errorf("%v: exit %d, %q", tc.args, code, errOut)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%v: a schema was written", tc.args)
		}
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := mgrgen("help")
	if code != 0 || !strings.Contains(out, "introspect") || !strings.Contains(out, "dump") || !strings.Contains(out, "version") {
		t.Errorf("help: %d %q", code, out)
	}
	for _, args := range [][]string{{"introspect", "-h"}, {"help", "introspect"}} {
		code, out, errOut := mgrgen(args...)
		if code != 0 || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q; help goes to stdout", args, code, errOut)
		}
		for _, flag := range []string{"-panel", "-functions", "-devel", "-plugin-xml", "-from", "-local", "-mgrctl", "-url", "-user", "-password-env", "-j", "-timeout", "-strict", "-o", "-pin", "-insecure-http"} {
			if !strings.Contains(out, flag+" ") && !strings.Contains(out, flag+"\n") {
				t.Errorf("%v does not explain %s", args, flag)
			}
		}
		// Flag help names each flag's argument correctly.
		for _, want := range []string{"-functions file", "-with-func-info\n", "-o file", "-j calls"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: %q missing from\n%s", args, want, out)
			}
		}
	}
}

// TestCLIContract checks every error path of the command line: exit
// status, the exact first line on stderr, and nothing on stdout.
func TestCLIContract(t *testing.T) {
	dir := t.TempDir()
	prose := filepath.Join(dir, "notes.txt")
	os.WriteFile(prose, []byte("Hello, world.\nThese are my notes.\n"), 0o644)
	asJSON := filepath.Join(dir, "s.json")
	os.WriteFile(asJSON, []byte(`{"schema_version": 1, "panel": "x", "source": {"method": "files"}, "functions": []}`), 0o644)
	plugin := filepath.Join(dir, "p.xml")
	os.WriteFile(plugin, []byte("<mgrdata/>"), 0o644)
	devel := filepath.Join(dir, "d.xml")
	os.WriteFile(devel, []byte(`<doc func="f"/>`), 0o644)
	badCfg := filepath.Join(dir, "c.json")
	os.WriteFile(badCfg, []byte(`{"renam": {}}`), 0o644)
	for _, c := range []struct {
		args  []string
		code  int
		first string
	}{
		{nil, 2, "mgrgen: no command given"},
		{[]string{"frobnicate"}, 2, `mgrgen: unknown command "frobnicate"`},
		{[]string{"help", "frobnicate"}, 2, `mgrgen: unknown command "frobnicate"`},
		{[]string{"generate", "-nope"}, 2, "mgrgen generate: flag provided but not defined: -nope"},
		{[]string{"generate"}, 2, "mgrgen generate: -schema is required"},
		{[]string{"generate", "-schema", asJSON, "extra"}, 2, `mgrgen generate: unexpected argument "extra"`},
		{[]string{"generate", "-schema", filepath.Join(dir, "missing.json")}, 1, "mgrgen generate: open " + filepath.Join(dir, "missing.json") + ": no such file or directory"},
		{[]string{"generate", "-schema", asJSON, "-config", badCfg, "-out", dir}, 1, "mgrgen generate: " + badCfg + `:1:2: unknown key "renam"`},
		{[]string{"introspect", "-o", "-"}, 2, "mgrgen introspect: -panel is required"},
		{[]string{"introspect", "-panel", "x", "--functions", prose, "-o", "-"}, 1, "mgrgen introspect: " + prose + ": this is not an mgrctl -i listing (it looks like plain text); --functions takes the output of mgrctl -m PANEL -i"},
		{[]string{"introspect", "-panel", "x", "--functions", asJSON, "-o", "-"}, 1, "mgrgen introspect: " + asJSON + ": this is not an mgrctl -i listing (it looks like JSON: a schema file? use --schema); --functions takes the output of mgrctl -m PANEL -i"},
		{[]string{"introspect", "-panel", "x", "--functions", plugin, "-o", "-"}, 1, "mgrgen introspect: " + plugin + ": this is not an mgrctl -i listing (it looks like plugin XML <mgrdata>: use --plugin-xml); --functions takes the output of mgrctl -m PANEL -i"},
		{[]string{"introspect", "-panel", "x", "-strict", "--plugin-xml", devel, "-o", "-"}, 1, "mgrgen introspect: " + devel + ": this is not plugin XML (its root is <doc>, a devel document: use --devel)"},
		{[]string{"introspect", "-panel", "x", "-strict", "--devel", plugin, "-o", "-"}, 1, "mgrgen introspect: " + plugin + ": this is not a devel document (its root is <mgrdata>, plugin XML: use --plugin-xml)"},
		{[]string{"diff", asJSON}, 2, "mgrgen diff: want two schema files, OLD and NEW; got 1"},
		{[]string{"diff", "-format", "html", asJSON, asJSON}, 2, `mgrgen diff: unknown -format "html" (text, md or json)`},
		{[]string{"diff", "--fail-on", "major", asJSON, asJSON}, 2, `mgrgen diff: --fail-on: unknown severity "major" (breaking, warning or info)`},
		{[]string{"version", "x"}, 2, `mgrgen version: unexpected argument "x"`},
		{[]string{"fake"}, 2, "mgrgen fake: say which fake: http or mgrctl"},
		{[]string{"fake", "ftp"}, 2, `mgrgen fake: unknown fake "ftp": use http or mgrctl`},
		{[]string{"fake", "mgrctl", "-m", "x"}, 2, "mgrgen fake: fake mgrctl needs -schema FILE first"},
	} {
		code, out, errOut := mgrgen(c.args...)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != c.code || first != c.first {
			t.Errorf("%q: exit %d, first line %q\nwant exit %d, %q", c.args, code, first, c.code, c.first)
		}
		if out != "" {
			t.Errorf("%q: stdout %q", c.args, out)
		}
		lines := strings.Count(strings.TrimSpace(errOut), "\n") + 1
		if c.code == 2 && (lines != 2 || !strings.HasPrefix(strings.Split(errOut, "\n")[1], "Run 'mgrgen help")) {
			t.Errorf("%q: usage errors are one line plus where to get help: %q", c.args, errOut)
		}
		if c.code == 1 && lines != 1 {
			t.Errorf("%q: failures are one line: %q", c.args, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, spelling := range []string{"version", "--version", "-version"} {
		code, out, errOut := mgrgen(spelling)
		if code != 0 || errOut != "" || !strings.HasPrefix(out, "mgrgen v0.1.0 (module ") || !strings.Contains(out, "go1.") {
			t.Errorf("%s: %d %q %q", spelling, code, out, errOut)
		}
	}
}

// TestDumpThenReplay captures a fake panel with a real mgrctl process, then
// builds the schema from the dump folder alone.
func TestDumpThenReplay(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "mgrctl")
	if out, err := exec.Command("go", "build", "-o", fake, "../../introspect/testdata/fakemgrctl").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Setenv("FAKE_FUNCS", "9")
	t.Setenv("FAKE_EXTRAS", "1")
	dir := filepath.Join(t.TempDir(), "dump")
	code, _, errOut := mgrgen("dump", "-panel", "dnsmgr", "-local", "-mgrctl", fake, "-j", "2", "-o", dir)
	if code != 0 {
		t.Fatalf("dump: exit %d: %s", code, errOut)
	}
	// The error document is not saved; its failure is in the manifest.
	if !strings.Contains(errOut, "dnsmgr: 9 devel documents saved") {
		t.Errorf("dump summary = %q", errOut)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("dump folder mode = %v, %v; want 0700", st.Mode(), err)
	}
	if st, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("manifest mode = %v, %v; want 0600", st.Mode(), err)
	}
	// A folder that is not empty is refused before anything is captured,
	// unless -force.
	if code, _, errOut := mgrgen("dump", "-panel", "dnsmgr", "-local", "-mgrctl", fake, "-o", dir); code != 1 || !strings.Contains(errOut, "is not empty") {
		t.Errorf("dump into a full folder: exit %d %q", code, errOut)
	}
	if code, _, errOut := mgrgen("dump", "-panel", "dnsmgr", "-local", "-mgrctl", fake, "-force", "-q", "-o", dir); code != 0 {
		t.Errorf("dump -force: exit %d %q", code, errOut)
	}
	var m map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil || m["panel"] != "dnsmgr" {
		t.Errorf("manifest = %s", b)
	}
	out := filepath.Join(t.TempDir(), "s.json")
	code, _, errOut = mgrgen("introspect", "-panel", "dnsmgr", "--from", dir, "-o", out)
	if code != 0 {
		t.Fatalf("introspect --from: exit %d: %s", code, errOut)
	}
	s, err := schema.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	// 15 listed functions plus the edit form and delete operation that
	// each of the fake's three lists names on its toolbar but its listing
	// leaves out.
	if s.Source.Method != "dump" || s.Source.Captured == "" || len(s.Functions) != 15+6 || s.Lookup("broken.form").Error == "" {
		t.Errorf("schema from dump: %+v, %d functions", s.Source, len(s.Functions))
	}
	if !strings.Contains(errOut, "3 functions could not be described") {
		t.Errorf("summary = %q", errOut)
	}
	code, _, errOut = mgrgen("introspect", "-panel", "dnsmgr", "-local", "-mgrctl", fake, "-strict", "-q", "-o", out)
	if code != 1 || !strings.Contains(errOut, `function "`) {
		t.Errorf("-strict: exit %d %q", code, errOut)
	}
}

func TestGenerateAndCheck(t *testing.T) {
	out := filepath.Join(t.TempDir(), "client")
	schemaPath := "../../generator/testdata/sample.schema.json"
	code, _, errOut := mgrgen("generate", "-schema", schemaPath, "-pkg", "sample", "-out", out)
	if code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errOut)
	}
	// Every line names the package and its folder (here outside any
	// module: the folder as given).
	if want := "package sample (" + out + "): 4 files, 4 written or removed\n"; errOut != want {
		t.Errorf("summary = %q, want %q", errOut, want)
	}
	code, _, errOut = mgrgen("generate", "--check", "-schema", schemaPath, "-pkg", "sample", "-out", out)
	if code != 0 || !strings.Contains(errOut, "up to date") {
		t.Errorf("check of a fresh folder: exit %d %q", code, errOut)
	}
	os.WriteFile(filepath.Join(out, "user.gen.go"), []byte("// Code generated by mgrgen. DO NOT EDIT.\n\npackage sample\n"), 0o644)
	os.Remove(filepath.Join(out, "mgrgen-doc.gen.go"))
	code, diff, errOut := mgrgen("generate", "--check", "-schema", schemaPath, "-pkg", "sample", "-out", out)
	if code != 1 || !strings.Contains(errOut, "stale (2 files): add mgrgen-doc.gen.go, update user.gen.go") {
		t.Errorf("check of a stale folder: exit %d %q", code, errOut)
	}
	// The changed lines are shown as a diff hunk on stdout.
	if !strings.HasPrefix(diff, "--- user.gen.go (on disk)\n+++ user.gen.go (generated)\n@@ -1,3 +1,") ||
		!strings.Contains(diff, "\n-// Code generated by mgrgen. DO NOT EDIT.\n+// Code generated by mgrgen v0.1.0. DO NOT EDIT.\n") {
		t.Errorf("check diff:\n%s", diff)
	}
	code, _, errOut = mgrgen("generate", "-schema", "missing.json", "-out", out)
	if code != 1 || !strings.Contains(errOut, "missing.json") {
		t.Errorf("missing schema: exit %d %q", code, errOut)
	}
	code, _, errOut = mgrgen("generate", "-schema", schemaPath, "-pkg", "type", "-out", out)
	if code != 1 || !strings.Contains(errOut, `package name "type"`) {
		t.Errorf("keyword package: exit %d %q", code, errOut)
	}
}

// TestIntrospectHTTP drives a loopback panel: the function list comes from a
// saved listing, devel documents over HTTP, the password from the
// environment; a dump of the same keeps the listing.
func TestIntrospectHTTP(t *testing.T) {
	var mu sync.Mutex
	var bodies []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		v, _ := url.ParseQuery(string(b))
		mu.Lock()
		bodies = append(bodies, v)
		mu.Unlock()
		if r.URL.RawQuery != "" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		fmt.Fprintf(w, `<doc func="%[1]s"><metadata name="%[1]s" type="form"><form><field name="n"><input type="text" name="n" required="yes"/></field></form></metadata></doc>`, v.Get("func"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	listing := filepath.Join(dir, "functions.txt")
	os.WriteFile(listing, []byte("user.edit                                    User. Function type: form\nuser.delete                                  Delete. Function type: group operation\n"), 0o644)
	t.Setenv("PANEL_PW", "pa55word")
	out := filepath.Join(dir, "s.json")
	code, _, errOut := mgrgen("introspect", "-panel", "billmgr", "-url", srv.URL+"/billmgr", "-user", "admin", "-password-env", "PANEL_PW",
		"--functions", listing, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := schema.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if s.Source.Method != "http" || s.Lookup("user.edit").Param("n") == nil || s.Lookup("user.delete").Kind != "group" || s.Lookup("user.edit").Title != "User" {
		t.Errorf("schema = %+v", s.Functions)
	}
	if len(bodies) != 1 || bodies[0].Get("authinfo") != "admin:pa55word" || bodies[0].Get("func") != "user.edit" || bodies[0].Get("out") != "devel" {
		t.Errorf("requests = %v", bodies)
	}
	if strings.Contains(errOut, "pa55word") {
		t.Error("the password was printed")
	}
	dump := filepath.Join(dir, "dump")
	if code, _, errOut := mgrgen("dump", "-panel", "billmgr", "-url", srv.URL+"/billmgr", "-user", "admin", "-password-env", "PANEL_PW",
		"--functions", listing, "-o", dump); code != 0 {
		t.Fatalf("dump: exit %d: %s", code, errOut)
	}
	if code, _, errOut := mgrgen("introspect", "-panel", "billmgr", "--from", dump, "-o", out); code != 0 {
		t.Fatalf("replay: exit %d: %s", code, errOut)
	}
	s, _ = schema.Load(out)
	if s.Lookup("user.delete") == nil || s.Lookup("user.delete").Kind != "group" {
		t.Error("the dump lost the functions it did not describe")
	}
	// Without the password in the environment, nothing is sent.
	t.Setenv("PANEL_PW", "")
	if code, _, errOut := mgrgen("introspect", "-panel", "billmgr", "-url", srv.URL, "-user", "admin", "-password-env", "PANEL_PW", "-o", out); code != 2 || !strings.Contains(errOut, "$PANEL_PW is empty") {
		t.Errorf("empty password: exit %d %q", code, errOut)
	}
}

// Panel text printed to the terminal can't move the cursor, clear the
// screen or reorder what follows.
func TestTerminalOutputIsPlain(t *testing.T) {
	if got := oneLine("bad\x1b[2J \u202eevil\u0085 \n next\x07"); got != "bad[2J evil next" {
		t.Errorf("oneLine = %q", got)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "p.xml")
	os.WriteFile(bad, []byte("<mgrdata><metadata name='f' type='form'><form><field name='a'><input name='a&#27;[2J'/></field></form></metadata></mgrdata>"), 0o644)
	_, _, errOut := mgrgen("introspect", "-panel", "billmgr", "--plugin-xml", bad, "-o", "-")
	if strings.ContainsAny(errOut, "\x1b\x07") {
		t.Errorf("stderr holds control characters: %q", errOut)
	}
}
