package introspect

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/antchfx/xmlquery"
)

// Limits on one input file or panel answer. Real documents are far below
// them (the largest real devel document is under 1 MiB and 12 levels
// deep); they exist so a hostile plugin file or answer costs bounded time
// and memory instead of killing a whole capture.
const (
	// MaxInputBytes is the largest listing, devel document or plugin file
	// read.
	MaxInputBytes = 64 << 20
	// MaxDepth is the deepest element nesting accepted.
	MaxDepth = 256
	// MaxElements is the most elements one input may hold; a real plugin
	// file with 60,000 fields holds about 250,000.
	MaxElements = 1 << 20
	// maxIncludeSets bounds how many message sets one <include> chain
	// reaches.
	maxIncludeSets = 64
)

func checkSize(data []byte) error {
	if len(data) > MaxInputBytes {
		return fmt.Errorf("input of %d bytes is larger than the %d-byte limit", len(data), MaxInputBytes)
	}
	return nil
}

// parseXML parses an XML document within the limits.
func parseXML(data []byte) (*xmlquery.Node, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	if err := scanLimits(data); err != nil {
		return nil, err
	}
	doc, err := xmlquery.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("malformed XML: %w", err)
	}
	return doc, checkDepth(doc)
}

// scanLimits reads data as a stream of tokens, keeping nothing, and
// refuses it when elements nest deeper than MaxDepth or number more than
// MaxElements, before a tree is built: a hostile file millions of levels
// deep costs one pass and no memory per level. Whatever the scan can't
// read is left to the parser, which reports it.
func scanLimits(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // nesting needs no decoding
	depth, count := 0, 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
			count++
			if depth > MaxDepth {
				return fmt.Errorf("elements nested deeper than %d levels", MaxDepth)
			}
			if count > MaxElements {
				return fmt.Errorf("more than %d elements", MaxElements)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// checkDepth walks the tree without recursion and refuses one nested
// deeper than MaxDepth, before any recursive code sees it.
func checkDepth(root *xmlquery.Node) error {
	type item struct {
		n     *xmlquery.Node
		depth int
	}
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > MaxDepth {
			return fmt.Errorf("elements nested deeper than %d levels", MaxDepth)
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xmlquery.ElementNode {
				stack = append(stack, item{c, it.depth + 1})
			}
		}
	}
	return nil
}
