package runtime

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Cents at the edges of its range: no places and 18 places are allowed,
// and a fraction exactly as long as the places fits.
func TestCentsEdges(t *testing.T) {
	for _, tc := range []struct {
		text   string
		places int
		want   int64
		ok     bool
	}{
		{"12", 0, 12, true},
		{"12.5", 0, 0, false},
		{"12", -1, 0, false},
		{"0.5", 18, 500000000000000000, true},
		{"0.5", 19, 0, false},
		{"12.50", 2, 1250, true},
		{"12.505", 2, 0, false},
	} {
		got, ok := MustDecimal(tc.text).Cents(tc.places)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Cents(%d) of %s = %d, %v; want %d, %v", tc.places, tc.text, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := (Decimal{}).Cents(2); ok {
		t.Error("Cents of the zero Decimal must fail")
	}
}

type encodeRow struct {
	_       struct{} `mgr:"name tags none empty price zero count on"`
	Name    string
	Tags    []string
	None    []string
	Empty   []string
	Price   Decimal
	Zero    Decimal
	Count   int
	On      bool
	Skipped string
}

// Encode sends a plain string, list or Decimal only when not empty, and a
// plain number or bool always.
func TestEncodeSkipsOnlyEmpty(t *testing.T) {
	req := NewRequest("f")
	v := encodeRow{Tags: []string{"a", "b"}, Empty: []string{}, Price: MustDecimal("1.50")}
	if err := Encode(req, &v, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := req.Values.Encode(), "count=0&on=off&price=1.50&tags=a%2C+b"; got != want {
		t.Errorf("encoded %s, want %s", got, want)
	}
}

type rawFirst struct {
	Raw  Row
	Name string `mgr:"name"`
}

type noRaw struct {
	_    struct{} `mgr:"id name"`
	ID   string
	Name string
}

// A Raw field works wherever it is declared, and a struct without one
// drops unknown elements rather than writing them into another field.
func TestRawFieldPlacement(t *testing.T) {
	var r rawFirst
	DecodeInto(Row{"name": {Text: "n"}, "x": {Text: "y"}}, &r)
	if r.Name != "n" || r.Raw["x"].Text != "y" {
		t.Errorf("Raw first: %+v", r)
	}
	var n noRaw
	DecodeInto(Row{"id": {Text: "1"}, "name": {Text: "n"}, "x": {Text: "y"}}, &n)
	if n.ID != "1" || n.Name != "n" {
		t.Errorf("no Raw: %+v", n)
	}
	rows, _, err := DecodeList[noRaw]("l", []byte(`<doc><elem><id>1</id><x>y</x><name>n</name></elem></doc>`), 200)
	if err != nil || len(rows) != 1 || rows[0].ID != "1" || rows[0].Name != "n" {
		t.Errorf("list without Raw: %+v %v", rows, err)
	}
	first, _, err := DecodeList[rawFirst]("l", []byte(`<doc><elem><x>y</x><name>n</name></elem></doc>`), 200)
	if err != nil || len(first) != 1 || first[0].Raw["x"].Text != "y" || first[0].Name != "n" {
		t.Errorf("list with Raw first: %+v %v", first, err)
	}
}

// An <error> with no <msg> child has its own text as the message.
func TestErrorTextWithoutMsg(t *testing.T) {
	_, err := Decode("f", []byte(`<doc><error type="value"> Bad value </error></doc>`), 200)
	pe, ok := err.(*Error)
	if !ok || pe.Msg != "Bad value" {
		t.Fatalf("err = %#v", err)
	}
	_, err = Decode("f", []byte(`<doc><error type="value"><msg>Inner</msg></error></doc>`), 200)
	if pe, ok := err.(*Error); !ok || pe.Msg != "Inner" {
		t.Fatalf("err = %#v", err)
	}
}

// A StatusError shows the status line when it has one, else the code.
func TestStatusErrorText(t *testing.T) {
	if got := (&StatusError{Func: "f", StatusCode: 502, Status: "502 Bad Gateway"}).Error(); got != "mgr f: HTTP 502 Bad Gateway" {
		t.Errorf("with status: %q", got)
	}
	if got := (&StatusError{Func: "f", StatusCode: 502}).Error(); got != "mgr f: HTTP 502" {
		t.Errorf("code only: %q", got)
	}
}

// A file parameter may be as large as the transport's limit, not larger.
func TestFileLimitEdge(t *testing.T) {
	var sends int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sends++
		fmt.Fprint(w, okDoc)
	}))
	defer srv.Close()
	const limit = 1000
	h := NewHTTP(srv.URL, nil, WithMaxResponseBytes(limit))
	for _, size := range []int{limit, limit + 1} {
		req := NewRequest("f")
		req.SetFile("file", File{Name: "a", Content: bytes.NewReader(bytes.Repeat([]byte("x"), size))})
		_, err := h.Call(context.Background(), req)
		if size == limit && err != nil {
			t.Errorf("%d bytes: %v", size, err)
		}
		if size > limit && (err == nil || !strings.Contains(err.Error(), "larger than 1000 bytes")) {
			t.Errorf("%d bytes: err = %v", size, err)
		}
	}
	if sends != 1 {
		t.Errorf("%d sends, want 1 (the oversized file is refused before sending)", sends)
	}
}

