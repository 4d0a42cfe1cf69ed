package schemadiff

// The comparisons of what a function holds: parameters, their options,
// buttons, columns, tables and toolbar buttons.

import (
	"fmt"
	"slices"

	"github.com/mgrgen/mgrgen/schema"
)

// params compares the request parameters of two versions of a function.
// Read-only parameters are results, not parameters, so becoming read-only
// counts as removal from the request.
func (d *differ) params(o, n *schema.Function, at string) {
	fn := n.Name
	oldBy, newBy := paramsByName(o), paramsByName(n)
	var removed, added []*schema.Param
	for _, p := range o.Params {
		np := newBy[p.Name]
		switch {
		case np == nil:
			removed = append(removed, oldBy[p.Name])
		case !p.Readonly && np.Readonly:
			d.add(Change{Severity: Breaking, Kind: ParamReadonly, Function: fn, Param: p.Name, Old: "writable", New: "read-only",
				Reason: fmt.Sprintf("%s: parameter %s became read-only; the request no longer carries it", at, p.Name)})
		case p.Readonly && !np.Readonly:
			d.add(Change{Severity: Info, Kind: ParamReadonly, Function: fn, Param: p.Name, Old: "read-only", New: "writable",
				Reason: fmt.Sprintf("%s: parameter %s can now be set", at, p.Name)})
		default:
			d.param(fn, at, &p, np)
		}
	}
	for _, p := range n.Params {
		if oldBy[p.Name] == nil {
			added = append(added, newBy[p.Name])
		}
	}
	for _, pair := range pairRenames(removed, added, func(i, j int) int { return paramScore(removed[i], added[j]) }) {
		op, np := pair[0], pair[1]
		switch {
		case np == nil:
			d.add(Change{Severity: Breaking, Kind: ParamRemoved, Function: fn, Param: op.Name,
				Reason: fmt.Sprintf("%s: parameter %s was removed; code that sets it no longer compiles", at, op.Name)})
		case op == nil && np.Required && !np.Readonly:
			d.add(Change{Severity: Breaking, Kind: ParamAdded, Function: fn, Param: np.Name, New: np.Type,
				Reason: fmt.Sprintf("%s: new required parameter %s (%s); calls without it are refused", at, np.Name, np.Type)})
		case op == nil:
			d.add(Change{Severity: Info, Kind: ParamAdded, Function: fn, Param: np.Name, New: np.Type,
				Reason: fmt.Sprintf("%s: new optional parameter %s (%s)", at, np.Name, np.Type)})
		default:
			d.add(Change{Severity: Breaking, Kind: ParamRenamed, Function: fn, Param: np.Name, Old: op.Name, New: np.Name,
				Reason: fmt.Sprintf("%s: parameter %s likely renamed to %s (same type %s%s); code that sets the old name no longer compiles",
					at, op.Name, np.Name, np.Type, labelNote(op.Label, np.Label))})
			d.param(fn, at, op, np)
		}
	}
}

func labelNote(a, b string) string {
	if a != "" && a == b {
		return fmt.Sprintf(", label %q", a)
	}
	return ""
}

func paramsByName(f *schema.Function) map[string]*schema.Param {
	m := make(map[string]*schema.Param, len(f.Params))
	for i := range f.Params {
		m[f.Params[i].Name] = &f.Params[i]
	}
	return m
}

// goShape is the Go type a parameter gets in generated code, as far as a
// caller's code can tell: types that share it can be swapped without
// breaking a build.
func goShape(p *schema.Param) string {
	switch p.Type {
	case schema.TypeString, schema.TypeDate, schema.TypeText:
		return "string"
	case schema.TypeEnum:
		if len(p.Enum) == 0 {
			return "string"
		}
		return "enum"
	case schema.TypeMultiEnum:
		if len(p.Enum) == 0 {
			return "[]string"
		}
		return "[]enum"
	}
	return p.Type
}

