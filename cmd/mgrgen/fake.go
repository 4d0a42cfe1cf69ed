package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"

	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// EnvFakeSchema names the schema file a fake mgrctl serves when mgrgen
// runs under the name mgrctl (a link named mgrctl to the mgrgen binary).
const EnvFakeSchema = "MGRGEN_FAKE_SCHEMA"

// EnvFakeSeed names the seed file of that fake mgrctl, if any.
const EnvFakeSeed = "MGRGEN_FAKE_SEED"

const fakeHelp = `Usage: mgrgen fake http -schema FILE [-seed FILE] [-listen ADDR]
       mgrgen fake mgrctl -schema FILE [-seed FILE] MGRCTL-ARGUMENTS...

Runs a fake COREmanager panel built from a schema file, for trying clients
and introspection without a panel (see package runtime/mgrtest).

  http     serves the panel over HTTP at -listen until interrupted; log in
           with admin / secret (authinfo, func=auth or session.newkey keys).
  mgrctl   answers one mgrctl command line as /usr/local/mgr5/sbin/mgrctl
           would: -m PANEL -i prints the function listing, -m PANEL -o
           xml|devel|json|sjson|text FUNC name=value ... [-e name=$VAR]
           runs a function (text when -o is left out). Each run starts
           from the seeded panel. A link named mgrctl to the mgrgen binary
           does the same, with the schema from $MGRGEN_FAKE_SCHEMA and the
           seed from $MGRGEN_FAKE_SEED.

A seed file is JSON: each list's name with the rows it starts with, a row
being its values by column or parameter name, for example
{"user": [{"id": "1", "name": "alice"}]}.

Flags:
`

func runFake(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fake", flag.ContinueOnError)
	schemaPath := fs.String("schema", "", "the schema `file` the panel serves (required)")
	listen := fs.String("listen", "127.0.0.1:1500", "`address` for fake http")
	seed := fs.String("seed", "", "a JSON `file` of rows the panel starts with")
	if len(args) == 0 {
		return usageError{"say which fake: http or mgrctl"}
	}
	mode, rest := args[0], args[1:]
	if mode == "-h" || mode == "-help" || mode == "--help" {
		return parseFlags(fs, []string{"-h"}, fakeHelp, stdout)
	}
	if mode != "http" && mode != "mgrctl" {
		return usageError{fmt.Sprintf("unknown fake %q: use http or mgrctl", mode)}
	}
	// For mgrctl, everything after -schema FILE is mgrctl's own command line.
	var mgrctlArgs []string
	if mode == "mgrctl" {
		if len(rest) < 2 || rest[0] != "-schema" {
			return usageError{"fake mgrctl needs -schema FILE first"}
		}
		*schemaPath, mgrctlArgs = rest[1], rest[2:]
		if len(mgrctlArgs) >= 2 && mgrctlArgs[0] == "-seed" {
			*seed, mgrctlArgs = mgrctlArgs[1], mgrctlArgs[2:]
		}
	} else if err := parseFlags(fs, rest, fakeHelp, stdout); err != nil {
		return err
	}
	if *schemaPath == "" {
		return usageError{"-schema is required"}
	}
	p, s, err := fakePanel(*schemaPath, *seed)
	if err != nil {
		return err
	}
	if mode == "mgrctl" {
		if code := fakeMgrctl(p, mgrctlArgs, stdout, stderr); code != 0 {
			return errExit(code)
		}
		return nil
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "fake %s panel at http://%s/%s (admin / secret); Ctrl-C stops it\n", s.Panel, ln.Addr(), s.Panel)
	srv := &http.Server{Handler: p}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// errExit carries a fake mgrctl's own exit status.
type errExit int

func (e errExit) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// fakeMgrctl answers one mgrctl command line and returns its exit status.
func fakeMgrctl(p *mgrtest.Panel, args []string, stdout, stderr io.Writer) int {
	out, errOut, code := p.Mgrctl(args, os.Getenv)
	io.WriteString(stdout, out)
	io.WriteString(stderr, errOut)
	return code
}

// asMgrctl runs mgrgen as a fake mgrctl when it was started under that
// name, with the schema from $MGRGEN_FAKE_SCHEMA.
func asMgrctl(args []string, stdout, stderr io.Writer) int {
	path := os.Getenv(EnvFakeSchema)
	if path == "" {
		fmt.Fprintf(stderr, "ERROR this mgrctl is mgrgen's fake; set %s to a schema file\n", EnvFakeSchema)
		return 1
	}
	p, _, err := fakePanel(path, os.Getenv(EnvFakeSeed))
	if err != nil {
		fmt.Fprintf(stderr, "ERROR %s\n", oneLine(err.Error()))
		return 1
	}
	return fakeMgrctl(p, args, stdout, stderr)
}

// fakePanel loads a schema and, if seedPath is set, the rows its lists
// start with.
func fakePanel(schemaPath, seedPath string) (*mgrtest.Panel, *schema.Schema, error) {
	s, err := schema.Load(schemaPath)
	if err != nil {
		return nil, nil, err
	}
	p := mgrtest.New(s)
	if seedPath == "" {
		return p, s, nil
	}
	data, err := os.ReadFile(seedPath)
	if err != nil {
		return nil, nil, err
	}
	var seed map[string][]mgrtest.Row
	if err := json.Unmarshal(data, &seed); err != nil {
		return nil, nil, fmt.Errorf("seed file %s: %v", seedPath, err)
	}
	for _, name := range slices.Sorted(maps.Keys(seed)) {
		if f := s.Lookup(name); f == nil || f.Kind != schema.KindList {
			return nil, nil, fmt.Errorf("seed file %s: %q is not a list of %s", seedPath, name, schemaPath)
		}
		p.Seed(name, seed[name]...)
	}
	return p, s, nil
}
