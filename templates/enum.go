package templates

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

// EmitEnum renders an open enum: a string type, one constant per known
// value and a variable listing them.
func EmitEnum(e *Enum) jen.Code {
	doc := e.Doc
	if len(e.Dropped) > 0 {
		doc = Wrap(doc, "Values without a constant (use them as strings): "+strings.Join(e.Dropped, ", ")+".")
	}
	code := []jen.Code{
		Comment(doc), jen.Line(),
		jen.Type().Id(e.Name).String(), jen.Line(), jen.Line(),
	}
	if len(e.Consts) > 0 {
		var defs []jen.Code
		for _, c := range e.Consts {
			def := jen.Id(c.Name).Id(e.Name).Op("=").Lit(c.Key)
			if c.Label != "" && c.Label != c.Key {
				def.Add(Trailing(Quote(c.Label)))
			}
			defs = append(defs, def)
		}
		code = append(code, jen.Const().Defs(defs...), jen.Line(), jen.Line())
	}
	var vals []jen.Code
	for _, c := range e.Consts {
		vals = append(vals, jen.Id(c.Name))
	}
	// A variable, not a Values method: at a thousand functions the methods
	// (each with the pointer wrapper the compiler adds) cost about a tenth
	// of the package's build memory and time (BENCHMARKS.md).
	code = append(code,
		Comment(Wrap(e.List+" lists the known values; do not modify it.")), jen.Line(),
		jen.Var().Id(e.List).Op("=").Index().Id(e.Name).Values(vals...), jen.Line())
	return jen.Add(code...)
}
