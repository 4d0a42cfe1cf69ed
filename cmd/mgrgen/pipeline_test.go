package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/textdiff"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// pipelineCalls runs inside the package generated from the introspected
// schema, against a fake panel built from the same schema.
const pipelineCalls = `package ispmgr

import (
	"context"
	"errors"
	"net/url"
	"os"
	"testing"

	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

func TestCalls(t *testing.T) {
	s, err := schema.Load(os.Getenv("PIPELINE_SCHEMA"))
	if err != nil {
		t.Fatal(err)
	}
	p := mgrtest.NewServer(t, s)
	c := New(runtime.NewHTTP(p.URL, runtime.AuthSession(mgrtest.User, mgrtest.Password)))
	ctx := context.Background()
	for _, name := range []string{"web1", "web2", "web3"} {
		if _, err := c.UserEdit(ctx, &UserEditRequest{Name: runtime.Set(name), Passwd: runtime.Set("pw")}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.UserEdit(ctx, &UserEditRequest{Name: runtime.Set("web1")}); !errors.Is(err, runtime.ErrExists) {
		t.Errorf("duplicate: %v", err)
	}
	page, err := c.User(ctx, &UserRequest{Page: 2, PageSize: 2})
	if err != nil || len(page.Rows) != 1 || page.Rows[0].Name != "web3" || page.Page.Total != 3 {
		t.Fatalf("paged: %v %+v", err, page)
	}
	only, err := c.User(ctx, &UserRequest{Filter: url.Values{"name": {"web2"}}})
	if err != nil || len(only.Rows) != 1 || only.Rows[0].Name != "web2" {
		t.Fatalf("filtered: %v %+v", err, only)
	}
	form, err := c.UserEditGet(ctx, "web2")
	if err != nil || form.Name.Value() != "web2" {
		t.Fatalf("open: %v", err)
	}
	if _, err := c.UserEdit(ctx, &UserEditRequest{Elid: "web2", Fullname: runtime.Set("Web Two")}); err != nil {
		t.Fatal(err)
	}
	req := form.Request()
	req.Comment = runtime.Set("rmw")
	if _, err := c.UserEdit(ctx, req); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UserSuspend(ctx, []string{"web2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UserDelete(ctx, []string{"web3", "nobody"}); err != nil {
		t.Fatal(err)
	}
	rows := p.Rows("user")
	if len(rows) != 2 || rows[1]["name"] != "web2" || rows[1]["comment"] != "rmw" || rows[1]["active"] != "off" {
		t.Errorf("panel state = %v", rows)
	}
}
`

// TestPipeline runs the whole product on a fake panel: introspect it over
// HTTP and over the fake mgrctl (the two schemas agree with each other and
// with the schema the panel was started from), generate a client from the
// result, compile it and drive it against the panel.
func TestPipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds mgrgen and a generated package")
	}
	orig, err := schema.Load("../../generated/ispmgr/ispmgr.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	listing := filepath.Join(dir, "functions.txt")
	os.WriteFile(listing, mgrtest.Listing(orig), 0o644)

	// Over HTTP.
	p := mgrtest.NewServer(t, orig)
	viaHTTP := filepath.Join(dir, "http.json")
	t.Setenv("MGRGEN_PASSWORD", mgrtest.Password)
	if code, _, errOut := mgrgen("introspect", "-q", "-panel", "ispmgr", "-url", p.URL, "-user", mgrtest.User, "--functions", listing, "-o", viaHTTP); code != 0 || errOut != "" {
		t.Fatalf("introspect over HTTP: exit %d %s", code, errOut)
	}
	// Without the listing, HTTP learns no kinds: the run says what it
	// missed and the flags that fix it, even with -q.
	code, _, errOut := mgrgen("introspect", "-q", "-panel", "ispmgr", "-url", p.URL, "-user", mgrtest.User, "-o", filepath.Join(dir, "nokinds.json"))
	if code != 0 || !strings.HasPrefix(errOut, "mgrgen introspect: ispmgr: warning: ") || !strings.Contains(errOut, "--functions FILE") || !strings.Contains(errOut, "-probe") {
		t.Errorf("introspect over HTTP without a listing: exit %d %q", code, errOut)
	}
	// Over the fake mgrctl: the mgrgen binary under the name mgrctl.
	mgrctl := filepath.Join(dir, "mgrctl")
	if out, err := exec.Command("go", "build", "-o", mgrctl, ".").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Setenv(EnvFakeSchema, "../../generated/ispmgr/ispmgr.schema.json")
	viaMgrctl := filepath.Join(dir, "mgrctl.json")
	if code, _, errOut := mgrgen("introspect", "-q", "-panel", "ispmgr", "-local", "-mgrctl", mgrctl, "-o", viaMgrctl); code != 0 {
		t.Fatalf("introspect over mgrctl: %s", errOut)
	}
	a, err := schema.Load(viaHTTP)
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Load(viaMgrctl)
	if err != nil {
		t.Fatal(err)
	}
	if x, y := comparable(a), comparable(b); x != y {
		t.Errorf("HTTP and mgrctl introspection differ:\n%s", textdiff.Hunk("schema", []byte(x), []byte(y), 3, 40))
	}
	if x, y := comparable(orig), comparable(a); x != y {
		t.Errorf("introspection does not give back the panel's schema:\n%s", textdiff.Hunk("schema", []byte(x), []byte(y), 3, 40))
	}
	// Generate, compile and call.
	pkg, err := os.MkdirTemp(".", "_pipeline")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(pkg)
	out := filepath.Join(pkg, "ispmgr")
	if code, _, errOut := mgrgen("generate", "-q", "-schema", viaHTTP, "-pkg", "ispmgr", "-out", out); code != 0 {
		t.Fatalf("generate: %s", errOut)
	}
	os.WriteFile(filepath.Join(out, "calls_test.go"), []byte(pipelineCalls), 0o644)
	abs, _ := filepath.Abs(viaHTTP)
	cmd := exec.Command("go", "test", "-count=1", "./"+out)
	cmd.Env = append(os.Environ(), "PIPELINE_SCHEMA="+abs)
	if res, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("calls against the fake panel: %v\n%s", err, res)
	}
}

// comparable is s as JSON without what records how it was obtained: the
// source and each function's list of sources.
func comparable(s *schema.Schema) string {
	c := *s
	c.Source = schema.Source{}
	c.Functions = slices.Clone(s.Functions)
	for i := range c.Functions {
		c.Functions[i].Sources = nil
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}
