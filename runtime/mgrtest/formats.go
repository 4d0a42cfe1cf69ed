package mgrtest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
)

// render turns an answer (an XML document) into the output format the
// call asked for: xml and devel as they are; json and sjson by the panel's
// mechanical mapping (element → object, attribute → "$name", text → "$",
// repeated element → array; sjson always makes <elem> an array and
// flattens messages into a name → text map); text as mgrctl prints it (one
// line of key=value pairs per row, ERROR type(object) for an error, OK).
func render(doc, out string) (body, contentType string) {
	switch out {
	case "json", "sjson":
		root, err := toJSON(doc, out == "sjson")
		if err != nil {
			return doc, "text/xml; charset=UTF-8"
		}
		b, _ := json.Marshal(map[string]any{"doc": root})
		return string(b), "application/json"
	case "text":
		return toText(doc), "text/plain; charset=UTF-8"
	}
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + doc, "text/xml; charset=UTF-8"
}

type xnode struct {
	name     string
	attrs    []xml.Attr
	text     strings.Builder
	children []*xnode
}

func parse(doc string) (*xnode, error) {
	dec := xml.NewDecoder(strings.NewReader(doc))
	var stack []*xnode
	var root *xnode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: t.Name.Local, attrs: t.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
}

func toJSON(doc string, sjson bool) (any, error) {
	root, err := parse(doc)
	if err != nil {
		return nil, err
	}
	return jsonOf(root, sjson), nil
}

func jsonOf(n *xnode, sjson bool) map[string]any {
	obj := map[string]any{}
	for _, a := range n.attrs {
		obj["$"+a.Name.Local] = a.Value
	}
	if t := strings.TrimSpace(n.text.String()); t != "" {
		obj["$"] = t
	}
	if sjson && n.name == "messages" {
		msgs := map[string]string{}
		for _, c := range n.children {
			if c.name == "msg" {
				msgs[attr(c, "name")] = strings.TrimSpace(c.text.String())
			}
		}
		obj["msg"] = msgs
		return obj
	}
	var order []string
	byName := map[string][]any{}
	for _, c := range n.children {
		if _, ok := byName[c.name]; !ok {
			order = append(order, c.name)
		}
		byName[c.name] = append(byName[c.name], jsonOf(c, sjson))
	}
	for _, name := range order {
		vals := byName[name]
		if len(vals) == 1 && !(sjson && name == "elem") {
			obj[name] = vals[0]
		} else {
			obj[name] = vals
		}
	}
	return obj
}

func attr(n *xnode, name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func toText(doc string) string {
	root, err := parse(doc)
	if err != nil {
		return doc
	}
	var b bytes.Buffer
	for _, c := range root.children {
		switch c.name {
		case "error":
			b.WriteString("ERROR " + attr(c, "type") + "(" + attr(c, "object") + ")\n")
			return b.String()
		case "ok":
			b.WriteString("OK\n")
		case "elem":
			var pairs []string
			for _, f := range c.children {
				pairs = append(pairs, f.name+"="+strings.TrimSpace(f.text.String()))
			}
			b.WriteString(strings.Join(pairs, " ") + "\n")
		}
	}
	return b.String()
}
