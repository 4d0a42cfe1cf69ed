package runtime

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mgrgen/mgrgen/internal/fixtures"
)

// parseStd is the reference: the document tree as encoding/xml's Token
// reads it, with the same charset rule and depth limit as ours.
func parseStd(data []byte) (*Node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	var stack []*Node
	var texts [][]byte
	var root *Node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, errors.New("document nested too deeply")
			}
			n := &Node{Name: t.Name.Local, Attrs: t.Attr}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
			} else {
				stack[len(stack)-1].Children = append(stack[len(stack)-1].Children, n)
			}
			stack = append(stack, n)
			texts = append(texts, nil)
		case xml.EndElement:
			last := len(stack) - 1
			stack[last].Text = string(texts[last])
			stack, texts = stack[:last], texts[:last]
		case xml.CharData:
			if last := len(texts) - 1; last >= 0 {
				texts[last] = append(texts[last], t...)
			}
		}
	}
	if root == nil {
		return nil, errNotXML
	}
	return root, nil
}

// sameTree compares element names, attributes (local name and value, in
// order) and text; it returns where they differ.
func sameTree(a, b *Node, path string) string {
	path += "/" + a.Name
	if a.Name != b.Name {
		return fmt.Sprintf("%s: name %q vs %q", path, a.Name, b.Name)
	}
	if a.Text != b.Text {
		return fmt.Sprintf("%s: text %q vs %q", path, a.Text, b.Text)
	}
	if len(a.Attrs) != len(b.Attrs) {
		return fmt.Sprintf("%s: %d attributes vs %d", path, len(a.Attrs), len(b.Attrs))
	}
	for i := range a.Attrs {
		if a.Attrs[i].Name.Local != b.Attrs[i].Name.Local || a.Attrs[i].Value != b.Attrs[i].Value {
			return fmt.Sprintf("%s: attribute %v vs %v", path, a.Attrs[i], b.Attrs[i])
		}
	}
	if len(a.Children) != len(b.Children) {
		return fmt.Sprintf("%s: %d children vs %d", path, len(a.Children), len(b.Children))
	}
	for i := range a.Children {
		if d := sameTree(a.Children[i], b.Children[i], path); d != "" {
			return d
		}
	}
	return ""
}

// intendedDifference reports inputs where the tokenizer differs from
// encoding/xml on purpose. The list is short and each entry is a choice:
//   - A DOCTYPE or other <!...> declaration: refused (encoding/xml reads
//     it, and an entity it declares could then expand).
//   - Names with characters beyond ASCII: package unicode's letters, digits
//     and marks stand in for the XML 1.0 tables encoding/xml uses.
//   - Attribute namespaces: both keep the local name; only encoding/xml
//     translates prefixes into namespace URLs (nothing reads them).
func intendedDifference(data []byte, ours error) bool {
	if ours != nil && strings.Contains(ours.Error(), "DOCTYPE or other declaration") {
		return true
	}
	for i := 0; i < len(data); i++ {
		if data[i] >= utf8.RuneSelf {
			// Only where a name could hold it: after < or inside a tag.
			if lt := bytes.LastIndexByte(data[:i], '<'); lt >= 0 && bytes.IndexByte(data[lt:i], '>') < 0 {
				return true
			}
		}
	}
	return false
}

func checkAgainstStd(t *testing.T, data []byte) {
	ours, oerr := ParseDoc(data)
	std, serr := parseStd(data)
	switch {
	case oerr == nil && serr == nil:
		if d := sameTree(ours, std, ""); d != "" {
			if intendedDifference(data, nil) {
				return
			}
			t.Fatalf("trees differ at %s\ninput %q", d, data)
		}
	case (oerr == nil) != (serr == nil):
		if intendedDifference(data, oerr) {
			return
		}
		t.Fatalf("ours: %v, encoding/xml: %v\ninput %q", oerr, serr, data)
	}
}

// FuzzScannerAgainstEncodingXML feeds both parsers the same bytes: they
// must give the same elements, attributes and text, or both refuse,
// except for the intended differences above. Seeds: testdata/fuzz plus
// every real capture in ../shared when present (read there, not copied).
func FuzzScannerAgainstEncodingXML(f *testing.F) {
	for _, s := range []string{
		`<doc><elem><id>1</id><name orig="x">a &amp; b</name></elem></doc>`,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<doc a='1' b=\"2\"><![CDATA[x<y]]>&#x41;&#66;<!-- c --><?pi x?></doc>",
		`<doc><a/><b></b><c>t<d>u</d>v</c></doc>`,
		`<doc><x:y x:z="1">q</x:y></doc>`,
		`<doc>&lt;&gt;&apos;&quot;</doc>`,
		`<doc><a></b></doc>`,
		`<doc attr="<">`,
		`<!DOCTYPE doc><doc/>`,
		"<doc>\r\r\n</doc>",
		`<doc a="1"b="2"/>`,
	} {
		f.Add([]byte(s))
	}
	if dir, err := fixtures.Locate(); err == nil {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".xml") || strings.HasSuffix(path, ".txt")) {
				if b, err := os.ReadFile(path); err == nil && len(b) < 1<<20 {
					f.Add(b)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstStd(t, data)
		// The streaming path reads the same bytes a few at a time.
		if _, err := ParseDoc(data); err == nil {
			sc := newStreamScanner(&trickle{data: data})
			for {
				if err := sc.next(); err != nil {
					t.Fatalf("whole body parses, streamed: %v\ninput %q", err, data)
				}
				if sc.kind == tokEOF {
					break
				}
			}
		}
	})
}

