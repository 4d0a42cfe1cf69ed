// Package textdiff shows where two versions of a file differ, as one hunk
// of a unified diff: the first changed line to the last, with a few lines
// of context, cut to a readable length. It is for messages (a stale
// generated file, a golden mismatch), not for patching.
package textdiff

import (
	"fmt"
	"strings"
)

// Hunk returns a unified-diff hunk of the lines that differ between old
// and new, with context lines around them and at most max changed lines
// shown; "" when they are equal.
func Hunk(name string, old, new []byte, context, max int) string {
	a, b := lines(old), lines(new)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	if pre == len(a) && pre == len(b) {
		return ""
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	start := max0(pre - context)
	aEnd, bEnd := min(len(a), len(a)-suf+context), min(len(b), len(b)-suf+context)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s (on disk)\n+++ %s (generated)\n", name, name)
	fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", start+1, aEnd-start, start+1, bEnd-start)
	for _, l := range a[start:pre] {
		sb.WriteString(" " + l + "\n")
	}
	shown := 0
	for _, op := range edits(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		if op.kind != ' ' {
			if shown == max {
				sb.WriteString("... (more changes)\n")
				return sb.String()
			}
			shown++
		}
		sb.WriteString(string(op.kind) + op.line + "\n")
	}
	for _, l := range a[len(a)-suf : aEnd] {
		sb.WriteString(" " + l + "\n")
	}
	return sb.String()
}

type edit struct {
	kind byte // ' ', '-' or '+'
	line string
}

// maxLCS bounds the middle part aligned line by line; a larger one is
// shown as all old lines, then all new ones.
const maxLCS = 2000

// edits aligns a and b by their longest common subsequence of lines.
func edits(a, b []string) []edit {
	var out []edit
	if len(a)*len(b) > maxLCS*maxLCS/4 {
		for _, l := range a {
			out = append(out, edit{'-', l})
		}
		for _, l := range b {
			out = append(out, edit{'+', l})
		}
		return out
	}
	// lcs[i][j] is the common length of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, edit{' ', a[i]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, edit{'-', a[i]})
			i++
		default:
			out = append(out, edit{'+', b[j]})
			j++
		}
	}
	return out
}

func lines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}
