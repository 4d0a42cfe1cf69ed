package generator

import (
	"errors"
	"fmt"
	"go/token"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/templates"
)

// maxPerFile bounds how many functions one generated file holds; larger
// areas are split into numbered files.
const maxPerFile = 60

// planned is a function with its Go names resolved, plus its area.
type planned struct {
	fn   *templates.Func
	area string
}

// planner resolves every Go name of a package and checks them for
// collisions before anything is rendered.
type planner struct {
	cfg     *Config
	types   *scope // package-level names: types, constants, functions
	methods *scope // methods of Client
	pkg     *templates.Package
	funcs   []planned
	// renameUsed records the config renames that matched something.
	renameUsed map[string]bool
	// goNames caches GoName: a panel repeats its parameter and column
	// names across functions.
	goNames map[string]string
	// log, in a worker of planAll, records the use of config renames.
	log *[]claimEvent
	// inSubList maps a form or group operation on a sub-list's toolbar to
	// that sub-list: its methods take the parent row's key.
	inSubList map[string]*schema.Function
	// deletes maps a group delete to the form a verified delete opens
	// (see deleteChecks).
	deletes map[string]string
}

func sortedRenames(cfg *Config) []string {
	keys := make([]string, 0, len(cfg.Rename))
	for k := range cfg.Rename {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hasMetadata reports whether any of f's sources carried real metadata
// (anything beyond a listing or actionlist entry).
func hasMetadata(f *schema.Function) bool {
	for _, s := range f.Sources {
		if s != "listing" && s != "actionlist" {
			return true
		}
	}
	return false
}

// skipReason says why f gets no typed method, or "".
func skipReason(f *schema.Function) string {
	switch f.Kind {
	case schema.KindGroup:
		return ""
	case schema.KindForm, schema.KindList, schema.KindReport:
		if hasMetadata(f) {
			return ""
		}
		if f.Error != "" {
			return "its description could not be captured"
		}
		return "no metadata was captured (listed only)"
	case schema.KindUnknown:
		if f.Error != "" {
			return "its description could not be used"
		}
		return "the panel gives no function type"
	case schema.KindValidator:
		return "validators check field values inside the panel"
	case schema.KindDashboard, schema.KindHelpboard:
		return "dashboards and help boards are interface pages"
	case schema.KindExternal:
		return "external functions open other tools"
	case schema.KindNone:
		return "functions of type none are interface redirects"
	}
	return "unknown kind " + f.Kind
}

// Plan resolves a schema into the model the templates render. Any name that
// cannot be made, or that two wire names would share, is an error naming
// both; nothing is renamed silently.
func Plan(s *schema.Schema, pkgName string, cfg *Config) (*templates.Package, []planned, error) {
	if !token.IsIdentifier(pkgName) || token.IsKeyword(pkgName) || pkgName == "_" {
		return nil, nil, fmt.Errorf("package name %q is not a valid Go package name", pkgName)
	}
	if cfg == nil {
		cfg = &Config{}
	}
	p := &planner{
		cfg:        cfg,
		renameUsed: map[string]bool{},
		types:      newScope("package "+pkgName, "Client", "New", "StreamRows"),
		methods:    newScope("methods of Client", "Client", "Do", "Call"),
		pkg:        &templates.Package{Name: pkgName, Panel: s.Panel, Documented: s.Source.Method == schema.MethodDocumented},
		inSubList:  subListActions(s),
		deletes:    deleteChecks(s),
	}
	// Functions are planned in parallel, each claiming its package-level
	// names and methods into a log; replaying the logs in schema order
	// gives the outcome (and the errors) of planning one after another.
	results := p.planAll(s.Functions)
	var errs []error
	for i := range s.Functions {
		f, r := &s.Functions[i], &results[i]
		if r.skip != "" {
			p.pkg.Skipped = append(p.pkg.Skipped, templates.Skipped{Wire: f.Name, Kind: f.Kind, Reason: r.skip})
			continue
		}
		err := r.err
		for _, e := range r.log {
			if e.global == nil {
				p.renameUsed[e.name] = true
			} else if cerr := e.global.claim(e.name, e.origin); cerr != nil {
				err = cerr // planning stopped here
				break
			}
		}
		if err != nil {
			// Keep going: every collision is reported in one run.
			errs = append(errs, err)
			continue
		}
		p.funcs = append(p.funcs, planned{fn: r.fn, area: area(f.Name)})
	}
	for _, key := range sortedRenames(cfg) {
		if !p.renameUsed[key] {
			errs = append(errs, fmt.Errorf("%s: the rename %q matches no function or parameter of the schema", cfg.at(key), key))
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	// Link toolbar actions to the methods they map to.
	byWire := map[string]*templates.Func{}
	for _, pf := range p.funcs {
		byWire[pf.fn.Wire] = pf.fn
	}
	for _, pf := range p.funcs {
		for i := range pf.fn.Actions {
			if t := byWire[pf.fn.Actions[i].Func]; t != nil {
				pf.fn.Actions[i].Method = t.Method
			}
		}
	}
	var cur *templates.Area
	for _, pf := range p.funcs {
		if cur == nil || cur.Name != pf.area {
			p.pkg.Areas = append(p.pkg.Areas, templates.Area{Name: pf.area})
			cur = &p.pkg.Areas[len(p.pkg.Areas)-1]
		}
		cur.Funcs = append(cur.Funcs, pf.fn)
	}
	return p.pkg, p.funcs, nil
}

// area is the first part of a wire name: user.edit belongs to user.
func area(wire string) string {
	a, _, _ := strings.Cut(wire, ".")
	return a
}

func (p *planner) goName(key, wire, what string) (string, error) {
	if r, ok := p.cfg.Rename[key]; ok {
		if p.log != nil {
			*p.log = append(*p.log, claimEvent{name: key})
		} else {
			p.renameUsed[key] = true
		}
		if !token.IsIdentifier(r) || !token.IsExported(r) {
			return "", fmt.Errorf("%s: %s: the rename %q is not an exported Go identifier", p.cfg.at(key), what, r)
		}
		return r, nil
	}
	name, ok := p.goNames[wire]
	if !ok {
		name = GoName(wire)
		p.goNames[wire] = name
	}
	if name == "" {
		return "", fmt.Errorf("%s: no Go name can be made of %q; add a rename for %q in the config file", what, wire, key)
	}
	return name, nil
}

func (p *planner) claimType(name, origin string) error { return p.types.claim(name, origin) }

func (p *planner) function(f *schema.Function) (*templates.Func, error) {
	what := "function " + strconv.Quote(f.Name)
	method, err := p.goName(f.Name, f.Name, what)
	if err != nil {
		return nil, err
	}
	tf := &templates.Func{Wire: f.Name, Kind: f.Kind, Method: method, Title: f.Title, Doc: f.Doc, Key: f.Key, Parent: f.Parent}
	if err := p.methods.claim(method, what); err != nil {
		return nil, err
	}
	if l := p.inSubList[f.Name]; l != nil && (f.Kind == schema.KindForm || f.Kind == schema.KindGroup) {
		tf.SubList, tf.ParentList = l.Name, l.Parent
	}
	if f.Kind == schema.KindGroup {
		tf.CheckWith = p.deletes[f.Name]
	}
	tf.Convention = slices.Equal(f.Sources, []string{schema.SourceConvention})
	for _, a := range f.Actions {
		tf.Actions = append(tf.Actions, templates.Action{Name: a.Name, Func: a.Func, Type: a.Type, Label: a.Label})
	}
	switch f.Kind {
	case schema.KindList:
		if err := p.claimType(method+"Request", what); err != nil {
			return nil, err
		}
		tf.Row, err = p.rowStruct(f, method+"Row", f.Columns, what, method+"Row is one row of the list "+templates.Quote(f.Name)+".")
		if err != nil {
			return nil, err
		}
		tf.Row.List = f.Name
	case schema.KindForm:
		if err := p.methods.claim(method+"Get", what+" (its Get method)"); err != nil {
			return nil, err
		}
		if tf.Request, err = p.paramStruct(f, tf, method+"Request", "single", false); err != nil {
			return nil, err
		}
		if tf.Tables, err = p.tables(f, method, what); err != nil {
			return nil, err
		}
		if tf.Values, err = p.paramStruct(f, tf, method+"Form", "", true); err != nil {
			return nil, err
		}
		tf.Values.RequestOf = tf.Request
		if err := p.reserveTableFields(tf.Values, tf.Tables, what, "Choices", "Raw", "Response"); err != nil {
			return nil, err
		}
	case schema.KindReport:
		if tf.Request, err = p.paramStruct(f, tf, method+"Request", "", false); err != nil {
			return nil, err
		}
		if tf.Tables, err = p.tables(f, method, what); err != nil {
			return nil, err
		}
		tf.Report = &templates.Struct{Name: method + "Report", Func: f.Name,
			Doc: templates.Wrap(method + "Report is the result of the report " + templates.Quote(f.Name) + ".")}
		if err := p.claimType(tf.Report.Name, what); err != nil {
			return nil, err
		}
		if err := p.reserveTableFields(tf.Report, tf.Tables, what, "Response"); err != nil {
			return nil, err
		}
	case schema.KindGroup:
		if len(f.Params) > 0 {
			if tf.Request, err = p.paramStruct(f, tf, method+"Request", "multi", false); err != nil {
				return nil, err
			}
		}
	}
	return tf, nil
}

// paramStruct builds the request struct (values=false) or the form values
// struct (values=true) of f, and the enums its fields use.
func (p *planner) paramStruct(f *schema.Function, tf *templates.Func, name, elid string, values bool) (*templates.Struct, error) {
	what := "function " + strconv.Quote(f.Name)
	if err := p.claimType(name, what); err != nil {
		return nil, err
	}
	st := &templates.Struct{Name: name, Func: f.Name, Elid: elid}
	if values {
		st.Doc = templates.Wrap(name + " is the form " + templates.Quote(f.Name) + " as opened: its values (set when the panel sent them), the options of its selects and its tables.")
	} else {
		st.Doc = templates.Wrap(name + " holds the parameters of " + tf.Method + ".")
	}
	fields := newScope("fields of " + name + " (function " + strconv.Quote(f.Name) + ")")
	if elid != "" || (values && f.Kind == schema.KindForm) {
		fields.claim("Elid", "the object id")
	}
	if values && f.Kind == schema.KindForm {
		fields.claim("Request", "the Request method")
	}
	for _, prm := range f.Params {
		if (prm.Readonly && !values) || protocolParams[prm.Name] {
			continue
		}
		fw := "function " + strconv.Quote(f.Name) + ": param " + strconv.Quote(prm.Name)
		goName, err := p.goName(f.Name+":"+prm.Name, prm.Name, fw)
		if err != nil {
			return nil, err
		}
		if err := fields.claim(goName, "param "+strconv.Quote(prm.Name)); err != nil {
			return nil, err
		}
		fd := &templates.Field{Name: goName, Wire: prm.Name, Required: prm.Required && !values, Secret: prm.Secret,
			Label: prm.Label, Hint: prm.Hint, Type: fieldType(prm.Type)}
		if fd.Type == "file" && values {
			fd.Type = "string" // an opened form shows no file
		}
		if prm.Check != "" && fd.Type == "string" {
			fd.Extra = append(fd.Extra, "Checked by the panel as "+prm.Check+".")
		}
		if prm.Type == schema.TypeFile && !values {
			fd.Extra = append(fd.Extra, "A file upload, sent as multipart/form-data over HTTP (mgrctl can't carry files).")
		}
		if prm.MaxLength > 0 {
			fd.Extra = append(fd.Extra, fmt.Sprintf("At most %d characters.", prm.MaxLength))
		}
		if (prm.Type == schema.TypeEnum || prm.Type == schema.TypeMultiEnum) && len(prm.Enum) > 0 {
			enum, err := p.enum(f, tf, prm, goName)
			if err != nil {
				return nil, err
			}
			fd.Enum = enum
			if prm.Type == schema.TypeEnum {
				fd.Type = "enum"
			}
			for _, e := range prm.Enum {
				v := templates.Quote(e.Key)
				if e.Label != "" && e.Label != e.Key {
					v += " (" + e.Label + ")"
				}
				fd.Values = append(fd.Values, v)
			}
		}
		st.Fields = append(st.Fields, fd)
	}
	if !values && f.Kind == schema.KindForm {
		if err := p.formControls(f, tf, st, fields); err != nil {
			return nil, err
		}
	}
	if !values {
		st.Rules = requiredRules(f, tf.Method, st)
	}
	return st, nil
}

// formControls adds the fields every form submit has: the button it is
// submitted with (typed when the form declares its buttons) and, for a
// wizard step, NextStep.
func (p *planner) formControls(f *schema.Function, tf *templates.Func, st *templates.Struct, fields *scope) error {
	what := "function " + strconv.Quote(f.Name)
	if err := fields.claim("ClickedButton", "the clicked_button field"); err != nil {
		return err
	}
	bt := &templates.Field{Name: "ClickedButton", Wire: "clicked_button", Type: "string", Plain: true,
		Hint: "The button to submit with; empty: the panel's default."}
	if len(f.Buttons) > 0 {
		prm := schema.Param{Name: "clicked_button", Type: schema.TypeEnum}
		for _, b := range f.Buttons {
			prm.Enum = append(prm.Enum, schema.EnumValue{Key: b.Name, Label: b.Label})
		}
		enum, err := p.enum(f, tf, prm, "Button")
		if err != nil {
			return fmt.Errorf("%s: buttons: %w", what, err)
		}
		bt.Type, bt.Enum = "enum", enum
		for _, b := range f.Buttons {
			bt.Values = append(bt.Values, templates.Quote(b.Name))
		}
	}
	st.Fields = append(st.Fields, bt)
	if f.Wizard != "" {
		if err := fields.claim("NextStep", "the snext field"); err != nil {
			return err
		}
		st.Fields = append(st.Fields, &templates.Field{Name: "NextStep", Wire: "snext", Type: "next",
			Hint: "Set it to submit this wizard step and go on to the next (snext=ok)."})
	}
	return nil
}

// requiredRules builds the requiredness table of a request struct, and
// says in each required field's doc when the panel asks for it. Nil when
// nothing is required.
func requiredRules(f *schema.Function, method string, st *templates.Struct) *templates.Rules {
	form := f.Kind == schema.KindForm
	r := &templates.Rules{Var: "rules" + method, Form: form}
	if st.Elid == "multi" {
		r.Required = append(r.Required, templates.RequiredRule{Param: "elid", Field: "Elid"})
	}
	byWire := map[string]*templates.Field{}
	for _, fd := range st.Fields {
		byWire[fd.Wire] = fd
	}
	for _, prm := range f.Params {
		fd := byWire[prm.Name]
		if fd == nil || !fd.Required {
			continue
		}
		r.Required = append(r.Required, templates.RequiredRule{Param: prm.Name, Field: fd.Name, FormField: prm.Field,
			Feature: prm.Feature, RemoveIf: prm.RemoveIf})
		var unless []string
		for _, ctl := range f.Params {
			var values []string
			for _, c := range ctl.If {
				if !c.Shadow && (c.Hide == prm.Name || (prm.Field != "" && c.Hide == prm.Field)) {
					r.Hides = append(r.Hides, templates.HideRule{Param: ctl.Name, Value: c.Value, Hide: c.Hide})
					values = append(values, c.Value)
				}
			}
			if len(values) > 0 {
				unless = append(unless, ctl.Name+" is "+strings.Join(values, " or "))
			}
		}
		doc := "Required"
		if form {
			doc = "Required when creating"
		}
		switch {
		case form && prm.RemoveIf == "new":
			doc = "Not required when creating: the field exists only when editing"
		case prm.Feature != "":
			doc += ", if the panel has the feature " + prm.Feature
		}
		if len(unless) > 0 {
			doc += " unless " + strings.Join(unless, ", or ")
		}
		fd.RequiredDoc = doc
	}
	if len(r.Required) == 0 {
		return nil
	}
	return r
}

// protocolParams are parameters the client sets itself (elid through the
// Elid field, plid and su through options, the rest by the transport); a
// form that lists one as a control does not get a field for it.
var protocolParams = map[string]bool{
	"elid": true, "plid": true, "sok": true, "func": true, "out": true,
	"auth": true, "authinfo": true, "su": true, "lang": true,
	"clicked_button": true, "snext": true,
}

func fieldType(t string) string {
	switch t {
	case schema.TypeBool:
		return "bool"
	case schema.TypeInt:
		return "int"
	case schema.TypeFloat:
		return "float"
	case schema.TypeMultiEnum:
		return "list"
	case schema.TypeFile:
		return "file"
	}
	return "string"
}

// rowStruct plans the typed row of a list or table.
func (p *planner) rowStruct(f *schema.Function, name string, cols []schema.Column, what, doc string) (*templates.Struct, error) {
	if err := p.claimType(name, what); err != nil {
		return nil, err
	}
	st := &templates.Struct{Name: name, Func: f.Name, Doc: templates.Wrap(doc)}
	fields := newScope("fields of "+name+" (function "+strconv.Quote(f.Name)+")", "Raw", "ListGroup")
	seen := map[string]bool{}
	add := func(wire, label, hint, typ string, prop, orig bool) error {
		if seen[wire] {
			return nil
		}
		seen[wire] = true
		cw := "function " + strconv.Quote(f.Name) + ": column " + strconv.Quote(wire)
		goName, err := p.goName(f.Name+":"+wire, wire, cw)
		if err != nil {
			return err
		}
		if err := fields.claim(goName, "column "+strconv.Quote(wire)); err != nil {
			return err
		}
		fd := &templates.Field{Name: goName, Wire: wire, Label: label, Hint: hint, Type: typ, Prop: prop, Column: true}
		if orig {
			fd.Orig = goName + "Orig"
			if err := fields.claim(fd.Orig, "the raw key of column "+strconv.Quote(wire)); err != nil {
				return err
			}
		}
		st.Fields = append(st.Fields, fd)
		return nil
	}
	for _, c := range cols {
		var err error
		switch {
		case c.Type == "prop" && len(c.Props) > 0:
			for _, pr := range c.Props {
				if err = add(pr, "", fmt.Sprintf("flag of column %s", c.Name), "bool", true, false); err != nil {
					break
				}
			}
		case c.Type == "prop":
			// A prop column without named flags carries its own value.
			err = add(c.Name, c.Label, c.Hint, "bool", false, false)
		case c.Type == "toggle":
			err = add(c.Name, c.Label, c.Hint, "bool", false, false)
		default:
			err = add(c.Name, c.Label, c.Hint, "string", false, c.Type == "msg")
		}
		if err != nil {
			return nil, err
		}
	}
	return st, nil
}

func (p *planner) tables(f *schema.Function, method, what string) ([]*templates.Table, error) {
	var out []*templates.Table
	for _, t := range f.Tables {
		tw := fmt.Sprintf("function %q: table %q", f.Name, t.Name)
		goName, err := p.goName(f.Name+":"+t.Name, t.Name, tw)
		if err != nil {
			return nil, err
		}
		row, err := p.rowStruct(f, method+goName+"Row", t.Columns, tw, fmt.Sprintf("%s%sRow is one row of the table %s of %s.", method, goName, templates.Quote(t.Name), templates.Quote(f.Name)))
		if err != nil {
			return nil, err
		}
		out = append(out, &templates.Table{Wire: t.Name, Field: goName, Row: row})
	}
	return out, nil
}

// reserveTableFields checks that table fields and fixed fields do not
// collide with the struct's own fields.
func (p *planner) reserveTableFields(st *templates.Struct, tables []*templates.Table, what string, fixed ...string) error {
	names := newScope("fields of " + st.Name + " (" + what + ")")
	for _, fd := range st.Fields {
		if err := names.claim(fd.Name, "param "+strconv.Quote(fd.Wire)); err != nil {
			return err
		}
	}
	for _, fx := range fixed {
		if err := names.claim(fx, "the fixed field "+fx); err != nil {
			return err
		}
	}
	for _, t := range tables {
		if err := names.claim(t.Field, "table "+strconv.Quote(t.Wire)); err != nil {
			return err
		}
	}
	return nil
}
