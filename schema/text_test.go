package schema

import (
	"encoding/json"
	"strings"
	"testing"
)

func textSchema() *Schema {
	return &Schema{SchemaVersion: Version, Panel: "ispmgr", Source: Source{Method: "files"}, Functions: []Function{{
		Name: "user.edit", Kind: KindForm, Title: "User", Doc: "First line.\n\tSecond line.",
		Params:  []Param{{Name: "name", Type: TypeString, Label: "Name", Enum: []EnumValue{{Key: "a", Label: "A"}}}},
		Columns: []Column{{Name: "c", Label: "C"}}, Actions: []Action{{Name: "n", Func: "user.edit", Label: "New"}},
		Pages: []Page{{Name: "p", Label: "P"}},
	}}}
}

func TestLoadRejectsControlCharactersInOneLineFields(t *testing.T) {
	for _, c := range []struct {
		edit func(*Schema)
		want string
	}{
		{func(s *Schema) { s.Functions[0].Title = "User\n//go:generate rm" }, `function "user.edit": title: holds a line break`},
		{func(s *Schema) { s.Functions[0].Params[0].Label = "Na\rme" }, `function "user.edit": param "name": label: holds a line break`},
		{func(s *Schema) { s.Functions[0].Params[0].Hint = "x\x00" }, `param "name": hint: holds a control character (U+0000)`},
		{func(s *Schema) { s.Functions[0].Params[0].Enum[0].Label = "A\u0085" }, `param "name": enum label: holds a control character (U+0085)`},
		{func(s *Schema) { s.Functions[0].Columns[0].Label = "C\tD" }, `column "c": label: holds a control character (U+0009)`},
		{func(s *Schema) { s.Functions[0].Actions[0].Label = "New\n" }, `action "n": label: holds a line break`},
		{func(s *Schema) { s.Functions[0].Pages[0].Label = "\x1b[2J" }, `page "p": label: holds a control character (U+001B)`},
		{func(s *Schema) { s.Functions[0].Doc = "a\x07b" }, `function "user.edit": doc: holds a control character (U+0007)`},
	} {
		s := textSchema()
		c.edit(s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate() = %v, want %q", err, c.want)
		}
		// Decode runs the same check on a file.
		b, _ := json.Marshal(s)
		if _, err := Decode(strings.NewReader(string(b))); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Decode() = %v, want %q", err, c.want)
		}
		// FoldText turns the same schema into a valid one.
		s.FoldText()
		if err := s.Validate(); err != nil {
			t.Errorf("after FoldText: %v", err)
		}
	}
	if err := textSchema().Validate(); err != nil {
		t.Errorf("a doc with line breaks and tabs is fine: %v", err)
	}
}

func TestFoldText(t *testing.T) {
	s := textSchema()
	s.Functions[0].Title = "  Two\n  lines\u0085and\x00 more "
	s.Functions[0].Doc = " Keep\nlines\x07 \n"
	s.FoldText()
	if got := s.Functions[0].Title; got != "Two lines and more" {
		t.Errorf("title = %q", got)
	}
	if got := s.Functions[0].Doc; got != "Keep\nlines" {
		t.Errorf("doc = %q", got)
	}
}

func TestIsWireNameRefusesInvisibleCharacters(t *testing.T) {
	for _, s := range []string{"a\u0085b", "a\u202eb", "a\u2066", "\ufeffa", "a\u2028b", "a\u00a0b", "a\xffb", ""} {
		if IsWireName(s) {
			t.Errorf("IsWireName(%q) = true", s)
		}
	}
	for _, s := range []string{"user.edit", "пользователь", "ssl-id", "v2.vds.order.param"} {
		if !IsWireName(s) {
			t.Errorf("IsWireName(%q) = false", s)
		}
	}
}

// Decode skips the text check when no string in the file can hold a
// rejected character; every spelling of one in JSON must still reach it.
func TestDecodeChecksTextWhateverItsSpelling(t *testing.T) {
	s := textSchema()
	s.Functions[0].Title = "TITLE"
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, spelled := range []string{`a\nb`, `a\rb`, `a\tb`, `a\bb`, `a\fb`, `a\u0007b`, `a\u007Fb`, `a\u0085b`, "a\x7fb", "a\u0085b", `a\u001bb`} {
		doc := strings.Replace(string(b), "TITLE", spelled, 1)
		if cleanJSONText([]byte(doc)) {
			t.Errorf("cleanJSONText(%q) = true", spelled)
		}
		if _, err := Decode(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), `function "user.edit": title: holds a`) {
			t.Errorf("title %s: Decode() = %v, want the text check's error", spelled, err)
		}
	}
	for _, spelled := range []string{`a\u003cb\u003e`, `a\"b\\c\/d`, `Пользователь`, `a\u00a0b`} {
		doc := strings.Replace(string(b), "TITLE", spelled, 1)
		// The doc field holds line breaks, so only a schema without them
		// is clean.
		doc = strings.Replace(doc, `First line.\n\tSecond line.`, "First line.", 1)
		if !cleanJSONText([]byte(doc)) {
			t.Errorf("cleanJSONText(%q) = false", spelled)
		}
		if _, err := Decode(strings.NewReader(doc)); err != nil {
			t.Errorf("title %s: %v", spelled, err)
		}
	}
}

// cleanJSONText at the edges of each range it refuses, and on data that
// ends inside an escape (the check runs before the decoder sees the data,
// so it must never read past the end).
func TestCleanJSONTextEdges(t *testing.T) {
	for in, want := range map[string]bool{
		`\`:           false,
		`"abc\`:       false,
		`"\u004`:      false,
		`"\u0041"`:    true,
		`\u0041`:      true, // the escape ends the data
		`"\u001f"`:    false,
		`"\u0020"`:    true,
		`"\u007e"`:    true,
		`"\u009f"`:    false,
		`"\u00a0"`:    true,
		`"\ud7ff"`:    true,
		`"\ud800"`:    false,
		`"\udfff"`:    false,
		`"\ue000"`:    true,
		`"\uzzzz"`:    false,
		`"\x"`:        false,
		"\"\u0080\"":  false,
		"\"\u009f\"":  false,
		"\"\u00a0\"":  true,
		"\"\u007e\"":  true,
		"\"\u007f\"":  false,
		"\xc2":        false,
		`"a\"b\\c\/"`: true,
	} {
		if got := cleanJSONText([]byte(in)); got != want {
			t.Errorf("cleanJSONText(%q) = %v, want %v", in, got, want)
		}
	}
}
