// Command mgrgen builds typed Go bindings for ISPsystem COREmanager panels
// (BILLmanager, ISPmanager, VMmanager, DCImanager, DNSmanager) from the
// panel's own self-description.
//
// Usage:
//
//	mgrgen introspect -panel NAME [sources] -o FILE   build a schema file
//	mgrgen dump -panel NAME [live source] -o DIR      save raw captures
//	mgrgen generate -schema FILE -pkg NAME -out DIR   generate the Go client
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
	"strings"

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
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return run([]string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(args[1:], stdout, stderr)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
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
	fmt.Fprintf(stderr, "mgrgen: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "mgrgen generates typed Go bindings for ISPsystem COREmanager panels.")
	fmt.Fprintln(w, "\nUsage:\n\n  mgrgen <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  help        explain a command: mgrgen help <command>")
}

// oneLine keeps error output to a single line.
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
