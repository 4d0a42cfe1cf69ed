package introspect

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/mgrgen/mgrgen/schema"
)

// Input is one file handed to Build: a name for messages and the bytes.
type Input struct {
	Name string
	Data []byte
}

// Files are captures named one by one on the command line. Unlike a
// Capture, whose per-function failures are recorded and survived, a bad file
// here is the user's input and stops the build with an error naming it.
type Files struct {
	Listings []Input
	Devel    []Input
	Plugins  []Input
	// Base is an earlier schema whose functions are the starting point.
	Base *schema.Schema
}

// Build turns a capture (may be nil) and extra files into one schema.
// Sources are applied from the broadest to the most specific: an earlier
// schema, function listings, devel documents, then plugin files, which
// extend what is there.
func Build(panel string, c *Capture, files Files) (*schema.Schema, error) {
	if !schema.IsWireName(panel) {
		return nil, fmt.Errorf("panel name %q is not valid", panel)
	}
	b := &builder{s: &schema.Schema{SchemaVersion: schema.Version, Panel: panel, Lang: "en"}, idx: map[string]int{}}
	b.s.Source.Method = "files"
	if files.Base != nil {
		if files.Base.Panel != panel {
			return nil, fmt.Errorf("the earlier schema is of panel %q, not %q", files.Base.Panel, panel)
		}
		for _, f := range files.Base.Functions {
			b.merge(f, "", true)
		}
	}
	if c != nil {
		if err := b.addCapture(c); err != nil {
			return nil, err
		}
	}
	for _, in := range files.Listings {
		if err := b.addListing(in.Data); err != nil {
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		b.input(in.Name)
	}
	for _, in := range files.Devel {
		f, err := ParseDevel(in.Data)
		if err != nil {
			if f.Name != "" {
				return nil, fmt.Errorf("%s: function %q: %w", in.Name, f.Name, err)
			}
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		b.merge(f, "devel", true)
		b.input(in.Name)
	}
	for _, in := range files.Plugins {
		pl, err := ParsePlugin(in.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		b.addPlugin(pl, "plugin:"+filepath.Base(in.Name))
		b.input(in.Name)
	}
	b.s.FoldText()
	b.s.Normalize()
	if err := b.s.Validate(); err != nil {
		return nil, err
	}
	return b.s, nil
}

type builder struct {
	s   *schema.Schema
	idx map[string]int
}

func (b *builder) input(name string) {
	b.s.Source.Inputs = append(b.s.Source.Inputs, filepath.Base(name))
}

func (b *builder) addCapture(c *Capture) error {
	b.s.Source.Method = c.Method
	if !c.Captured.IsZero() {
		b.s.Source.Captured = c.Captured.UTC().Format("2006-01-02T15:04:05Z")
	}
	b.s.Source.PanelVersion = c.PanelVersion
	if len(c.Listing) > 0 {
		if err := b.addListing(c.Listing); err != nil {
			return fmt.Errorf("function listing: %w", err)
		}
	}
	if len(c.ActionList) > 0 {
		names, err := ParseActionList(c.ActionList)
		if err != nil {
			return fmt.Errorf("actionlist: %w", err)
		}
		for _, n := range names {
			b.merge(schema.Function{Name: n}, "actionlist", false)
		}
	}
	for _, fn := range sortedKeys(c.Devel) {
		if f, failure := describeDevel(fn, c.Devel[fn]); failure != "" {
			b.fail(fn, failure)
		} else {
			b.merge(f, "devel", true)
		}
	}
	for _, fn := range sortedKeys(c.Failures) {
		b.fail(fn, c.Failures[fn])
	}
	return nil
}

// describeDevel parses the devel document captured for fn, or says in
// one line why it describes nothing usable.
func describeDevel(fn string, doc []byte) (schema.Function, string) {
	f, err := ParseDevel(doc)
	switch {
	case err == nil && f.Name != fn:
		return f, fmt.Sprintf("the devel document describes %q", f.Name)
	case errors.Is(err, ErrNoMetadata):
		return f, "out=devel returned no metadata"
	case err != nil:
		return f, err.Error()
	}
	return f, ""
}

func (b *builder) fail(fn, msg string) {
	if !schema.IsWireName(fn) {
		return
	}
	b.merge(schema.Function{Name: fn}, "", false)
	f := &b.s.Functions[b.idx[fn]]
	if f.Error == "" {
		f.Error = msg
	}
}

func (b *builder) addListing(data []byte) error {
	entries, err := ParseListing(data)
	if err != nil {
		return err
	}
	for _, e := range entries {
		b.merge(schema.Function{Name: e.Name, Kind: e.Kind, Title: e.Title, Doc: e.Doc}, "listing", false)
	}
	return nil
}

func (b *builder) addPlugin(pl *Plugin, source string) {
	described := map[string]bool{}
	for _, f := range pl.Functions {
		described[f.Name] = true
		b.merge(f, source, false)
	}
	// Strings for functions the plugin does not describe still label what
	// other sources found.
	for _, name := range sortedKeys(pl.Messages) {
		i, ok := b.idx[name]
		if !ok || described[name] {
			continue
		}
		relabel(&b.s.Functions[i], pl.Messages[name])
	}
}

// merge adds f to the schema or extends the function already there. With
// authoritative set (devel documents), f's kind replaces the one found so
// far; otherwise values only fill what is still empty.
func (b *builder) merge(f schema.Function, source string, authoritative bool) {
	i, ok := b.idx[f.Name]
	if !ok {
		b.idx[f.Name] = len(b.s.Functions)
		if source != "" {
			f.Sources = append(slices.Clone(f.Sources), source)
		}
		b.s.Functions = append(b.s.Functions, f)
		return
	}
	d := &b.s.Functions[i]
	if source != "" {
		d.Sources = append(d.Sources, source)
	}
	if f.Kind != "" && (d.Kind == "" || authoritative) {
		d.Kind = f.Kind
	}
	fill(&d.Title, f.Title)
	fill(&d.Doc, f.Doc)
	fill(&d.Key, f.Key)
	fill(&d.KeyName, f.KeyName)
	for _, p := range f.Params {
		if dp := d.Param(p.Name); dp != nil {
			// Once any source calls a parameter secret it stays secret; the
			// panel's own metadata (authoritative) decides type and
			// requiredness over an earlier schema or a plugin file.
			dp.Secret = dp.Secret || p.Secret
			if authoritative {
				dp.Type, dp.Required = p.Type, p.Required
			}
			fill(&dp.Label, p.Label)
			fill(&dp.Hint, p.Hint)
			fill(&dp.Placeholder, p.Placeholder)
			if len(dp.Enum) == 0 {
				dp.Enum = p.Enum
			}
			continue
		}
		d.Params = append(d.Params, p)
	}
	for _, c := range f.Columns {
		if j := slices.IndexFunc(d.Columns, func(x schema.Column) bool { return x.Name == c.Name }); j >= 0 {
			fill(&d.Columns[j].Label, c.Label)
			fill(&d.Columns[j].Hint, c.Hint)
			continue
		}
		d.Columns = append(d.Columns, c)
	}
	for _, t := range f.Tables {
		if !slices.ContainsFunc(d.Tables, func(x schema.Table) bool { return x.Name == t.Name }) {
			d.Tables = append(d.Tables, t)
		}
	}
	for _, a := range f.Actions {
		if !slices.ContainsFunc(d.Actions, func(x schema.Action) bool { return x.Func == a.Func && x.Name == a.Name }) {
			d.Actions = append(d.Actions, a)
		}
	}
	for _, p := range f.Pages {
		if !slices.ContainsFunc(d.Pages, func(x schema.Page) bool { return x.Name == p.Name }) {
			d.Pages = append(d.Pages, p)
		}
	}
	if f.Error != "" && d.Error == "" {
		d.Error = f.Error
	}
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// relabel fills empty labels and hints of f from msgs.
func relabel(f *schema.Function, msgs messages) {
	fill(&f.Title, msgs.first("title"))
	for i := range f.Params {
		p := &f.Params[i]
		fill(&p.Label, msgs.first(p.Field, p.Name))
		fill(&p.Hint, msgs.first("hint_"+p.Field, "hint_"+p.Name))
		fill(&p.Placeholder, msgs.first("placeholder_"+p.Field, "placeholder_"+p.Name))
	}
	for i := range f.Columns {
		c := &f.Columns[i]
		fill(&c.Label, msgs.first(c.Name))
		fill(&c.Hint, msgs.first("hint_"+c.Name))
	}
}
