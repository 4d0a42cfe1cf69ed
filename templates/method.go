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
	// A panel's listing line starts with the title sentence, which the
	// head already gives.
	doc := f.Doc
	if rest, ok := strings.CutPrefix(doc, title+". "); ok && title != "" {
		doc = rest
	}
	if doc != "" && doc != title && strings.TrimSuffix(doc, ".") != title {
		parts = append(parts, sentence(doc))
	}
	if f.Kind == "list" && f.Parent != "" {
		parts = append(parts, fmt.Sprintf("This is a sub-list: it lists the rows under one row of the list %s. Set req.Parent to that row's key (it is sent as elid); forms and operations on these rows take the same key as their parent argument (sent as plid).", Quote(f.Parent)))
	}
	if f.SubList != "" {
		parts = append(parts, fmt.Sprintf("It works on the rows of the sub-list %s, under one row of the list %s: parent is that row's key (sent as plid). An empty parent is refused before anything is sent.", Quote(f.SubList), Quote(f.ParentList)))
	}
	if len(f.Actions) > 0 {
		var acts []string
		for _, a := range f.Actions {
			name := a.Func
			if a.Method != "" {
				name = a.Method
			}
			if a.Type != "" {
				name += " (" + a.Type + ")"
			}
			acts = append(acts, name)
		}
		parts = append(parts, "Toolbar: "+strings.Join(acts, ", ")+".")
	}
	if f.Convention {
		parts = append(parts, "No source documents this function: it is written from the shape every COREmanager panel gives such a companion (a convention), so check it against your panel.")
	}
	text := Wrap(parts...)
	return text
}

func ctxParam() jen.Code { return jen.Id("ctx").Qual("context", "Context") }
func optsParam() jen.Code {
	return jen.Id("opts").Op("...").Add(rt("Option"))
}

// params are a method's parameters: ctx, then parent for a function inside
// a sub-list, then own, then the options.
func params(f *Func, own ...jen.Code) []jen.Code {
	out := []jen.Code{ctxParam()}
	if f.SubList != "" {
		out = append(out, jen.Id("parent").String())
	}
	return append(append(out, own...), optsParam())
}

// opts is what a method passes on as its options: with the parent for a
// function inside a sub-list.
func opts(f *Func) jen.Code {
	if f.SubList != "" {
		return rt("InParent").Call(jen.Id("parent"), jen.Id("opts"))
	}
	return jen.Id("opts")
}

// filled is the body of a method that fills a new value of typ with call
// (a non-generic runtime helper) and returns it, or nil and the error.
func filled(name string, typ, call jen.Code) []jen.Code {
	return []jen.Code{
		jen.Id(name).Op(":=").Op("&").Add(typ).Values(),
		jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id(name), jen.Nil()),
	}
}

