package introspect

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/antchfx/xmlquery"
)

// Each limit lets exactly its bound through and refuses one more, whichever
// of the two checks (the token scan before the tree, the walk after it)
// sees the input first.
func TestLimitBoundaries(t *testing.T) {
	if err := checkSize(make([]byte, MaxInputBytes)); err != nil {
		t.Errorf("MaxInputBytes: %v", err)
	}
	if err := checkSize(make([]byte, MaxInputBytes+1)); err == nil {
		t.Error("MaxInputBytes+1 accepted")
	}
	// Mixed content: text between the elements must not hide their depth.
	nested := func(levels int) []byte {
		return []byte(strings.Repeat("<a>t<b/>", levels) + strings.Repeat("</a>", levels))
	}
	for _, levels := range []int{MaxDepth - 1, MaxDepth + 1} {
		doc, err := xmlquery.Parse(strings.NewReader(string(nested(levels))))
		if err != nil {
			t.Fatal(err)
		}
		scan, walk := scanLimits(nested(levels)), checkDepth(doc)
		// <a> levels deep holds a <b> one level deeper.
		if tooDeep := levels+1 > MaxDepth; (scan != nil) != tooDeep || (walk != nil) != tooDeep {
			t.Errorf("%d levels: scan %v, walk %v", levels, scan, walk)
		}
	}
	if err := checkDepth(&xmlquery.Node{Type: xmlquery.DocumentNode}); err != nil {
		t.Errorf("empty tree: %v", err)
	}
}

// JSON nests at most maxJSONDepth levels below the document, objects and
// arrays alike.
func TestJSONDepthBoundary(t *testing.T) {
	objects := func(levels int) string {
		return `{"doc":` + strings.Repeat(`{"a":`, levels) + `"x"` + strings.Repeat(`}`, levels) + `}`
	}
	arrays := func(levels int) string {
		return `{"doc":` + strings.Repeat(`[`, levels) + `"x"` + strings.Repeat(`]`, levels) + `}`
	}
	for name, build := range map[string]func(int) string{"objects": objects, "arrays": arrays} {
		if _, err := jsonToNode([]byte(build(maxJSONDepth - 1))); err != nil {
			t.Errorf("%s at the limit: %v", name, err)
		}
		if _, err := jsonToNode([]byte(build(maxJSONDepth))); err == nil || !strings.Contains(err.Error(), "nesting too deep") {
			t.Errorf("%s past the limit: %v", name, err)
		}
	}
}

