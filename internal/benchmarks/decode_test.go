package benchmarks

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	goruntime "runtime"
	"strings"
	"testing"

	"github.com/antchfx/xmlquery"

	"github.com/mgrgen/mgrgen/runtime"
)

// row is a list row as mgrgen generates it: 15 columns, one localized
// with its raw key, two flags shown by presence.
type row struct {
	Col00     string `mgr:"col00"`
	Col01     string `mgr:"col01"`
	Col01Orig string `mgr:"col01,orig"`
	Col02     string `mgr:"col02"`
	Col03     string `mgr:"col03"`
	Col04     string `mgr:"col04"`
	Col05     string `mgr:"col05"`
	Col06     string `mgr:"col06"`
	Col07     string `mgr:"col07"`
	Col08     string `mgr:"col08"`
	Col09     string `mgr:"col09"`
	Col10     string `mgr:"col10"`
	Col11     string `mgr:"col11"`
	Col12     string `mgr:"col12"`
	FlagA     bool   `mgr:"flag_a,prop"`
	FlagB     bool   `mgr:"flag_b,prop"`
	Raw       runtime.Row
}

// xmlRow is the equivalent struct for encoding/xml.
type xmlRow struct {
	Col00 string `xml:"col00"`
	Col01 struct {
		Text string `xml:",chardata"`
		Orig string `xml:"orig,attr"`
	} `xml:"col01"`
	Col02 string    `xml:"col02"`
	Col03 string    `xml:"col03"`
	Col04 string    `xml:"col04"`
	Col05 string    `xml:"col05"`
	Col06 string    `xml:"col06"`
	Col07 string    `xml:"col07"`
	Col08 string    `xml:"col08"`
	Col09 string    `xml:"col09"`
	Col10 string    `xml:"col10"`
	Col11 string    `xml:"col11"`
	Col12 string    `xml:"col12"`
	FlagA *struct{} `xml:"flag_a"`
	FlagB *struct{} `xml:"flag_b"`
}

type xmlDoc struct {
	Elems []xmlRow `xml:"elem"`
}

// listBody is a list answer of n rows, indented as the panel indents.
func listBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doc func=\"vds\" lang=\"en\">\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  <elem>\n    <col00>%d</col00>\n    <col01 orig=\"status_%d\">Active %d</col01>\n", i, i%4, i%4)
		for c := 2; c <= 12; c++ {
			fmt.Fprintf(&b, "    <col%02d>value %d of row %d</col%02d>\n", c, c, i, c)
		}
		if i%2 == 0 {
			b.WriteString("    <flag_a/>\n")
		}
		if i%3 == 0 {
			b.WriteString("    <flag_b>Tooltip text</flag_b>\n")
		}
		b.WriteString("  </elem>\n")
	}
	fmt.Fprintf(&b, "  <p_num>1</p_num>\n  <p_cnt>%d</p_cnt>\n  <p_elems>%d</p_elems>\n</doc>\n", n, n)
	return b.Bytes()
}

func TestDecodersAgree(t *testing.T) {
	body := listBody(50)
	rows, page, err := runtime.DecodeList[row]("vds", body, 200)
	if err != nil {
		t.Fatal(err)
	}
	var doc xmlDoc
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 50 || page.Total != 50 || len(doc.Elems) != 50 {
		t.Fatalf("%d rows, page %+v, encoding/xml %d", len(rows), page, len(doc.Elems))
	}
	for i, r := range rows {
		x := doc.Elems[i]
		if r.Col00 != x.Col00 || r.Col01 != x.Col01.Text || r.Col01Orig != x.Col01.Orig || r.Col12 != x.Col12 ||
			r.FlagA != (x.FlagA != nil) || r.FlagB != (x.FlagB != nil) || r.Raw != nil {
			t.Fatalf("row %d: mgrgen %+v, encoding/xml %+v", i, r, x)
		}
	}
}

