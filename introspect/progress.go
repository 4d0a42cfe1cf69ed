package introspect

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mgrgen/mgrgen/runtime"
)

// progress draws a one-line bar on a terminal and stays silent otherwise,
// so logs and CI output are not filled with carriage returns.
type progress struct {
	w     io.Writer
	total int
}

func newProgress(w io.Writer, total int) *progress {
	if w == nil || !isTerminal(w) || total == 0 {
		return &progress{}
	}
	return &progress{w: w, total: total}
}

// isTerminal reports whether w is a character device such as a TTY.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progress) update(done int, current string) {
	if p.w == nil {
		return
	}
	const width = 30
	filled := width * done / p.total
	current = runtime.Excerpt(current, 40)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %-40s", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, p.total, current)
}

func (p *progress) finish() {
	if p.w != nil {
		fmt.Fprintln(p.w)
	}
}