// trickle hands out its data three bytes per Read.
type trickle struct{ data []byte }

func (r *trickle) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 3)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestScannerOnRealCaptures: every real XML capture parses to the same
// tree as encoding/xml gives.
func TestScannerOnRealCaptures(t *testing.T) {
	dir := fixtures.Dir(t)
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xml") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n++
		ours, oerr := ParseDoc(b)
		std, serr := parseStd(b)
		if (oerr == nil) != (serr == nil) {
			t.Errorf("%s: ours %v, encoding/xml %v", path, oerr, serr)
			return nil
		}
		if oerr == nil {
			if d := sameTree(ours, std, ""); d != "" {
				t.Errorf("%s: %s", path, d)
			}
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no XML captures found")
	}
}

// TestOnePassRefusesMismatchedEndTags: the one pass checks the end tags
// of every path (a list, a form, a plain answer, a stream), as only the
// tree did before.
func TestOnePassRefusesMismatchedEndTags(t *testing.T) {
	type row struct {
		_ struct{} `mgr:"a"`
		A string
	}
	bad := []byte(`<doc><elem><a>1</b></elem></doc>`)
	if _, _, err := DecodeList[row]("l", bad, 200); err == nil || !strings.Contains(err.Error(), "closed by </b>") {
		t.Errorf("list: %v", err)
	}
	if _, err := Decode("f", []byte(`<doc><name>x</nam></doc>`), 200); err == nil {
		t.Error("a plain answer with a mismatched end tag was read")
	}
	if _, err := streamInto("l", &trickle{data: bad}, reflect.TypeFor[row](), func(reflect.Value) bool { return true }); err == nil {
		t.Error("a stream with a mismatched end tag was read")
	}
}

// TestTypedCallsBuildNoTree: a typed list or form call decodes its answer
// in the transport's one pass; the tree is built only when Doc is asked.
func TestTypedCallsBuildNoTree(t *testing.T) {
	type row struct {
		_    struct{} `mgr:"id name list=user"`
		ID   string
		Name string
		Raw  Row
	}
	type form struct {
		_       struct{} `mgr:"name"`
		Name    Optional[string]
		Choices map[string][]Choice
		Resp    *Response `mgr:"-"`
	}
	p := newPanel(t, func(v url.Values) (int, string) {
		if v.Get("func") == "user" {
			return 200, `<doc><elem><id>1</id><name>a</name></elem><p_elems>1</p_elems></doc>`
		}
		return 200, `<doc><name>bob</name><slist name="name"><val key="b">Bob</val></slist></doc>`
	})
	c := NewClient(NewHTTP(p.URL, NoAuth()))
	res, err := List[row](context.Background(), c, "user", nil, nil)
	if err != nil || len(res.Rows) != 1 || res.Rows[0].Name != "a" || res.Page.Total != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if res.Response.doc != nil {
		t.Error("a typed list built the document tree")
	}
	if res.Response.Doc().Child("elem") == nil || res.Response.doc == nil {
		t.Error("Doc did not build the tree on demand")
	}
	req := NewReadRequest("user.edit")
	req.sink = formSink(reflect.TypeFor[form]())
	resp, err := c.Do(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var f form
	fill(reflect.ValueOf(&f).Elem(), resp, "", req.sink)
	if f.Name.Value() != "bob" || f.Choices["name"][0] != (Choice{Key: "b", Label: "Bob"}) || resp.doc != nil {
		t.Errorf("form %+v, tree built: %v", f, resp.doc != nil)
	}
}

// TestRowFieldKinds: each way a row field is written by offset gives what
// the reflect path gives, and text a field cannot hold stays in Raw.
func TestRowFieldKinds(t *testing.T) {
	type color string
	type row struct {
		_     struct{} `mgr:"s s,orig p,prop f n d l e o"`
		S     string
		SOrig string
		P     bool
		F     bool
		N     int64
		D     Decimal
		L     []string
		E     []color
		O     Optional[int64]
		Raw   Row
	}
	body := []byte(`<doc><elem><s orig="k">S</s><p/><f>off</f><n> 42 </n><d>1.50</d><l>a, b</l><e>red,blue</e><o>unlimited</o></elem>` +
		`<elem><n>unlimited</n><d>x</d></elem></doc>`)
	rows, _, err := DecodeList[row]("l", body, 200)
	if err != nil || len(rows) != 2 {
		t.Fatalf("%+v %v", rows, err)
	}
	r := rows[0]
	if r.S != "S" || r.SOrig != "k" || !r.P || r.F || r.N != 42 || r.D.String() != "1.50" || strings.Join(r.L, "|") != "a|b" ||
		len(r.E) != 2 || r.E[1] != "blue" || r.O.Text() != "unlimited" || r.Raw != nil {
		t.Errorf("row 0 = %+v", r)
	}
	r = rows[1]
	if r.N != 0 || r.Raw.String("n") != "unlimited" || r.Raw.String("d") != "x" {
		t.Errorf("row 1 = %+v", r)
	}
}
