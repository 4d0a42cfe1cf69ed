package mgrtest

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/mgrgen/mgrgen/runtime"
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

func toJSON(doc string, sjson bool) (any, error) {
	root, err := runtime.ParseDoc([]byte(doc))
	if err != nil {
		return nil, err
	}
	return jsonOf(root, sjson), nil
}

func jsonOf(n *runtime.Node, sjson bool) map[string]any {
	obj := map[string]any{}
	for _, a := range n.Attrs {
		obj["$"+a.Name.Local] = a.Value
	}
	if t := strings.TrimSpace(n.Text); t != "" {
		obj["$"] = t
	}
	if sjson && n.Name == "messages" {
		msgs := map[string]string{}
		for _, c := range n.All("msg") {
			msgs[c.Attr("name")] = strings.TrimSpace(c.Text)
		}
		obj["msg"] = msgs
		return obj
	}
	var order []string
	byName := map[string][]any{}
	for _, c := range n.Children {
		if _, ok := byName[c.Name]; !ok {
			order = append(order, c.Name)
		}
		byName[c.Name] = append(byName[c.Name], jsonOf(c, sjson))
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

func toText(doc string) string {
	root, err := runtime.ParseDoc([]byte(doc))
	if err != nil {
		return doc
	}
	var b bytes.Buffer
	for _, c := range root.Children {
		switch c.Name {
		case "error":
			b.WriteString("ERROR " + c.Attr("type") + "(" + c.Attr("object") + ")\n")
			return b.String()
		case "ok":
			b.WriteString("OK\n")
		case "elem":
			var pairs []string
			for _, f := range c.Children {
				pairs = append(pairs, f.Name+"="+strings.TrimSpace(f.Text))
			}
			b.WriteString(strings.Join(pairs, " ") + "\n")
		}
	}
	return b.String()
}
