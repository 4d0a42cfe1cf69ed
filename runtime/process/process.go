// Package process runs a helper program such as mgrctl under bounds: an
// argument vector and no shell, its own process group that is killed
// whole when the context ends, a delay after which its pipes are closed
// even if a grandchild still holds them, and a cap on what it may print.
// It uses only the standard library.
package process

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"time"
)

// WaitDelay is how long Run waits, after the program exited or the context
// ended, for its output pipes to close before closing them itself.
const WaitDelay = 2 * time.Second

// ErrTooMuchOutput is returned when the program printed more than the
// limit; it was killed.
var ErrTooMuchOutput = errors.New("output larger than the limit")

// Run runs path with args and env (nil env inherits the caller's) and
// returns what it printed on stdout and stderr, each at most limit bytes.
// When ctx ends, the program and every process it started in its group are
// killed and ctx's error is returned.
func Run(ctx context.Context, path string, args, env []string, limit int) (stdout, stderr []byte, err error) {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = env
	cmd.WaitDelay = WaitDelay
	// Output only arrives after Start has set cmd.Process, so the
	// overflow handler may kill the group directly.
	var once sync.Once
	kill := func() { once.Do(func() { _ = killGroup(cmd) }) }
	out := &capWriter{limit: limit, onOverflow: kill}
	errw := &capWriter{limit: limit, onOverflow: kill}
	cmd.Stdout, cmd.Stderr = out, errw
	setGroup(cmd)
	cmd.Cancel = func() error { return killGroup(cmd) }
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	err = cmd.Wait()
	if ctx.Err() != nil {
		_ = killGroup(cmd)
		return out.bytes(), errw.bytes(), ctx.Err()
	}
	if out.overflowed() || errw.overflowed() {
		return out.bytes(), errw.bytes(), fmt.Errorf("%w of %d bytes", ErrTooMuchOutput, limit)
	}
	return out.bytes(), errw.bytes(), err
}

// capWriter keeps the first limit bytes written and reports the first
// write past them.
type capWriter struct {
	mu         sync.Mutex
	buf        []byte
	limit      int
	over       bool
	onOverflow func()
}

func (w *capWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	room := w.limit - len(w.buf)
	if len(p) <= room {
		w.buf = append(w.buf, p...)
		w.mu.Unlock()
		return len(p), nil
	}
	w.buf = append(w.buf, p[:max(room, 0)]...)
	first := !w.over
	w.over = true
	w.mu.Unlock()
	if first {
		w.onOverflow()
	}
	// Claim the bytes were taken so the copy goes on draining the pipe
	// until the killed program closes it.
	return len(p), nil
}

func (w *capWriter) bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf
}

func (w *capWriter) overflowed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.over
}
