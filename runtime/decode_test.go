package runtime

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mgrgen/mgrgen/internal/fixtures"
)

func TestDecodeRows(t *testing.T) {
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?><doc lang="en" func="webdomain">
<elem><name>a.ru</name><database orig="db_not_assigned">Not used</database><active>on</active><ssl_issued_success/><brand_new>x</brand_new></elem>
<elem><name>b.ru</name><active>off</active></elem>
<p_cnt>1000</p_cnt><p_elems>2</p_elems><p_num>1</p_num></doc>`)
	resp, err := Decode("webdomain", body, 200)
	if err != nil {
		t.Fatal(err)
	}
	rows := resp.Rows()
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[0]
	if r.String("database") != "Not used" || r.Orig("database") != "db_not_assigned" || !r.Bool("ssl_issued_success") ||
		!r.Bool("active") || rows[1].Bool("active") || rows[1].Bool("ssl_issued_success") || r.String("brand_new") != "x" {
		t.Errorf("row = %+v", r)
	}
	if resp.Page() != (Page{Num: 1, Size: 1000, Total: 2}) {
		t.Errorf("page = %+v", resp.Page())
	}
	// One row is still a list of one.
	one, _ := Decode("x", []byte(`<doc><elem><id>1</id></elem></doc>`), 200)
	if len(one.Rows()) != 1 {
		t.Error("a single elem is not one row")
	}
	none, _ := Decode("x", []byte(`<doc/>`), 200)
	if len(none.Rows()) != 0 {
		t.Error("rows in an empty list")
	}
}

func TestDecodeLegacyFlags(t *testing.T) {
	// ISPmanager 4 spelled flags as empty elements; presence means set.
	body := fixtures.Read(t, "legacy-ispmgr4/ispmgr4_xml_services_list.xml")
	resp, err := Decode("services", body, 200)
	if err != nil {
		t.Fatal(err)
	}
	rows := resp.Rows()
	var active []string
	for _, r := range rows {
		if r.Bool("active") {
			active = append(active, r.String("name"))
		}
		if !r.Bool("autostart") {
			t.Errorf("%s: autostart is present but reads false", r.String("name"))
		}
	}
	if len(rows) != 6 || rows[0].Int("count") != 33 || rows[5].String("proc") != "mysqld" ||
		!reflect.DeepEqual(active, []string{"HTTP", "FTP", "DNS", "SMTP", "POP3"}) {
		t.Errorf("%d rows, active %v", len(rows), active)
	}
}

func TestDecodeFormAndResult(t *testing.T) {
	body := []byte(`<doc func="user.edit"><metadata name="user.edit" type="form"/><messages><msg name="x">y</msg></messages>
<elid>42</elid><name>bob</name><active>on</active><limit>10</limit><tags>a, b</tags>
<slist name="level"><val key="1">Admin</val><val key="2">User</val></slist><slist name="mode"><msg>fast</msg></slist>
<tparams><out>xml</out></tparams></doc>`)
	resp, err := Decode("user.edit", body, 200)
	if err != nil {
		t.Fatal(err)
	}
	v := resp.Values()
	if v.String("name") != "bob" || !v.On("active") || v.Int("limit") != 10 || !reflect.DeepEqual(v.List("tags"), []string{"a", "b"}) ||
		v.Has("metadata") || v.Has("slist") || v.Has("tparams") || v.String("elid") != "42" {
		t.Errorf("values = %+v", v)
	}
	want := map[string][]Choice{"level": {{"1", "Admin"}, {"2", "User"}}, "mode": {{"fast", "fast"}}}
	if got := resp.Choices(); !reflect.DeepEqual(got, want) {
		t.Errorf("choices = %+v", got)
	}
	res, _ := Decode("user.edit", []byte(`<doc><ok>func=user</ok><id>15</id></doc>`), 200)
	if r := res.Result(); !r.OK || r.ID != "15" || r.Redirect != "func=user" {
		t.Errorf("result = %+v", r)
	}
	auth := fixtures.Read(t, "xml/billmgr_xml_auth_ok.xml")
	if a, err := Decode("auth", auth, 200); err != nil || a.Doc().Child("auth").Attr("id") != "f33bc6752e3a434e231230f6" {
		t.Errorf("auth document: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	// Real captures seed the corpus when ../shared is present.
	if dir, err := fixtures.Locate(); err == nil {
		for _, name := range []string{"xml/billmgr_xml_auth_ok.xml", "legacy-ispmgr4/ispmgr4_xml_services_list.xml", "errors/billmgr_plugin_emitted_error_xml_type_xml.xml"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`<doc><elem><id>1</id><name orig="a">A</name></elem><elem><id>2</id></elem><p_elems>2</p_elems></doc>`))
	f.Add([]byte(`<doc><error type="exists" object="user"><param name="value">x</param><msg>m</msg></error></doc>`))
	f.Add([]byte(`<doc><ok>func=user</ok><id>5</id></doc>`))
	f.Add([]byte(`<!DOCTYPE html><html><body>login</body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := Decode("fuzz", data, 200)
		if err != nil {
			// Every failure is typed and keeps the body as received.
			var pe *Error
			var de *DecodeError
			switch {
			case errors.As(err, &pe):
				if !bytes.Equal(pe.Raw, data) || pe.Func != "fuzz" || pe.Type == "" {
					t.Fatalf("panel error lost data: %+v", pe)
				}
			case errors.As(err, &de):
				if !bytes.Equal(de.Raw, data) || de.Func != "fuzz" {
					t.Fatalf("decode error lost the body: %+v", de)
				}
			default:
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if !bytes.Equal(resp.Raw, data) || resp.Doc() == nil || resp.Doc().Name != "doc" {
			t.Fatalf("response does not keep the body or the root: %+v", resp)
		}
		// One row per <elem> child of <doc>, each with every child element.
		elems := resp.Doc().All("elem")
		rows := resp.Rows()
		if len(rows) != len(elems) {
			t.Fatalf("%d rows for %d <elem>", len(rows), len(elems))
		}
		for i, e := range elems {
			for _, c := range e.Children {
				if !rows[i].Has(c.Name) {
					t.Fatalf("row %d lost %q", i, c.Name)
				}
			}
		}
		resp.Values()
		resp.Choices()
		resp.Result()
		resp.Page()
		resp.TableRows("x")
	})
}

