package benchmarks

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
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
