package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// writeSchema saves s under dir/name and returns the path.
func writeSchema(t *testing.T, dir, name string, s *schema.Schema) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := schema.Save(s, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDiffCommand runs mgrgen diff on the shipped BILLmanager schema and
// an upgraded copy, in each format and with each --fail-on threshold.
func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	old, err := schema.Load("../../generated/billmgr/billmgr.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	oldPath := writeSchema(t, dir, "old.json", old)
	upd, _ := schema.Load(oldPath)
	upd.Lookup("payment").Actions = append(upd.Lookup("payment").Actions, schema.Action{Name: "print", Func: "payment.print"})
	infoPath := writeSchema(t, dir, "info.json", upd)
	for i := range upd.Lookup("user.edit").Params {
		if p := &upd.Lookup("user.edit").Params[i]; p.Name == "email" {
			p.Name = "login_email" // same label and type: a likely rename
		}
	}
	newPath := writeSchema(t, dir, "new.json", upd)

	code, out, errOut := mgrgen("diff", oldPath, newPath)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "billmgr: 1 breaking, 0 warnings, 1 info\n" +
		"breaking  user.edit: parameter email likely renamed to login_email (same type string, label \"E-mail\"); code that sets the old name no longer compiles\n" +
		"info      payment: new toolbar button print (payment.print)\n"
	if out != want {
		t.Fatalf("text report:\n%s\nwant:\n%s", out, want)
	}
	code, out, _ = mgrgen("diff", "-format", "md", oldPath, newPath)
	if code != 0 || !strings.Contains(out, "### Breaking\n\n- user.edit: parameter email likely renamed to login\\_email") {
		t.Fatalf("md report (exit %d):\n%s", code, out)
	}
	code, out, _ = mgrgen("diff", oldPath, newPath, "-format", "json")
	var rep struct {
		Summary map[string]int
		Changes []struct{ Severity, Kind, Function, Param, Old, New string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 {
		t.Fatalf("json report (exit %d, %v):\n%s", code, err, out)
	}
	if rep.Summary["breaking"] != 1 || rep.Changes[0].Kind != "param-renamed" || rep.Changes[0].Old != "email" || rep.Changes[0].New != "login_email" {
		t.Fatalf("json report: %+v", rep)
	}

	for _, c := range []struct {
		file, failOn string
		code         int
	}{
		{newPath, "breaking", 1}, {newPath, "info", 1},
		{infoPath, "breaking", 0}, {infoPath, "warning", 0}, {infoPath, "info", 1},
		{oldPath, "info", 0},
	} {
		code, out, errOut := mgrgen("diff", "--fail-on", c.failOn, oldPath, c.file)
		if code != c.code {
			t.Errorf("--fail-on %s against %s: exit %d, want %d\n%s%s", c.failOn, filepath.Base(c.file), code, c.code, out, errOut)
		}
		if c.code == 1 && !strings.HasPrefix(errOut, "mgrgen diff: --fail-on "+c.failOn+": ") {
			t.Errorf("--fail-on %s: stderr %q", c.failOn, errOut)
		}
		if out == "" {
			t.Errorf("--fail-on %s: the report must still be printed", c.failOn)
		}
	}

	other := *old
	other.Panel = "ispmgr"
	otherPath := writeSchema(t, dir, "other.json", &other)
	if code, _, errOut := mgrgen("diff", oldPath, otherPath); code != 1 || !strings.Contains(errOut, "different panels (billmgr and ispmgr)") {
		t.Errorf("panels differ: exit %d %q", code, errOut)
	}
}
