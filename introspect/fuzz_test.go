package introspect

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/antchfx/xmlquery"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/schema"
)

// addSeeds seeds a fuzz target with every real capture matching the
// patterns, when the captures in ../shared are present (they are not ours
// to commit). The small seeds each target adds itself are ours; crashers
// the fuzzer finds are kept in testdata/fuzz.
func addSeeds(f *testing.F, patterns ...string) {
	dir, err := fixtures.Locate()
	if err != nil {
		return
	}
	for _, pat := range patterns {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, p := range m {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

func FuzzParseListing(f *testing.F) {
	addSeeds(f, "mgrctl/*.txt")
	// Small seeds let the mutator reach the edge cases quickly.
	f.Add([]byte("a  Function\n   type: group operation\n"))
	f.Add([]byte("admin.delete                                 Delete. Delete administrator. Function type:\n                                             group operation\nauth                                         Description is not available\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ParseListing(data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if !schema.IsWireName(e.Name) || seen[e.Name] {
				t.Fatalf("bad or repeated name %q", e.Name)
			}
			seen[e.Name] = true
		}
		// Whatever parses must build a valid schema.
		if _, err := Build("fuzz", nil, Files{Listings: []Input{{Name: "in", Data: data}}}); err != nil {
			t.Fatalf("parsed listing does not build: %v", err)
		}
	})
}

func FuzzParseDevel(f *testing.F) {
	addSeeds(f, "devel/*.xml", "json/*.json", "errors/*", "xml/*.xml", "legacy-ispmgr4/*.xml")
	f.Add([]byte(`<doc func="f"><metadata name="f" type="form"><form><page name="p"><field name="a"><input type="checkbox" name="a"/><select name="s"><if value="1" hide="a"/></select></field></page></form></metadata><messages name="f"><msg name="s_1">One</msg></messages><slist name="s"><val key="1">One</val></slist></doc>`))
	f.Add([]byte(`{"doc":{"$func":"l","metadata":{"$name":"l","$type":"list","coldata":{"col":[{"$name":"a","$type":"prop","prop":[{"$name":"p"}]}]}},"messages":{"msg":{"a":"A"}}}}`))
	f.Add([]byte(`<doc func="u.edit"><metadata name="u.edit" type="form"><form><field name="p"><input type="password" name="pw"/></field><field name="n"><input name="name"/></field></form></metadata><pw>SECRETVALUE1</pw><name>bob</name><tparams><pw>SECRETVALUE1</pw></tparams></doc>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fn, err := ParseDevel(data)
		if err != nil {
			return
		}
		if _, err := Build("fuzz", nil, Files{Devel: []Input{{Name: "in", Data: data}}}); err != nil {
			t.Fatalf("parsed document does not build: %v", err)
		}
		clean, err := StripSecrets(data)
		if err != nil {
			t.Fatalf("parsed document cannot be stripped: %v", err)
		}
		// Stripping keeps the description, is idempotent, and leaves no
		// value of a secret parameter.
		again, err := ParseDevel(clean)
		if err != nil || !reflect.DeepEqual(again, fn) {
			t.Fatalf("stripping changed the function: %v\n%+v\n%+v", err, fn, again)
		}
		twice, err := StripSecrets(clean)
		if err != nil || !bytes.Equal(twice, clean) {
			t.Fatalf("stripping twice changed the document: %v", err)
		}
		root, err := parseAny(clean)
		if err != nil {
			t.Fatal(err)
		}
		doc := childElement(root, "doc")
		for _, p := range fn.Params {
			if !p.Secret {
				continue
			}
			for c := doc.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == xmlquery.ElementNode && c.Data == p.Name && strings.TrimSpace(c.InnerText()) != "" {
					t.Fatalf("secret %q kept its value %q", p.Name, c.InnerText())
				}
			}
		}
		if tp := childElement(doc, "tparams"); tp != nil && tp.FirstChild != nil {
			t.Fatal("tparams kept its content")
		}
	})
}

func FuzzParsePlugin(f *testing.F) {
	addSeeds(f, "plugin-xml/*/*.xml")
	f.Add([]byte(`<?xml version="1.0" encoding="UTF8"?><mgrdata><metadata name="f"><form><field name="a"><input name="A" type="password"/></field></form></metadata><lang name="en"><messages name="f"><include name="g"/><msg name="a">A</msg></messages></lang></mgrdata>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := ParsePlugin(data); err != nil {
			return
		}
		if _, err := Build("fuzz", nil, Files{Plugins: []Input{{Name: "in", Data: data}}}); err != nil {
			t.Fatalf("parsed plugin does not build: %v", err)
		}
	})
}

func FuzzParseActionList(f *testing.F) {
	f.Add([]byte(`<doc><elem><action>user</action></elem><elem><action>user.edit</action></elem></doc>`))
	f.Add([]byte(`{"doc": {"elem": [{"action": {"$": "user"}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		names, err := ParseActionList(data)
		if err != nil {
			return
		}
		for _, n := range names {
			if !schema.IsWireName(n) {
				t.Fatalf("bad name %q", n)
			}
		}
	})
}
