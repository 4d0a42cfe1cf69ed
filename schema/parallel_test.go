package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// bigSchema has enough functions for the parallel decoder.
func bigSchema(n int) *Schema {
	s := &Schema{SchemaVersion: Version, Panel: "billmgr", Source: Source{Method: "files", Inputs: []string{"a.xml"}}}
	for i := range n {
		s.Functions = append(s.Functions, Function{
			Name: fmt.Sprintf("area%04d.edit", i), Kind: KindForm, Title: "Edit \u00e9 <b> \"q\" \\ \\\"x\\\\",
			Params:  []Param{{Name: "name", Type: TypeString, Label: "Name", Required: true}, {Name: "kind", Type: TypeEnum, Enum: []EnumValue{{Key: "a", Label: "A"}}}},
			Buttons: []Button{{Name: "ok", Type: "ok"}},
		})
	}
	return s
}

func sequential(t *testing.T, data []byte) (*Schema, error) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Schema
	err := dec.Decode(&s)
	return &s, err
}

func TestDecodeParallelAgrees(t *testing.T) {
	data, err := Marshal(bigSchema(1000))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodeParallel(data, unmarshalStrict)
	if !ok {
		t.Fatal("decodeParallel refused a canonical file")
	}
	want, err := sequential(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("decodeParallel and one json.Decoder give different schemas")
	}
	// Empty arrays and nulls (no canonical file has them) come out as
	// one decoder makes them.
	nulls := strings.Replace(string(data), `"kind": "form"`, `"kind": "form", "sources": [], "parent": null, "columns": null, "tables": []`, 3)
	want2, err := sequential(t, []byte(nulls))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := decodeParallel([]byte(nulls), unmarshalStrict); !ok || !reflect.DeepEqual(got, want2) {
		t.Errorf("with empty arrays and nulls: ok=%v, same=%v", ok, reflect.DeepEqual(got, want2))
	}
	// Also with the functions key first and odd white space.
	odd := strings.Replace(string(data), `"functions": [`, "\"functions\" :\r\n[ ", 1)
	if got, ok := decodeParallel([]byte(odd), unmarshalStrict); !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("with odd white space: ok=%v, same=%v", ok, reflect.DeepEqual(got, want))
	}
}

// Whatever decodeParallel is unsure of, it leaves to the sequential
// decoder, so Decode gives the same schema or the same error.
func TestDecodeParallelRefuses(t *testing.T) {
	data, err := Marshal(bigSchema(300))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for name, edited := range map[string]string{
		"few functions":                       string(must(Marshal(bigSchema(10)))),
		"a key in capitals":                   strings.Replace(doc, `"panel":`, `"Functions": [], "panel":`, 1),
		"functions twice":                     strings.Replace(doc, `"panel":`, `"functions": [], "panel":`, 1),
		"an escaped key":                      strings.Replace(doc, `"panel":`, `"pan\u0065l":`, 1),
		"trailing data":                       doc + "{}",
		"an unknown field":                    strings.Replace(doc, `"name": "area0200.edit"`, `"name": "area0200.edit", "nmae": 1`, 1),
		"a missing comma":                     strings.Replace(doc, "},\n    {\n      \"name\": \"area0100.edit\"", "}\n    {\n      \"name\": \"area0100.edit\"", 1),
		"a broken element":                    strings.Replace(doc, `"kind": "form"`, `"kind": form`, 1),
		"not an array":                        strings.Replace(doc, `"functions": [`, `"functions": {"x": [`, 1) + "}",
		"a key twice":                         strings.Replace(doc, `"kind": "form"`, `"kind": "form", "kind": "list"`, 1),
		"a key in capitals inside a function": strings.Replace(doc, `"kind": "form"`, `"kind": "form", "Doc": "x"`, 1),
		"invalid UTF-8":                       strings.Replace(doc, `"name": "area0100.edit"`, "\"name\": \"area0100.edit\", \"doc\": \"a\xffb\"", 1),
	} {
		if edited == doc {
			t.Fatalf("%s: the edit did not apply", name)
		}
		// The last three encoding/json takes (a faster Decoder may refuse
		// them); the others the cutting or the decoder refuses.
		v1takes := name == "a key twice" || name == "a key in capitals inside a function" || name == "invalid UTF-8"
		if _, ok := decodeParallel([]byte(edited), unmarshalStrict); ok && !v1takes {
			t.Errorf("%s: decodeParallel accepted it", name)
		}
		// Decode gives what one decoder gives, error or schema.
		want, werr := decodeSequential([]byte(edited))
		if werr == nil {
			werr = want.Validate()
		}
		got, gerr := Decode(strings.NewReader(edited))
		switch {
		case fmt.Sprint(gerr) != fmt.Sprint(werr):
			t.Errorf("%s: Decode() = %v, want %v", name, gerr, werr)
		case werr == nil && !reflect.DeepEqual(got, want):
			t.Errorf("%s: Decode differs from one json.Decoder", name)
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// FuzzDecodeParallel: whatever document the parallel path accepts, one
// encoding/json decoder accepts too and decodes to the same schema.
func FuzzDecodeParallel(f *testing.F) {
	for _, n := range []int{1, 3} {
		f.Add(must(Marshal(bigSchema(n))))
	}
	f.Add([]byte(`{"schema_version": 1, "functions": [{"name": "a"}, null, {"name": "b\"]"}], "panel": "x"}`))
	f.Add([]byte(`{"functions": [{"name": "a", "Name": "b"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := decodeParallelMin(data, 1, unmarshalStrict)
		if !ok {
			return
		}
		want, err := sequential(t, data)
		if err != nil {
			t.Fatalf("the parallel path accepted what encoding/json refuses: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the parallel path and encoding/json differ:\n%+v\n%+v", got, want)
		}
	})
}
