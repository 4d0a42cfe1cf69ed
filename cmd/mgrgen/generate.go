package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/mgrgen/mgrgen/generator"
	"github.com/mgrgen/mgrgen/internal/textdiff"
	"github.com/mgrgen/mgrgen/schema/fastjson"
)

func runGenerate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	var (
		schemaPath, pkg, out, config string
		changes, previous            string
		check, quiet                 bool
	)
	fs.StringVar(&schemaPath, "schema", "", "the schema `file` to generate from (required)")
	fs.StringVar(&pkg, "pkg", "", "Go package `name` (default: the schema's panel)")
	fs.StringVar(&out, "out", ".", "output `folder`")
	fs.StringVar(&config, "config", "", "a config `file` with renames for colliding names")
	fs.StringVar(&changes, "changes", "", "write a Markdown `file` of what changed since the package was last generated")
	fs.StringVar(&previous, "previous", "", "with -changes: the schema `file` the package was last generated from (default: the schema file at git HEAD)")
	fs.BoolVar(&check, "check", false, "write nothing; exit 1 and list the files that are stale")
	fs.BoolVar(&quiet, "q", false, "print nothing when all is well")
	if err := parseFlags(fs, args, `Usage: mgrgen generate -schema FILE [-pkg NAME] [-out DIR] [-config FILE] [--check]
                       [-changes FILE [-previous FILE]]

Generates a typed Go client package from a schema file. Only files whose bytes
change are written. Only files whose first line is the mgrgen header are ever
touched: a file of yours in the way makes generation fail and stays as it is.
Generated files that are no longer produced are removed; under go generate
they are emptied to stubs instead (go generate fails when a file it listed
vanishes) and removed by the next run outside go generate. With --check,
nothing is written and the exit status is 1 when DIR is stale, for CI; the
changed lines of each stale file are printed as a unified diff hunk.

The package records the SHA-256 of the schema file it was generated from.
With -changes, the Markdown report of mgrgen diff between that schema and
the new one is written to FILE, for the regeneration commit: the old schema
is -previous FILE, or else the schema file as committed at git HEAD, and it
must match the recorded hash. A first generation compares with nothing.

Flags:
`, stdout); err != nil {
		return err
	}
	if schemaPath == "" {
		return usageError{"-schema is required"}
	}
	// A generation allocates several times what it keeps; collecting
	// half as often costs a quarter more peak memory and saves about a
	// tenth of the time (BENCHMARKS.md). A GOGC the user sets wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if check && changes != "" {
		return usageError{"-changes writes a file; it can't be used with --check"}
	}
	if previous != "" && changes == "" {
		return usageError{"-previous is only used with -changes"}
	}
	s, data, err := fastjson.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	hash := generator.SchemaFileHash(data)
	cfg, err := generator.LoadConfig(config)
	if err != nil {
		return err
	}
	if pkg == "" {
		pkg = s.Panel
	}
	files, err := generator.Generate(s, generator.Options{Package: pkg, SchemaName: filepath.Base(schemaPath), SchemaHash: hash, Config: cfg})
	if err != nil {
		return err
	}
	where := describeOut(out, pkg)
	if check {
		changes, err := generator.Diff(out, files)
		if err != nil {
			return err
		}
		var parts []string
		for _, c := range changes {
			if c.Kind == "prune" { // a stub left by go generate is not stale
				continue
			}
			parts = append(parts, c.Kind+" "+c.File)
			// The changed lines go to stdout, the verdict to stderr.
			if c.Kind == "update" {
				old, _ := os.ReadFile(filepath.Join(out, c.File))
				fmt.Fprint(stdout, textdiff.Hunk(c.File, old, files[c.File], 3, 40))
			}
		}
		if len(parts) > 0 {
			return fmt.Errorf("%s is stale (%d files): %s; run mgrgen generate", where, len(parts), strings.Join(parts, ", "))
		}
		if !quiet {
			fmt.Fprintf(stderr, "%s is up to date (%d files)\n", where, len(files))
		}
		return nil
	}
	if changes != "" {
		// Before writing: the package still records the schema it was
		// generated from.
		log := changeLog{schemaPath: schemaPath, schema: s, hash: hash, out: out, previous: previous}
		if err := log.write(changes); err != nil {
			return err
		}
	}
	written, err := generator.Write(out, files)
	if err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "%s: %d files, %d written or removed\n", where, len(files), len(written))
		if changes != "" {
			fmt.Fprintf(stderr, "%s: changes since the last generation: %s\n", where, changes)
		}
	}
	return nil
}

// describeOut names the package a generation is about in what mgrgen
// prints: its name and its folder relative to the module root, so the
// lines of a go generate ./... over several packages (each run with -out
// .) tell them apart: "package billmgr (billing/billmgr)".
func describeOut(out, pkg string) string {
	dir := filepath.Clean(out)
	if abs, err := filepath.Abs(out); err == nil {
		for root := abs; ; {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				if rel, err := filepath.Rel(root, abs); err == nil {
					dir = filepath.ToSlash(rel)
				}
				break
			}
			up := filepath.Dir(root)
			if up == root {
				break
			}
			root = up
		}
	}
	if dir == "." {
		dir = "the module root"
	}
	return fmt.Sprintf("package %s (%s)", pkg, dir)
}
