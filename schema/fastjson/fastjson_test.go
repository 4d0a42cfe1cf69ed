package fastjson

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// bigSchema has enough functions for the parallel path.
func bigSchema(n int) []byte {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Source: schema.Source{Method: "files", Inputs: []string{"a.xml"}}}
	for i := range n {
		s.Functions = append(s.Functions, schema.Function{
			Name: fmt.Sprintf("area%04d.edit", i), Kind: schema.KindForm, Title: "Édition <b> \"q\" \\ \\\"x\\\\",
			Params:  []schema.Param{{Name: "name", Type: schema.TypeString, Label: "Имя", Required: true}, {Name: "kind", Type: schema.TypeEnum, Enum: []schema.EnumValue{{Key: "a", Label: "A"}}}},
			Columns: []schema.Column{{Name: "c", Props: []string{"x", "y"}}},
			Buttons: []schema.Button{{Name: "ok", Type: "ok"}},
		})
	}
	data, err := schema.Marshal(s)
	if err != nil {
		panic(err)
	}
	return data
}

// Parse gives what schema.Parse gives, schema or error, for canonical
// files and for those only encoding/json takes.
func TestParseAgrees(t *testing.T) {
	doc := string(bigSchema(600))
	for name, text := range map[string]string{
		"canonical":              doc,
		"empty arrays and nulls": strings.Replace(doc, `"kind": "form"`, `"kind": "form", "sources": [], "parent": null, "tables": []`, 5),
		"a key twice":            strings.Replace(doc, `"kind": "form"`, `"kind": "form", "kind": "list"`, 1),
		"a key in capitals":      strings.Replace(doc, `"kind": "form"`, `"kind": "form", "Doc": "x"`, 1),
		"invalid UTF-8":          strings.Replace(doc, `"name": "area0100.edit"`, "\"name\": \"area0100.edit\", \"doc\": \"a\xffb\"", 1),
		"an unknown field":       strings.Replace(doc, `"name": "area0200.edit"`, `"name": "area0200.edit", "nmae": 1`, 1),
		"a control character":    strings.Replace(doc, `"name": "area0300.edit"`, `"name": "area0300.edit", "title": "a\u0007b"`, 1),
		"a number where text is": strings.Replace(doc, `"kind": "form"`, `"kind": 1`, 1),
		"functions out of order": strings.Replace(doc, `"area0005.edit"`, `"area9999.edit"`, 1),
		"a trailing comma":       strings.Replace(doc, "}\n  ]\n}", "},\n  ]\n}", 1),
	} {
		if text == doc && name != "canonical" {
			t.Fatalf("%s: the edit did not apply", name)
		}
		got, gerr := Parse("f.json", []byte(text))
		want, werr := schema.Parse("f.json", []byte(text))
		switch {
		case fmt.Sprint(gerr) != fmt.Sprint(werr):
			t.Errorf("%s: Parse() = %v, want %v", name, gerr, werr)
		case werr == nil && !reflect.DeepEqual(got, want):
			t.Errorf("%s: the schemas differ", name)
		}
	}
}

// FuzzDecodeAgrees: whatever one function's JSON the v2 decoder takes,
// encoding/json takes and decodes the same (the cutting of the document
// is fuzzed in package schema).
func FuzzDecodeAgrees(f *testing.F) {
	f.Add([]byte(`{"name": "a.b", "kind": "form", "params": [{"name": "x", "enum": [{"key": "k"}]}]}`))
	f.Add([]byte(`{"name": "a\u00e9\"", "columns": null, "tables": [], "maxlength": 3}`))
	f.Add([]byte(`{"name": "a", "Name": "b"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got schema.Function
		if Decode(data, &got) != nil {
			return
		}
		var want schema.Function
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil || dec.More() {
			t.Fatalf("the v2 decoder took what encoding/json refuses: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the decoders differ:\n%+v\n%+v", got, want)
		}
	})
}
