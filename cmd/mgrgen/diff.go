package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/schema/schemadiff"
)

const diffHelp = `Usage: mgrgen diff [-format text|md|json] [--fail-on breaking|warning|info] OLD.json NEW.json

Lists what changed between two schemas of one panel, such as the schema you
generated from and one captured after a panel upgrade: functions added,
removed or renamed, kinds, parameters (added, removed, renamed, required,
type, secret, options), buttons, list and table columns and toolbar
actions. Each change is breaking (code that compiled or a call that worked
stops doing so), warning (behaviour may differ) or info, with a one-line
reason. A removed and an added function, parameter or column that look
alike (same kind or type, and the same title, label or options) are
reported once, as a likely rename.

The report goes to stdout: text, Markdown for a pull request (-format md) or
JSON with stable keys (-format json). With --fail-on, the exit status is 1
when a change that serious or more is present, for CI.

Flags:
`

func runDiff(args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	format := fs.String("format", "text", "report `format`: text, md or json")
	failOn := fs.String("fail-on", "", "exit 1 when a change of this `severity` or more is present: breaking, warning or info")
	files, err := parseWithArgs(fs, args, diffHelp, stdout)
	if err != nil {
		return err
	}
	if len(files) != 2 {
		return usageError{fmt.Sprintf("want two schema files, OLD and NEW; got %d", len(files))}
	}
	switch *format {
	case schemadiff.FormatText, schemadiff.FormatMarkdown, schemadiff.FormatJSON:
	default:
		return usageError{fmt.Sprintf("unknown -format %q (text, md or json)", *format)}
	}
	var threshold schemadiff.Severity
	if *failOn != "" {
		if threshold, err = schemadiff.ParseSeverity(*failOn); err != nil {
			return usageError{"--fail-on: " + err.Error()}
		}
	}
	old, err := schema.Load(files[0])
	if err != nil {
		return err
	}
	upd, err := schema.Load(files[1])
	if err != nil {
		return err
	}
	r, err := schemadiff.Compare(old, upd)
	if err != nil {
		return err
	}
	if err := schemadiff.Write(stdout, r, *format); err != nil {
		return err
	}
	if threshold != "" && r.Has(threshold) {
		return fmt.Errorf("--fail-on %s: %s", threshold, r.Summary())
	}
	return nil
}
