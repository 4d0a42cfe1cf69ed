package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mgrgen/mgrgen/internal/atomicfile"
)

// Normalize puts a schema into its canonical form: version set, functions
// sorted by name. Parameter, column and action order is the panel's own and
// is kept.
func (s *Schema) Normalize() {
	s.SchemaVersion = Version
	if s.Functions == nil {
		s.Functions = []Function{} // written as [], never null
	}
	sort.SliceStable(s.Functions, func(i, j int) bool { return s.Functions[i].Name < s.Functions[j].Name })
	for i := range s.Functions {
		f := &s.Functions[i]
		slices.Sort(f.Sources)
		f.Sources = slices.Compact(f.Sources)
	}
}

// Marshal returns the canonical bytes of s: normalized, validated, indented
// JSON ending in a newline.
func Marshal(s *Schema) ([]byte, error) {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save writes s to path in canonical form, through a temporary file and a
// rename, so a crash leaves the old file whole and a link at path is
// replaced, never followed.
func Save(s *Schema, path string) error {
	b, err := Marshal(s)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, b, 0o644)
}

// Write writes s to w in canonical form.
func Write(w io.Writer, s *Schema) error {
	b, err := Marshal(s)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Decode reads a schema from r and validates it. Unknown keys are errors, so
// a typo in a hand-edited file does not silently drop data.
func Decode(r io.Reader) (*Schema, error) {
	data, err := readBounded(r, 0, maxSchemaBytes)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return decode(data)
}

// readBounded reads all of r, refusing more than limit bytes; size, when
// known and within the limit, sizes the buffer at once (growing one to
// 10 MB or more costs as much as decoding the functions).
func readBounded(r io.Reader, size, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if size > 0 && size <= limit {
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, tooLarge(limit)
	}
	return buf.Bytes(), nil
}

func tooLarge(limit int64) error { return fmt.Errorf("larger than %d bytes", limit) }

// decode is Decode of bytes already read.
func decode(data []byte) (*Schema, error) { return decodeWith(data, unmarshalStrict) }

// A Decoder decodes one JSON value that is all of data into v, refusing
// object keys that name no field, as Decode does. Large schema files are
// decoded in parts on every core with it; whatever it refuses is decoded
// again by encoding/json, which also describes the problem.
type Decoder func(data []byte, v any) error

// decodeWith is decode with the parts of a large file decoded by dec.
func decodeWith(data []byte, dec Decoder) (*Schema, error) {
	return decodeUpTo(data, dec, maxSchemaBytes)
}

// decodeUpTo is decodeWith for data of at most limit bytes.
func decodeUpTo(data []byte, dec Decoder, limit int64) (*Schema, error) {
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("schema: %w", tooLarge(limit))
	}
	// Whether the text check can be skipped is found beside the decoding.
	clean := make(chan bool, 1)
	go func() { clean <- cleanJSONText(data) }()
	s, ok := decodeParallel(data, dec)
	if !ok {
		var err error
		if s, err = decodeSequential(data); err != nil {
			return nil, err
		}
	}
	// Checking every text field of a large schema is most of the cost of
	// loading it; when no string in the file can hold a rejected
	// character, the check can't fail.
	if err := s.validate(!<-clean); err != nil {
		return nil, err
	}
	return s, nil
}

// decodeSequential decodes data with one json.Decoder, which also
// describes what is wrong with a document.
func decodeSequential(data []byte) (*Schema, error) {
	var s Schema
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("schema: %w", DescribeJSONError(data, err, dec.InputOffset()))
	}
	if dec.More() {
		return nil, errors.New("schema: trailing data after the schema object")
	}
	return &s, nil
}

// cleanJSONText reports whether no string of the JSON document data can
// hold what checkText rejects: data is valid UTF-8 without DEL or C1
// control characters, and its only escapes are \", \\, \/ and \u
// escapes of characters that are not control characters or surrogates
// (JSON strings can't hold raw C0 characters).
func cleanJSONText(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(data) && data[i+1] >= 0x80 && data[i+1] <= 0x9f:
			return false // U+0080 to U+009F
		case c == '\\':
			if i+1 >= len(data) {
				return false
			}
			switch data[i+1] {
			case '"', '\\', '/':
				i++
			case 'u':
				if i+6 > len(data) {
					return false
				}
				v, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 32)
				if err != nil || unicode.IsControl(rune(v)) || v >= 0xd800 && v <= 0xdfff {
					return false
				}
				i += 5
			default:
				return false
			}
		}
	}
	return true
}

// Load reads and validates the schema file at path.
func Load(path string) (*Schema, error) {
	s, _, err := ReadFile(path)
	return s, err
}

// ReadFile is Load that also returns the file's bytes, so a caller that
// hashes the file hashes exactly what it loaded.
func ReadFile(path string) (*Schema, []byte, error) { return ReadFileWith(path, unmarshalStrict) }

