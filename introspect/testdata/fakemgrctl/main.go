// Command fakemgrctl is the mgrctl of the introspection tests: the fake
// panel of runtime/mgrtest, serving a synthetic schema of FAKE_FUNCS
// functions, so every listing and devel document the tests read is the one
// users' fake panels print. What this program adds are the test's knobs:
// timing and the ways a real mgrctl fails, which no schema describes.
//
// Environment: FAKE_FUNCS (generated functions, default 1000), FAKE_DELAY
// (a Go duration added to every call), FAKE_EXTRAS=1 (add functions that
// fail in each known way, plus a group operation, a validator and a
// function with no type), FAKE_PIDS (append the process id at start),
// FAKE_LOG (append "start end args" lines, in nanoseconds, so tests can
// measure concurrency).
package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

func main() {
	start := time.Now()
	if path := os.Getenv("FAKE_PIDS"); path != "" {
		appendLine(path, strconv.Itoa(os.Getpid()))
	}
	if d, err := time.ParseDuration(os.Getenv("FAKE_DELAY")); err == nil {
		time.Sleep(d)
	}
	code := run(os.Args[1:])
	if path := os.Getenv("FAKE_LOG"); path != "" {
		appendLine(path, fmt.Sprintf("%d %d %s", start.UnixNano(), time.Now().UnixNano(), strings.Join(os.Args[1:], " ")))
	}
	os.Exit(code)
}

func appendLine(path, line string) {
	if f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		fmt.Fprintln(f, line)
		f.Close()
	}
}

func run(args []string) int {
	if len(args) < 2 || args[0] != "-m" {
		fmt.Fprintln(os.Stderr, "usage: mgrctl -m PANEL ...")
		return 2
	}
	rest := args[2:]
	// The layout of `mgrctl -i FUNC` is unknown (FORMATS.md §0), so the
	// fake panel does not print one; the tests only need some text back.
	if len(rest) == 3 && rest[0] == "-i" {
		fmt.Printf("%s: parameters of the function\n", rest[1])
		return 0
	}
	if len(rest) == 4 && rest[0] == "-o" && rest[1] == "devel" {
		switch rest[2] {
		case "broken.form":
			fmt.Fprintln(os.Stderr, "ERROR internal(crash)")
			return 1
		case "errdoc.form":
			fmt.Printf(`<?xml version="1.0" encoding="UTF-8"?><doc func="%s"><error type="access" object="errdoc.form" lang="en"><msg>Access denied</msg></error></doc>`, rest[2])
			return 0
		case "garbage.form":
			fmt.Print(`<doc func="garbage.form"><metadata name="garbage.form" type="form"><form>`)
			return 0
		}
	}
	// A call for one function needs only that function: building the
	// other thousand on every call would make the capture benchmark
	// measure this program rather than the capture.
	only := ""
	if len(rest) >= 3 && rest[0] == "-o" {
		only = rest[2]
	}
	stdout, stderr, code := mgrtest.New(synthetic(only)).Mgrctl(args, os.Getenv)
	// A real devel document of a form ends with the form's current values,
	// and some panels put a stored password among them; dumps must scrub
	// it, so the synthetic forms carry one.
	if len(rest) == 4 && rest[1] == "devel" && strings.HasSuffix(rest[2], ".edit") {
		stdout = strings.Replace(stdout, "</doc>", "<name>example</name><active>on</active><passwd>hunter2</passwd><limit>10</limit></doc>", 1)
	}
	fmt.Print(stdout)
	fmt.Fprint(os.Stderr, stderr)
	return code
}

// synthetic is the panel the tests introspect: objNNNN.edit forms,
// objNNNN lists whose toolbars name objNNNN.edit and objNNNN.delete (which
// the listing leaves out, as real listings leave out some toolbar targets)
// and objNNNN.stat reports, in turn. With only set, it holds just that
// function.
func synthetic(only string) *schema.Schema {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("FAKE_FUNCS")); err == nil {
		n = v
	}
	s := &schema.Schema{SchemaVersion: schema.Version, Panel: "fake"}
	for i := range n {
		if only != "" && only != fmt.Sprintf("obj%04d%s", i, []string{".edit", "", ".stat"}[i%3]) {
			continue
		}
		switch i % 3 {
		case 0:
			s.Functions = append(s.Functions, schema.Function{
				Name: fmt.Sprintf("obj%04d.edit", i), Kind: schema.KindForm, Title: fmt.Sprintf("Object %d", i),
				ListingDoc: fmt.Sprintf("Object %d . Edit the object .", i),
				Params: []schema.Param{
					{Name: "name", Type: schema.TypeString, Control: "text", Required: true, MaxLength: 64, Label: "Name", Hint: "The object's name"},
					{Name: "active", Type: schema.TypeBool, Control: "checkbox"},
					{Name: "passwd", Type: schema.TypeString, Control: "password", Secret: true, Label: "Password"},
					{Name: "limit", Type: schema.TypeInt, Control: "text", Check: "int", CheckArgs: "0,100"},
					{Name: "mode", Type: schema.TypeEnum, Control: "select", Enum: []schema.EnumValue{{Key: "fast", Label: "Fast"}, {Key: "safe", Label: "Safe"}}},
				},
			})
		case 1:
			name := fmt.Sprintf("obj%04d", i)
			s.Functions = append(s.Functions, schema.Function{
				Name: name, Kind: schema.KindList, ListingDoc: fmt.Sprintf("Objects %d .", i), Key: "id", KeyName: "name",
				Columns: []schema.Column{{Name: "id", Type: "data", Sort: "digit"}, {Name: "name", Type: "data", Sort: "alpha", Label: "Name"}, {Name: "status", Type: "msg", Label: "Status"}},
				Actions: []schema.Action{{Name: "edit", Func: name + ".edit", Type: "edit"}, {Name: "delete", Func: name + ".delete", Type: "group"}},
			})
		default:
			s.Functions = append(s.Functions, schema.Function{
				Name: fmt.Sprintf("obj%04d.stat", i), Kind: schema.KindReport, ListingDoc: fmt.Sprintf("Statistics %d.", i),
				Params: []schema.Param{{Name: "period", Type: schema.TypeEnum, Control: "select", Enum: []schema.EnumValue{{Key: "day", Label: "Day"}, {Key: "week", Label: "Week"}}}},
				Tables: []schema.Table{{Name: "stat", Columns: []schema.Column{{Name: "date", Type: "data"}, {Name: "value", Type: "data"}}}},
			})
		}
	}
	if os.Getenv("FAKE_EXTRAS") == "1" {
		s.Functions = append(s.Functions,
			// Their devel calls fail: see run.
			schema.Function{Name: "broken.form", Kind: schema.KindForm, ListingDoc: "Broken."},
			schema.Function{Name: "errdoc.form", Kind: schema.KindForm, ListingDoc: "Errdoc."},
			schema.Function{Name: "garbage.form", Kind: schema.KindForm, ListingDoc: "Garbage."},
			schema.Function{Name: "user.delete", Kind: schema.KindGroup, ListingDoc: "Delete. Delete the user."},
			schema.Function{Name: "check.int", Kind: schema.KindValidator},
			schema.Function{Name: "exit", Kind: schema.KindUnknown},
		)
	}
	// The fake panel finds functions by binary search.
	slices.SortFunc(s.Functions, func(a, b schema.Function) int { return strings.Compare(a.Name, b.Name) })
	return s
}
