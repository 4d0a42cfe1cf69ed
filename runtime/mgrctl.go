package runtime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mgrgen/mgrgen/runtime/process"
)

// DefaultMgrctlPath is where COREmanager installs mgrctl.
const DefaultMgrctlPath = "/usr/local/mgr5/sbin/mgrctl"

// Mgrctl calls a panel on this host through mgrctl:
//
//	mgrctl -m PANEL -o xml FUNC name=value ... -e secret=$MGRGEN_SECRET_0
//
// The command runs with an argument vector, never a shell. Secret values are
// handed over in environment variables named by -e, so they do not appear
// in the process list. Cancelling the context kills the process and
// everything it started.
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

// DefaultMgrctlOutputLimit caps what one mgrctl call may print.
const DefaultMgrctlOutputLimit = DefaultMaxResponseBytes

// Call runs mgrctl for req and decodes its output. The process runs in its
// own process group; when ctx ends, the group is killed and Call returns
// within process.WaitDelay even if a grandchild holds the output open. A
// write whose process ran but whose outcome is unclear (killed, failed
// without a document, unreadable output) returns a *MayHaveRunError.
func (m *Mgrctl) Call(ctx context.Context, req *Request) (*Response, error) {
	args, env, secrets, err := m.argv(req)
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath(m.path); err != nil {
		return nil, fmt.Errorf("mgr %s: mgrctl: %w", req.Func, err) // nothing ran
	}
	resp, err := m.run(ctx, req, args, env, secrets)
	if err != nil && !req.Read {
		var pe *Error
		if !errors.As(err, &pe) || (pe.Type == "auth" && !pe.sessionRefused) {
			return nil, &MayHaveRunError{Func: req.Func, Err: err}
		}
	}
	return resp, err
}

func (m *Mgrctl) run(ctx context.Context, req *Request, args, env, secrets []string) (*Response, error) {
	stdout, stderr, runErr := process.Run(ctx, m.path, args, env, DefaultMgrctlOutputLimit)
	if ctx.Err() != nil {
		return nil, fmt.Errorf("mgr %s: %w", req.Func, ctx.Err())
	}
	if errors.Is(runErr, process.ErrTooMuchOutput) {
		return nil, fmt.Errorf("mgr %s: mgrctl answer larger than %d bytes", req.Func, DefaultMgrctlOutputLimit)
	}
	stdout = redactBytes(stdout, secrets)
	if len(stdout) > 0 {
		resp, err := scanAnswer(req.Func, newScanner(stdout), stdout, 0, req.sink)
		var pe *Error
		if errors.As(err, &pe) {
			redactError(pe, secrets)
		}
		if err != nil || runErr == nil {
			if resp != nil {
				resp.secrets = secrets
			}
			return resp, err
		}
	}
	if runErr != nil {
		msg := Excerpt(redactString(strings.TrimSpace(string(stderr)), secrets), 300)
		return nil, fmt.Errorf("mgr %s: mgrctl: %v: %s", req.Func, runErr, msg)
	}
	return nil, &DecodeError{Func: req.Func, Raw: stdout, Err: errNotXML}
}

// argv builds mgrctl's arguments: -m PANEL -o xml FUNC, the plain
// parameters sorted by name, then every secret as -e name=$VAR with its
// value in the environment, as ISPsystem's grammar puts -e last.
func (m *Mgrctl) argv(req *Request) (args, env, secrets []string, err error) {
	if len(req.Files) > 0 {
		return nil, nil, nil, fmt.Errorf("mgr %s: %w", req.Func, ErrFileOverMgrctl)
	}
	if err := checkArg(req.Func); err != nil {
		return nil, nil, nil, fmt.Errorf("mgr: function %q: %w", req.Func, err)
	}
	v := cloneValues(req.Values)
	req.Options.encode(v)
	args = []string{"-m", m.panel, "-o", "xml", req.Func}
	env = os.Environ()
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var envArgs []string
	for _, k := range keys {
		if err := checkArg(k); err != nil || strings.Contains(k, "=") {
			return nil, nil, nil, fmt.Errorf("mgr %s: parameter name %q is not allowed", req.Func, k)
		}
		for _, val := range v[k] {
			if req.IsSecret(k) {
				name := fmt.Sprintf("MGRGEN_SECRET_%d", len(envArgs)/2)
				env = append(env, name+"="+val)
				envArgs = append(envArgs, "-e", k+"=$"+name)
				if len(val) >= minRedactLen {
					secrets = append(secrets, val)
				}
				continue
			}
			args = append(args, k+"="+val)
		}
	}
	return append(args, envArgs...), env, secrets, nil
}

// Excerpt returns at most n bytes of s, cut at a rune boundary, with "..."
// when something was cut.
func Excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
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