// ReadFileWith is ReadFile with the parts of a large file decoded by dec
// (see Decoder). Package schema/fastjson passes a faster decoder than
// encoding/json.
func ReadFileWith(path string, dec Decoder) (*Schema, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	data, err := readBounded(f, size, maxSchemaBytes)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	s, err := ParseWith(path, data, dec)
	return s, data, err
}

// Parse decodes and validates data, the schema file called name, with
// errors as Load gives them (NAME:LINE:COL: message).
func Parse(name string, data []byte) (*Schema, error) { return ParseWith(name, data, unmarshalStrict) }

// ParseWith is Parse with the parts of a large file decoded by dec (see
// Decoder).
func ParseWith(name string, data []byte, dec Decoder) (*Schema, error) {
	s, err := decodeWith(data, dec)
	var pe *PositionError
	switch {
	case errors.As(err, &pe):
		return nil, fmt.Errorf("%s:%w", name, pe)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// maxSchemaBytes bounds a schema file (a 5,000-function panel is ~20 MB).
const maxSchemaBytes int64 = 256 << 20

// ValidationError lists every problem Validate found.
type ValidationError struct {
	Problems []string
}

// Error lists the first ten problems and counts the rest.
func (e *ValidationError) Error() string {
	const max = 10
	p := e.Problems
	more := ""
	if len(p) > max {
		more = fmt.Sprintf("; and %d more", len(p)-max)
		p = p[:max]
	}
	return "schema: " + strings.Join(p, "; ") + more
}

// Validate checks that s is a well-formed schema of this Version. The error,
// a *ValidationError, names the function and field of each problem.
func (s *Schema) Validate() error { return s.validate(true) }

// validate is Validate, with the text check only when text is set.
func (s *Schema) validate(text bool) error {
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if s.SchemaVersion != Version {
		add("schema_version is %d, this mgrgen reads %d", s.SchemaVersion, Version)
	}
	if !IsWireName(s.Panel) {
		add("panel %q is not a panel name (such as billmgr or ispmgr)", s.Panel)
	}
	for i := range s.Functions {
		f := &s.Functions[i]
		// Where a problem is is spelled out only for a problem.
		where := func() string { return "function " + strconv.Quote(f.Name) }
		if !IsWireName(f.Name) {
			add("%s: the name must be non-empty and free of spaces and control characters", where())
		}
		if i > 0 {
			switch prev := s.Functions[i-1].Name; {
			case prev == f.Name:
				add("%s: listed twice", where())
			case prev > f.Name:
				add("%s: functions are not sorted by name (after %q)", where(), prev)
			}
		}
		if !slices.Contains(Kinds, f.Kind) {
			add("%s: unknown kind %q", where(), f.Kind)
		}
		seen := map[string]bool{}
		for _, p := range f.Params {
			pw := func() string { return where() + ": param " + strconv.Quote(p.Name) }
			if !IsWireName(p.Name) {
				add("%s: the name must be non-empty and free of spaces and control characters", pw())
			}
			if seen[p.Name] {
				add("%s: listed twice", pw())
			}
			seen[p.Name] = true
			if !slices.Contains(Types, p.Type) {
				add("%s: unknown type %q", pw(), p.Type)
			}
			if p.MaxLength < 0 {
				add("%s: negative maxlength", pw())
			}
			if len(p.Enum) > 1 {
				keys := make(map[string]bool, len(p.Enum))
				for _, e := range p.Enum {
					if keys[e.Key] {
						add("%s: enum key %q listed twice", pw(), e.Key)
					}
					keys[e.Key] = true
				}
			}
		}
		cols := map[string]bool{}
		for _, c := range f.Columns {
			if !IsWireName(c.Name) {
				add("%s: column %q: bad name", where(), c.Name)
			}
			if cols[c.Name] {
				add("%s: column %q listed twice", where(), c.Name)
			}
			cols[c.Name] = true
		}
		for _, a := range f.Actions {
			if a.Func == "" {
				add("%s: action %q has no func", where(), a.Name)
			}
		}
		buttons := map[string]bool{}
		for _, b := range f.Buttons {
			if !IsWireName(b.Name) || buttons[b.Name] {
				add("%s: button %q: bad or repeated name", where(), b.Name)
			}
			buttons[b.Name] = true
		}
		if f.Parent != "" && !IsWireName(f.Parent) {
			add("%s: parent %q is not a function name", where(), f.Parent)
		}
	}
	if text {
		s.checkText(add)
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	return nil
}

// IsWireName reports whether s can be a panel, function, parameter or
// column name on the wire: valid UTF-8, non-empty, with no white space,
// control characters, bidirectional controls, '=' or '&'.
func IsWireName(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r <= ' ' || r == '=' || r == '&' || unicode.IsControl(r) || unicode.IsSpace(r) ||
			unicode.Is(unicode.Bidi_Control, r) || r == 0xFEFF {
			return false
		}
	}
	return true
}
