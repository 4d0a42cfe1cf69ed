package introspect

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/process"
)

// DefaultMgrctl is where COREmanager installs mgrctl.
const DefaultMgrctl = "/usr/local/mgr5/sbin/mgrctl"

// Mgrctl asks a panel on this host through its mgrctl utility. Commands are
// run with an argument vector, never through a shell, so function names
// cannot inject anything.
type Mgrctl struct {
	// Path of the mgrctl executable; DefaultMgrctl when empty.
	Path string
	// Panel is the manager name passed to -m (billmgr, ispmgr, ...).
	Panel string
	// Lang selects the language of labels; "en" when empty.
	Lang string
}

// Method returns "local".
func (m *Mgrctl) Method() string { return "local" }

// Inventory runs `mgrctl -m PANEL -i lang=LANG`.
func (m *Mgrctl) Inventory(ctx context.Context) ([]byte, string, error) {
	if err := notOptions(m.Panel); err != nil {
		return nil, "", err
	}
	out, err := m.run(ctx, "-m", m.Panel, "-i", "lang="+m.lang())
	return out, FormatListing, err
}

// Devel runs `mgrctl -m PANEL -o devel FUNC lang=LANG`.
func (m *Mgrctl) Devel(ctx context.Context, fn string) ([]byte, error) {
	if err := notOptions(m.Panel, fn); err != nil {
		return nil, err
	}
	return m.run(ctx, "-m", m.Panel, "-o", "devel", fn, "lang="+m.lang())
}

// FuncInfo runs `mgrctl -m PANEL -i FUNC lang=LANG`.
func (m *Mgrctl) FuncInfo(ctx context.Context, fn string) ([]byte, error) {
	if err := notOptions(m.Panel, fn); err != nil {
		return nil, err
	}
	return m.run(ctx, "-m", m.Panel, "-i", fn, "lang="+m.lang())
}

func (m *Mgrctl) lang() string {
	if m.Lang == "" {
		return "en"
	}
	return m.Lang
}

func (m *Mgrctl) run(ctx context.Context, args ...string) ([]byte, error) {
	path := m.Path
	if path == "" {
		path = DefaultMgrctl
	}
	stdout, stderr, err := process.Run(ctx, path, args, nil, maxDocument)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("mgrctl: %w", ctx.Err())
		}
		if errors.Is(err, process.ErrTooMuchOutput) {
			return nil, fmt.Errorf("mgrctl: answer larger than %d bytes", maxDocument)
		}
		msg := strings.TrimSpace(string(stderr))
		if msg == "" {
			msg = strings.TrimSpace(string(stdout))
		}
		if msg != "" {
			return nil, fmt.Errorf("mgrctl: %v: %s", err, runtime.Excerpt(msg, 200))
		}
		return nil, fmt.Errorf("mgrctl: %w", err)
	}
	return stdout, nil
}

// notOptions refuses a panel or function name that begins with a dash:
// mgrctl would read it as an option (-i, -o, -m or one of its others), so
// the call would ask something other than what was named.
func notOptions(values ...string) error {
	for _, v := range values {
		if strings.HasPrefix(v, "-") {
			return fmt.Errorf("refusing argument %q: looks like an option", v)
		}
	}
	return nil
}
