package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"sync"
)

// minParallelFunctions is the size of a functions array below which the
// file is decoded in one piece: small files load in a few milliseconds
// either way.
const minParallelFunctions = 256

// decodeParallel decodes a schema document on every core with dec: the
// functions, most of a large file, are cut apart at the array's top-level
// commas and decoded in runs, and the rest of the document with an empty
// array in their place. It reports false whenever it can't be sure that
// the result is what one json.Decoder would give (a key spelled unusually,
// a small array, any error at all); the caller then decodes the document
// as usual, which also gives the exact error.
func decodeParallel(data []byte, dec Decoder) (*Schema, bool) {
	return decodeParallelMin(data, minParallelFunctions, dec)
}

// decodeParallelMin is decodeParallel for arrays of at least least
// functions (the fuzz test takes any).
func decodeParallelMin(data []byte, least int, dec Decoder) (*Schema, bool) {
	start, end, elems, ok := functionsArray(data)
	if !ok || len(elems) < least {
		return nil, false
	}
	rest := make([]byte, 0, len(data)-(end-start)+2)
	rest = append(append(append(rest, data[:start]...), "[]"...), data[end:]...)
	var s Schema
	if dec(rest, &s) != nil || len(s.Functions) != 0 {
		return nil, false
	}
	// The functions are decoded in runs of consecutive ones, each run as
	// an array of its own.
	runs := (len(elems) + functionsPerRun - 1) / functionsPerRun
	// Each run decodes into its own part of funcs: a slice with room for
	// exactly its functions, which the decoder fills in place.
	funcs := make([]Function, len(elems))
	failed := make([]bool, runs)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var run []byte // reused: decoders copy what they keep
			for r := w; r < runs; r += workers {
				a, b := r*functionsPerRun, min((r+1)*functionsPerRun, len(elems))
				run = append(append(append(run[:0], '['), data[elems[a][0]:elems[b-1][1]]...), ']')
				part := funcs[a:a:b]
				if dec(run, &part) != nil || len(part) != b-a {
					failed[r] = true
				} else if &part[0] != &funcs[a] {
					copy(funcs[a:b], part) // the decoder made its own slice
				}
			}
		})
	}
	wg.Wait()
	for r := range runs {
		if failed[r] {
			return nil, false
		}
	}
	s.Functions = funcs
	return &s, true
}

// functionsPerRun is how many functions one decoder takes.
const functionsPerRun = 64

// unmarshalStrict is the Decoder of package schema: encoding/json with
// unknown fields refused.
func unmarshalStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

// functionsArray finds the value of the top-level "functions" key of the
// object in data: [start, end) spans it, and elems its elements. It fails on anything a plain
// canonical file does not have: another key that encoding/json would
// also match to Functions (it matches keys without regard to case), the
// key twice, escapes in keys, or trailing data.
func functionsArray(data []byte) (start, end int, elems [][2]int, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return 0, 0, nil, false
	}
	i = skipSpace(data, i+1)
	start = -1
	for i < len(data) && data[i] != '}' {
		if data[i] != '"' {
			return 0, 0, nil, false
		}
		keyEnd := skipValue(data, i)
		if keyEnd < 0 {
			return 0, 0, nil, false
		}
		key := string(data[i+1 : keyEnd-1])
		if strings.IndexByte(key, '\\') >= 0 {
			return 0, 0, nil, false
		}
		i = skipSpace(data, keyEnd)
		if i >= len(data) || data[i] != ':' {
			return 0, 0, nil, false
		}
		i = skipSpace(data, i+1)
		var valueEnd int
		if strings.EqualFold(key, "functions") {
			if key != "functions" || start >= 0 || i >= len(data) || data[i] != '[' {
				return 0, 0, nil, false
			}
			if elems, valueEnd, ok = arrayElements(data, i); !ok {
				return 0, 0, nil, false
			}
			start, end = i, valueEnd
		} else if valueEnd = skipValue(data, i); valueEnd < 0 {
			return 0, 0, nil, false
		}
		i = skipSpace(data, valueEnd)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	if i >= len(data) || start < 0 || skipSpace(data, i+1) != len(data) {
		return 0, 0, nil, false
	}
	return start, end, elems, true
}

// arrayElements returns the spans of the elements of the array starting
// at data[start] and the index after it.
func arrayElements(data []byte, start int) ([][2]int, int, bool) {
	var elems [][2]int
	i := skipSpace(data, start+1)
	for i < len(data) && data[i] != ']' {
		e := skipValue(data, i)
		if e < 0 {
			return nil, 0, false
		}
		elems = append(elems, [2]int{i, e})
		i = skipSpace(data, e)
		switch {
		case i < len(data) && data[i] == ',':
			i = skipSpace(data, i+1)
			if i < len(data) && data[i] == ']' {
				return nil, 0, false // JSON has no trailing comma
			}
		case i >= len(data) || data[i] != ']':
			return nil, 0, false
		}
	}
	if i >= len(data) {
		return nil, 0, false
	}
	return elems, i + 1, true
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// maxNesting keeps a value cut out of the array well inside the nesting
// limit encoding/json applies to the whole document.
const maxNesting = 1000

// skipValue returns the index after the JSON value starting at data[i],
// following only its structure (strings, brackets), or -1 when it does
// not end or nests deeper than maxNesting. The decoders check the rest.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	depth := 0
	for i < len(data) {
		switch c := data[i]; c {
		case '"':
			// To the next quote no odd run of backslashes escapes.
			for {
				k := bytes.IndexByte(data[i+1:], '"')
				if k < 0 {
					return -1
				}
				i += 1 + k
				escapes := 0
				for j := i - 1; data[j] == '\\'; j-- {
					escapes++
				}
				if escapes%2 == 0 {
					break
				}
			}
			i++
		case '{', '[':
			depth++
			if depth > maxNesting {
				return -1
			}
			i++
		case '}', ']':
			depth--
			if depth < 0 {
				return -1
			}
			i++
		default:
			if depth == 0 {
				// A number or a literal: up to the next delimiter.
				start := i
				for i < len(data) && !isDelimiter(data[i]) {
					i++
				}
				if i == start {
					return -1 // no value, as in [1,,2]
				}
				return i
			}
			i++
		}
		if depth == 0 {
			return i
		}
	}
	return -1
}

// isDelimiter reports the bytes that can end a number or a literal.
func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}
