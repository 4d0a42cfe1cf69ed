package runtime

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
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
	f, err := Open[elidForm](context.Background(), NewClient(NewHTTP(p.URL, nil)), "user.edit", "7", nil)
	if err != nil || f.Elid != "7" || f.Name != "n" {
		t.Fatalf("form %+v, err %v", f, err)
	}
}
