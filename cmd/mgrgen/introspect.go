package main

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"

	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/schema"
)

// sourceFlags are the flags shared by introspect and dump that pick and
// tune a live panel.
type sourceFlags struct {
	panel        string
	local        bool
	mgrctl       string
	url          string
	user         string
	passwordEnv  string
	caFile       string
	pin          string
	insecureHTTP bool
	jobs         int
	timeout      time.Duration
	strict       bool
	probe        bool
	withFuncInfo bool
	functions    multiFlag
	base         string
	lang         string
	quiet        bool
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.panel, "panel", "", "panel `name`: billmgr, ispmgr, vmmgr, dcimgr, dnsmgr, ... (required)")
	fs.BoolVar(&s.local, "local", false, "ask the panel on this host through mgrctl")
	fs.StringVar(&s.mgrctl, "mgrctl", introspect.DefaultMgrctl, "`path` of mgrctl for -local")
	fs.StringVar(&s.url, "url", "", "ask a panel over HTTP(S) at `URL`, such as https://host:1500/billmgr")
	fs.StringVar(&s.user, "user", "", "panel `login` for -url (the password comes from the environment)")
	fs.StringVar(&s.passwordEnv, "password-env", "MGRGEN_PASSWORD", "environment `variable` holding the password for -url")
	fs.StringVar(&s.caFile, "ca-file", "", "PEM `file` of extra CA certificates to trust for -url")
	fs.StringVar(&s.pin, "pin", "", "accept only the panel key with this SHA-256 `pin` (sha256//BASE64, as curl --pinnedpubkey), for a self-signed panel")
	fs.BoolVar(&s.insecureHTTP, "insecure-http", false, "allow -url with plain http to a host other than loopback (credentials travel unencrypted)")
	fs.IntVar(&s.jobs, "j", 4, "how many `calls` run at once")
	fs.DurationVar(&s.timeout, "timeout", 60*time.Second, "time limit for each call")
	fs.BoolVar(&s.strict, "strict", false, "stop at the first function or file that cannot be described (a bad --devel or --plugin-xml file is otherwise skipped with a warning)")
	fs.BoolVar(&s.probe, "probe", false, "also ask out=devel (no elid) of functions of unknown kind, skipping names that look like writes (.delete, .start...); says what it asks first")
	fs.BoolVar(&s.withFuncInfo, "with-func-info", false, "also keep the raw text of mgrctl -i FUNC for each function (dump only; never parsed)")
	fs.Var(&s.functions, "functions", "a `file` holding a saved mgrctl -i listing (may repeat); with a live panel, the list to describe")
	fs.StringVar(&s.base, "schema", "", "an earlier schema `file` to start from; with a live panel, the list to describe")
	fs.StringVar(&s.lang, "lang", "en", "`language` of labels and titles asked of a live panel (en, ru)")
	fs.BoolVar(&s.quiet, "q", false, "no progress bar and no summary")
}

func (s *sourceFlags) live() bool { return s.local || s.url != "" }

// panelSource builds the live panel the flags name.
func (s *sourceFlags) panelSource() (introspect.Panel, error) {
	if s.local && s.url != "" {
		return nil, usageError{"-local and -url exclude each other"}
	}
	if s.local {
		return &introspect.Mgrctl{Path: s.mgrctl, Panel: s.panel, Lang: s.lang}, nil
	}
	var opts []runtime.HTTPOption
	if s.caFile != "" {
		pem, err := os.ReadFile(s.caFile)
		if err != nil {
			return nil, err
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: no PEM certificates found", s.caFile)
		}
		opts = append(opts, runtime.WithRootCAs(pool))
	}
	if s.pin != "" {
		pin, err := runtime.ParsePin(s.pin)
		if err != nil {
			return nil, usageError{"-pin: " + err.Error()}
		}
		opts = append(opts, runtime.WithPinnedKey(pin))
	}
	if s.insecureHTTP {
		opts = append(opts, runtime.AllowInsecureHTTP())
	}
	if err := runtime.CheckEndpoint(s.url, s.insecureHTTP); err != nil {
		return nil, usageError{"-url: " + err.Error()}
	}
	client, err := runtime.NewHTTPClient(opts...)
	if err != nil {
		return nil, err
	}
	client.Timeout = s.timeout
	h := &introspect.HTTPPanel{URL: s.url, User: s.user, Client: client, Lang: s.lang, AllowInsecureHTTP: s.insecureHTTP}
	if s.user != "" {
		h.Password = os.Getenv(s.passwordEnv)
		if h.Password == "" {
			return nil, usageError{fmt.Sprintf("-user is set but $%s is empty", s.passwordEnv)}
		}
	}
	return h, nil
}

