package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mgrgen/mgrgen/generator"
	"github.com/mgrgen/mgrgen/internal/textdiff"
	"github.com/mgrgen/mgrgen/schema"
)

func runGenerate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	var (
		schemaPath, pkg, out, config string
		check, quiet                 bool
	)
	fs.StringVar(&schemaPath, "schema", "", "the schema `file` to generate from (required)")
	fs.StringVar(&pkg, "pkg", "", "Go package `name` (default: the schema's panel)")
	fs.StringVar(&out, "out", ".", "output `folder`")
	fs.StringVar(&config, "config", "", "a config `file` with renames for colliding names")
	fs.BoolVar(&check, "check", false, "write nothing; exit 1 and list the files that are stale")
	fs.BoolVar(&quiet, "q", false, "print nothing when all is well")
	if err := parseFlags(fs, args, `Usage: mgrgen generate -schema FILE [-pkg NAME] [-out DIR] [-config FILE] [--check]

Generates a typed Go client package from a schema file. Only files whose bytes
change are written. Only files whose first line is the mgrgen header are ever
touched: a file of yours in the way makes generation fail and stays as it is.
Generated files that are no longer produced are removed; under go generate
they are emptied to stubs instead (go generate fails when a file it listed
vanishes) and removed by the next run outside go generate. With --check,
nothing is written and the exit status is 1 when DIR is stale, for CI; the
changed lines of each stale file are printed as a unified diff hunk.

Flags:
`, stdout); err != nil {
		return err
	}
	if schemaPath == "" {
		return usageError{"-schema is required"}
	}
	s, err := schema.Load(schemaPath)
	if err != nil {
		return err
	}
	cfg, err := generator.LoadConfig(config)
	if err != nil {
		return err
	}
	if pkg == "" {
		pkg = s.Panel
	}
	files, err := generator.Generate(s, generator.Options{Package: pkg, SchemaName: filepath.Base(schemaPath), Config: cfg})
	if err != nil {
		return err
	}
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
			return fmt.Errorf("%s is stale (%d files): %s; run mgrgen generate", out, len(parts), strings.Join(parts, ", "))
		}
		if !quiet {
			fmt.Fprintf(stderr, "%s is up to date (%d files)\n", out, len(files))
		}
		return nil
	}
	changes, err := generator.Write(out, files)
	if err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "%s: %d files, %d written or removed\n", out, len(files), len(changes))
	}
	return nil
}
