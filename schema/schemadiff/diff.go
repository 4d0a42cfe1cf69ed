// Package schemadiff compares two schemas of one panel, as captured before
// and after an upgrade, and says what the change means for code generated
// from them.
//
// Each difference is a [Change] with a [Severity]: breaking when code that
// compiled or a call that worked stops doing so, warning when behaviour may
// differ, info otherwise. A removed and an added function (or parameter,
// or column) that look alike are reported once, as a likely rename.
// [Write] prints the result as text, Markdown or JSON.
package schemadiff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mgrgen/mgrgen/schema"
)

// Severity says how much a change matters to callers.
type Severity string

// Severities, from the most serious.
const (
	Breaking Severity = "breaking"
	Warning  Severity = "warning"
	Info     Severity = "info"
)

// rank orders severities, breaking first.
func (s Severity) rank() int {
	switch s {
	case Breaking:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// AtLeast reports whether s is as serious as min or more.
func (s Severity) AtLeast(min Severity) bool { return s.rank() <= min.rank() }

// ParseSeverity reads "breaking", "warning" or "info".
func ParseSeverity(v string) (Severity, error) {
	switch s := Severity(v); s {
	case Breaking, Warning, Info:
		return s, nil
	}
	return "", fmt.Errorf("unknown severity %q (breaking, warning or info)", v)
}

// Change kinds, as in Change.Kind.
const (
	FunctionAdded   = "function-added"
	FunctionRemoved = "function-removed"
	FunctionRenamed = "function-renamed"
	FunctionFailed  = "function-failed"
	// FunctionDescribed: the old schema only named the function; the new
	// one describes its parameters or columns.
	FunctionDescribed = "function-described"
	// FunctionUndescribed: the old schema described the function; the new
	// one only names it (a less complete capture).
	FunctionUndescribed = "function-undescribed"
	KindChanged         = "kind-changed"
	KeyChanged          = "key-changed"
	ParentChanged       = "parent-changed"
	WizardChanged       = "wizard-changed"
	ParamAdded          = "param-added"
	ParamRemoved        = "param-removed"
	ParamRenamed        = "param-renamed"
	ParamRequired       = "param-required"
	ParamOptional       = "param-optional"
	ParamType           = "param-type"
	ParamSecret         = "param-secret"
	ParamReadonly       = "param-readonly"
	EnumAdded           = "enum-value-added"
	EnumRemoved         = "enum-value-removed"
	ButtonAdded         = "button-added"
	ButtonRemoved       = "button-removed"
	ColumnAdded         = "column-added"
	ColumnRemoved       = "column-removed"
	ColumnRenamed       = "column-renamed"
	TableAdded          = "table-added"
	TableRemoved        = "table-removed"
	ActionAdded         = "action-added"
	ActionRemoved       = "action-removed"
	ActionRelinked      = "action-relinked"
)

// Change is one difference between two schemas.
type Change struct {
	Severity Severity `json:"severity"`
	Kind     string   `json:"kind"`
	// Function is the function's wire name in the new schema (in the old
	// one for a removed function).
	Function string `json:"function"`
	// Param, Column, Table, Action or Value name what changed inside it.
	Param  string `json:"param,omitempty"`
	Column string `json:"column,omitempty"`
	Table  string `json:"table,omitempty"`
	Action string `json:"action,omitempty"`
	Value  string `json:"value,omitempty"`
	// Old and New are the values before and after, where there are such.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// Reason is one line for a human, naming the function and parameter.
	Reason string `json:"reason"`
}

// Result is the outcome of Compare.
type Result struct {
	Panel   string   `json:"panel"`
	Changes []Change `json:"changes"`
}

// Count returns how many changes have severity s.
func (r *Result) Count(s Severity) int {
	n := 0
	for _, c := range r.Changes {
		if c.Severity == s {
			n++
		}
	}
	return n
}

// Has reports whether a change at least as serious as min is present.
func (r *Result) Has(min Severity) bool {
	for _, c := range r.Changes {
		if c.Severity.AtLeast(min) {
			return true
		}
	}
	return false
}

// Compare lists the changes from old to new. Both must describe the same
// panel. The result is sorted: by severity, then function, then what
// changed, so equal inputs always give equal output.
func Compare(old, new *schema.Schema) (*Result, error) {
	if old.Panel != new.Panel {
		return nil, fmt.Errorf("the schemas describe different panels (%s and %s)", old.Panel, new.Panel)
	}
	d := &differ{renamed: map[string]string{}}
	oldBy, newBy := byName(old.Functions), byName(new.Functions)
	var removed, added []*schema.Function
	for _, f := range sortedNames(oldBy) {
		if newBy[f] == nil {
			removed = append(removed, oldBy[f])
		}
	}
	for _, f := range sortedNames(newBy) {
		if oldBy[f] == nil {
			added = append(added, newBy[f])
		}
	}
	// Renames first, so a toolbar button that follows a renamed function
	// is known to be consistent.
	pairs := pairRenames(removed, added, functionScorer(removed, added))
	for _, pair := range pairs {
		if pair[0] != nil && pair[1] != nil {
			d.renamed[pair[0].Name] = pair[1].Name
		}
	}
	for _, f := range sortedNames(oldBy) {
		if n := newBy[f]; n != nil {
			d.function(oldBy[f], n, f)
		}
	}
	for _, pair := range pairs {
		o, n := pair[0], pair[1]
		if n == nil {
			d.add(Change{Severity: Breaking, Kind: FunctionRemoved, Function: o.Name,
				Reason: fmt.Sprintf("%s: the function was removed; calls of it fail and its method goes away", o.Name)})
			continue
		}
		if o == nil {
			d.add(Change{Severity: Info, Kind: FunctionAdded, Function: n.Name,
				Reason: fmt.Sprintf("%s: new %s", n.Name, kindPhrase(n.Kind))})
			continue
		}
		d.add(Change{Severity: Breaking, Kind: FunctionRenamed, Function: n.Name, Old: o.Name, New: n.Name,
			Reason: fmt.Sprintf("%s: likely renamed to %s (%s); calls of the old name fail and the method is renamed", o.Name, n.Name, why(o, n))})
		d.function(o, n, o.Name+" (now "+n.Name+")")
	}
	sort.SliceStable(d.changes, func(i, j int) bool {
		a, b := d.changes[i], d.changes[j]
		if a.Severity != b.Severity {
			return a.Severity.rank() < b.Severity.rank()
		}
		if a.Function != b.Function {
			return a.Function < b.Function
		}
		if fa, fb := functionLevel[a.Kind], functionLevel[b.Kind]; fa != fb {
			return fa // what happened to the function, then what changed inside
		}
		return a.Reason < b.Reason
	})
	if d.changes == nil {
		d.changes = []Change{}
	}
	return &Result{Panel: new.Panel, Changes: d.changes}, nil
}

type differ struct {
	changes []Change
	// renamed maps old function names to the new names they likely have.
	renamed map[string]string
}

// functionLevel are the kinds that concern a function as a whole.
var functionLevel = map[string]bool{FunctionAdded: true, FunctionRemoved: true, FunctionRenamed: true, KindChanged: true,
	FunctionFailed: true, FunctionDescribed: true, FunctionUndescribed: true}

// described reports whether a function has any parameters, columns or
// tables: a listed-only function has none.
func described(f *schema.Function) bool {
	return len(f.Params) > 0 || len(f.Columns) > 0 || len(f.Tables) > 0
}

func (d *differ) add(c Change) { d.changes = append(d.changes, c) }

func byName(fs []schema.Function) map[string]*schema.Function {
	m := make(map[string]*schema.Function, len(fs))
	for i := range fs {
		m[fs[i].Name] = &fs[i]
	}
	return m
}

func sortedNames[T any](m map[string]T) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

var kindPhrases = map[string]string{
	schema.KindForm: "form", schema.KindList: "list", schema.KindReport: "report",
	schema.KindGroup: "group operation", schema.KindUnknown: "function of no stated type",
}

func kindPhrase(k string) string {
	if p, ok := kindPhrases[k]; ok {
		return p
	}
	return k + " function"
}

// why says what made a rename likely.
func why(o, n *schema.Function) string {
	if o.Title != "" && o.Title == n.Title {
		return fmt.Sprintf("same kind and title %q", n.Title)
	}
	return "same kind and parameters"
}

// function compares two versions of one function; at names it in reasons.
func (d *differ) function(o, n *schema.Function, at string) {
	fn := n.Name
	switch {
	case o.Kind == n.Kind:
	case o.Kind == schema.KindUnknown:
		// A function the old capture only listed, now with a type: it
		// gains a method, nothing that existed changes.
		d.add(Change{Severity: Info, Kind: KindChanged, Function: fn, New: n.Kind,
			Reason: fmt.Sprintf("%s: its type is now known: a %s", at, kindPhrase(n.Kind))})
	default:
		d.add(Change{Severity: Breaking, Kind: KindChanged, Function: fn, Old: o.Kind, New: n.Kind,
			Reason: fmt.Sprintf("%s: was a %s, is now a %s; its method changes shape", at, kindPhrase(o.Kind), kindPhrase(n.Kind))})
	}
	switch {
	case described(o) && !described(n):
		// Everything inside would show as removed; one line says why.
		why := "was described before and is only listed now"
		kind := FunctionUndescribed
		if n.Error != "" {
			why = fmt.Sprintf("its description could not be captured this time (%s)", firstLine(n.Error))
			kind = FunctionFailed
		}
		d.add(Change{Severity: Breaking, Kind: kind, Function: fn, New: n.Error,
			Reason: fmt.Sprintf("%s: %s; generating from this schema drops its typed method. Capture it again", at, why)})
		return
	case o.Error == "" && n.Error != "":
		d.add(Change{Severity: Warning, Kind: FunctionFailed, Function: fn, New: n.Error,
			Reason: fmt.Sprintf("%s: its description could not be captured this time (%s); its method may be missing", at, firstLine(n.Error))})
	case !described(o) && described(n):
		// The old capture had only the function's name (a listing): the
		// panel did not change, the description is simply new.
		d.add(Change{Severity: Info, Kind: FunctionDescribed, Function: fn,
			Reason: fmt.Sprintf("%s: now described in detail (%d parameters, %d columns)", at, len(n.Params), len(n.Columns))})
		return
	}
	if o.Key != n.Key && o.Key != "" {
		d.add(Change{Severity: Warning, Kind: KeyChanged, Function: fn, Old: o.Key, New: n.Key,
			Reason: fmt.Sprintf("%s: rows are now identified by %s instead of %s; elid values change meaning", at, orNone(n.Key), o.Key)})
	}
	if o.Parent != n.Parent {
		d.add(Change{Severity: Warning, Kind: ParentChanged, Function: fn, Old: o.Parent, New: n.Parent,
			Reason: fmt.Sprintf("%s: the parent list is now %s (was %s)", at, orNone(n.Parent), orNone(o.Parent))})
	}
	if o.Wizard != n.Wizard {
		d.add(Change{Severity: Warning, Kind: WizardChanged, Function: fn, Old: o.Wizard, New: n.Wizard,
			Reason: fmt.Sprintf("%s: the wizard step is now %s (was %s)", at, orNone(n.Wizard), orNone(o.Wizard))})
	}
	d.params(o, n, at)
	d.buttons(o, n, at)
	d.columns(fn, "", o.Columns, n.Columns, at)
	d.tables(o, n, at)
	d.actions(o, n, at)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