// EmitMethods renders the Client methods of one function: a list call and
// its streaming twin, a form's Get and submit pair, a report call, or a
// group operation.
func EmitMethods(f *Func) jen.Code {
	recv := jen.Id("c").Op("*").Id("Client")
	switch f.Kind {
	case "list":
		return jen.Add(
			listRequest(f), jen.Line(),
			Comment(MethodDoc(f, f.Method, "lists the rows of")), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Method+"Request"), optsParam()).
				Params(jen.Op("*").Add(rt("ListResult").Types(jen.Id(f.Row.Name))), jen.Error()).Block(
				filled("out", rt("ListResult").Types(jen.Id(f.Row.Name)), rt("ListInto").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req").Dot("ListRequest").Call(), jen.Id("opts"), jen.Id("out")))...), jen.Line())
	case "form":
		open := rt("OpenInto").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("elid"), opts(f), jen.Id("v"))
		submit := rt("Submit").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req"), rulesOf(f.Request), opts(f))
		getDoc := Wrap(sentence(fmt.Sprintf("%sGet opens the form %s for the object elid (empty: a new one)", f.Method, Quote(f.Wire))))
		return jen.Add(
			Comment(getDoc), jen.Line(),
			jen.Func().Params(recv.Clone()).Id(f.Method+"Get").Params(params(f, jen.Id("elid").String())...).
				Params(jen.Op("*").Id(f.Values.Name), jen.Error()).Block(filled("v", jen.Id(f.Values.Name), open)...), jen.Line(), jen.Line(),
			Comment(MethodDoc(f, f.Method, "submits (sok=ok)")), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(params(f, jen.Id("req").Op("*").Id(f.Request.Name))...).
				Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(jen.Return(submit)), jen.Line())
	case "report":
		run := rt("Report").Types(jen.Id(f.Report.Name)).Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req"), rulesOf(f.Request), jen.Id("opts"))
		return jen.Add(
			Comment(MethodDoc(f, f.Method, "runs")), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Request.Name), optsParam()).
				Params(jen.Op("*").Id(f.Report.Name), jen.Error()).Block(jen.Return(run)), jen.Line())
	case "group":
		if f.Request != nil {
			run := rt("Run").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("req"), rulesOf(f.Request), opts(f))
			return jen.Add(
				Comment(MethodDoc(f, f.Method, "runs")), jen.Line(),
				jen.Func().Params(recv).Id(f.Method).Params(params(f, jen.Id("req").Op("*").Id(f.Request.Name))...).
					Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(jen.Return(run)), jen.Line())
		}
		doc := MethodDoc(f, f.Method, "runs")
		call := rt("Group").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("elid"), opts(f))
		if f.CheckWith != "" {
			doc += "\n\n" + Wrap(fmt.Sprintf("With runtime.VerifyDeleted() it then opens %s for each id and reports in Result.Deleted which are gone.", Quote(f.CheckWith)))
			call = rt("Delete").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Lit(f.CheckWith), jen.Id("elid"), opts(f))
		}
		return jen.Add(
			Comment(doc), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(params(f, jen.Id("elid").Index().String())...).
				Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(jen.Return(call)), jen.Line())
	}
	return jen.Null()
}

// listRequest renders a list's request type: a struct of its own, so go
// doc shows the paging, filter and (on a sub-list) parent fields, with the
// method that hands them to the runtime.
func listRequest(f *Func) jen.Code {
	name := f.Method + "Request"
	var fields, values []jen.Code
	what := "the page and filters"
	if f.Parent != "" {
		what = "the parent row, the page and filters"
		fields = append(fields,
			Comment(Wrap(fmt.Sprintf("Parent is the key of the row of the list %s whose rows this sub-list holds; it travels as elid.", Quote(f.Parent)))),
			jen.Id("Parent").String())
		values = append(values, jen.Id("Parent").Op(":").Id("r").Dot("Parent"))
	}
	fields = append(fields,
		Comment("Page asks for one page, from 1 (p_num); zero: the first."),
		jen.Id("Page").Int(),
		Comment("PageSize is the number of rows per page (p_cnt); zero: the panel's default."),
		jen.Id("PageSize").Int(),
		Comment(Wrap(fmt.Sprintf("Filter sets list filters by column (sent with filter=on), such as {\"name\": {\"bob\"}}; the columns are the fields of %s.", f.Row.Name))),
		jen.Id("Filter").Qual("net/url", "Values"))
	values = append(values,
		jen.Id("Page").Op(":").Id("r").Dot("Page"),
		jen.Id("PageSize").Op(":").Id("r").Dot("PageSize"),
		jen.Id("Filter").Op(":").Id("r").Dot("Filter"))
	return jen.Add(
		Comment(Wrap(fmt.Sprintf("%s selects %s of %s. A nil request asks for the panel's default page.", name, what, f.Method))), jen.Line(),
		jen.Type().Id(name).Struct(fields...), jen.Line(), jen.Line(),
		Comment("ListRequest returns the selection as package runtime sends it."), jen.Line(),
		jen.Func().Params(jen.Id("r").Op("*").Id(name)).Id("ListRequest").Params().Op("*").Add(rt("ListRequest")).Block(
			jen.If(jen.Id("r").Op("==").Nil()).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Op("&").Add(rt("ListRequest")).Values(jen.Line().Add(jen.List(values...)).Op(",").Line())),
		), jen.Line(), jen.Line())
}