// The three decoders on the same 10,000-row answer, typed rows out.
func BenchmarkDecode10k(b *testing.B) {
	body := listBody(10000)
	b.Run("mgrgen", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			rows, _, err := runtime.DecodeList[row]("vds", body, 200)
			if err != nil || len(rows) != 10000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_xml", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var doc xmlDoc
			if err := xml.Unmarshal(body, &doc); err != nil || len(doc.Elems) != 10000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("xmlquery", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			doc, err := xmlquery.Parse(bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			elems := xmlquery.Find(doc, "/doc/elem")
			rows := make([]row, len(elems))
			for i, e := range elems {
				for c := e.FirstChild; c != nil; c = c.NextSibling {
					if c.Type != xmlquery.ElementNode {
						continue
					}
					switch c.Data {
					case "col00":
						rows[i].Col00 = strings.TrimSpace(c.InnerText())
					case "col01":
						rows[i].Col01, rows[i].Col01Orig = strings.TrimSpace(c.InnerText()), c.SelectAttr("orig")
					case "flag_a":
						rows[i].FlagA = true
					case "flag_b":
						rows[i].FlagB = true
					}
				}
			}
			if len(rows) != 10000 {
				b.Fatal(len(rows))
			}
		}
	})
}

// BenchmarkStream100k streams a 100,000-row list over loopback HTTP and
// reports the peak live heap (after a collection, every 5,000 rows) while
// rows are handed over one by one and dropped by the caller.
func BenchmarkStream100k(b *testing.B) {
	body := listBody(100000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	c := runtime.NewClient(runtime.NewHTTP(srv.URL, nil))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		goruntime.GC()
		var base goruntime.MemStats
		goruntime.ReadMemStats(&base)
		n := 0
		for r, err := range runtime.Stream[row](context.Background(), c, "vds", nil, nil) {
			if err != nil {
				b.Fatal(err)
			}
			_ = r
			n++
			if n%5000 == 0 {
				// Live heap: collect first, so garbage awaiting the next
				// cycle does not count.
				goruntime.GC()
				var ms goruntime.MemStats
				goruntime.ReadMemStats(&ms)
				if ms.HeapInuse > base.HeapInuse && ms.HeapInuse-base.HeapInuse > peak {
					peak = ms.HeapInuse - base.HeapInuse
				}
			}
		}
		if n != 100000 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// memoryTransport answers every request with body, as a panel on the
// other end of a fast link would: the HTTP transport's whole path runs
// (request, status, size limit, decoding), with no network in the figure.
type memoryTransport struct{ body []byte }

func (m memoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{"Content-Type": {"text/xml"}},
		Body: io.NopCloser(bytes.NewReader(m.body)), ContentLength: int64(len(m.body)), Request: r}, nil
}

func memoryClient(body []byte) *runtime.Client {
	return runtime.NewClient(runtime.NewHTTP("http://127.0.0.1:1500/billmgr", runtime.AuthInfo("admin", "secret"),
		runtime.WithHTTPClient(&http.Client{Transport: memoryTransport{body}})))
}

// BenchmarkList10k times the call users make, a typed list of 10,000 rows
// (15 columns, every row with orig, flags) through the HTTP transport over
// memory, beside encoding/xml unmarshalling the same body into a plain
// struct.
func BenchmarkList10k(b *testing.B) {
	body := listBody(10000)
	c := memoryClient(body)
	ctx := context.Background()
	b.Run("mgrgen_call", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			res, err := runtime.List[row](ctx, c, "vds", nil, nil)
			if err != nil || len(res.Rows) != 10000 || res.Page.Total != 10000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_xml", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var doc xmlDoc
			if err := xml.Unmarshal(body, &doc); err != nil || len(doc.Elems) != 10000 {
				b.Fatal(err)
			}
		}
	})
}

