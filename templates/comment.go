package templates

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

const commentWidth = 76

// Wrap joins paragraphs and wraps them at commentWidth, for jen.Comment.
// Empty paragraphs are dropped; paragraphs are separated by a blank line.
func Wrap(paragraphs ...string) string {
	var out []string
	for _, p := range paragraphs {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, wrapLine(p)...)
	}
	return strings.Join(out, "\n")
}

func wrapLine(p string) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(p) {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > commentWidth {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	return append(lines, cur)
}

// Comment renders a doc comment as // lines (jennifer would turn a
// multi-line comment into a /* */ block), or nothing for empty text.
func Comment(text string) *jen.Statement {
	if text == "" {
		return jen.Null()
	}
	s := jen.Null()
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			s.Line()
		}
		if line == "" {
			s.Id("//")
			continue
		}
		s.Comment(line)
	}
	return s
}

// sentence ends s with a period unless it already ends in punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	switch s[len(s)-1] {
	case '.', '!', '?', ':':
		return s
	}
	return s + "."
}

// FieldDoc is the doc comment of a field: its label, hint, whether it is
// required or secret, the values it takes and its wire name.
func FieldDoc(f *Field) string {
	var parts []string
	noun := "parameter"
	if f.Column {
		noun = "column"
	}
	head := f.Name + " is the " + Quote(f.Wire) + " " + noun
	if f.Label != "" {
		head = f.Name + " is " + Quote(f.Label) + " (wire name " + Quote(f.Wire) + ")"
	}
	parts = append(parts, sentence(head))
	if f.Hint != "" && f.Hint != f.Label {
		parts = append(parts, sentence(f.Hint))
	}
	if f.Required {
		parts = append(parts, "Required.")
	}
	if f.Secret {
		parts = append(parts, "Secret: never logged, and passed to mgrctl through the environment.")
	}
	if len(f.Values) > 0 {
		parts = append(parts, "One of: "+strings.Join(f.Values, ", ")+".")
	}
	parts = append(parts, f.Extra...)
	return Wrap(strings.Join(parts, " "))
}

// Quote wraps s in double quotes for doc comments (no escaping: the text
// is prose, not Go source).
func Quote(s string) string { return "\"" + s + "\"" }
