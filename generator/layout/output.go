package layout

import (
	"bytes"
	"sync"
	"text/tabwriter"
)

// scratch holds the buffers of one Source call, reused by the next: a
// package's files are laid out one after another on each core, and
// allocating them anew for each file cost a tenth of generation.
type scratch struct {
	items    []item
	match    []int32
	stack    []frame
	buf      []byte
	segments [][2]int
	aligned  bytes.Buffer
	tw       tabwriter.Writer
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// output turns the printer's text into the file: the segments of lines
// with alignment cells go through a tabwriter configured as go/printer
// configures it; elsewhere a line's only cells are its indentation, which
// the tabwriter would write as the tabs it is, so the text is copied
// without the escapes.
func (p *printer) output() ([]byte, error) {
	out := make([]byte, 0, len(p.buf))
	tw, aligned := &p.sc.tw, &p.sc.aligned
	pos := 0
	for _, seg := range p.segments {
		out = appendPlain(out, p.buf[pos:seg[0]])
		aligned.Reset()
		tw.Init(aligned, 0, 8, 1, ' ', tabwriter.DiscardEmptyColumns|tabwriter.TabIndent|tabwriter.StripEscape)
		if _, err := tw.Write(p.buf[seg[0]:seg[1]]); err != nil {
			return nil, err
		}
		if err := tw.Flush(); err != nil {
			return nil, err
		}
		out = append(out, aligned.Bytes()...)
		pos = seg[1]
	}
	return appendPlain(out, p.buf[pos:]), nil
}

// appendPlain appends text without alignment cells to out, dropping the
// escapes and writing form feeds outside them as the line breaks they
// are.
func appendPlain(out, text []byte) []byte {
	start := 0
	escaped := false
	for i, b := range text {
		switch {
		case b == escape:
			escaped = !escaped
		case b == formfeed && !escaped:
			out = append(out, text[start:i]...)
			out = append(out, newline)
			start = i + 1
			continue
		default:
			continue
		}
		out = append(out, text[start:i]...)
		start = i + 1
	}
	return append(out, text[start:]...)
}
