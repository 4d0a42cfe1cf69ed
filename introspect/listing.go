package introspect

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/mgrgen/mgrgen/schema"
)

// ListingEntry is one record of a `mgrctl -m PANEL -i` listing.
type ListingEntry struct {
	Name string
	// Kind is the schema kind ("group" for "group operation" and so on), or
	// "" when the record states no type.
	Kind string
	// Title is the first sentence of the description, Doc all of it without
	// the trailing "Function type: ..." part. Both are empty for
	// "Description is not available".
	Title string
	Doc   string
	// Raw is the description exactly as printed (white space folded), when
	// tidying it into Doc changed it; "" otherwise.
	Raw string
	// Type is the function type exactly as printed, for diagnostics.
	Type string
}

const (
	notAvailable = "Description is not available"
	typeMarker   = "Function type:"
)

// listingKinds maps the printed function types to schema kinds.
var listingKinds = map[string]string{
	"form":              schema.KindForm,
	"list":              schema.KindList,
	"report":            schema.KindReport,
	"group operation":   schema.KindGroup,
	"validator":         schema.KindValidator,
	"dashboard":         schema.KindDashboard,
	"helpboard":         schema.KindHelpboard,
	"external function": schema.KindExternal,
	"none":              schema.KindNone,
}

// ParseListing parses the text printed by `mgrctl -m PANEL -i`.
//
// The layout is two columns: the name starts a line, the description starts
// after the first run of spaces and wraps onto continuation lines that begin
// with spaces. Wrapping may split "Function type:" itself, so continuation
// lines are joined with single spaces before the type is read. The name is
// split at the first space rather than at a fixed column because names as
// long as the column exist. A type the parser does not know leaves the kind
// empty and stays visible in Doc.
func ParseListing(data []byte) ([]ListingEntry, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	notListing := func(what string) error {
		return fmt.Errorf("this is not an mgrctl -i listing (it looks like %s); --functions takes the output of mgrctl -m PANEL -i", what)
	}
	if what := looksLike(data); what != "plain text" {
		return nil, notListing(what)
	}
	var (
		out   []ListingEntry
		parts []string
		name  string
		first int
	)
	flush := func() error {
		if name == "" {
			return nil
		}
		e, err := listingEntry(name, strings.Join(parts, " "))
		if err != nil {
			return fmt.Errorf("listing line %d: %w", first, err)
		}
		out = append(out, e)
		name, parts = "", nil
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	seen := map[string]int{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if name == "" {
				return nil, fmt.Errorf("listing line %d: continuation line before any function name", n)
			}
			parts = append(parts, strings.TrimSpace(line))
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		fields := strings.SplitN(line, " ", 2)
		name, first = fields[0], n
		if prev, dup := seen[name]; dup {
			return nil, fmt.Errorf("listing line %d: function %q already listed on line %d", n, name, prev)
		}
		seen[name] = n
		if len(fields) == 2 {
			parts = append(parts, strings.TrimSpace(fields[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("listing: %w", err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("listing: no functions found")
	}
	// Every real listing states a type or "Description is not available"
	// for its functions; prose states neither.
	for _, e := range out {
		if e.Type != "" || e.Doc == "" {
			return out, nil
		}
	}
	return nil, notListing("plain text")
}

func listingEntry(name, desc string) (ListingEntry, error) {
	e := ListingEntry{Name: name}
	if !schema.IsWireName(name) {
		return e, fmt.Errorf("function %q: not a function name", name)
	}
	desc = strings.Join(strings.Fields(desc), " ")
	if desc == notAvailable {
		return e, nil
	}
	if i := strings.LastIndex(desc, typeMarker); i >= 0 && (i == 0 || desc[i-1] == ' ') {
		e.Type = strings.TrimSpace(desc[i+len(typeMarker):])
		if kind, ok := listingKinds[e.Type]; ok {
			e.Kind = kind
			desc = strings.TrimSpace(desc[:i])
		}
	}
	e.Doc = tidySentence(desc)
	if e.Doc != desc {
		e.Raw = desc
	}
	e.Title = firstSentence(e.Doc)
	return e, nil
}

// tidySentence removes the artefacts the panel leaves when it joins messages
// (" ." and ".." at the end).
func tidySentence(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasSuffix(s, " .") || strings.HasSuffix(s, "..") {
		s = strings.TrimSpace(s[:len(s)-1])
	}
	s = strings.ReplaceAll(s, " . ", ". ")
	s = strings.ReplaceAll(s, ".. ", ". ")
	return s
}

// firstSentence returns the text before the first ". " (the panel's title),
// without a trailing period.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, ".")
}
