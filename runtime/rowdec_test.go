package runtime

import (
	"context"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// leadGroupRow binds the group with its own tag on its first field, so the
// group field sits at index 0.
type leadGroupRow struct {
	Group string `mgr:",group"`
	ID    string `mgr:"id"`
}

func TestGroupFieldFirst(t *testing.T) {
	rows, _, err := DecodeList[leadGroupRow]("x", []byte(`<doc><list name="g1"><elem><id>1</id></elem></list></doc>`), 200)
	if err != nil || len(rows) != 1 || rows[0].Group != "g1" || rows[0].ID != "1" {
		t.Fatalf("rows %+v, %v", rows, err)
	}
}

// TestSkipNestedUnknown: a row type with no Raw field skips an element it
// has no field for, children and all, and goes on reading the row.
func TestSkipNestedUnknown(t *testing.T) {
	body := `<doc><elem><extra><x>1</x><y><z/></y></extra><id>7</id></elem><elem><id>8</id></elem></doc>`
	rows, _, err := DecodeList[plainRow]("x", []byte(body), 200)
	if err != nil || len(rows) != 2 || rows[0].ID != "7" || rows[1].ID != "8" {
		t.Fatalf("rows %+v, %v", rows, err)
	}
}

// TestTextInPieces: text split by comments, CDATA and entities comes back
// whole, in the order sent, on the whole-body and the streaming scanner.
func TestTextInPieces(t *testing.T) {
	for _, tc := range []struct{ xml, want string }{
		{`ab<!--c-->cd`, "abcd"},
		{`a<!---->b<!---->c`, "abc"},
		{`a&amp;b<!---->c&lt;d`, "a&bc<d"},
		{`a&amp;b<!---->c&lt;d<!---->e&gt;f`, "a&bc<de>f"},
		{`x<![CDATA[<y>]]>z`, "x<y>z"},
	} {
		body := `<doc><elem><id>` + tc.xml + `</id><name>n</name></elem></doc>`
		rows, _, err := DecodeList[plainRow]("x", []byte(body), 200)
		if err != nil || len(rows) != 1 || rows[0].ID != tc.want || rows[0].Name != "n" {
			t.Errorf("%s: rows %+v, %v", tc.xml, rows, err)
		}
		var got []plainRow
		_, err = streamRows(strings.NewReader(body), &got)
		if err != nil || len(got) != 1 || got[0].ID != tc.want {
			t.Errorf("%s streamed: rows %+v, %v", tc.xml, got, err)
		}
	}
}

func streamRows(r *strings.Reader, out *[]plainRow) (Page, error) {
	return streamInto("x", r, reflect.TypeFor[plainRow](), func(v reflect.Value) bool {
		*out = append(*out, v.Interface().(plainRow))
		return true
	})
}

// spacedForm is a form-values struct for TestFormValueKeepsSpaces.
type spacedForm struct {
	_    struct{} `mgr:"name note"`
	Name string
	Note string
}

// TestFormValueKeepsSpaces: a form's value is its text exactly as sent,
// spaces included, on the typed path (Open) and on Values.
func TestFormValueKeepsSpaces(t *testing.T) {
	body := `<doc func="x.edit"><metadata name="x.edit" type="form"/><name>  padded  </name><note>` + "\n" + `</note></doc>`
	p := newPanel(t, func(url.Values) (int, string) { return 200, body })
	f, err := Open[spacedForm](context.Background(), NewClient(NewHTTP(p.URL, AuthInfo("admin", "pw"))), "x.edit", "1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "  padded  " || f.Note != "\n" {
		t.Errorf("Open: name %q note %q", f.Name, f.Note)
	}
	resp, err := Decode("x.edit", []byte(body), 200)
	if err != nil {
		t.Fatal(err)
	}
	if v := resp.Values(); v.String("name") != "  padded  " || v.String("note") != "\n" {
		t.Errorf("Values: name %q note %q", v.String("name"), v.String("note"))
	}
}

// TestDecodedAttribute: an attribute that needed decoding comes back
// decoded from a whole body.
func TestDecodedAttribute(t *testing.T) {
	type origRow struct {
		_        struct{} `mgr:"id name,orig"`
		ID       string
		NameOrig string
	}
	body := `<doc><elem><id a="1">7</id><name orig="a&amp;b">N</name></elem></doc>`
	rows, _, err := DecodeList[origRow]("x", []byte(body), 200)
	if err != nil || len(rows) != 1 || rows[0].NameOrig != "a&b" || rows[0].ID != "7" {
		t.Fatalf("rows %+v, %v", rows, err)
	}
}

// TestResultRedirect: <ok>'s text is where the panel points next; a
// top-level <redirect> counts only when <ok> names nothing.
func TestResultRedirect(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`<doc><ok/><redirect>func=a</redirect></doc>`, "func=a"},
		{`<doc><ok>func=b</ok><redirect>func=a</redirect></doc>`, "func=b"},
		{`<doc><redirect>func=c</redirect></doc>`, "func=c"},
		{`<doc><ok/></doc>`, ""},
	} {
		resp, err := Decode("x", []byte(tc.body), 200)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Result().Redirect; got != tc.want {
			t.Errorf("%s: redirect %q, want %q", tc.body, got, tc.want)
		}
	}
}

// nestedTableForm reads the table "tbl" of a form.
type nestedTableForm struct {
	_    struct{} `mgr:"name"`
	Name string
	Tbl  []plainRow `mgr:"tbl,table"`
}

// TestTopLevelTableWins: the form's table is the one at the top level of
// the answer, not an element of the same name nested deeper and earlier.
func TestTopLevelTableWins(t *testing.T) {
	body := `<doc func="x.edit"><metadata name="x.edit" type="form"/><other><tbl><elem><id>inner</id></elem></tbl></other>` +
		`<name>n</name><tbl><elem><id>top</id></elem></tbl></doc>`
	p := newPanel(t, func(url.Values) (int, string) { return 200, body })
	f, err := Open[nestedTableForm](context.Background(), NewClient(NewHTTP(p.URL, AuthInfo("admin", "pw"))), "x.edit", "1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "n" || len(f.Tbl) != 1 || f.Tbl[0].ID != "top" {
		t.Errorf("form %+v", f)
	}
}

// TestXMLNameBytes holds the ASCII part of XML 1.0's name rule: a letter,
// '_' or ':' first; digits, '-' and '.' after.
func TestXMLNameBytes(t *testing.T) {
	const first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_:"
	const rest = first + "0123456789-."
	for c := byte(0); c < 0x80; c++ {
		if got, want := isXMLNameBytes([]byte{c}), strings.IndexByte(first, c) >= 0; got != want {
			t.Errorf("name %q: valid %v, want %v", c, got, want)
		}
		if got, want := isXMLNameBytes([]byte{'x', c}), strings.IndexByte(rest, c) >= 0; got != want {
			t.Errorf("name %q: valid %v, want %v", "x"+string(c), got, want)
		}
	}
}
