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

// Files are captures named one by one on the command line. A listing that
// does not parse stops the build with an error naming it. A devel document
// or plugin file that does not parse is skipped, reported through Warn and
// recorded in the schema's source ("skipped"), so one bad file among many
// does not sink the run; with Strict it stops the build instead.
type Files struct {
	Listings []Input
	Devel    []Input
	Plugins  []Input
	// Base is an earlier schema whose functions are the starting point.
	Base *schema.Schema
	// Strict makes a bad devel or plugin file fatal.
	Strict bool
	// Warn receives one line per file skipped or function left out; nil
	// discards them.
	Warn func(msg string)
}

func (f Files) warn(format string, args ...any) {
	if f.Warn != nil {
		f.Warn(fmt.Sprintf(format, args...))
	}
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
	skip := func(in Input, err error) error {
		if files.Strict {
			return fmt.Errorf("%s: %w", in.Name, err)
		}
		files.warn("%s: skipped: %v", in.Name, err)
		b.s.Source.Skipped = append(b.s.Source.Skipped, schema.SkippedInput{File: filepath.Base(in.Name), Error: err.Error()})
		return nil
	}
	for _, in := range files.Devel {
		f, err := ParseDevel(in.Data)
		if err != nil {
			if f.Name != "" {
				err = fmt.Errorf("function %q: %w", f.Name, err)
			}
			if err := skip(in, err); err != nil {
				return nil, err
			}
			continue
		}
		b.merge(f, "devel", true)
		b.input(in.Name)
	}
	var plugins []*Plugin
	var sources []string
	for _, in := range files.Plugins {
		pl, err := ParsePlugin(in.Data)
		if err != nil {
			if err := skip(in, err); err != nil {
				return nil, err
			}
			continue
		}
		for _, w := range pl.Warnings {
			files.warn("%s: %s", in.Name, w)
		}
		plugins = append(plugins, pl)
		sources = append(sources, "plugin:"+filepath.Base(in.Name))
		b.input(in.Name)
	}
	applyIncludes(plugins)
	for i, pl := range plugins {
		b.addPlugin(pl, sources[i])
	}
	b.addActionTargets()
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
		b.merge(schema.Function{Name: e.Name, Kind: e.Kind, Title: e.Title, Doc: e.Doc, ListingDoc: e.Raw}, "listing", false)
	}
	return nil
}