type elidForm struct {
	_    struct{} `mgr:"elid name"`
	Elid string
	Name string
}

// Open fills a form's Elid field with the element it opened.
func TestOpenFillsElid(t *testing.T) {
	p := newPanel(t, func(url.Values) (int, string) {
		return 200, `<doc><name>n</name></doc>`
	})
	c := NewClient(NewHTTP(p.URL, nil))
	f, err := Open[elidForm](context.Background(), c, "user.edit", "7", nil)
	if err != nil || f.Elid != "7" || f.Name != "n" || p.last().Get("elid") != "7" {
		t.Fatalf("form %+v, err %v, sent %v", f, err, p.last())
	}
	// A new object's form is opened with no elid at all.
	if _, err := Open[elidForm](context.Background(), c, "user.edit", "", nil); err != nil || p.last().Has("elid") {
		t.Fatalf("new form: err %v, sent %v", err, p.last())
	}
}

// cappedReader gives what is within its limit, then the size error, and
// only the error after that.
func TestCappedReader(t *testing.T) {
	c := &cappedReader{r: strings.NewReader("0123456789"), limit: 4}
	buf := make([]byte, 16)
	n, err := c.Read(buf)
	if n != 4 || string(buf[:n]) != "0123" || err == nil || !strings.Contains(err.Error(), "larger than 4 bytes") {
		t.Errorf("first read: %d %q %v", n, buf[:n], err)
	}
	if n, err := c.Read(buf); n != 0 || err == nil {
		t.Errorf("second read: %d %v", n, err)
	}
	whole := &cappedReader{r: strings.NewReader("0123"), limit: 4}
	if b, err := io.ReadAll(whole); err != nil || string(b) != "0123" {
		t.Errorf("exactly the limit: %q %v", b, err)
	}
}

// The transport asks for XML unless the caller set Accept itself.
func TestAcceptHeader(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Accept"))
		fmt.Fprint(w, okDoc)
	}))
	defer srv.Close()
	for _, h := range []*HTTP{NewHTTP(srv.URL, nil), NewHTTP(srv.URL, nil, WithHeader("Accept", "text/xml"))} {
		if _, err := h.Call(context.Background(), NewReadRequest("user")); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 2 || got[0] != "application/xml, text/xml" || got[1] != "text/xml" {
		t.Errorf("Accept headers %q", got)
	}
}

