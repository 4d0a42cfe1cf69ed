package introspect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStripSecretsFailsClosed(t *testing.T) {
	// Understood: only the secret value goes, tparams is always emptied.
	known := `<doc func="u.edit"><metadata name="u.edit" type="form"><form><field name="p"><input type="password" name="pw"/></field>` +
		`<field name="n"><input type="text" name="name"/></field></form></metadata><pw>hunter22</pw><name>bob</name>` +
		`<tparams><authinfo>root:rootpw</authinfo><pw>hunter22</pw></tparams></doc>`
	out, err := StripSecrets([]byte(known))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); strings.Contains(s, "hunter22") || strings.Contains(s, "rootpw") || !strings.Contains(s, "<name>bob</name>") {
		t.Errorf("stripped = %s", s)
	}
	// Not understood (metadata missing): no value at all survives.
	unknown := `<doc func="u.edit"><pw>hunter22</pw><name>bob</name><nested><deep>token123</deep></nested>` +
		`<messages name="u.edit"><msg name="name">Name</msg></messages></doc>`
	out, err = StripSecrets([]byte(unknown))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); strings.Contains(s, "hunter22") || strings.Contains(s, "bob") || strings.Contains(s, "token123") || !strings.Contains(s, ">Name<") {
		t.Errorf("fail-closed strip = %s", s)
	}
	// Not a panel document: refused.
	if _, err := StripSecrets([]byte(`<html>secret</html>`)); err == nil {
		t.Error("a non-document was accepted")
	}
	// Stripping is idempotent.
	once, _ := StripSecrets([]byte(known))
	twice, _ := StripSecrets(once)
	if string(once) != string(twice) {
		t.Errorf("second strip changed the document:\n%s\n%s", once, twice)
	}
}

func TestDumpFolderRules(t *testing.T) {
	c := &Capture{Panel: "billmgr", Method: "local", Devel: map[string][]byte{}, Failures: map[string]string{}}
	long := "plugin." + strings.Repeat("very.long.name.", 30) + "edit"
	c.Devel[long] = []byte(`<doc func="` + long + `"><metadata name="` + long + `" type="form"><form><field name="a"><input name="a"/></field></form></metadata></doc>`)
	dir := filepath.Join(t.TempDir(), "d")
	if _, err := WriteDump(dir, c, DumpOptions{}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "devel"))
	if len(entries) != 1 || len(entries[0].Name()) > maxFileName+10 {
		t.Fatalf("devel files = %v", entries)
	}
	back, err := ReadDump(dir)
	if err != nil || back.Devel[long] == nil {
		t.Errorf("the long name did not come back: %v", err)
	}
	// A symbolic link in place of a subfolder or a file is never followed.
	for _, victim := range []string{"devel", "manifest.json"} {
		d := filepath.Join(t.TempDir(), "d")
		os.Mkdir(d, 0o700)
		target := filepath.Join(t.TempDir(), "target")
		os.Mkdir(target, 0o700)
		if victim == "manifest.json" {
			target = filepath.Join(target, "file")
			os.WriteFile(target, []byte("keep"), 0o600)
		}
		if err := os.Symlink(target, filepath.Join(d, victim)); err != nil {
			t.Skip("no symbolic links here")
		}
		if _, err := WriteDump(d, c, DumpOptions{Force: true}); err == nil {
			t.Errorf("%s: wrote through a symbolic link", victim)
		}
		if b, _ := os.ReadFile(target); victim == "manifest.json" && string(b) != "keep" {
			t.Errorf("the link target was overwritten: %q", b)
		}
	}
}

// A secret nested in an echoed record, or in an attribute, is blanked too.
func TestStripSecretsNestedAndAttributes(t *testing.T) {
	doc := `<doc func="u.edit"><metadata name="u.edit" type="form"><form><field name="p"><input type="password" name="pw"/></field>` +
		`<field name="n"><input type="text" name="name"/></field></form></metadata>` +
		`<record><owner>bob</owner><pw>hunter22</pw><passwd value="hunter33"/></record>` +
		`<pw orig="hunter44">x</pw><name>bob</name></doc>`
	out, err := StripSecrets([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, leak := range []string{"hunter22", "hunter33", "hunter44"} {
		if strings.Contains(s, leak) {
			t.Errorf("%s survived: %s", leak, s)
		}
	}
	if !strings.Contains(s, "<owner>bob</owner>") || !strings.Contains(s, "<name>bob</name>") {
		t.Errorf("a plain value was blanked: %s", s)
	}
}

// A dump gives back its listing and action list, writes neither when the
// capture has none, counts the devel documents it saved, and takes an
// existing empty folder of its own.
func TestDumpRoundTripEdges(t *testing.T) {
	doc := func(fn string) []byte {
		return []byte(`<doc func="` + fn + `"><metadata name="` + fn + `" type="form"><form><field name="a"><input name="a"/></field></form></metadata></doc>`)
	}
	full := &Capture{Panel: "billmgr", Method: "http", Listing: []byte("user  Users Function type: list\n"),
		ActionList: []byte(`<doc><elem><action>user</action></elem></doc>`),
		Devel:      map[string][]byte{"a.edit": doc("a.edit"), "b.edit": doc("b.edit")}, Failures: map[string]string{}}
	dir := filepath.Join(t.TempDir(), "full")
	saved, err := WriteDump(dir, full, DumpOptions{})
	if err != nil || saved != 2 {
		t.Fatalf("saved %d, %v", saved, err)
	}
	back, err := ReadDump(dir)
	if err != nil || string(back.Listing) != string(full.Listing) || string(back.ActionList) != string(full.ActionList) || len(back.Devel) != 2 {
		t.Fatalf("back: %+v, %v", back, err)
	}
	bare := &Capture{Panel: "billmgr", Method: "http", Devel: map[string][]byte{}, Failures: map[string]string{}}
	empty := filepath.Join(t.TempDir(), "bare")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := PrepareDumpFolder(empty, false); err != nil {
		t.Fatalf("an existing empty folder: %v", err)
	}
	if _, err := WriteDump(empty, bare, DumpOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{listingFile, actionListFile} {
		if _, err := os.Lstat(filepath.Join(empty, name)); err == nil {
			t.Errorf("%s written for a capture without one", name)
		}
	}
	if err := PrepareDumpFolder(filepath.Join(t.TempDir(), "no", "such"), false); err == nil {
		t.Error("a folder under a missing parent was accepted")
	}
}

// File names are kept up to maxFileName bytes and shortened past it.
func TestFileNameLengthEdge(t *testing.T) {
	for _, tc := range []struct {
		n    int
		long bool
	}{{maxFileName, false}, {maxFileName + 1, true}} {
		fn := strings.Repeat("a", tc.n)
		name, long := fileName(fn)
		if long != tc.long || (!long && name != fn) || len(name) > maxFileName {
			t.Errorf("%d bytes: %q (%d), long %v", tc.n, name, len(name), long)
		}
	}
}
