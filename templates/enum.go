package templates

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

// EmitEnum renders an open enum: a string type, one constant per known
// value and a Values method listing them.
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
	code = append(code,
		Comment("Values returns the values known when the code was generated."), jen.Line(),
		jen.Func().Params(jen.Id(e.Name)).Id("Values").Params().Index().Id(e.Name).Block(
			jen.Return(jen.Index().Id(e.Name).Values(vals...)),
		), jen.Line())
	return jen.Add(code...)
}