// param compares one parameter present in both versions (np's name is
// the one reported).
func (d *differ) param(fn, at string, op, np *schema.Param) {
	name := np.Name
	if op.Readonly || np.Readonly {
		return // results, not parameters
	}
	switch {
	case !op.Required && np.Required:
		d.add(Change{Severity: Breaking, Kind: ParamRequired, Function: fn, Param: name, Old: "optional", New: "required",
			Reason: fmt.Sprintf("%s: parameter %s became required; calls without it are refused and its field is no longer Optional", at, name)})
	case op.Required && !np.Required:
		d.add(Change{Severity: Breaking, Kind: ParamOptional, Function: fn, Param: name, Old: "required", New: "optional",
			Reason: fmt.Sprintf("%s: parameter %s became optional; the panel accepts calls without it, but its field becomes runtime.Optional and code that sets it plainly no longer compiles", at, name)})
	}
	if op.Type != np.Type {
		if goShape(op) != goShape(np) {
			d.add(Change{Severity: Breaking, Kind: ParamType, Function: fn, Param: name, Old: op.Type, New: np.Type,
				Reason: fmt.Sprintf("%s: parameter %s changed type from %s to %s; its Go type changes", at, name, op.Type, np.Type)})
		} else {
			d.add(Change{Severity: Warning, Kind: ParamType, Function: fn, Param: name, Old: op.Type, New: np.Type,
				Reason: fmt.Sprintf("%s: parameter %s changed type from %s to %s; the Go type stays, the values the panel accepts may not", at, name, op.Type, np.Type)})
		}
	} else if os, ns := goShape(op), goShape(np); os != ns {
		// The same type with options gained or lost all at once: an
		// enum's Go type is its own named type only while it has options.
		what := "lost all its options"
		if len(np.Enum) > 0 {
			what = "now offers options"
		}
		d.add(Change{Severity: Breaking, Kind: ParamType, Function: fn, Param: name, Old: os, New: ns,
			Reason: fmt.Sprintf("%s: parameter %s %s; its Go type changes from %s to %s", at, name, what, os, ns)})
	}
	if op.Secret != np.Secret {
		c := Change{Severity: Warning, Kind: ParamSecret, Function: fn, Param: name, Old: "public", New: "secret",
			Reason: fmt.Sprintf("%s: parameter %s is now secret; it is redacted, sent to mgrctl through the environment and not copied by Form.Request", at, name)}
		if op.Secret {
			c.Old, c.New = "secret", "public"
			c.Reason = fmt.Sprintf("%s: parameter %s is no longer marked secret; its value is no longer redacted or kept out of argv", at, name)
		}
		d.add(c)
	}
	if len(op.Enum) > 0 && len(np.Enum) > 0 {
		d.keys(enumKeys(op.Enum), enumKeys(np.Enum), func(k string) Change {
			return Change{Severity: Breaking, Kind: EnumRemoved, Function: fn, Param: name, Value: k,
				Reason: fmt.Sprintf("%s: parameter %s no longer offers %q; its constant goes away and the panel refuses the value", at, name, k)}
		}, func(k string) Change {
			return Change{Severity: Info, Kind: EnumAdded, Function: fn, Param: name, Value: k,
				Reason: fmt.Sprintf("%s: parameter %s offers a new value %q", at, name, k)}
		})
	}
}

func enumKeys(vs []schema.EnumValue) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Key
	}
	return out
}

// keys reports the keys only one side has, in the order each side lists them.
func (d *differ) keys(old, new []string, gone, came func(string) Change) {
	for _, k := range old {
		if !slices.Contains(new, k) {
			d.add(gone(k))
		}
	}
	for _, k := range new {
		if !slices.Contains(old, k) {
			d.add(came(k))
		}
	}
}

func (d *differ) buttons(o, n *schema.Function, at string) {
	names := func(bs []schema.Button) []string {
		out := make([]string, len(bs))
		for i, b := range bs {
			out[i] = b.Name
		}
		return out
	}
	d.keys(names(o.Buttons), names(n.Buttons), func(b string) Change {
		return Change{Severity: Breaking, Kind: ButtonRemoved, Function: n.Name, Value: b,
			Reason: fmt.Sprintf("%s: the button %s was removed; submitting with it fails and its constant goes away", at, b)}
	}, func(b string) Change {
		return Change{Severity: Info, Kind: ButtonAdded, Function: n.Name, Value: b,
			Reason: fmt.Sprintf("%s: new button %s", at, b)}
	})
}

