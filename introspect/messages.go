package introspect

import (
	"github.com/antchfx/xmlquery"
)

// messages is one function's localized strings, keyed by message name.
type messages map[string]string

// readMessages collects the <msg name=...> children of a <messages> element.
// The first occurrence of a name wins, matching how the panel resolves them.
func readMessages(n *xmlquery.Node, into messages) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || c.Data != "msg" {
			continue
		}
		name := c.SelectAttr("name")
		if name == "" {
			continue
		}
		if _, ok := into[name]; !ok {
			into[name] = c.InnerText()
		}
	}
}

// includes returns the names of <include name=...> children of a <messages>
// element: message sets whose strings this set also uses.
func includes(n *xmlquery.Node) []string {
	var out []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode && c.Data == "include" && c.SelectAttr("name") != "" {
			out = append(out, c.SelectAttr("name"))
		}
	}
	return out
}

// first returns the first non-empty value among keys.
func (m messages) first(keys ...string) string {
	for _, k := range keys {
		if k == "" {
			continue
		}
		if v, ok := m[k]; ok && v != "" {
			return v
		}
	}
	return ""
}
