package templates

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

var kindNames = map[string]string{
	"form": "form", "list": "list", "report": "report", "group": "group operation",
}

// MethodDoc is the doc comment of a function's main method.
func MethodDoc(f *Func, method, what string) string {
	title := f.Title
	head := fmt.Sprintf("%s %s the panel %s %s", method, what, kindNames[f.Kind], Quote(f.Wire))
	if title != "" {
		head += " (" + title + ")"
	}
	parts := []string{sentence(head)}
	if f.Doc != "" && f.Doc != title && strings.TrimSuffix(f.Doc, ".") != title {
		parts = append(parts, sentence(f.Doc))
	}
	if f.Kind == "group" && f.Request == nil {
		parts = append(parts, "It acts on the objects elid; per-call options go in ctx (runtime.WithOptions).")
	}
	if f.Kind == "form" {
		parts = append(parts, "An empty req.Elid creates an object, otherwise that object changes; parameters left unset are not sent.")
	}
	if f.Kind == "list" && f.Parent != "" {
		parts = append(parts, fmt.Sprintf("This is a sub-list: it lists the rows under one row of the list %s. Set req.Parent to that row's key (it is sent as elid); forms and operations on these rows take it as runtime.Plid.", Quote(f.Parent)))
	}
	text := Wrap(parts...)
	if len(f.Actions) > 0 {
		var lines []string
		for _, a := range f.Actions {
			line := "  - " + a.Func
			if a.Label != "" {
				line += " (" + a.Label + ")"
			}
			if a.Type != "" {
				line += ", " + a.Type
			}
			if a.Method != "" {
				line += ": " + a.Method
			}
			lines = append(lines, line)
		}
		text += "\n\nToolbar actions of this list:\n\n" + strings.Join(lines, "\n")
	}
	return text
}

func ctxParam() jen.Code { return jen.Id("ctx").Qual("context", "Context") }
func optsParam() jen.Code {
	return jen.Id("opts").Op("...").Add(rt("Option"))
}

// EmitMethods renders the Client methods of one function: a list call and
// its streaming twin, a form's Get and submit pair, a report call, or a
// group operation.
func EmitMethods(f *Func) jen.Code {
	recv := jen.Id("c").Op("*").Id("Client")
	ctxCall := func(name string) jen.Code {
		return rt(name).Types(jen.Id(f.Row.Name)).Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req"), jen.Id("opts"))
	}
	switch f.Kind {
	case "list":
		return jen.Add(
			Comment(Wrap(f.Method+"Request selects the page, parent and filters of "+f.Method+".")), jen.Line(),
			jen.Type().Id(f.Method+"Request").Op("=").Add(rt("ListRequest")), jen.Line(), jen.Line(),
			Comment(MethodDoc(f, f.Method, "lists the rows of")), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Method+"Request"), optsParam()).
				Params(jen.Op("*").Add(rt("ListResult").Types(jen.Id(f.Row.Name))), jen.Error()).Block(jen.Return(ctxCall("List"))), jen.Line(), jen.Line(),
			Comment(Wrap(f.Method+"Each yields the rows of "+f.Method+" as they are parsed, without holding the whole answer: for long lists.")), jen.Line(),
			jen.Func().Params(recv.Clone()).Id(f.Method+"Each").Params(ctxParam(), jen.Id("req").Op("*").Id(f.Method+"Request"), optsParam()).
				Qual("iter", "Seq2").Types(jen.Id(f.Row.Name), jen.Error()).Block(jen.Return(ctxCall("Stream"))), jen.Line())
	case "form":
		open := rt("Open").Types(jen.Id(f.Values.Name)).Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("elid"), jen.Id("opts"))
		submit := rt("Submit").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req"), rulesOf(f.Request), jen.Id("opts"))
		getDoc := Wrap(sentence(fmt.Sprintf("%sGet opens the form %s for the object elid (empty for a new one): its current values and options", f.Method, Quote(f.Wire))))
		return jen.Add(
			Comment(getDoc), jen.Line(),
			jen.Func().Params(recv.Clone()).Id(f.Method+"Get").Params(ctxParam(), jen.Id("elid").String(), optsParam()).
				Params(jen.Op("*").Id(f.Values.Name), jen.Error()).Block(jen.Return(open)), jen.Line(), jen.Line(),
			Comment(MethodDoc(f, f.Method, "submits (sok=ok)")), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Request.Name), optsParam()).
				Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(jen.Return(submit)), jen.Line())
	case "report":
		run := rt("Report").Types(jen.Id(f.Report.Name)).Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req"), rulesOf(f.Request), jen.Id("opts"))
		return jen.Add(
			Comment(MethodDoc(f, f.Method, "runs")), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Request.Name), optsParam()).
				Params(jen.Op("*").Id(f.Report.Name), jen.Error()).Block(jen.Return(run)), jen.Line())
	case "group":
		if f.Request != nil {
			run := rt("Run").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req"), rulesOf(f.Request), jen.Id("opts"))
			return jen.Add(
				Comment(MethodDoc(f, f.Method, "runs")), jen.Line(),
				jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Request.Name), optsParam()).
					Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(jen.Return(run)), jen.Line())
		}
		doc := MethodDoc(f, f.Method, "runs")
		return jen.Add(
			Comment(doc), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("elid").Op("...").String()).
				Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(
				jen.Return(rt("Group").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("elid")))), jen.Line())
	}
	return jen.Null()
}