// known returns the function list named by -functions or -schema.
func (s *sourceFlags) known(files introspect.Files) ([]introspect.ListingEntry, error) {
	var out []introspect.ListingEntry
	if files.Base != nil {
		for _, f := range files.Base.Functions {
			out = append(out, introspect.ListingEntry{Name: f.Name, Kind: f.Kind})
		}
	}
	for _, in := range files.Listings {
		entries, err := introspect.ParseListing(in.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		out = append(out, entries...)
	}
	return out, nil
}

func (s *sourceFlags) fetch(files introspect.Files, stderr io.Writer) (*introspect.Capture, error) {
	p, err := s.panelSource()
	if err != nil {
		return nil, err
	}
	opt := introspect.FetchOptions{Jobs: s.jobs, Timeout: s.timeout, Strict: s.strict, Probe: s.probe, WithFuncInfo: s.withFuncInfo}
	if !s.quiet {
		opt.Progress = stderr
	}
	// Warnings print even with -q: they say what the capture missed.
	opt.Warn = func(msg string) { fmt.Fprintf(stderr, "mgrgen introspect: %s: warning: %s\n", s.panel, oneLine(msg)) }
	if opt.Known, err = s.known(files); err != nil {
		return nil, err
	}
	if len(opt.Known) == 0 {
		opt.Known = nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c, err := introspect.Fetch(ctx, p, s.panel, opt)
	if err != nil {
		return nil, err
	}
	// A listing given to steer the capture belongs in it, so that a dump
	// keeps the kinds and titles of the functions it did not describe.
	if len(c.Listing) == 0 && len(files.Listings) == 1 {
		c.Listing = files.Listings[0].Data
	}
	return c, nil
}

func readInputs(paths []string) ([]introspect.Input, error) {
	var out []introspect.Input
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, introspect.Input{Name: p, Data: b})
	}
	return out, nil
}

func runIntrospect(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("introspect", flag.ContinueOnError)
	var (
		src     sourceFlags
		devel   multiFlag
		plugins multiFlag
		from    string
		out     string
	)
	src.register(fs)
	fs.Var(&devel, "devel", "an out=devel document `file`, XML or JSON (may repeat)")
	fs.Var(&plugins, "plugin-xml", "a plugin XML `file` (<mgrdata>) (may repeat)")
	fs.StringVar(&from, "from", "", "build from a dump `folder` written by mgrgen dump")
	fs.StringVar(&out, "o", "", "write the schema to `file`; - for standard output (required)")
	if err := parseFlags(fs, args, `Usage: mgrgen introspect -panel NAME [--functions FILE] [--devel FILE]... [--plugin-xml FILE]... [--from DIR] -o FILE
       mgrgen introspect -panel NAME -local [-mgrctl PATH] [-j N] -o FILE
       mgrgen introspect -panel NAME -url URL -user LOGIN [--functions FILE | --schema FILE] -o FILE

Builds one schema file describing every function of a panel. Sources combine:
a live panel (-local or -url), a dump folder (--from), and captured files.
A function that cannot be described stays in the schema with its error and
the run goes on, unless -strict. Exit status: 0 success, 1 bad input or a
failed run, 2 bad usage.

Flags:
`, stdout); err != nil {
		return err
	}
	if src.panel == "" {
		return usageError{"-panel is required"}
	}
	if out == "" {
		return usageError{"-o is required (use -o - for standard output)"}
	}
	if !src.live() && from == "" && len(src.functions)+len(devel)+len(plugins) == 0 && src.base == "" {
		return usageError{"no source: give -local, -url, --from, --functions, --devel or --plugin-xml"}
	}
	files, err := loadFiles(src, devel, plugins)
	if err != nil {
		return err
	}
	var capture *introspect.Capture
	switch {
	case src.live() && from != "":
		return usageError{"--from and a live panel exclude each other"}
	case src.live():
		if capture, err = src.fetch(files, stderr); err != nil {
			return err
		}
	case from != "":
		if capture, err = introspect.ReadDump(from); err != nil {
			return err
		}
		if capture.Panel != "" && capture.Panel != src.panel {
			return fmt.Errorf("%s holds a dump of %q, not %q", from, capture.Panel, src.panel)
		}
	}
	files.Strict = src.strict
	files.Warn = func(msg string) { fmt.Fprintf(stderr, "mgrgen introspect: warning: %s\n", oneLine(msg)) }
	s, err := introspect.Build(src.panel, capture, files)
	if err != nil {
		return err
	}
	if err := readSomething(s, capture, files); err != nil {
		return err
	}
	if src.live() {
		s.Lang = src.lang
	}
	if out == "-" {
		err = schema.Write(stdout, s)
	} else {
		err = schema.Save(s, out)
	}
	if err != nil {
		return err
	}
	if !src.quiet {
		fmt.Fprintln(stderr, summary(s))
	}
	return nil
}

