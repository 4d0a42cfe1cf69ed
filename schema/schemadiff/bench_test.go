package schemadiff

import (
	"fmt"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// renamedPanel is a panel of n forms of 20 parameters, and the same panel
// after an upgrade that renamed every function: the worst case for rename
// pairing (n removed against n added).
func renamedPanel(n int) (old, upd *schema.Schema) {
	mk := func(prefix string) *schema.Schema {
		s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr"}
		for i := range n {
			f := schema.Function{Name: fmt.Sprintf("%s%04d.edit", prefix, i), Kind: schema.KindForm, Title: fmt.Sprintf("Object %d", i)}
			for p := range 20 {
				f.Params = append(f.Params, schema.Param{Name: fmt.Sprintf("p%02d_%d", p, i%7), Type: schema.TypeString, Label: fmt.Sprintf("P%d", p)})
			}
			s.Functions = append(s.Functions, f)
		}
		return s
	}
	return mk("obj"), mk("item")
}

// BenchmarkCompareAllRenamed: go test ./schema/schemadiff -run '^$' -bench . -benchmem
func BenchmarkCompareAllRenamed(b *testing.B) {
	for _, n := range []int{100, 1000} {
		old, upd := renamedPanel(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				r, err := Compare(old, upd)
				if err != nil || r.Count(Breaking) < n {
					b.Fatalf("%v %d", err, len(r.Changes))
				}
			}
		})
	}
}
