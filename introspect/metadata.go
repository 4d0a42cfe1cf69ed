package introspect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/antchfx/xmlquery"

	"github.com/mgrgen/mgrgen/schema"
)

// maxStaticOptions bounds the option lists kept as enums. Longer lists
// (countries, price lists) are data that changes with the panel's content,
// not part of its API, so the parameter stays an enum without constants.
const maxStaticOptions = 64

// metadataKinds maps metadata@type to schema kinds.
var metadataKinds = map[string]string{
	"form":      schema.KindForm,
	"list":      schema.KindList,
	"report":    schema.KindReport,
	"dashboard": schema.KindDashboard,
	"helpboard": schema.KindHelpboard,
}

// notParams are the field children that only display something.
var notParams = map[string]bool{
	"textdata": true, "htmldata": true, "link": true, "desc": true,
	"if": true, "else": true, "hide": true, "show": true,
}

// parseMetadata turns one <metadata> element into a Function. msgs holds the
// function's localized strings; slists are the option lists found in the
// data part of a devel document (nil for plugin files).
//
// It also returns the names of other metadata the element includes
// (<include name=...> directly inside it or inside its form): the panel
// gives the includer every page, field and message of the included one.
func parseMetadata(md *xmlquery.Node, msgs messages, slists map[string][]schema.EnumValue) (schema.Function, []string, error) {
	f := schema.Function{Name: md.SelectAttr("name"), Key: md.SelectAttr("key"), KeyName: md.SelectAttr("keyname")}
	if !schema.IsWireName(f.Name) {
		return f, nil, fmt.Errorf("metadata: name %q is not a function name", f.Name)
	}
	typ := md.SelectAttr("type")
	unknownType := false
	if k, ok := metadataKinds[typ]; ok {
		f.Kind = k
	} else if typ != "" {
		// A type this version does not know: keep what can be read, leave
		// the kind empty (no typed method) and say why in the schema,
		// rather than reject the whole file.
		unknownType = true
		f.Error = fmt.Sprintf("unknown metadata type %q; kept without a kind", typ)
	}
	infer := func(kind string) {
		if f.Kind == "" && !unknownType {
			f.Kind = kind
		}
	}
	f.Title = msgs.first("title")
	p := &metaParser{fn: &f, msgs: msgs, slists: slists, names: map[string]bool{}}
	for c := md.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode {
			continue
		}
		switch c.Data {
		case "form":
			// Metadata without a type but with a form is a form (plugin
			// files leave the type out when extending one).
			infer(schema.KindForm)
			if w := c.SelectAttr("wizard"); w != "" {
				f.Wizard = w
			}
			if err := p.walkForm(c, ""); err != nil {
				return f, nil, err
			}
		case "coldata":
			infer(schema.KindList)
			f.Columns = append(f.Columns, p.columns(c, "")...)
		case "toolbar":
			infer(schema.KindList)
			p.toolbar(c)
		case "include":
			p.include(c)
		case "band":
			f.Tables = append(f.Tables, schema.Table{Name: c.SelectAttr("name"), Columns: p.columns(c, "")})
		}
	}
	p.enumsFromMessages()
	return f, p.includes, nil
}

type metaParser struct {
	fn       *schema.Function
	msgs     messages
	slists   map[string][]schema.EnumValue
	names    map[string]bool
	includes []string
}

// buttons reads a form's <buttons>: its wizard step and each <button
// name=... type=...>, labelled from the messages.
func (p *metaParser) buttons(n *xmlquery.Node) {
	if w := n.SelectAttr("wizard"); w != "" && p.fn.Wizard == "" {
		p.fn.Wizard = w
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || c.Data != "button" {
			continue
		}
		name := c.SelectAttr("name")
		if !schema.IsWireName(name) || slices.ContainsFunc(p.fn.Buttons, func(b schema.Button) bool { return b.Name == name }) {
			continue
		}
		p.fn.Buttons = append(p.fn.Buttons, schema.Button{Name: name, Type: c.SelectAttr("type"),
			Label: p.msgs.first("msg_"+name, "button_"+name, name)})
	}
}

func (p *metaParser) include(n *xmlquery.Node) {
	if name := n.SelectAttr("name"); schema.IsWireName(name) && !slices.Contains(p.includes, name) {
		p.includes = append(p.includes, name)
	}
}

