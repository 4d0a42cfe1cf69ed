package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

// agrees fails t when decodeParallelMin accepts data but decodes it
// otherwise than one encoding/json decoder.
func agrees(t *testing.T, name string, data []byte, least int, dec Decoder) bool {
	t.Helper()
	got, ok := decodeParallelMin(data, least, dec)
	if !ok {
		return false
	}
	want, err := sequential(t, data)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the parallel path gives another schema than encoding/json (%v)", name, err)
	}
	return true
}

// The parallel path takes an array of exactly its minimum, and function
// counts that fill their last run exactly or leave one over, with a
// decoder that fills the slice it is given and one that makes its own.
func TestDecodeParallelRunEdges(t *testing.T) {
	fresh := func(data []byte, v any) error {
		if p, ok := v.(*[]Function); ok {
			var own []Function
			err := json.Unmarshal(data, &own)
			*p = own
			return err
		}
		return unmarshalStrict(data, v)
	}
	for _, n := range []int{minParallelFunctions, 5 * functionsPerRun, 5*functionsPerRun + 1, 5*functionsPerRun - 1} {
		data, err := Marshal(bigSchema(n))
		if err != nil {
			t.Fatal(err)
		}
		for name, dec := range map[string]Decoder{"in place": unmarshalStrict, "own slice": fresh} {
			// Each function is decoded once: the runs do not overlap.
			var decoded atomic.Int64
			counting := func(data []byte, v any) error {
				err := dec(data, v)
				if p, ok := v.(*[]Function); ok {
					decoded.Add(int64(len(*p)))
				}
				return err
			}
			if !agrees(t, name, data, minParallelFunctions, counting) {
				t.Errorf("%d functions, %s: refused", n, name)
			}
			if decoded.Load() != int64(n) {
				t.Errorf("%d functions, %s: %d decoded", n, name, decoded.Load())
			}
		}
	}
	data, _ := Marshal(bigSchema(minParallelFunctions - 1))
	if _, ok := decodeParallel(data, unmarshalStrict); ok {
		t.Errorf("%d functions taken in parallel", minParallelFunctions-1)
	}
}

// functionsArray cuts a document exactly, and refuses every prefix of it
// without reading past the end.
func TestFunctionsArrayOnEveryPrefix(t *testing.T) {
	doc := `{"schema_version": 1, "functions": [ {"name": "a"} , {"name": "b\"]"},7,"x\\",[[]], null ], "panel": "x"}`
	start, end, elems, ok := functionsArray([]byte(doc))
	if !ok || doc[start:end] != `[ {"name": "a"} , {"name": "b\"]"},7,"x\\",[[]], null ]` {
		t.Fatalf("ok %v, array %q", ok, doc[start:end])
	}
	var got []string
	for _, e := range elems {
		got = append(got, doc[e[0]:e[1]])
	}
	if want := []string{`{"name": "a"}`, `{"name": "b\"]"}`, `7`, `"x\\"`, `[[]]`, `null`}; !reflect.DeepEqual(got, want) {
		t.Errorf("elements %q, want %q", got, want)
	}
	for i := range len(doc) {
		if _, _, _, ok := functionsArray([]byte(doc[:i])); ok {
			t.Errorf("prefix %q accepted", doc[:i])
		}
	}
	for _, bad := range []string{`[]`, `{"functions": [1,]}`, `{"functions": [1 2]}`, `{"functions": [,1]}`, `{"functions" [1]}`,
		`{"functions": []} x`, `{"panel": "x"}`, `{"functions": {}}`, `{"a": }`, `{"functions": [1]`, `{"functions": [1]]}`, `{1: 2}`} {
		if _, _, _, ok := functionsArray([]byte(bad)); ok {
			t.Errorf("%s accepted", bad)
		}
	}
	if _, _, elems, ok := functionsArray([]byte(`{"functions": []}`)); !ok || len(elems) != 0 {
		t.Errorf("empty array: ok %v, %d elements", ok, len(elems))
	}
}

// skipValue follows strings past escaped quotes, nests exactly as deep as
// maxNesting and no deeper, and refuses a closing bracket with nothing
// open.
func TestSkipValueEdges(t *testing.T) {
	for in, want := range map[string]int{
		`"a\"b" `:  6,
		`"a\\" `:   5,
		`"a\\\"" `: 7,
		`"abc`:     -1,
		`12,`:      2,
		`12`:       2,
		`"" `:      2,
		`true]`:    4,
		`]`:        -1,
		`,`:        -1,
		``:         -1,
		`[1, [2]]`: 8,
		`{"a": 1}`: 8,
		`[1, 2`:    -1,
	} {
		if got := skipValue([]byte(in), 0); got != want {
			t.Errorf("skipValue(%q) = %d, want %d", in, got, want)
		}
	}
	deep := strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting)
	if got := skipValue([]byte(deep), 0); got != len(deep) {
		t.Errorf("%d levels: %d", maxNesting, got)
	}
	deeper := "[" + deep + "]"
	if got := skipValue([]byte(deeper), 0); got != -1 {
		t.Errorf("%d levels: %d", maxNesting+1, got)
	}
}

// A key spelled with an escape is never taken for another: the decoders
// would read it as "functions" and let the later one win.
func TestDecodeParallelEscapedKeys(t *testing.T) {
	data, err := Marshal(bigSchema(3))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.TrimSuffix(strings.TrimSpace(string(data)), "}") + `, "\u0066unctions": []}`
	if agrees(t, "escaped key last", []byte(doc), 1, unmarshalStrict) {
		t.Error("a document with an escaped key was taken")
	}
}

// arrayElements refuses an array that does not end, with no element, one
// or several.
func TestArrayElementsUnterminated(t *testing.T) {
	for _, in := range []string{"[", "[ ", "[1", "[1,", "[1, 2"} {
		if _, _, ok := arrayElements([]byte(in), 0); ok {
			t.Errorf("%q accepted", in)
		}
	}
	if elems, end, ok := arrayElements([]byte("[1, 2] "), 0); !ok || len(elems) != 2 || end != 6 {
		t.Errorf("[1, 2]: %v %d %v", elems, end, ok)
	}
}