// sjson's flat {"msg": {"name": "text"}} becomes one <msg name=...> per
// entry; anything else under "msg" keeps the general mapping.
func TestJSONFlatMessages(t *testing.T) {
	cases := map[string]string{
		`{"title":"T","hint_a":"H"}`: `<messages><msg name="title">T</msg><msg name="hint_a">H</msg></messages>`,
		`{}`:                         `<messages><msg></msg></messages>`,
		`{"$lang":"ru"}`:             `<messages><msg lang="ru"></msg></messages>`,
		`{"title":{"$":"T"}}`:        `<messages><msg><title>T</title></msg></messages>`,
		`{"":"T","title":"U"}`:       `<messages><msg><title>U</title></msg></messages>`,
		`"plain"`:                    `<messages><msg>plain</msg></messages>`,
	}
	for in, want := range cases {
		root, err := jsonToNode([]byte(`{"messages":{"msg":` + in + `}}`))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := root.OutputXML(false); got != want {
			t.Errorf("%s:\n got %s\nwant %s", in, got, want)
		}
	}
	// Elsewhere "msg" is an ordinary element.
	root, err := jsonToNode([]byte(`{"doc":{"msg":{"title":"T"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := root.OutputXML(false); got != `<doc><msg><title>T</title></msg></doc>` {
		t.Errorf("msg outside messages: %s", got)
	}
}

// A listing line may be long (a function's description joined by the
// panel), up to a megabyte; one longer is an error, not a silent cut.
func TestListingLongLine(t *testing.T) {
	long := "user " + strings.Repeat("word ", 40000) + "Function type: list"
	entries, err := ParseListing([]byte(long + "\n"))
	if err != nil || len(entries) != 1 || entries[0].Type != "list" {
		t.Fatalf("a %d-byte line: %v", len(long), err)
	}
	if _, err := ParseListing([]byte("user " + strings.Repeat("w", 1<<20) + "\n")); err == nil {
		t.Error("a line over a megabyte was accepted")
	}
}

// Prose is refused even when its lines look like names followed by text:
// a listing states a type or "Description is not available" somewhere.
func TestListingNeedsOneListingMark(t *testing.T) {
	if _, err := ParseListing([]byte("Hello this is prose.\nAnother line of prose.\n")); err == nil || !strings.Contains(err.Error(), "not an mgrctl -i listing") {
		t.Errorf("prose: %v", err)
	}
	for _, in := range []string{
		"user " + notAvailable + "\n",
		"user Some words.\nuser.edit Edit one. Function type: form\n",
		"user.edit Edit one. Function type: form\nuser Some words.\n",
	} {
		if _, err := ParseListing([]byte(in)); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	for in, want := range map[string]string{". Rest": "", "One. Two.": "One", "One.": "One", "No period": "No period"} {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// An HTTP answer of exactly maxDocument bytes is read whole; one byte more
// is refused.
func TestHTTPAnswerBoundary(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 128 MiB over loopback")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := maxDocument
		if r.FormValue("func") == "big" {
			n++
		}
		w.Write(make([]byte, n))
	}))
	defer srv.Close()
	h := &HTTPPanel{URL: srv.URL, AllowInsecureHTTP: true, Client: srv.Client()}
	body, err := h.Devel(context.Background(), "fits")
	if err != nil || len(body) != maxDocument {
		t.Errorf("maxDocument bytes: %d, %v", len(body), err)
	}
	if _, err := h.Devel(context.Background(), "big"); err == nil || !strings.Contains(err.Error(), "big: answer larger than") {
		t.Errorf("maxDocument+1 bytes: %v", err)
	}
}

// Includes lists only the functions that include something.
func TestPluginIncludesOnlyWhenPresent(t *testing.T) {
	pl, err := ParsePlugin([]byte(`<mgrdata><metadata name="a" type="form"><form><field name="x"><input name="x"/></field></form></metadata>` +
		`<metadata name="b" type="form"><include name="common"/><form/></metadata></mgrdata>`))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string][]string{"b": {"common"}}; !reflect.DeepEqual(pl.Includes, want) {
		t.Errorf("includes %v, want %v", pl.Includes, want)
	}
}

// A language the preference list does not name still counts, after the
// preferred ones and before unlabelled blocks.
func TestPluginOtherLanguage(t *testing.T) {
	pl, err := ParsePlugin([]byte(`<mgrdata><metadata name="f" type="form"><form/></metadata>` +
		`<messages name="f"><msg name="title">Plain</msg><msg name="only">Unlabelled</msg></messages>` +
		`<lang name="de"><messages name="f"><msg name="title">Titel</msg><msg name="hint">Hinweis</msg></messages></lang>` +
		`<lang name="en"><messages name="f"><msg name="hint">Hint</msg></messages></lang></mgrdata>`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"title": "Titel", "hint": "Hint", "only": "Unlabelled"}
	if got := pl.Messages["f"]; !reflect.DeepEqual(got, want) {
		t.Errorf("messages %v, want %v", got, want)
	}
}

// The bar is drawn only on a character device and only for work to count.
func TestProgressOnlyWithWork(t *testing.T) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer devnull.Close()
	if p := newProgress(devnull, 3); p.w == nil || p.total != 3 {
		t.Errorf("3 items on a device: %+v", p)
	}
	if p := newProgress(devnull, 0); p.w != nil {
		t.Errorf("nothing to count: %+v", p)
	}
	f, err := os.CreateTemp(t.TempDir(), "progress")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := newProgress(f, 3); p.w != nil {
		t.Errorf("a regular file: %+v", p)
	}
	if p := newProgress(nil, 3); p.w != nil {
		t.Errorf("no writer: %+v", p)
	}
}

// The root is the first element after a prolog, comments and white space,
// within the first 64 tokens.
func TestXMLRoot(t *testing.T) {
	for in, want := range map[string]string{
		`<?xml version="1.0"?>` + "\n<!-- c --> <doc/>": "doc",
		`<mgrdata><x/></mgrdata>`:                       "mgrdata",
		strings.Repeat("<!-- c -->", 64) + "<doc/>":     "",
		strings.Repeat("<!-- c -->", 63) + "<doc/>":     "doc",
		"not xml": "",
		"":        "",
	} {
		if got := xmlRoot([]byte(in)); got != want {
			t.Errorf("xmlRoot(%.40q) = %q, want %q", in, got, want)
		}
	}
}
