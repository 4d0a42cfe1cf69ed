package schemadiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats Write accepts.
const (
	FormatText     = "text"
	FormatMarkdown = "md"
	FormatJSON     = "json"
)

// Write writes r to w as text (one change per line, most serious first),
// Markdown (for a pull request description) or JSON (stable keys).
func Write(w io.Writer, r *Result, format string) error {
	switch format {
	case FormatText, "":
		return writeText(w, r)
	case FormatMarkdown, "markdown":
		return writeMarkdown(w, r)
	case FormatJSON:
		return writeJSON(w, r)
	}
	return fmt.Errorf("unknown format %q (text, md or json)", format)
}

// Summary counts the changes: "2 breaking, 0 warnings, 5 info".
func (r *Result) Summary() string {
	plural := ""
	if r.Count(Warning) != 1 {
		plural = "s"
	}
	return fmt.Sprintf("%d breaking, %d warning%s, %d info", r.Count(Breaking), r.Count(Warning), plural, r.Count(Info))
}

func writeText(w io.Writer, r *Result) error {
	var b strings.Builder
	if len(r.Changes) == 0 {
		fmt.Fprintf(&b, "%s: no changes\n", r.Panel)
	} else {
		fmt.Fprintf(&b, "%s: %s\n", r.Panel, r.Summary())
	}
	for _, c := range r.Changes {
		fmt.Fprintf(&b, "%-8s  %s\n", c.Severity, c.Reason)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var sectionTitles = map[Severity]string{Breaking: "Breaking", Warning: "Warnings", Info: "Other changes"}

func writeMarkdown(w io.Writer, r *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Panel changes: %s\n\n", mdEscape(r.Panel))
	if len(r.Changes) == 0 {
		b.WriteString("No changes to functions, parameters, columns or actions.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s.\n", r.Summary())
	for _, s := range []Severity{Breaking, Warning, Info} {
		if r.Count(s) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", sectionTitles[s])
		for _, c := range r.Changes {
			if c.Severity == s {
				fmt.Fprintf(&b, "- %s\n", mdEscape(c.Reason))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps panel names (which may hold any character but spaces)
// from turning into Markdown or HTML.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~#&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type jsonReport struct {
	Panel   string         `json:"panel"`
	Summary map[string]int `json:"summary"`
	Changes []Change       `json:"changes"`
}

func writeJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{
		Panel:   r.Panel,
		Summary: map[string]int{string(Breaking): r.Count(Breaking), string(Warning): r.Count(Warning), string(Info): r.Count(Info)},
		Changes: r.Changes,
	})
}
