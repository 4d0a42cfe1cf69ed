package introspect

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/antchfx/xmlquery"

	"github.com/mgrgen/mgrgen/schema"
)

// PanelError is an <error> document the panel returned instead of a
// description.
type PanelError struct {
	Func   string
	Type   string
	Object string
	Msg    string
}

// Error reads like "panel error access(user): Access denied".
func (e *PanelError) Error() string {
	s := "panel error " + e.Type
	if e.Object != "" {
		s += "(" + e.Object + ")"
	}
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	return s
}

// ErrNoMetadata is returned by ParseDevel for a well-formed document that
// carries no <metadata>: the function exists but describes no interface.
var ErrNoMetadata = errors.New("the document has no metadata")

// ParseDevel parses one out=devel document, XML or JSON (out=sjson, xjson
// and json map XML onto JSON mechanically and are read the same way), and
// returns the function it describes. An <error> document gives a
// *PanelError.
func ParseDevel(data []byte) (schema.Function, error) {
	root, err := parseAny(data)
	if err != nil {
		if what := looksLike(data); len(data) <= MaxInputBytes && (what == "plain text" || what == "an empty file") {
			return schema.Function{}, fmt.Errorf("this is not a devel document (it looks like %s)", what)
		}
		return schema.Function{}, err
	}
	return develFunction(root)
}

// rootDescription says what a document with the wrong root is, and which
// flag takes it.
func rootDescription(root *xmlquery.Node) string {
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode {
			continue
		}
		switch c.Data {
		case "mgrdata":
			return "its root is <mgrdata>, plugin XML: use --plugin-xml"
		case "doc":
			return "its root is <doc>, a devel document: use --devel"
		}
		return "its root is <" + c.Data + ">"
	}
	return "it has no root element"
}

// parseAny parses XML, or JSON when the first non-space byte is '{'.
func parseAny(data []byte) (*xmlquery.Node, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		doc, err := jsonToNode(trimmed)
		if err != nil {
			return nil, err
		}
		return doc, checkDepth(doc)
	}
	return parseXML(data)
}

func develFunction(root *xmlquery.Node) (schema.Function, error) {
	doc := childElement(root, "doc")
	if doc == nil {
		return schema.Function{}, fmt.Errorf("this is not a devel document (%s)", rootDescription(root))
	}
	fn := doc.SelectAttr("func")
	if e := childElement(doc, "error"); e != nil {
		return schema.Function{Name: fn}, panelError(fn, e)
	}
	md := childElement(doc, "metadata")
	if md == nil {
		return schema.Function{Name: fn}, ErrNoMetadata
	}
	msgs := messages{}
	for c := doc.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode && c.Data == "messages" {
			readMessages(c, msgs)
		}
	}
	// A devel document comes from the panel with includes already applied.
	f, _, err := parseMetadata(md, msgs, dataOptions(doc, msgs))
	if err != nil {
		return f, err
	}
	if fn != "" && fn != f.Name {
		return f, fmt.Errorf("document of function %q describes %q", fn, f.Name)
	}
	return f, nil
}

// dataOptions reads the <slist name=...> option lists of a document's data
// part, keeping only options the panel declares statically. An option
// <msg>KEY</msg> names the message <name>_<KEY>, so it is static. An
// option <val key=K>label</val> is usually a record of the panel's data (a
// user, an e-mail address, a price list), which must not become a constant
// in generated code; it is kept only when a message <name>_<K> declares
// it too.
func dataOptions(doc *xmlquery.Node, msgs messages) map[string][]schema.EnumValue {
	out := map[string][]schema.EnumValue{}
	for c := doc.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || c.Data != "slist" {
			continue
		}
		name := c.SelectAttr("name")
		seen := map[string]bool{}
		for v := c.FirstChild; v != nil; v = v.NextSibling {
			if v.Type != xmlquery.ElementNode {
				continue
			}
			var ev schema.EnumValue
			switch v.Data {
			case "val":
				ev = schema.EnumValue{Key: v.SelectAttr("key"), Label: strings.TrimSpace(v.InnerText())}
				if !v.HasAttr("key") {
					ev.Key = ev.Label
				}
				declared := msgs.first(name + "_" + ev.Key)
				if declared == "" {
					continue
				}
				ev.Label = declared
			case "msg":
				key := strings.TrimSpace(v.InnerText())
				ev = schema.EnumValue{Key: key, Label: msgs.first(name+"_"+key, key)}
			default:
				continue
			}
			if seen[ev.Key] {
				continue
			}
			seen[ev.Key] = true
			out[name] = append(out[name], ev)
		}
	}
	return out
}

func panelError(fn string, e *xmlquery.Node) *PanelError {
	pe := &PanelError{Func: fn, Type: e.SelectAttr("type"), Object: e.SelectAttr("object")}
	if m := childElement(e, "msg"); m != nil {
		pe.Msg = strings.TrimSpace(m.InnerText())
	} else if childElement(e, "detail") == nil {
		pe.Msg = strings.TrimSpace(e.InnerText())
	} else {
		pe.Msg = strings.TrimSpace(childElement(e, "detail").InnerText())
	}
	return pe
}

// childElement returns the first element child of n named name.
func childElement(n *xmlquery.Node, name string) *xmlquery.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode && c.Data == name {
			return c
		}
	}
	return nil
}
