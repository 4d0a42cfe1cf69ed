package introspect

import (
	"bytes"
	"encoding/xml"
	"io"
)

// looksLike says in a few words what data seems to be, and which flag
// takes it, for errors about a file given to the wrong flag.
func looksLike(data []byte) string {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	switch {
	case len(t) == 0:
		return "an empty file"
	case t[0] == '{' || t[0] == '[':
		switch {
		case bytes.Contains(t, []byte(`"schema_version"`)):
			return "JSON: a schema file? use --schema"
		case bytes.Contains(t, []byte(`"doc"`)):
			return "JSON: a devel document? use --devel"
		}
		return "JSON"
	case t[0] == '<':
		switch root := xmlRoot(t); root {
		case "mgrdata":
			return "plugin XML <mgrdata>: use --plugin-xml"
		case "doc":
			return "a panel document <doc>: use --devel"
		case "":
			return "XML that does not parse"
		default:
			return "XML with the root <" + root + ">"
		}
	}
	return "plain text"
}

// xmlRoot returns the name of the first element of an XML document, or ""
// when there is none.
func xmlRoot(data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for range 64 {
		tok, err := dec.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
	return ""
}