// taggedForm is a form's values as mgrgen generates them: 50 fields, ten
// of them selects, with the select options.
type taggedForm struct {
	_       struct{} `mgr:"f00 f01 f02 f03 f04 f05 f06 f07 f08 f09 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 f21 f22 f23 f24 f25 f26 f27 f28 f29 f30 f31 f32 f33 f34 f35 f36 f37 f38 f39 f40 f41 f42 f43 f44 f45 f46 f47 f48 f49"`
	F00     runtime.Optional[string]
	F01     runtime.Optional[string]
	F02     runtime.Optional[string]
	F03     runtime.Optional[string]
	F04     runtime.Optional[string]
	F05     runtime.Optional[string]
	F06     runtime.Optional[string]
	F07     runtime.Optional[string]
	F08     runtime.Optional[string]
	F09     runtime.Optional[string]
	F10     runtime.Optional[string]
	F11     runtime.Optional[string]
	F12     runtime.Optional[string]
	F13     runtime.Optional[string]
	F14     runtime.Optional[string]
	F15     runtime.Optional[string]
	F16     runtime.Optional[string]
	F17     runtime.Optional[string]
	F18     runtime.Optional[string]
	F19     runtime.Optional[string]
	F20     runtime.Optional[string]
	F21     runtime.Optional[string]
	F22     runtime.Optional[string]
	F23     runtime.Optional[string]
	F24     runtime.Optional[string]
	F25     runtime.Optional[string]
	F26     runtime.Optional[string]
	F27     runtime.Optional[string]
	F28     runtime.Optional[string]
	F29     runtime.Optional[string]
	F30     runtime.Optional[string]
	F31     runtime.Optional[string]
	F32     runtime.Optional[string]
	F33     runtime.Optional[string]
	F34     runtime.Optional[string]
	F35     runtime.Optional[string]
	F36     runtime.Optional[string]
	F37     runtime.Optional[string]
	F38     runtime.Optional[string]
	F39     runtime.Optional[string]
	F40     runtime.Optional[string]
	F41     runtime.Optional[string]
	F42     runtime.Optional[string]
	F43     runtime.Optional[string]
	F44     runtime.Optional[string]
	F45     runtime.Optional[string]
	F46     runtime.Optional[string]
	F47     runtime.Optional[string]
	F48     runtime.Optional[string]
	F49     runtime.Optional[string]
	Choices map[string][]runtime.Choice
	Raw     runtime.Row
}

// xmlForm is the same form for encoding/xml.
type xmlForm struct {
	Fields []struct {
		XMLName xml.Name
		Text    string `xml:",chardata"`
	} `xml:",any"`
	Slists []struct {
		Name string `xml:"name,attr"`
		Vals []struct {
			Key  string `xml:"key,attr"`
			Text string `xml:",chardata"`
		} `xml:"val"`
	} `xml:"slist"`
}

// formBody is a form answer: 50 values, 10 selects of 20 options.
func formBody() []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doc func=\"vds.edit\" lang=\"en\">\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "  <f%02d>value of field %d</f%02d>\n", i, i, i)
	}
	for s := 0; s < 10; s++ {
		fmt.Fprintf(&b, "  <slist name=\"f%02d\">\n", s)
		for o := 0; o < 20; o++ {
			fmt.Fprintf(&b, "    <val key=\"key%d\">Option %d of select %d</val>\n", o, o, s)
		}
		b.WriteString("  </slist>\n")
	}
	b.WriteString("  <elid>7</elid>\n</doc>\n")
	return b.Bytes()
}

// BenchmarkFormOpen times opening a typed form (50 fields, 10 selects of
// 20 options) through the HTTP transport over memory, beside encoding/xml
// unmarshalling the same body.
func BenchmarkFormOpen(b *testing.B) {
	body := formBody()
	c := memoryClient(body)
	ctx := context.Background()
	b.Run("mgrgen_call", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			f, err := runtime.Open[taggedForm](ctx, c, "vds.edit", "7", nil)
			if err != nil || f.F49.Value() != "value of field 49" || len(f.Choices["f09"]) != 20 {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_xml", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var f xmlForm
			if err := xml.Unmarshal(body, &f); err != nil || len(f.Slists) != 10 {
				b.Fatal(err)
			}
		}
	})
}