// columns compares list or table columns; table is "" for a list's own.
// A removed and an added column of the same type and label are a likely
// rename.
func (d *differ) columns(fn, table string, old, new []schema.Column, at string) {
	where := "column"
	if table != "" {
		where = "column of table " + table
	}
	newBy := map[string]bool{}
	for _, c := range new {
		newBy[c.Name] = true
	}
	oldBy := map[string]bool{}
	var removed, added []*schema.Column
	for i, c := range old {
		oldBy[c.Name] = true
		if !newBy[c.Name] {
			removed = append(removed, &old[i])
		}
	}
	for i, c := range new {
		if !oldBy[c.Name] {
			added = append(added, &new[i])
		}
	}
	for _, pair := range pairRenames(removed, added, func(i, j int) int { return columnScore(removed[i], added[j]) }) {
		oc, nc := pair[0], pair[1]
		switch {
		case nc == nil:
			d.add(Change{Severity: Breaking, Kind: ColumnRemoved, Function: fn, Table: table, Column: oc.Name,
				Reason: fmt.Sprintf("%s: the %s %s was removed; code that reads its row field no longer compiles", at, where, oc.Name)})
		case oc == nil:
			d.add(Change{Severity: Info, Kind: ColumnAdded, Function: fn, Table: table, Column: nc.Name,
				Reason: fmt.Sprintf("%s: new %s %s", at, where, nc.Name)})
		default:
			d.add(Change{Severity: Breaking, Kind: ColumnRenamed, Function: fn, Table: table, Column: nc.Name, Old: oc.Name, New: nc.Name,
				Reason: fmt.Sprintf("%s: the %s %s likely renamed to %s (same label %q); code that reads the old row field no longer compiles", at, where, oc.Name, nc.Name, nc.Label)})
		}
	}
}

func (d *differ) tables(o, n *schema.Function, at string) {
	oldBy := map[string]*schema.Table{}
	for i := range o.Tables {
		oldBy[o.Tables[i].Name] = &o.Tables[i]
	}
	newBy := map[string]*schema.Table{}
	for i := range n.Tables {
		newBy[n.Tables[i].Name] = &n.Tables[i]
	}
	for _, t := range o.Tables {
		if nt := newBy[t.Name]; nt != nil {
			d.columns(n.Name, t.Name, t.Columns, nt.Columns, at)
		} else {
			d.add(Change{Severity: Breaking, Kind: TableRemoved, Function: n.Name, Table: t.Name,
				Reason: fmt.Sprintf("%s: the table %s was removed; code that reads it no longer compiles", at, t.Name)})
		}
	}
	for _, t := range n.Tables {
		if oldBy[t.Name] == nil {
			d.add(Change{Severity: Info, Kind: TableAdded, Function: n.Name, Table: t.Name,
				Reason: fmt.Sprintf("%s: new table %s", at, t.Name)})
		}
	}
}

func (d *differ) actions(o, n *schema.Function, at string) {
	newBy := map[string]schema.Action{}
	for _, a := range n.Actions {
		newBy[a.Name] = a
	}
	oldBy := map[string]schema.Action{}
	for _, a := range o.Actions {
		oldBy[a.Name] = a
		na, ok := newBy[a.Name]
		switch {
		case !ok:
			d.add(Change{Severity: Info, Kind: ActionRemoved, Function: n.Name, Action: a.Name, Old: a.Func,
				Reason: fmt.Sprintf("%s: the toolbar button %s (%s) was removed", at, a.Name, a.Func)})
		case na.Func != a.Func && d.renamed[a.Func] == na.Func:
			d.add(Change{Severity: Info, Kind: ActionRelinked, Function: n.Name, Action: a.Name, Old: a.Func, New: na.Func,
				Reason: fmt.Sprintf("%s: the toolbar button %s follows the rename of %s to %s", at, a.Name, a.Func, na.Func)})
		case na.Func != a.Func:
			d.add(Change{Severity: Warning, Kind: ActionRelinked, Function: n.Name, Action: a.Name, Old: a.Func, New: na.Func,
				Reason: fmt.Sprintf("%s: the toolbar button %s now calls %s instead of %s", at, a.Name, na.Func, a.Func)})
		}
	}
	for _, a := range n.Actions {
		if _, ok := oldBy[a.Name]; !ok {
			d.add(Change{Severity: Info, Kind: ActionAdded, Function: n.Name, Action: a.Name, New: a.Func,
				Reason: fmt.Sprintf("%s: new toolbar button %s (%s)", at, a.Name, a.Func)})
		}
	}
}