// readSomething refuses a run that read nothing: every input file was
// skipped, or no function came of them. Writing an empty schema would let
// a CI job commit it and generate an empty package.
func readSomething(s *schema.Schema, capture *introspect.Capture, files introspect.Files) error {
	inputs := len(files.Listings) + len(files.Devel) + len(files.Plugins)
	if capture == nil && files.Base == nil && inputs > 0 && len(s.Source.Skipped) >= inputs {
		return fmt.Errorf("none of the %d input files could be read (each is named in a warning above); nothing written", inputs)
	}
	if len(s.Functions) == 0 {
		return errors.New("no function was read from the inputs; nothing written")
	}
	return nil
}

func loadFiles(src sourceFlags, devel, plugins []string) (introspect.Files, error) {
	var files introspect.Files
	var err error
	if files.Listings, err = readInputs(src.functions); err != nil {
		return files, err
	}
	if files.Devel, err = readInputs(devel); err != nil {
		return files, err
	}
	if files.Plugins, err = readInputs(plugins); err != nil {
		return files, err
	}
	if src.base != "" {
		if files.Base, err = schema.Load(src.base); err != nil {
			return files, err
		}
	}
	return files, nil
}

// summary is the one-paragraph report printed after a build.
func summary(s *schema.Schema) string {
	counts := s.CountKinds()
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if counts[kinds[i]] != counts[kinds[j]] {
			return counts[kinds[i]] > counts[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	var parts []string
	for _, k := range kinds {
		name := k
		if name == "" {
			name = "untyped"
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, counts[k]))
	}
	var described, params int
	var failed []string
	for _, f := range s.Functions {
		if len(f.Params)+len(f.Columns)+len(f.Actions)+len(f.Tables) > 0 {
			described++
		}
		params += len(f.Params)
		if f.Error != "" {
			failed = append(failed, f.Name+": "+f.Error)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d functions (%s); %d described in detail, %d parameters", s.Panel, len(s.Functions), strings.Join(parts, ", "), described, params)
	if len(failed) > 0 {
		fmt.Fprintf(&b, "\n%d functions could not be described:", len(failed))
		for i, f := range failed {
			if i == 10 {
				fmt.Fprintf(&b, "\n  ... and %d more (see \"error\" in the schema)", len(failed)-10)
				break
			}
			fmt.Fprintf(&b, "\n  %s", oneLine(f))
		}
	}
	return b.String()
}

func runDump(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dump", flag.ContinueOnError)
	var (
		src sourceFlags
		out string
	)
	src.register(fs)
	fs.StringVar(&out, "o", "", "write the capture into `folder`, new or empty (required)")
	force := fs.Bool("force", false, "write into -o even if it is not empty")
	if err := parseFlags(fs, args, `Usage: mgrgen dump -panel NAME (-local [-mgrctl PATH] | -url URL -user LOGIN) [-with-func-info] -o DIR

Saves the raw function listing and the raw out=devel document of every form,
list and report into DIR, with the values of secret fields removed. Run it on
the panel host, copy DIR anywhere, and build the schema there with
'mgrgen introspect -panel NAME --from DIR -o FILE'.

Flags:
`, stdout); err != nil {
		return err
	}
	if src.panel == "" || out == "" {
		return usageError{"-panel and -o are required"}
	}
	if !src.live() {
		return usageError{"dump needs a live panel: -local or -url"}
	}
	if err := introspect.PrepareDumpFolder(out, *force); err != nil {
		return err
	}
	files, err := loadFiles(src, nil, nil)
	if err != nil {
		return err
	}
	c, err := src.fetch(files, stderr)
	if err != nil {
		return err
	}
	saved, err := introspect.WriteDump(out, c, introspect.DumpOptions{Force: *force})
	if err != nil {
		return err
	}
	if !src.quiet {
		fmt.Fprintf(stderr, "%s: %d devel documents saved in %s, %d functions failed\n", src.panel, saved, out, len(c.Failures))
	}
	return nil
}