func (b *builder) addPlugin(pl *Plugin, source string) {
	described := map[string]bool{}
	for _, f := range pl.Functions {
		described[f.Name] = true
		b.merge(f, source, false)
	}
	for _, name := range pl.Handled {
		b.merge(schema.Function{Name: name}, "handler", false)
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

// buttonKinds is the kind of function a toolbar button's type implies.
var buttonKinds = map[string]string{
	"group": schema.KindGroup, "new": schema.KindForm, "edit": schema.KindForm,
	"groupform": schema.KindForm, "editlist": schema.KindList, "list": schema.KindList,
}

// addActionTargets adds the functions toolbar buttons call that no source
// described (a list's delete button often points at a group operation
// without metadata), with the kind the button implies, so the list's
// actions link to callable methods. Functions already known keep their
// kind; an unknown one gets the button's.
func (b *builder) addActionTargets() {
	n := len(b.s.Functions)
	for i := 0; i < n; i++ {
		for _, a := range b.s.Functions[i].Actions {
			kind := buttonKinds[a.Type]
			if kind == "" || !schema.IsWireName(a.Func) || placeholder.MatchString(a.Func) {
				continue
			}
			if j, known := b.idx[a.Func]; !known || b.s.Functions[j].Kind == "" {
				b.merge(schema.Function{Name: a.Func, Kind: kind}, "toolbar", false)
			}
			// A list opened by an editlist button is a sub-list of this one.
			if t := &b.s.Functions[b.idx[a.Func]]; a.Type == "editlist" && t.Kind == schema.KindList && t.Parent == "" && t.Name != b.s.Functions[i].Name {
				t.Parent = b.s.Functions[i].Name
			}
		}
	}
}

// applyIncludes gives each plugin function that includes other metadata
// (from any of the files) every page, field, column, action and table of
// the included ones it does not have itself. The includer's own
// definitions win; cycles are cut and each function reaches at most
// maxIncludeSets others, so the work stays linear in the input.
func applyIncludes(plugins []*Plugin) {
	defs := map[string]schema.Function{}
	incs := map[string][]string{}
	for _, pl := range plugins {
		for _, f := range pl.Functions {
			d, ok := defs[f.Name]
			if !ok {
				d = schema.Function{Name: f.Name}
			}
			extend(&d, f)
			defs[f.Name] = d
		}
		for name, list := range pl.Includes {
			incs[name] = append(incs[name], list...)
		}
	}
	for _, pl := range plugins {
		for i := range pl.Functions {
			f := &pl.Functions[i]
			seen := map[string]bool{f.Name: true}
			queue := slices.Clone(incs[f.Name])
			for visited := 0; len(queue) > 0 && visited < maxIncludeSets; visited++ {
				name := queue[0]
				queue = queue[1:]
				if seen[name] {
					continue
				}
				seen[name] = true
				if d, ok := defs[name]; ok {
					extend(f, d)
				}
				queue = append(queue, incs[name]...)
			}
		}
	}
}

// paramNameSet is the set of f's parameter names.
func paramNameSet(f *schema.Function) map[string]bool {
	m := make(map[string]bool, len(f.Params))
	for _, p := range f.Params {
		m[p.Name] = true
	}
	return m
}

// extend adds to dst what src has and dst lacks, by name, and fills its
// empty title.
func extend(dst *schema.Function, src schema.Function) {
	fill(&dst.Title, src.Title)
	if dst.Kind == "" {
		dst.Kind = src.Kind
	}
	// A set of names, not a search per parameter: a hostile form with
	// tens of thousands of fields stays linear.
	have := paramNameSet(dst)
	for _, p := range src.Params {
		if !have[p.Name] {
			have[p.Name] = true
			dst.Params = append(dst.Params, p)
		}
	}
	dst.Pages = appendNew(dst.Pages, src.Pages, samePage)
	dst.Columns = appendNew(dst.Columns, src.Columns, func(a, b schema.Column) bool { return a.Name == b.Name })
	dst.Actions = appendNew(dst.Actions, src.Actions, sameAction)
	dst.Tables = appendNew(dst.Tables, src.Tables, sameTable)
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
	// The title message of a devel document is the panel naming the
	// function; a listing's first sentence is only a guess at it.
	if authoritative && f.Title != "" {
		d.Title = f.Title
	}
	fill(&d.Title, f.Title)
	fill(&d.Doc, f.Doc)
	fill(&d.Key, f.Key)
	fill(&d.KeyName, f.KeyName)
	fill(&d.Wizard, f.Wizard)
	fill(&d.ListingDoc, f.ListingDoc)
	fill(&d.Parent, f.Parent)
	d.Buttons = appendNew(d.Buttons, f.Buttons, func(a, b schema.Button) bool { return a.Name == b.Name })
	byName := make(map[string]int, len(d.Params))
	for i := range d.Params {
		if _, dup := byName[d.Params[i].Name]; !dup {
			byName[d.Params[i].Name] = i
		}
	}
	for _, p := range f.Params {
		if i, ok := byName[p.Name]; ok {
			dp := &d.Params[i]
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
		byName[p.Name] = len(d.Params)
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
	d.Tables = appendNew(d.Tables, f.Tables, sameTable)
	d.Actions = appendNew(d.Actions, f.Actions, sameAction)
	d.Pages = appendNew(d.Pages, f.Pages, samePage)
	if f.Error != "" && d.Error == "" {
		d.Error = f.Error
	}
}

// appendNew appends the items of src that dst does not hold yet.
func appendNew[T any](dst, src []T, same func(a, b T) bool) []T {
	for _, x := range src {
		if !slices.ContainsFunc(dst, func(y T) bool { return same(x, y) }) {
			dst = append(dst, x)
		}
	}
	return dst
}

func samePage(a, b schema.Page) bool     { return a.Name == b.Name }
func sameTable(a, b schema.Table) bool   { return a.Name == b.Name }
func sameAction(a, b schema.Action) bool { return a.Func == b.Func && a.Name == b.Name }

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
