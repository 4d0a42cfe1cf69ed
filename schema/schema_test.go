package schema

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sample() *Schema {
	return &Schema{
		Panel:  "ispmgr",
		Lang:   "en",
		Source: Source{Method: "files", Inputs: []string{"functions.txt"}},
		Functions: []Function{
			{Name: "admin.edit", Kind: KindForm, Title: "Administrator", Params: []Param{
				{Name: "name", Type: TypeString, Required: true, Label: "Name"},
				{Name: "passwd", Type: TypeString, Secret: true},
				{Name: "active", Type: TypeBool},
			}},
			{Name: "admin", Kind: KindList, Title: "Administrators", Key: "name",
				Columns: []Column{{Name: "name", Type: "data", Label: "Name"}},
				Actions: []Action{{Name: "edit", Func: "admin.edit", Type: "edit"}}},
		},
	}
}

func TestMarshalCanonical(t *testing.T) {
	b, err := Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.schema.json")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("Marshal =\n%s\nwant\n%s", b, want)
	}
	s, err := Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if s.Functions[0].Name != "admin" || s.Lookup("admin.edit").Param("passwd").Secret != true || s.Lookup("nope") != nil {
		t.Errorf("decoded = %+v", s)
	}
	again, _ := Marshal(s)
	if !bytes.Equal(again, b) {
		t.Error("decode and marshal changed the bytes")
	}
}

func TestValidateNamesFunctionAndField(t *testing.T) {
	s := sample()
	s.Normalize()
	s.Functions[1].Params[2].Type = "boolean"
	s.Functions[1].Params = append(s.Functions[1].Params, Param{Name: "name", Type: TypeString})
	s.Functions[0].Kind = "wizard"
	s.Functions = append(s.Functions, Function{Name: "a b", Kind: KindForm})
	err := s.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`function "admin.edit": param "active": unknown type "boolean"`,
		`function "admin.edit": param "name": listed twice`,
		`function "admin": unknown kind "wizard"`,
		`function "a b": the name must be non-empty`,
		`function "a b": functions are not sorted`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	for in, want := range map[string]string{
		`{"schema_version": 2, "panel": "x", "source": {"method": "files"}, "functions": []}`:                                                                                              "schema_version is 2",
		`{"schema_version": 1, "panel": "x", "source": {"method": "files"}, "functions": [], "extra": 1}`:                                                                                  `unknown key "extra"`,
		`{"schema_version": 1, "panel": "", "source": {"method": "files"}, "functions": []}`:                                                                                               `panel ""`,
		`{"schema_version": 1, "panel": "x", "source": {"method": "files"}, "functions": []} {}`:                                                                                           "trailing data",
		`{"schema_version": 1, "panel": "x", "source": {}, "functions": [{"name": "f", "kind": "form", "params": [{"name": "p", "type": "enum", "enum": [{"key": "a"}, {"key": "a"}]}]}]}`: `function "f": param "p": enum key "a" listed twice`,
	} {
		_, err := Decode(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Decode(%s) = %v, want %q", in, err, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	b, _ := Marshal(sample())
	f.Add(b)
	f.Add([]byte(`{"schema_version": 1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Whatever decodes must save and decode again to the same bytes.
		out, err := Marshal(s)
		if err != nil {
			t.Fatalf("a valid schema failed to marshal: %v", err)
		}
		s2, err := Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("saved schema does not load: %v", err)
		}
		out2, _ := Marshal(s2)
		if !bytes.Equal(out, out2) {
			t.Fatal("marshal is not stable")
		}
	})
}

// A schema file with schema_version 0, or none at all, is refused: it was
// not written by Save.
func TestSchemaVersionRequired(t *testing.T) {
	for _, doc := range []string{
		`{"panel":"x","source":{"method":"files"},"functions":[{"name":"a","kind":"list"}]}`,
		`{"schema_version":0,"panel":"x","source":{"method":"files"},"functions":[{"name":"a","kind":"list"}]}`,
	} {
		if _, err := Decode(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), "schema_version") {
			t.Errorf("%s: err = %v", doc, err)
		}
	}
}
