package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mgrgen/mgrgen/generator"
	"github.com/mgrgen/mgrgen/introspect/requestlog"
	"github.com/mgrgen/mgrgen/schema"
)

const fromlogHelp = `Usage: mgrgen fromlog [-schema FILE [-pkg NAME] [-config FILE]] [-panel NAME] [-url URL] [FILE...]

Reads a panel log (the files named, or stdin, so tail -f works:
tail -f /usr/local/mgr5/var/ispmgr.log | mgrgen fromlog -panel ispmgr) and
prints, for each request line, the cleaned API request, the same request as
an mgrctl command and as a curl command, and with -schema the Go call of
the generated method. Other lines are skipped.

Cleaning drops what only the web interface sends (sfrom, operafake,
progressid, newwindow, randomnumber, clicked_button=ok), parameters whose
value is * and empty ones; func, elid, plid and sok are always kept, and so
is any other button (clicked_button=finish) and snext. Passwords, keys and
session ids are never printed: they become $MGR_NAME placeholders (the
environment variable the command reads), and so are the parameters the
schema marks secret.

Flags:
`

const fromurlHelp = `Usage: mgrgen fromurl [-schema FILE [-pkg NAME] [-config FILE]] [-panel NAME] [-url URL] [URL...]

Does what mgrgen fromlog does for URLs copied from the panel's address bar
(given as arguments, or one per line on stdin), such as
https://billing.example.com/billmgr#/?func=payment.edit&elid=1256&plid=334
The parameters may be in the query or in the fragment. The panel and its
address come from the URL unless -panel or -url say otherwise.

Flags:
`

// stdin is where fromlog and fromurl read when given no arguments (a
// variable so tests can feed it).
var stdin io.Reader = os.Stdin

// fromTool is what fromlog and fromurl share: how to print a request.
type fromTool struct {
	panel, endpoint string
	schema          *schema.Schema
	caller          *generator.Caller
	pkg             string
}

func newFromTool(name string, args []string, help string, stdout io.Writer) (*fromTool, []string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	schemaPath := fs.String("schema", "", "a schema `file`: print the Go call of the method generated from it")
	pkg := fs.String("pkg", "", "the generated package's `name` (default: the schema's panel)")
	config := fs.String("config", "", "the config `file` the package was generated with")
	panel := fs.String("panel", "", "the panel's short `name` for mgrctl (default: the schema's or the URL's panel)")
	endpoint := fs.String("url", "", "the panel's `address` for curl, such as https://host:1500/ispmgr")
	rest, err := parseWithArgs(fs, args, help, stdout)
	if err != nil {
		return nil, nil, err
	}
	t := &fromTool{panel: *panel, endpoint: *endpoint}
	if *schemaPath != "" {
		if t.schema, err = schema.Load(*schemaPath); err != nil {
			return nil, nil, err
		}
		cfg, err := generator.LoadConfig(*config)
		if err != nil {
			return nil, nil, err
		}
		t.pkg = *pkg
		if t.pkg == "" {
			t.pkg = t.schema.Panel
		}
		if t.caller, err = generator.NewCaller(t.schema, t.pkg, cfg); err != nil {
			return nil, nil, err
		}
		if t.panel == "" {
			t.panel = t.schema.Panel
		}
	} else if *pkg != "" || *config != "" {
		return nil, nil, usageError{"-pkg and -config only apply with -schema"}
	}
	return t, rest, nil
}

func runFromlog(args []string, stdout, stderr io.Writer) error {
	t, files, err := newFromTool("fromlog", args, fromlogHelp, stdout)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	found := 0
	for _, name := range files {
		in, closeIn, err := openInput(name)
		if err != nil {
			return err
		}
		tooLong := func(at int) {
			fmt.Fprintf(stderr, "%s:%d: longer than %d bytes; skipped\n", displayName(name), at, maxLogLine)
		}
		n, err := eachLine(in, func(line string, at int) {
			r, err := requestlog.ParseLogLine(line)
			switch {
			case errors.Is(err, requestlog.ErrNotRequest):
				return
			case err != nil:
				fmt.Fprintf(stderr, "%s:%d: %s\n", displayName(name), at, oneLine(err.Error()))
				return
			}
			found++
			t.print(stdout, r)
		}, tooLong)
		closeIn()
		if err != nil {
			return fmt.Errorf("%s:%d: %w", displayName(name), n, err)
		}
	}
	if found == 0 {
		return fmt.Errorf("no request lines found (they read: ... INFO Request [address][user] 'func=...')")
	}
	return nil
}

