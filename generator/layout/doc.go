package layout

import (
	"errors"
	"go/doc/comment"
	"strings"
	"unicode"
	"unicode/utf8"
)

// formatDoc returns the lines of a doc comment as gofmt writes them:
// go/printer passes the text of a top-level comment that documents the
// token right below it through go/doc/comment's parser and printer, which
// turn indented lines into code blocks and lists, "# " lines and some
// lone short lines into headings, and drop extra blank lines. Text that
// has none of these comes back as it was, so plainDoc lets it skip the
// round trip.
func formatDoc(lines []string) ([]string, error) {
	if plainDoc(lines) {
		return lines, nil
	}
	return reformatDoc(lines)
}

// reformatDoc is formatDoc without the shortcut for plain text.
func reformatDoc(lines []string) ([]string, error) {
	var b strings.Builder
	for _, c := range lines {
		after, ok := strings.CutPrefix(c, "//")
		if !ok || isDirective(after) {
			// go/printer keeps directives apart; mgrgen writes none.
			return nil, errors.New("a directive in a doc comment")
		}
		b.WriteString(strings.TrimPrefix(after, " "))
		b.WriteByte('\n')
	}
	var parser comment.Parser
	var printer comment.Printer
	text := string(printer.Comment(parser.Parse(b.String())))
	if text == "" {
		return nil, errors.New("a doc comment with no text")
	}
	out := make([]string, 0, len(lines))
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		switch {
		case line == "":
			line = "//"
		case line[0] == '\t':
			line = "//" + line
		default:
			line = "// " + line
		}
		out = append(out, line)
	}
	return out, nil
}

// plainDoc reports whether go/doc/comment would give the lines back
// unchanged: each is "//" or "// " and text with no white space at
// either end that does not start with "#" or "[" (indented code and
// lists, headings, link definitions) and no doubled backquote or
// apostrophe (which become curly quotes); the
// first and last are not blank and no two blank lines follow each other;
// and no lone line between blank lines could be an old-style heading
// (one ends in a letter or digit). FuzzPlainDoc checks it against
// go/doc/comment.
func plainDoc(lines []string) bool {
	if len(lines) == 0 {
		return false
	}
	for k, c := range lines {
		if c == "//" {
			if k == 0 || k == len(lines)-1 || lines[k-1] == "//" {
				return false
			}
			continue
		}
		text, ok := strings.CutPrefix(c, "// ")
		if !ok || text == "" || strings.TrimSpace(text) != text || strings.Contains(text, "``") || strings.Contains(text, "''") {
			return false // the printer turns `` and '' into curly quotes
		}
		switch text[0] {
		case '#', '[':
			return false
		}
		lone := (k == 0 || lines[k-1] == "//") && (k == len(lines)-1 || lines[k+1] == "//")
		if lone && k > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text); unicode.IsLetter(r) || unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// isDirective reports whether the text after // makes a comment a
// directive (//go:generate, //line and the like), as go/ast defines it.
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.IndexByte(c, ':')
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for k := 0; k <= colon+1; k++ {
		if k == colon {
			continue
		}
		if b := c[k]; !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}
