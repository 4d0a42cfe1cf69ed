package templates

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

const commentWidth = 76

// Wrap joins paragraphs and wraps them at commentWidth, for jen.Comment.
// Empty paragraphs are dropped; paragraphs are separated by a blank line.
func Wrap(paragraphs ...string) string {
	// Most docs are one short paragraph with plain spacing, as it is.
	if len(paragraphs) == 1 && len(paragraphs[0]) <= commentWidth && plainSpacing(paragraphs[0]) {
		return paragraphs[0]
	}
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
	var cur strings.Builder
	width := 0 // of cur, in runes
	for _, w := range strings.Fields(p) {
		n := utf8.RuneCountInString(w)
		if width > 0 && width+1+n > commentWidth {
			lines = append(lines, cur.String())
			cur.Reset()
			width = 0
		}
		if width > 0 {
			cur.WriteByte(' ')
			width++
		}
		cur.WriteString(w)
		width += n
	}
	return append(lines, cur.String())
}

// Comment renders text as // comment lines, or nothing for empty text. It
// is the one way text reaches generated code outside string literals, so
// every line goes through CommentLines.
func Comment(text string) *jen.Statement {
	if text == "" {
		return jen.Null()
	}
	s := jen.Null()
	for i, line := range CommentLines(text) {
		if i > 0 {
			s.Line()
		}
		// jennifer writes a comment that starts with "//" as it is.
		s.Comment(line)
	}
	return s
}

// CommentLines is the choke point for text from a panel, a plugin file or
// a schema on its way into generated code. It splits text at newlines and
// returns each line as a complete line comment: "//" for an empty line,
// otherwise "// " followed by the line with control characters (C0, C1,
// DEL), Unicode line and paragraph separators and bidirectional
// formatting characters removed. Such a line can't end early, and since
// the text always follows "// ", it can't be a directive (//go:generate,
// //go:build, //line and the like need the text right after the slashes)
// or open a block comment.
func CommentLines(text string) []string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		line = strings.TrimRight(Neutralize(line), " ")
		if line == "" {
			out = append(out, "//")
			continue
		}
		out = append(out, "// "+line)
	}
	return out
}

// Neutralize returns s without the characters that could change how Go
// source around it is read or shown: control characters (a tab becomes a
// space), U+2028 and U+2029, the byte order mark and the bidirectional
// formatting characters (Trojan Source). Invalid UTF-8 becomes U+FFFD.
func Neutralize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || isInvisibleFormat(r) { // a tab is a control character
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return neutralize(s)
}

// neutralize is Neutralize without the shortcut for clean text.
func neutralize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r), isInvisibleFormat(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainSpacing reports whether s is as strings.Join(strings.Fields(s), " ")
// would make it: words separated by single blanks, none at either end.
func plainSpacing(s string) bool {
	prevBlank := true // no blank at the start
	for _, r := range s {
		switch {
		case r == ' ':
			if prevBlank {
				return false
			}
			prevBlank = true
		case unicode.IsSpace(r):
			return false
		default:
			prevBlank = false
		}
	}
	return !prevBlank || s == ""
}

// isInvisibleFormat reports the line separators, the byte order mark and
// the bidirectional marks, embeddings, overrides and isolates.
func isInvisibleFormat(r rune) bool {
	switch {
	case r == 0x2028, r == 0x2029, r == 0xFEFF, r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
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

// fieldFacts are the sentences a field's doc is made of after its name:
// hint, when it is required, secrecy, values, extras.
func fieldFacts(f *Field) []string {
	var parts []string
	if f.Hint != "" && f.Hint != f.Label {
		parts = append(parts, sentence(f.Hint))
	}
	switch {
	case f.RequiredDoc != "":
		parts = append(parts, sentence(f.RequiredDoc))
	case f.Required:
		parts = append(parts, "Required.")
	}
	if f.Secret {
		parts = append(parts, "Secret.")
	}
	// An enum's values are its type's constants; others are listed.
	if len(f.Values) > 0 && f.Enum == "" {
		parts = append(parts, "One of: "+strings.Join(f.Values, ", ")+".")
	}
	return append(parts, f.Extra...)
}

// FieldDoc is the doc comment of a field: its label, hint, when it is
// required, whether it is secret and the values it takes. The wire name is
// in the struct's wire table.
func FieldDoc(f *Field) string {
	noun := "parameter"
	if f.Column {
		noun = "column"
	}
	head := f.Name + " is the " + Quote(f.Wire) + " " + noun
	if f.Label != "" {
		head = f.Name + " is " + Quote(f.Label)
	}
	return Wrap(strings.Join(append([]string{sentence(head)}, fieldFacts(f)...), " "))
}

// maxTrailing is the longest note written after a field on its own line.
const maxTrailing = 100

// FieldNote is a field's documentation as a short note after the field
// on the same line, or "" when it is too long for that (FieldDoc goes
// above the field then). Most fields of real panels fit, which keeps
// generated structs at one line per field.
func FieldNote(f *Field) string {
	var parts []string
	if f.Label != "" {
		parts = append(parts, sentence(Quote(f.Label)))
	}
	parts = append(parts, fieldFacts(f)...)
	note := strings.Join(parts, " ")
	if len([]rune(note)) > maxTrailing {
		return ""
	}
	return note
}

// Trailing renders text as a comment at the end of a line, through the
// same neutralising as every other comment.
func Trailing(text string) *jen.Statement {
	if text == "" {
		return jen.Null()
	}
	if !plainSpacing(text) {
		text = strings.Join(strings.Fields(text), " ")
	}
	lines := CommentLines(text)
	return jen.Comment(lines[0])
}

// Quote wraps s in double quotes for doc comments (no escaping: the text
// is prose, not Go source).
func Quote(s string) string { return "\"" + s + "\"" }
