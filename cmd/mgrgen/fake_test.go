package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const billmgrSchema = "../../generated/billmgr/billmgr.schema.json"

// A seed file gives the fake panel its first rows, through the fake
// subcommand and through a link named mgrctl; a bad seed is refused with
// the file named.
func TestFakeSeed(t *testing.T) {
	code, out, errOut := mgrgen("fake", "mgrctl", "-schema", billmgrSchema, "-seed", "testdata/billmgr-seed.json", "-m", "billmgr", "-o", "text", "user")
	if code != 0 || out != "id=1 name=alice realname=Alice A. email=alice@example.com\nid=2 name=bob realname=Bob B. email=bob@example.com\n" {
		t.Errorf("seeded list: %d %q %q", code, out, errOut)
	}
	// A new object takes the next free id.
	code, out, _ = mgrgen("fake", "mgrctl", "-schema", billmgrSchema, "-seed", "testdata/billmgr-seed.json", "-m", "billmgr", "-o", "xml", "user.edit", "name=carol", "sok=ok")
	if code != 0 || !strings.Contains(out, "<id>3</id>") {
		t.Errorf("create after seed: %d %q", code, out)
	}
	bad := filepath.Join(t.TempDir(), "seed.json")
	writeFile(t, bad, `{"user.edit": [{"name": "x"}]}`)
	if code, _, errOut := mgrgen("fake", "mgrctl", "-schema", billmgrSchema, "-seed", bad, "-m", "billmgr", "user"); code != 1 || !strings.Contains(errOut, `"user.edit" is not a list`) || !strings.Contains(errOut, bad) {
		t.Errorf("seeding a form: %d %q", code, errOut)
	}
	writeFile(t, bad, `{"user": [`)
	if code, _, errOut := mgrgen("fake", "http", "-schema", billmgrSchema, "-seed", bad); code != 1 || !strings.Contains(errOut, bad) {
		t.Errorf("broken seed: %d %q", code, errOut)
	}

	if testing.Short() {
		return
	}
	mgrctl := filepath.Join(t.TempDir(), "mgrctl")
	if out, err := exec.Command("go", "build", "-o", mgrctl, ".").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	cmd := exec.Command(mgrctl, "-m", "billmgr", "-o", "text", "user", "name=bob", "filter=on")
	cmd.Env = append(cmd.Environ(), EnvFakeSchema+"="+billmgrSchema, EnvFakeSeed+"=testdata/billmgr-seed.json")
	if got, err := cmd.CombinedOutput(); err != nil || string(got) != "id=2 name=bob realname=Bob B. email=bob@example.com\n" {
		t.Errorf("linked mgrctl with a seed: %v %q", err, got)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
