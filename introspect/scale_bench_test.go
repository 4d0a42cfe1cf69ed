package introspect

import (
	"fmt"
	"strings"
	"testing"
)

// pluginWithFields is a plugin file with one form of n fields, each with
// its label.
func pluginWithFields(n int) []byte {
	var b strings.Builder
	b.WriteString("<mgrdata><metadata name='big.edit' type='form'><form>")
	for i := range n {
		fmt.Fprintf(&b, "<field name='f%d'><input type='text' name='f%d'/></field>", i, i)
	}
	b.WriteString("</form></metadata><lang name='en'><messages name='big.edit'>")
	for i := range n {
		fmt.Fprintf(&b, "<msg name='f%d'>Field %d</msg>", i, i)
	}
	b.WriteString("</messages></lang></mgrdata>")
	return []byte(b.String())
}

// BenchmarkPluginFields times introspecting a plugin form of 6,000 and of
// 60,000 fields side by side; ns/field stays flat when the work is linear
// (it grew tenfold with the per-field search by name this replaced).
func BenchmarkPluginFields(b *testing.B) {
	for _, n := range []int{6000, 60000} {
		data := pluginWithFields(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := Build("x", nil, Files{Plugins: []Input{{Name: "p.xml", Data: data}}})
				if err != nil || len(s.Functions[0].Params) != n {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/field")
		})
	}
}
