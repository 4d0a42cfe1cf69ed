package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/mgrgen/mgrgen/generator"
	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/schema/schemadiff"

	"github.com/mgrgen/mgrgen/internal/atomicfile"
)

// changeLog is what generate -changes needs: the schema being generated,
// where it lives, and the package folder it goes to.
type changeLog struct {
	schemaPath string
	schema     *schema.Schema
	hash       string
	out        string
	previous   string // -previous, or "" to ask version control
}

// write compares the schema the package in out was last generated from
// with the new one and writes the Markdown report to path. It runs before
// the package is rewritten, while out still records the old hash.
func (c changeLog) write(path string) error {
	recorded, err := generator.RecordedSchemaHash(c.out)
	if err != nil {
		return err
	}
	old, origin, err := c.previousSchema(recorded)
	if err != nil {
		return err
	}
	r, err := schemadiff.Compare(old, c.schema)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := schemadiff.Write(&b, r, schemadiff.FormatMarkdown); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\nCompared %s with %s.\n", origin, filepath.Base(c.schemaPath))
	return atomicfile.Write(path, b.Bytes(), 0o644)
}

// previousSchema finds the schema the package was generated from: the
// -previous file, or the schema file as last committed to git. When the
// package records a hash, the one found must match it, or be the new
// schema's own predecessor in a package already regenerated (recorded
// equals the new hash). With no package yet and nothing to compare with,
// the baseline is an empty schema: everything is new.
func (c changeLog) previousSchema(recorded string) (*schema.Schema, string, error) {
	var data []byte
	var origin string
	if c.previous != "" {
		b, err := os.ReadFile(c.previous)
		if err != nil {
			return nil, "", err
		}
		data, origin = b, filepath.Base(c.previous)
	} else {
		b, err := committedVersion(c.schemaPath)
		switch {
		case err == nil:
			data, origin = b, filepath.Base(c.schemaPath)+" as committed (git HEAD)"
		case recorded == "":
			empty := &schema.Schema{SchemaVersion: schema.Version, Panel: c.schema.Panel}
			return empty, "an empty schema (first generation)", nil
		default:
			return nil, "", fmt.Errorf("-changes: the schema the package was generated from is unknown (%v); give it with -previous FILE", err)
		}
	}
	if h := generator.SchemaFileHash(data); recorded != "" && h != recorded && recorded != c.hash {
		return nil, "", fmt.Errorf("-changes: %s is not the schema %s was generated from (its sha256 is %.12s…, the package records %.12s…); give that schema with -previous FILE",
			origin, c.out, h, recorded)
	}
	s, err := schema.Parse(origin, data)
	if err != nil {
		return nil, "", fmt.Errorf("-changes: %w", err)
	}
	return s, origin, nil
}

// committedVersion returns the schema file's content at git HEAD.
func committedVersion(path string) ([]byte, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", "-C", filepath.Dir(abs), "show", "HEAD:./"+filepath.Base(abs))
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		var exitErr *exec.ExitError
		if msg == "" || !errors.As(err, &exitErr) {
			msg = err.Error()
		}
		first, _, _ := strings.Cut(msg, "\n")
		return nil, fmt.Errorf("git show HEAD:%s: %s", filepath.Base(abs), first)
	}
	return stdout.Bytes(), nil
}
