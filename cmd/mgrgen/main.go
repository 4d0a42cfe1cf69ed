// Command mgrgen builds typed Go bindings for ISPsystem COREmanager panels
// (BILLmanager, ISPmanager, VMmanager, DCImanager, DNSmanager) from the
// panel's own self-description.
//
// Usage:
//
//	mgrgen introspect -panel NAME [sources] -o FILE   build a schema file
//	mgrgen dump -panel NAME [live source] -o DIR      save raw captures
//	mgrgen generate -schema FILE -pkg NAME -out DIR   generate the Go client
//	mgrgen diff OLD.json NEW.json                     what an upgrade changed
//	tail -f PANEL.log | mgrgen fromlog -schema FILE   log line to Go call
//	mgrgen fromurl -schema FILE URL                   address bar to Go call
//	mgrgen version                                    print the version
//	mgrgen help [command]                             explain a command
//
// Run `mgrgen help` for every command and flag.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	goruntime "runtime"
	"runtime/debug"
	"strings"

	"github.com/mgrgen/mgrgen/generator"
	"github.com/mgrgen/mgrgen/templates"
)

// usageError marks errors in how mgrgen was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"introspect", "build a schema file from a panel, a dump folder or captured files", runIntrospect},
		{"dump", "save a live panel's raw descriptions into a folder, secrets removed", runDump},
		{"generate", "generate a typed Go client package from a schema file", runGenerate},
		{"diff", "list what changed between two schemas, and what breaks", runDiff},
		{"fromlog", "turn panel log request lines into API requests, mgrctl, curl and Go calls", runFromlog},
		{"fromurl", "the same for a URL copied from the panel's address bar", runFromurl},
		{"fake", "run a fake panel from a schema: over HTTP, or as mgrctl", runFake},
		{"version", "print mgrgen's version and the Go version it was built with", runVersion},
	}
}

func main() {
	if filepath.Base(os.Args[0]) == "mgrctl" {
		os.Exit(asMgrctl(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errHelpShown ends a command after it printed its help (exit 0).
var errHelpShown = errors.New("help shown")

// run is the whole command line contract: exit 0 on success (and for
// help, which goes to stdout), 1 for bad input or a failed run with one
// line on stderr, 2 for bad usage with one line and where to get help.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "mgrgen: no command given")
		fmt.Fprintln(stderr, "Run 'mgrgen help' for usage.")
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-version", "--version":
		name = "version"
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 {
			usage(stdout)
			return 0
		}
		name, rest = rest[0], []string{"-h"}
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(rest, stdout, stderr)
		var ue usageError
		var exit errExit
		switch {
		case errors.As(err, &exit):
			return int(exit) // a fake mgrctl printed its own error
		case err == nil, errors.Is(err, errHelpShown):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "mgrgen %s: %s\n", c.name, oneLine(err.Error()))
			fmt.Fprintf(stderr, "Run 'mgrgen help %s' for usage.\n", c.name)
			return 2
		default:
			fmt.Fprintf(stderr, "mgrgen %s: %s\n", c.name, oneLine(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(stderr, "mgrgen: unknown command %q\n", oneLine(name))
	fmt.Fprintln(stderr, "Run 'mgrgen help' for usage.")
	return 2
}

// parseFlags parses a command's flags. -h prints help (on stdout) and
// returns errHelpShown; a bad flag or a stray argument is a usageError,
// reported once by run.
func parseFlags(fs *flag.FlagSet, args []string, help string, stdout io.Writer) error {
	rest, err := parseWithArgs(fs, args, help, stdout)
	if err == nil && len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	return err
}

// parseWithArgs is parseFlags for commands that take arguments: it returns
// them, and flags may come before, between or after them ("--" ends the
// flags).
func parseWithArgs(fs *flag.FlagSet, args []string, help string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var positional []string
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			fmt.Fprint(stdout, help)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil, errHelpShown
		case err != nil:
			return nil, usageError{err.Error()}
		case fs.NArg() == 0:
			return positional, nil
		}
		// Parsing stopped at an argument (or after "--"): keep it, go on.
		if len(args) > fs.NArg() && args[len(args)-fs.NArg()-1] == "--" {
			return append(positional, fs.Args()...), nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "mgrgen generates typed Go bindings for ISPsystem COREmanager panels.")
	fmt.Fprintln(w, "\nUsage:\n\n  mgrgen <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  help        explain a command: mgrgen help <command>")
	fmt.Fprintln(w, "\nExit status: 0 success, 1 bad input or a failed run, 2 bad usage.")
}

func runVersion(args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if err := parseFlags(fs, args, "Usage: mgrgen version\n\nPrints mgrgen's version, the module version it was built from, and the Go\nversion. Generated files name the mgrgen version in their first line.\n", stdout); err != nil {
		return err
	}
	module := "(unknown)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		module = bi.Main.Version
	}
	fmt.Fprintf(stdout, "mgrgen %s (module %s, %s)\n", generator.Version, module, goruntime.Version())
	return nil
}

// oneLine folds s onto one line fit for a terminal: runs of white space
// become one space and control and bidirectional characters (which panel
// text may carry, to move the cursor or recolour the screen) are removed.
func oneLine(s string) string {
	return templates.Neutralize(strings.Join(strings.Fields(s), " "))
}

// multiFlag is a flag that may repeat.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
