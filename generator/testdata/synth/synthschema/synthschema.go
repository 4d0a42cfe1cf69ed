// Package synthschema builds the synthetic schemas the benchmarks use:
// deterministic, and shaped like the real captures (see package synth).
package synthschema

import (
	"fmt"

	"github.com/mgrgen/mgrgen/schema"
)

// New returns a schema of n functions (n/4 areas of four functions each).
func New(n int) *schema.Schema {
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "billmgr", Lang: "en", Source: schema.Source{Method: "files"}}
	for a := 0; a < n/4; a++ {
		area := fmt.Sprintf("obj%04d", a)
		var cols []schema.Column
		for c := 0; c < 15; c++ {
			col := schema.Column{Name: fmt.Sprintf("col%02d", c), Type: "data", Label: fmt.Sprintf("Column %d of %s", c, area)}
			switch c % 5 {
			case 1:
				col.Type = "msg"
			case 4:
				col = schema.Column{Name: fmt.Sprintf("flags%02d", c), Type: "prop", Label: "Flags", Props: []string{fmt.Sprintf("flag%02da", c), fmt.Sprintf("flag%02db", c)}}
			}
			cols = append(cols, col)
		}
		var params []schema.Param
		for p := 0; p < 20; p++ {
			prm := schema.Param{Name: fmt.Sprintf("p%02d", p), Type: "string", Label: fmt.Sprintf("Parameter %d", p), Hint: fmt.Sprintf("What parameter %d of %s means.", p, area)}
			switch p % 10 {
			case 1:
				prm.Type = "bool"
			case 2:
				prm.Type = "int"
			case 3:
				prm.Type = "enum"
				prm.Enum = []schema.EnumValue{{Key: "1", Label: "One"}, {Key: "2", Label: "Two"}, {Key: "3", Label: "Three"}}
				prm.If = []schema.Cond{{Value: "1", Hide: fmt.Sprintf("p%02d", p+1)}}
			case 4:
				prm.Required = true
			case 5:
				prm.Secret = true
			case 6:
				prm.Required = true
				prm.Check = "email"
			case 7:
				prm.Type = "text"
			}
			params = append(params, prm)
		}
		s.Functions = append(s.Functions,
			schema.Function{Name: area, Kind: "list", Title: "Objects " + area, Key: "col00", Columns: cols, Sources: []string{"devel"},
				Actions: []schema.Action{{Name: "edit", Func: area + ".edit", Type: "edit"}, {Name: "delete", Func: area + ".delete", Type: "group"}, {Name: "suspend", Func: area + ".suspend", Type: "group"}}},
			schema.Function{Name: area + ".delete", Kind: "group", Title: "Delete", Sources: []string{"listing"}},
			schema.Function{Name: area + ".edit", Kind: "form", Title: "Object", Params: params, Sources: []string{"devel"}},
			schema.Function{Name: area + ".suspend", Kind: "group", Title: "Suspend", Sources: []string{"listing"}},
		)
	}
	s.Normalize()
	return s
}
