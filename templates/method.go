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

// doCall sends r and returns zero, err on failure.
func doCall(fail jen.Code, opts bool) []jen.Code {
	args := []jen.Code{jen.Id("ctx"), jen.Id("r")}
	if opts {
		args = append(args, jen.Id("opts").Op("..."))
	}
	return []jen.Code{
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("Do").Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(fail, jen.Err())),
	}
}

// newReq starts the request of f. Lists, opening a form and reports only
// read, so they use NewReadRequest, which a transport may retry; submits
// and group operations are writes and are sent once.
func newReq(f *Func, read bool) jen.Code {
	ctor := "NewRequest"
	if read {
		ctor = "NewReadRequest"
	}
	return jen.Id("r").Op(":=").Add(rt(ctor)).Call(jen.Lit(f.Wire))
}

// encodedCall is the body shared by every method that takes a request
// struct: encode it with the runtime's codec and its rules (failing before
// anything is sent), add sok=ok when submitting, call, and decode.
func encodedCall(f *Func, sok bool, decode []jen.Code, result jen.Code) []jen.Code {
	body := []jen.Code{
		newReq(f, f.Kind == "report"),
		jen.If(jen.Err().Op(":=").Add(rt("Encode")).Call(jen.Id("r"), jen.Id("req"), rulesOf(f.Request)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
	}
	if sok {
		body = append(body, jen.Id("r").Dot("Set").Call(jen.Lit("sok"), jen.Lit("ok")))
	}
	body = append(body, doCall(jen.Nil(), true)...)
	body = append(body, decode...)
	return append(body, jen.Return(result, jen.Nil()))
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
		get := []jen.Code{newReq(f, true), jen.If(jen.Id("elid").Op("!=").Lit("")).Block(jen.Id("r").Dot("Set").Call(jen.Lit("elid"), jen.Id("elid")))}
		get = append(get, doCall(jen.Nil(), true)...)
		get = append(get, valuesFill(f.Values, f.Tables)...)
		if f.Values.RequestOf != nil {
			get = append(get, jen.Id("v").Dot("Elid").Op("=").Id("elid"))
		}
		get = append(get, jen.Return(jen.Id("v"), jen.Nil()))
		submit := encodedCall(f, true, nil, jen.Id("resp").Dot("Result").Call())
		getDoc := Wrap(sentence(fmt.Sprintf("%sGet opens the panel form %s without submitting it and returns the current values of the object elid (empty for the blank form of a new object) and the options its selects offer", f.Method, Quote(f.Wire))))
		return jen.Add(
			Comment(getDoc), jen.Line(),
			jen.Func().Params(recv.Clone()).Id(f.Method+"Get").Params(ctxParam(), jen.Id("elid").String(), optsParam()).
				Params(jen.Op("*").Id(f.Values.Name), jen.Error()).Block(get...), jen.Line(), jen.Line(),
			Comment(MethodDoc(f, f.Method, "submits (sok=ok)")+"\n\nWith req.Elid empty the panel creates a new object; otherwise it changes\nthat object. Parameters left unset are not sent."), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Request.Name), optsParam()).
				Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(submit...), jen.Line())
	case "report":
		body := encodedCall(f, true, reportFill(f.Report, f.Tables), jen.Id("v"))
		return jen.Add(
			Comment(MethodDoc(f, f.Method, "runs")), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Request.Name), optsParam()).
				Params(jen.Op("*").Id(f.Report.Name), jen.Error()).Block(body...), jen.Line())
	case "group":
		if f.Request != nil {
			body := encodedCall(f, false, nil, jen.Id("resp").Dot("Result").Call())
			return jen.Add(
				Comment(MethodDoc(f, f.Method, "runs")), jen.Line(),
				jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("req").Op("*").Id(f.Request.Name), optsParam()).
					Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(body...), jen.Line())
		}
		doc := MethodDoc(f, f.Method, "runs") + "\n\nIt acts on the objects elid (one or more ids). Per-call options go in ctx\n(runtime.WithOptions)."
		return jen.Add(
			Comment(doc), jen.Line(),
			jen.Func().Params(recv).Id(f.Method).Params(ctxParam(), jen.Id("elid").Op("...").String()).
				Params(jen.Op("*").Add(rt("Result")), jen.Error()).Block(
				jen.Return(rt("Group").Call(jen.Id("ctx"), jen.Id("c").Dot("Client"), jen.Lit(f.Wire), jen.Id("elid")))), jen.Line())
	}
	return jen.Null()
}
