package introspect

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/antchfx/xmlquery"

	"github.com/mgrgen/mgrgen/schema"
)

// jsonToNode rebuilds the XML tree a panel JSON document was mapped from, so
// that one set of XML readers serves every output format. The mapping is the
// panel's: "$attr" keys are attributes, "$" is text, other keys are child
// elements, arrays are repeated elements. sjson flattens messages to
// {"msg": {"name": "text"}}; those become <msg name=...> again. Key order is
// kept, because form fields are described in document order.
func jsonToNode(data []byte) (*xmlquery.Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := readOrdered(dec, 0)
	if err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("malformed JSON: trailing data after the document")
	}
	obj, ok := v.(object)
	if !ok {
		return nil, errors.New("malformed JSON: the document is not an object")
	}
	root := &xmlquery.Node{Type: xmlquery.DocumentNode}
	for _, kv := range obj {
		addJSON(root, kv.key, kv.val)
	}
	return root, nil
}

type member struct {
	key string
	val any
}

// object is a JSON object with its key order kept.
type object []member

const maxJSONDepth = 128

func readOrdered(dec *json.Decoder, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, errors.New("nesting too deep")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			var obj object
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				v, err := readOrdered(dec, depth+1)
				if err != nil {
					return nil, err
				}
				obj = append(obj, member{key, v})
			}
			_, err := dec.Token()
			return obj, err
		case '[':
			var arr []any
			for dec.More() {
				v, err := readOrdered(dec, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token()
			return arr, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case json.Number:
		return t.String(), nil
	case string:
		return t, nil
	case bool:
		if t {
			return "true", nil
		}
		return "false", nil
	}
	return "", nil
}

// isXMLName reports whether encoding/xml reads name as an element name:
// the converted tree is written out as XML (a stripped dump), so a key it
// could not read back is left out, as no panel's XML could have held it.
func isXMLName(name string) bool {
	if strings.ContainsAny(name, "<>/=\"' \t\r\n&:") {
		return false
	}
	tok, err := xml.NewDecoder(strings.NewReader("<" + name + "/>")).RawToken()
	se, ok := tok.(xml.StartElement)
	return err == nil && ok && se.Name.Local == name && se.Name.Space == ""
}

func addJSON(parent *xmlquery.Node, name string, v any) {
	if name == "" || !schema.IsWireName(name) || !isXMLName(name) {
		return
	}
	if arr, ok := v.([]any); ok {
		for _, item := range arr {
			addJSON(parent, name, item)
		}
		return
	}
	el := &xmlquery.Node{Type: xmlquery.ElementNode, Data: name}
	xmlquery.AddChild(parent, el)
	obj, ok := v.(object)
	if !ok {
		if s, _ := v.(string); s != "" {
			xmlquery.AddChild(el, &xmlquery.Node{Type: xmlquery.TextNode, Data: s})
		}
		return
	}
	for _, kv := range obj {
		switch {
		case kv.key == "$":
			if s, ok := kv.val.(string); ok {
				xmlquery.AddChild(el, &xmlquery.Node{Type: xmlquery.TextNode, Data: s})
			}
		case len(kv.key) > 1 && kv.key[0] == '$':
			if s, ok := kv.val.(string); ok && isXMLName(kv.key[1:]) {
				xmlquery.AddAttr(el, kv.key[1:], s)
			}
		case name == "messages" && kv.key == "msg" && flatMessages(kv.val):
			for _, m := range kv.val.(object) {
				msg := &xmlquery.Node{Type: xmlquery.ElementNode, Data: "msg"}
				xmlquery.AddAttr(msg, "name", m.key)
				xmlquery.AddChild(msg, &xmlquery.Node{Type: xmlquery.TextNode, Data: m.val.(string)})
				xmlquery.AddChild(el, msg)
			}
		default:
			addJSON(el, kv.key, kv.val)
		}
	}
}

// flatMessages reports whether v is sjson's {"name": "text", ...} form.
func flatMessages(v any) bool {
	obj, ok := v.(object)
	if !ok || len(obj) == 0 {
		return false
	}
	for _, m := range obj {
		if _, ok := m.val.(string); !ok || m.key == "" || m.key[0] == '$' {
			return false
		}
	}
	return true
}
