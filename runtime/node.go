package runtime

import (
	"encoding/xml"
	"errors"
)

// Node is one element of a panel document.
type Node struct {
	Name     string
	Attrs    []xml.Attr
	Text     string
	Children []*Node
}

// Attr returns the value of the attribute name, or "".
func (n *Node) Attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// Child returns the first child element called name, or nil.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// All returns every child element called name.
func (n *Node) All(name string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// find returns the first element in n's subtree (n excluded) for which ok
// holds, searching breadth first.
func (n *Node) find(ok func(*Node) bool) *Node {
	queue := []*Node{n}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, c := range cur.Children {
			if ok(c) {
				return c
			}
			queue = append(queue, c)
		}
	}
	return nil
}

const maxDepth = 256

// errNotXML marks bodies that are not XML at all.
var errNotXML = errors.New("not an XML document")

// ParseDoc parses a panel document and returns its root element, as it
// stands: unlike Decode it does not read error documents or login pages as
// errors. It is for tools that need the tree itself, such as the fake
// panel in runtime/mgrtest, and behind Response.Doc.
func ParseDoc(data []byte) (*Node, error) {
	sc := newScanner(data)
	// Text is gathered per open element and set when it closes, so a
	// body cut into many pieces of text still decodes in linear time.
	var stack []*Node
	var texts [][]byte
	var root *Node
	for {
		if err := sc.next(); err != nil {
			return nil, err
		}
		switch sc.kind {
		case tokEOF:
			if root == nil {
				return nil, errNotXML
			}
			return root, nil
		case tokStart:
			n := &Node{Name: string(localName(sc.name))}
			if len(sc.attrs) > 0 {
				n.Attrs = make([]xml.Attr, len(sc.attrs))
				for i, a := range sc.attrs {
					n.Attrs[i] = xml.Attr{Name: xmlName(a.name), Value: string(a.value)}
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			}
			stack = append(stack, n)
			texts = append(texts, nil)
		case tokEnd:
			last := len(stack) - 1
			stack[last].Text = string(texts[last])
			stack, texts = stack[:last], texts[:last]
		case tokText:
			if last := len(texts) - 1; last >= 0 {
				texts[last] = append(texts[last], sc.text...)
			}
		}
	}
}

// xmlName splits a name into prefix and local name as encoding/xml's
// RawToken does.
func xmlName(n []byte) xml.Name {
	if local := localName(n); len(local) < len(n) {
		return xml.Name{Space: string(n[:len(n)-len(local)-1]), Local: string(local)}
	}
	return xml.Name{Local: string(n)}
}

func (n *Node) textOrEmpty() string {
	if n == nil {
		return ""
	}
	return n.Text
}
