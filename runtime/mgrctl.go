package runtime

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
)

// DefaultMgrctlPath is where COREmanager installs mgrctl.
const DefaultMgrctlPath = "/usr/local/mgr5/sbin/mgrctl"

// Mgrctl calls a panel on this host through mgrctl:
//
//	mgrctl -m PANEL -o xml FUNC name=value ... -e secret=$MGRGEN_SECRET_0
//
// The command runs with an argument vector, never a shell. Secret values are
// handed over in environment variables named by -e, so they do not appear
// in the process list. Cancelling the context kills the process.
type Mgrctl struct {
	path  string
	panel string
}

// MgrctlOption configures a Mgrctl transport.
type MgrctlOption func(*Mgrctl)

// WithMgrctlPath sets the path of the mgrctl executable.
func WithMgrctlPath(path string) MgrctlOption { return func(m *Mgrctl) { m.path = path } }

// NewMgrctl returns a transport for the panel (billmgr, ispmgr, ...) on
// this host. Calls run with the rights of the user running the program.
func NewMgrctl(panel string, opts ...MgrctlOption) *Mgrctl {
	m := &Mgrctl{path: DefaultMgrctlPath, panel: panel}
	for _, o := range opts {
		o(m)
	}
	return m
}

// Call runs mgrctl for req and decodes its output.
func (m *Mgrctl) Call(ctx context.Context, req *Request) (*Response, error) {
	if err := checkArg(req.Func); err != nil {
		return nil, fmt.Errorf("mgr: function %q: %w", req.Func, err)
	}
	v := cloneValues(req.Values)
	req.Options.encode(v)
	args := []string{"-m", m.panel, "-o", "xml", req.Func}
	env := os.Environ()
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	n := 0
	for _, k := range keys {
		if err := checkArg(k); err != nil || strings.Contains(k, "=") {
			return nil, fmt.Errorf("mgr %s: parameter name %q is not allowed", req.Func, k)
		}
		for _, val := range v[k] {
			if req.IsSecret(k) {
				name := fmt.Sprintf("MGRGEN_SECRET_%d", n)
				n++
				env = append(env, name+"="+val)
				args = append(args, "-e", k+"=$"+name)
				continue
			}
			args = append(args, k+"="+val)
		}
	}
	cmd := exec.CommandContext(ctx, m.path, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("mgr %s: %w", req.Func, ctx.Err())
	}
	if stdout.Len() > 0 {
		resp, err := Decode(req.Func, stdout.Bytes(), 0)
		if err != nil || runErr == nil {
			return resp, err
		}
	}
	if runErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return nil, fmt.Errorf("mgr %s: mgrctl: %v: %s", req.Func, runErr, msg)
	}
	return nil, &DecodeError{Func: req.Func, Raw: stdout.Bytes(), Err: errNotXML}
}

// checkArg refuses values that mgrctl would read as options.
func checkArg(s string) error {
	if s == "" || strings.HasPrefix(s, "-") {
		return fmt.Errorf("must not be empty or start with '-'")
	}
	return nil
}

func cloneValues(v map[string][]string) map[string][]string {
	out := make(map[string][]string, len(v)+3)
	for k, vals := range v {
		out[k] = append([]string(nil), vals...)
	}
	return out
}