// Stream hands rows over as they arrive: the first rows reach the caller
// while the panel is still holding back the rest of the answer.
func TestStreamRowsArriveBeforeTheEnd(t *testing.T) {
	for _, status := range []int{200, 299} {
		firstSeen := make(chan struct{})
		timedOut := false
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			fmt.Fprint(w, `<doc>`)
			for i := range 400 { // past the 8 KB the stream peeks at
				fmt.Fprintf(w, `<elem><id>%d</id></elem>`, i)
			}
			w.(http.Flusher).Flush()
			select {
			case <-firstSeen:
			case <-time.After(5 * time.Second):
				timedOut = true
			}
			fmt.Fprint(w, `<elem><id>last</id></elem></doc>`)
		}))
		c := NewClient(NewHTTP(srv.URL, nil))
		n := 0
		for row, err := range Stream[streamRow](context.Background(), c, "vds", nil, nil) {
			if err != nil {
				t.Fatalf("%d: %v", status, err)
			}
			if n == 0 {
				close(firstSeen)
			}
			n++
			_ = row
		}
		srv.Close()
		if n != 401 || timedOut {
			t.Errorf("%d: %d rows, the panel waited in vain: %v", status, n, timedOut)
		}
	}
}

// A streamed answer may be exactly the size limit; one byte more fails,
// and an error status is a *StatusError even when the body looks like a
// list.
func TestStreamLimitAndStatus(t *testing.T) {
	body := `<doc><elem><id>1</id></elem></doc>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fail" {
			w.WriteHeader(500)
		}
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	count := func(url string, limit int64) (int, error) {
		n := 0
		for _, err := range Stream[streamRow](context.Background(), NewClient(NewHTTP(url, nil, WithMaxResponseBytes(limit))), "vds", nil, nil) {
			if err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	}
	if n, err := count(srv.URL, int64(len(body))); n != 1 || err != nil {
		t.Errorf("exactly the limit: %d rows, %v", n, err)
	}
	if _, err := count(srv.URL, int64(len(body))-1); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("one byte over the limit: err = %v", err)
	}
	var se *StatusError
	if _, err := count(srv.URL+"/fail", 1000); !errors.As(err, &se) || se.StatusCode != 500 {
		t.Errorf("500: err = %v", err)
	}
}

// A panel <error> inside a failed status is kept as the cause; a login
// page is not a panel error.
func TestErrorDocumentInsideFailedStatus(t *testing.T) {
	for _, tc := range []struct {
		body  string
		cause bool
	}{
		{`<doc><error type="value" object="name"><msg>Bad</msg></error></doc>`, true},
		{`<doc><error type="auth" object="login_page"><msg>Log in</msg></error></doc>`, false},
		{`<doc><ok/></doc>`, false},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			fmt.Fprint(w, tc.body)
		}))
		_, err := NewHTTP(srv.URL, nil).Call(context.Background(), NewReadRequest("user"))
		srv.Close()
		var se *StatusError
		var pe *Error
		if !errors.As(err, &se) || se.StatusCode != 500 || errors.As(err, &pe) != tc.cause {
			t.Errorf("%s: err = %v, want a 500 *StatusError with cause %v", tc.body, err, tc.cause)
		}
	}
}

// readLimited trusts no announced length for its allocation, and takes an
// answer of exactly the limit.
func TestReadLimitedEdges(t *testing.T) {
	if b, err := readLimited(strings.NewReader("x"), 10, 1<<62); err != nil || string(b) != "x" {
		t.Errorf("lying length: %q %v", b, err)
	}
	for _, announced := range []int64{-1, 0, 5, 10} {
		if b, err := readLimited(strings.NewReader("0123456789"), 10, announced); err != nil || len(b) != 10 {
			t.Errorf("announced %d, exactly the limit: %q %v", announced, b, err)
		}
		if _, err := readLimited(strings.NewReader("0123456789X"), 10, announced); err == nil {
			t.Errorf("announced %d: one byte over the limit was read", announced)
		}
	}
}

// The session id is the auth element's id attribute; its text stands in
// only when there is no attribute.
func TestLoginSessionID(t *testing.T) {
	for _, tc := range []struct{ answer, want string }{
		{`<doc><auth id="A" level="16">B</auth></doc>`, "A"},
		{`<doc><auth level="16"> B </auth></doc>`, "B"},
	} {
		p := newPanel(t, func(v url.Values) (int, string) {
			if v.Get("func") == "auth" {
				return 200, tc.answer
			}
			return 200, okDoc
		})
		if _, err := NewHTTP(p.URL, AuthSession("u", "p")).Call(context.Background(), NewReadRequest("user")); err != nil {
			t.Fatal(err)
		}
		if got := p.last().Get("auth"); got != tc.want {
			t.Errorf("%s: session %q, want %q", tc.answer, got, tc.want)
		}
	}
	p := newPanel(t, func(v url.Values) (int, string) { return 200, `<doc><auth level="16"/></doc>` })
	if _, err := NewHTTP(p.URL, AuthSession("u", "p")).Call(context.Background(), NewReadRequest("user")); !errors.Is(err, ErrAuth) {
		t.Errorf("no id: err = %v", err)
	}
}

// rowOf keeps every attribute of a value but orig, which is the value's
// raw key.
func TestValueAttributes(t *testing.T) {
	resp, err := Decode("f", []byte(`<doc><st orig="on" a="1" b="2">On</st></doc>`), 200)
	if err != nil {
		t.Fatal(err)
	}
	v := resp.Values()["st"]
	if v.Text != "On" || v.Orig != "on" || len(v.Attrs) != 2 || v.Attrs["a"] != "1" || v.Attrs["b"] != "2" {
		t.Errorf("value %+v", v)
	}
}

// TableRows finds a table by element name, or by a name attribute on an
// element that holds rows: an empty slist of the same name is skipped.
func TestTableRowsByName(t *testing.T) {
	resp, err := Decode("f", []byte(`<doc><slist name="t"/><x name="u"><elem><id>9</id></elem></x><list name="t"><elem><id>1</id></elem></list></doc>`), 200)
	if err != nil {
		t.Fatal(err)
	}
	if rows := resp.TableRows("t"); len(rows) != 1 || rows[0]["id"].Text != "1" {
		t.Errorf("rows %v", rows)
	}
	if rows := resp.TableRows("v"); rows != nil {
		t.Errorf("missing table: %v", rows)
	}
}

// An answer with no element at all is not XML.
func TestNoRootIsNotXML(t *testing.T) {
	for _, body := range []string{"", "   ", "<?xml version=\"1.0\"?>", "<!-- c -->"} {
		_, err := Decode("f", []byte(body), 200)
		var de *DecodeError
		if !errors.As(err, &de) || !errors.Is(err, errNotXML) {
			t.Errorf("%q: err = %v", body, err)
		}
	}
}

// A prefixed name splits as encoding/xml splits it.
func TestXMLNamePrefix(t *testing.T) {
	for in, want := range map[string]xml.Name{"ns:tag": {Space: "ns", Local: "tag"}, "tag": {Local: "tag"}, "a:b:c": {Space: "a", Local: "b:c"}} {
		if got := xmlName([]byte(in)); got != want {
			t.Errorf("%s: %+v, want %+v", in, got, want)
		}
	}
}

// A request prints as its function and parameters, a nil one as <nil>,
// in String and in slog.
func TestRequestPrinting(t *testing.T) {
	req := NewRequest("user.edit")
	req.Set("name", "bob")
	if got := req.String(); got != "user.edit name=bob" {
		t.Errorf("String = %q", got)
	}
	if got := req.LogValue().String(); !strings.Contains(got, "user.edit") || !strings.Contains(got, "bob") {
		t.Errorf("LogValue = %q", got)
	}
	var none *Request
	if none.String() != "<nil>" || none.LogValue().String() != "<nil>" {
		t.Errorf("nil: %q %q", none.String(), none.LogValue().String())
	}
}