// walkForm visits the pages and fields under n in document order. It keeps
// its own stack instead of recursing, so nesting costs heap, not Go stack.
func (p *metaParser) walkForm(n *xmlquery.Node, page string) error {
	type frame struct {
		next *xmlquery.Node // the next sibling to visit at this level
		page string
	}
	stack := []frame{{n.FirstChild, page}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		c := top.next
		if c == nil {
			stack = stack[:len(stack)-1]
			continue
		}
		top.next = c.NextSibling
		if c.Type != xmlquery.ElementNode {
			continue
		}
		switch c.Data {
		case "page":
			name := c.SelectAttr("name")
			if name != "" && !p.hasPage(name) {
				p.fn.Pages = append(p.fn.Pages, schema.Page{Name: name, Label: p.msgs.first(name)})
			}
			stack = append(stack, frame{c.FirstChild, name})
		case "field":
			if err := p.field(c, top.page); err != nil {
				return err
			}
		case "include":
			p.include(c)
		case "buttons":
			p.buttons(c)
		default:
			stack = append(stack, frame{c.FirstChild, top.page})
		}
	}
	return nil
}

func (p *metaParser) hasPage(name string) bool {
	for _, pg := range p.fn.Pages {
		if pg.Name == name {
			return true
		}
	}
	return false
}

func (p *metaParser) field(fld *xmlquery.Node, page string) error {
	fieldName := fld.SelectAttr("name")
	desc := p.fieldDesc(fld)
	for c := fld.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || notParams[c.Data] || isOutput(c) {
			continue
		}
		if c.Data == "list" {
			name := c.SelectAttr("name")
			if name == "" {
				name = fieldName
			}
			p.fn.Tables = append(p.fn.Tables, schema.Table{Name: name, Columns: p.columns(c, "list_")})
			continue
		}
		name := c.SelectAttr("name")
		if name == "" {
			name = fieldName
		}
		if name == "" {
			continue
		}
		if !schema.IsWireName(name) {
			return fmt.Errorf("function %q: field %q: control name %q is not a parameter name", p.fn.Name, fieldName, name)
		}
		if p.names[name] {
			// The same control appears twice (variants per mode or page);
			// the first description stands.
			continue
		}
		p.names[name] = true
		prm, err := p.control(c, name, fieldName)
		if err != nil {
			return err
		}
		prm.Page = page
		prm.Feature = fld.SelectAttr("if")
		prm.RemoveIf = fld.SelectAttr("remove_if")
		if fld.SelectAttr("required") == "yes" {
			prm.Required = true
		}
		if prm.Hint == "" {
			prm.Hint = desc
		}
		p.fn.Params = append(p.fn.Params, prm)
	}
	return nil
}

func yes(n *xmlquery.Node, attr string) bool { return n.SelectAttr(attr) == "yes" }

// isOutput reports controls that only show something: a data textarea and
// an input of type msg.
func isOutput(c *xmlquery.Node) bool {
	t := c.SelectAttr("type")
	return (c.Data == "textarea" && t == "data") || (c.Data == "input" && t == "msg")
}

// fieldDesc returns the hint a field's <desc> gives: the message it names,
// or its own text.
func (p *metaParser) fieldDesc(fld *xmlquery.Node) string {
	for c := fld.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || c.Data != "desc" {
			continue
		}
		if name := c.SelectAttr("name"); name != "" {
			if v := p.msgs.first(name); v != "" {
				return v
			}
		}
		if t := strings.TrimSpace(c.InnerText()); t != "" {
			return t
		}
	}
	return ""
}