// hostileText is an answer whose one element's text arrives in 300,000
// pieces (split by comments), which quadratic text gathering chokes on.
func hostileText() []byte {
	return []byte("<doc><name>" + strings.Repeat("x<!---->", 150000) + "</name></doc>")
}

// TestDecodeLinear guards against quadratic decoding: 1.2 MB of split text
// took 33 s when text was gathered with +=; linear decoding takes
// milliseconds, so the generous bound only trips on a regression.
func TestDecodeLinear(t *testing.T) {
	body := hostileText()
	start := time.Now()
	resp, err := Decode("x", body, 200)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("decoding %d bytes took %v", len(body), d)
	}
	if n := len(resp.Values().String("name")); n != 150000 {
		t.Errorf("text of %d bytes, want 150000", n)
	}
}

func BenchmarkDecodeSplitText(b *testing.B) {
	body := hostileText()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode("x", body, 200); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExcerptCutsAtRuneBoundary(t *testing.T) {
	s := strings.Repeat("ж", 10) // 2 bytes each
	got := Excerpt(s, 5)
	if got != "жж..." {
		t.Errorf("Excerpt = %q", got)
	}
	if Excerpt("short", 10) != "short" {
		t.Error("a short text was cut")
	}
}

// fuzzRow is a generated-style row for FuzzDecodeList.
type fuzzRow struct {
	_      struct{} `mgr:"id name status status,orig flag,prop on,on n list=f"`
	ID     string
	Name   string
	Status string
	Orig   string
	Flag   bool
	On     bool
	N      int64
	Raw    Row
}

// FuzzDecodeList: the token-level list decoder agrees with the document
// decoder on every input both accept, and never panics.
func FuzzDecodeList(f *testing.F) {
	f.Add([]byte(`<doc><elem><id>1</id><name>a</name><status orig="x">X</status><flag/><extra>e</extra></elem><elem><id>2</id><n>7</n></elem><p_elems>2</p_elems></doc>`))
	f.Add([]byte(`<doc><error type="auth"><msg>no</msg></error></doc>`))
	f.Add([]byte(`<doc><elem><name><b>nested</b>text</name></elem><ok/></doc>`))
	f.Add([]byte(`<doc><elem><id>1</id><id>2</id><status orig="a">A</status><status orig="b">B</status></elem></doc>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, page, err := DecodeList[fuzzRow]("f", data, 200)
		resp, derr := Decode("f", data, 200)
		if err != nil || derr != nil {
			return
		}
		want := resp.Rows()
		if len(rows) != len(want) {
			t.Fatalf("%d typed rows, %d document rows", len(rows), len(want))
		}
		for i, r := range want {
			if rows[i].ID != r.String("id") || rows[i].Orig != r[("status")].Orig || rows[i].Flag != r.Has("flag") {
				t.Fatalf("row %d: typed %+v, document %+v", i, rows[i], r)
			}
		}
		if page != resp.Page() {
			t.Fatalf("page %+v, document %+v", page, resp.Page())
		}
	})
}

// Every malformed list answer is a *DecodeError naming the function, from
// DecodeList as from the generated path.
func TestDecodeListErrorsAreTyped(t *testing.T) {
	type row struct {
		_    struct{} `mgr:"name"`
		Name string
	}
	for _, body := range []string{
		`<doc><elem><name>a</name></elem>`,
		`<doc><elem><name>a</nam></elem></doc>`,
		`<doc><elem><name>a&bogus;</name></elem></doc>`,
		"<doc><elem><name>\x00</name></elem></doc>",
	} {
		_, _, err := DecodeList[row]("user", []byte(body), 200)
		var de *DecodeError
		if !errors.As(err, &de) || de.Func != "user" || !strings.Contains(err.Error(), "mgr user") {
			t.Errorf("%q: err = %T %v", body, err, err)
		}
	}
}

// The nesting limit holds at its boundary: maxDepth levels are read, one
// more is refused, by the document parser and by the list decoder.
func TestDepthLimitBoundary(t *testing.T) {
	nest := func(levels int) []byte {
		return []byte("<doc>" + strings.Repeat("<a>", levels-1) + strings.Repeat("</a>", levels-1) + "</doc>")
	}
	if _, err := ParseDoc(nest(maxDepth)); err != nil {
		t.Errorf("%d levels: %v", maxDepth, err)
	}
	if _, err := ParseDoc(nest(maxDepth + 1)); err == nil {
		t.Errorf("%d levels accepted", maxDepth+1)
	}
	type row struct {
		_ struct{} `mgr:"a"`
		A string
	}
	// The list decoder reads the same documents: the whole document,
	// doc and elem included, may nest maxDepth levels (as a typed call
	// always allowed, its answer having gone through the tree first).
	field := func(levels int) []byte {
		return []byte("<doc><elem><a>" + strings.Repeat("<b>", levels-3) + strings.Repeat("</b>", levels-3) + "</a></elem></doc>")
	}
	if _, _, err := DecodeList[row]("l", field(maxDepth), 200); err != nil {
		t.Errorf("list, %d levels: %v", maxDepth, err)
	}
	if _, _, err := DecodeList[row]("l", field(maxDepth+1), 200); err == nil {
		t.Errorf("list, %d levels accepted", maxDepth+1)
	}
}