func runFromurl(args []string, stdout, stderr io.Writer) error {
	t, urls, err := newFromTool("fromurl", args, fromurlHelp, stdout)
	if err != nil {
		return err
	}
	handle := func(u string) error {
		r, err := requestlog.ParseURL(u)
		if err != nil {
			return err
		}
		t.print(stdout, r)
		return nil
	}
	if len(urls) > 0 {
		for _, u := range urls {
			if err := handle(u); err != nil {
				return err
			}
		}
		return nil
	}
	found := 0
	_, err = eachLine(stdin, func(line string, at int) {
		if strings.TrimSpace(line) == "" {
			return
		}
		if err := handle(line); err != nil {
			fmt.Fprintf(stderr, "stdin:%d: %s\n", at, oneLine(err.Error()))
			return
		}
		found++
	}, func(at int) { fmt.Fprintf(stderr, "stdin:%d: longer than %d bytes; skipped\n", at, maxLogLine) })
	if err == nil && found == 0 {
		err = errors.New("no URL given (as arguments or on stdin)")
	}
	return err
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

func openInput(name string) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// maxLogLine bounds a log line; a longer one is reported and skipped, so
// one odd line does not end a tail -f.
const maxLogLine = 2 << 20

// eachLine calls fn for every line of r as it arrives (tail -f never
// ends), with its number. It returns the number of the line it stopped
// at and why, if r failed.
func eachLine(r io.Reader, fn func(line string, at int), tooLong func(at int)) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	n, skipping := 0, false
	for {
		chunk, err := br.ReadSlice('\n')
		switch {
		case skipping:
		case len(line)+len(chunk) > maxLogLine:
			skipping, line = true, line[:0]
		default:
			line = append(line, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(chunk) > 0 || err == nil || skipping || len(line) > 0 {
			n++
			if skipping {
				tooLong(n)
			} else {
				fn(strings.TrimRight(string(line), "\r\n"), n)
			}
			line, skipping = line[:0], false
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n + 1, err
		}
	}
}

// print writes one request: where it came from, the cleaned request, the
// mgrctl and curl commands, and the Go call with its notes. Every line of
// panel text goes through oneLine; commands and code quote what they carry.
func (t *fromTool) print(w io.Writer, r *requestlog.Request) {
	var f *schema.Function
	if t.schema != nil && r.Func != "" {
		if f = t.schema.Lookup(r.Func); f != nil {
			r.MarkSecret(func(name string) bool { p := f.Param(name); return p != nil && p.Secret })
		}
	}
	panel := firstOf(t.panel, r.Panel, "PANEL")
	endpoint := firstOf(t.endpoint, r.Endpoint, "https://PANEL_HOST:1500/"+panel)
	var b strings.Builder
	head := firstOf(r.Func, "(no function named)")
	if r.Time != "" || r.User != "" {
		head = fmt.Sprintf("%s %s@%s: %s", r.Time, r.User, r.Remote, head)
	}
	fmt.Fprintf(&b, "# %s\n", oneLine(head))
	if r.Func == "" {
		fmt.Fprintln(&b, "note: the request names no function (func=...); nothing to call")
		fmt.Fprintln(&b)
		io.WriteString(w, b.String())
		return
	}
	if t.schema != nil && r.Panel != "" && r.Panel != t.schema.Panel {
		fmt.Fprintf(&b, "note:    the URL is of %s, the schema of %s\n", oneLine(r.Panel), t.schema.Panel)
	}
	fmt.Fprintf(&b, "request: %s\n", r.Query())
	if len(r.Dropped) > 0 {
		fmt.Fprintf(&b, "dropped: %s\n", oneLine(strings.Join(r.Dropped, ", ")))
	}
	fmt.Fprintf(&b, "mgrctl:  %s\n", r.Mgrctl(panel))
	fmt.Fprintf(&b, "curl:    %s\n", r.Curl(endpoint))
	if t.caller != nil {
		params := make([]generator.CallParam, len(r.Params))
		for i, p := range r.Params {
			params[i] = generator.CallParam{Name: p.Name, Value: p.Value, Secret: p.Secret, Env: requestlog.Placeholder(p.Name)}
		}
		code, notes := t.caller.Call(r.Func, params)
		fmt.Fprintf(&b, "go:      // c is a *%s.Client\n", t.pkg)
		for _, line := range strings.Split(code, "\n") {
			fmt.Fprintf(&b, "         %s\n", line)
		}
		for _, n := range notes {
			fmt.Fprintf(&b, "note:    %s\n", oneLine(n))
		}
	}
	fmt.Fprintln(&b)
	io.WriteString(w, b.String())
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