func (p *metaParser) control(c *xmlquery.Node, name, field string) (schema.Param, error) {
	prm := schema.Param{
		Name:      name,
		Type:      schema.TypeString,
		Control:   c.Data,
		Required:  yes(c, "required"),
		Readonly:  yes(c, "readonly"),
		Secret:    yes(c, "private"),
		Check:     c.SelectAttr("check"),
		CheckArgs: c.SelectAttr("checkargs"),
		Depend:    c.SelectAttr("depend"),
		Setvalues: c.SelectAttr("setvalues"),
	}
	if field != name {
		prm.Field = field
	}
	// A maxlength that is not a length is ignored: it only limits input.
	if n, err := strconv.Atoi(strings.TrimSpace(c.SelectAttr("maxlength"))); err == nil && n > 0 {
		prm.MaxLength = n
	}
	switch c.Data {
	case "input":
		switch c.SelectAttr("type") {
		case "checkbox", "toggle":
			prm.Type = schema.TypeBool
		case "password":
			prm.Secret = true
		case "file":
			prm.Type = schema.TypeFile
		case "number":
			prm.Type = schema.TypeInt
		case "textarea":
			prm.Type = schema.TypeText
		}
	case "select":
		prm.Type = schema.TypeEnum
		if c.SelectAttr("type") == "multiple" || yes(c, "multiple") {
			prm.Type = schema.TypeMultiEnum
		}
		if opts := p.slists[name]; prm.Depend == "" && len(opts) > 0 && len(opts) <= maxStaticOptions {
			prm.Enum = opts
		}
	case "textarea":
		prm.Type = schema.TypeText
	case "slider":
		prm.Type = schema.TypeInt
	}
	if prm.Type == schema.TypeString {
		switch prm.Check {
		case "int":
			prm.Type = schema.TypeInt
		case "float":
			prm.Type = schema.TypeFloat
		case "date", "daterange":
			prm.Type = schema.TypeDate
		}
		if yes(c, "date") {
			prm.Type = schema.TypeDate
		}
	}
	prm.Label = p.msgs.first(field, name)
	prm.Hint = p.msgs.first("hint_"+field, "hint_"+name)
	prm.Placeholder = p.msgs.first("placeholder_"+field, "placeholder_"+name)
	for i := c.FirstChild; i != nil; i = i.NextSibling {
		if i.Type == xmlquery.ElementNode && i.Data == "if" && i.SelectAttr("hide") != "" {
			prm.If = append(prm.If, schema.Cond{Value: i.SelectAttr("value"), Hide: i.SelectAttr("hide"), Shadow: yes(i, "shadow")})
		}
	}
	return prm, nil
}

// enumsFromMessages fills the options of selects that have no option list in
// the document from messages named <select>_<key>, the panel's convention
// for static option labels. Keys that are themselves parameters are skipped.
func (p *metaParser) enumsFromMessages() {
	var keys []string
	for i := range p.fn.Params {
		prm := &p.fn.Params[i]
		if (prm.Type != schema.TypeEnum && prm.Type != schema.TypeMultiEnum) || len(prm.Enum) > 0 || prm.Depend != "" {
			continue
		}
		prefix := prm.Name + "_"
		if keys == nil {
			keys = sortedKeys(p.msgs)
		}
		for _, k := range keys {
			if !strings.HasPrefix(k, prefix) || p.names[k] || len(k) == len(prefix) {
				continue
			}
			prm.Enum = append(prm.Enum, schema.EnumValue{Key: k[len(prefix):], Label: p.msgs[k]})
		}
		if len(prm.Enum) > maxStaticOptions {
			prm.Enum = nil
		}
	}
}

func (p *metaParser) columns(n *xmlquery.Node, labelPrefix string) []schema.Column {
	var cols []schema.Column
	seen := map[string]bool{}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || c.Data != "col" {
			continue
		}
		name := c.SelectAttr("name")
		if name == "" || seen[name] || !schema.IsWireName(name) {
			continue
		}
		seen[name] = true
		col := schema.Column{Name: name, Type: c.SelectAttr("type"), Sort: c.SelectAttr("sort"),
			Label: p.msgs.first(labelPrefix+name, name), Hint: p.msgs.first("hint_" + name)}
		for pr := c.FirstChild; pr != nil; pr = pr.NextSibling {
			if pr.Type == xmlquery.ElementNode && pr.Data == "prop" && pr.SelectAttr("name") != "" {
				col.Props = append(col.Props, pr.SelectAttr("name"))
			}
		}
		if col.Type == "" && len(col.Props) > 0 {
			col.Type = "prop"
		}
		cols = append(cols, col)
	}
	return cols
}

func (p *metaParser) toolbar(n *xmlquery.Node) {
	for _, b := range xmlquery.Find(n, ".//toolbtn") {
		fn := b.SelectAttr("func")
		if fn == "" {
			continue
		}
		name := b.SelectAttr("name")
		dup := false
		for _, a := range p.fn.Actions {
			if a.Func == fn && a.Name == name {
				dup = true
			}
		}
		if dup {
			continue
		}
		p.fn.Actions = append(p.fn.Actions, schema.Action{Name: name, Func: fn, Type: b.SelectAttr("type"),
			Label: p.msgs.first("short_"+name, name)})
	}
}
