// Package schema is mgrgen's intermediate model of a COREmanager panel and
// the file format that carries it between introspection and generation.
//
// A schema file is JSON written by [Save]: two-space indented, object keys in
// a fixed order, functions sorted by wire name, parameters in form order and
// every optional value left out when empty. Because the bytes depend only on
// the content, users commit the file beside their generated code and read the
// diff after a panel upgrade as the panel's change log.
//
// A short example (one list and one form of ispmgr):
//
//	{
//	  "schema_version": 1,
//	  "panel": "ispmgr",
//	  "lang": "en",
//	  "source": {"method": "files", "inputs": ["functions.txt"]},
//	  "functions": [
//	    {
//	      "name": "admin",
//	      "kind": "list",
//	      "title": "Administrators",
//	      "key": "name",
//	      "columns": [{"name": "name", "type": "data", "label": "Name"}],
//	      "actions": [{"name": "edit", "func": "admin.edit", "type": "edit"}]
//	    },
//	    {
//	      "name": "admin.edit",
//	      "kind": "form",
//	      "title": "Administrator",
//	      "params": [
//	        {"name": "name", "type": "string", "required": true, "label": "Name"},
//	        {"name": "passwd", "type": "string", "secret": true},
//	        {"name": "active", "type": "bool"}
//	      ]
//	    }
//	  ]
//	}
//
// Kinds are the panel's own function types ("group operation" is stored as
// "group" and "external function" as "external"); a function the panel gives
// no type for has kind "". Parameter types are "string", "bool" (wire on/off),
// "int", "float", "enum", "multienum" (several keys), "date", "text" (multi
// line) and "file"; anything the metadata does not pin down stays "string".
//
// [Load] validates what it reads and reports problems with the function and
// field they belong to, so a hand-edited schema fails early and clearly.
package schema

// Version is the schema_version this package reads and writes. It grows only
// when a change would make an older mgrgen misread a newer file.
const Version = 1

// Function kinds, as stored in Function.Kind.
const (
	KindForm      = "form"
	KindList      = "list"
	KindReport    = "report"
	KindGroup     = "group"
	KindValidator = "validator"
	KindDashboard = "dashboard"
	KindHelpboard = "helpboard"
	KindExternal  = "external"
	KindNone      = "none"
	KindUnknown   = ""
)

// Kinds lists every valid kind, KindUnknown included.
var Kinds = []string{KindForm, KindList, KindReport, KindGroup, KindValidator,
	KindDashboard, KindHelpboard, KindExternal, KindNone, KindUnknown}

// Parameter types, as stored in Param.Type.
const (
	TypeString    = "string"
	TypeBool      = "bool"
	TypeInt       = "int"
	TypeFloat     = "float"
	TypeEnum      = "enum"
	TypeMultiEnum = "multienum"
	TypeDate      = "date"
	TypeText      = "text"
	TypeFile      = "file"
)

// Types lists every valid parameter type.
var Types = []string{TypeString, TypeBool, TypeInt, TypeFloat, TypeEnum,
	TypeMultiEnum, TypeDate, TypeText, TypeFile}

// MethodDocumented is the Source.Method of a schema written by hand from
// the vendor's documentation; its functions list "documented" as a source.
const MethodDocumented = "documented"

// SourceDocumented and SourceConvention are the Function.Sources of a
// documented schema: documented where the vendor's documentation or a
// published client names the function, convention for a companion no
// source names that every COREmanager panel has in the same shape (a
// plain list beside its .edit form).
const (
	SourceDocumented = "documented"
	SourceConvention = "convention"
)

// Schema describes everything one panel offers.
type Schema struct {
	SchemaVersion int        `json:"schema_version"`
	Panel         string     `json:"panel"`
	Lang          string     `json:"lang,omitempty"`
	Source        Source     `json:"source"`
	Functions     []Function `json:"functions"`
}

// Source says how a schema was captured.
type Source struct {
	// Method is "local" (mgrctl on the panel host), "http", "dump" (a
	// folder written by mgrgen dump), "files" (captures named one by one)
	// or "documented" (written by hand from the vendor's documentation).
	Method string `json:"method"`
	// Captured is when the panel was asked, RFC 3339 in UTC. Left empty when
	// the schema was built from files, so rebuilding gives the same bytes.
	Captured string `json:"captured,omitempty"`
	// PanelVersion is the panel's version when the capture revealed it.
	PanelVersion string `json:"panel_version,omitempty"`
	// Inputs names the files read (base names), in the order given.
	Inputs []string `json:"inputs,omitempty"`
	// Skipped lists input files that could not be read, with the reason;
	// the schema was built without them.
	Skipped []SkippedInput `json:"skipped,omitempty"`
}

// SkippedInput is an input file left out of a schema and why.
type SkippedInput struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// Function is one panel function, named by its wire name (func=...).
type Function struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Title string `json:"title,omitempty"`
	Doc   string `json:"doc,omitempty"`
	// ListingDoc is the description exactly as mgrctl -i printed it, kept
	// only when tidying it into Doc changed it (" ." and ".." artifacts), so
	// the listing can be printed again byte for byte.
	ListingDoc string `json:"listing_doc,omitempty"`
	// Key is the list column whose value a form or group operation receives
	// as elid; KeyName is the column shown when confirming group operations.
	Key     string   `json:"key,omitempty"`
	KeyName string   `json:"keyname,omitempty"`
	Params  []Param  `json:"params,omitempty"`
	Columns []Column `json:"columns,omitempty"`
	// Tables are read-only tables a form shows (a list inside a form); they
	// are results, never parameters.
	Tables  []Table  `json:"tables,omitempty"`
	Actions []Action `json:"actions,omitempty"`
	Pages   []Page   `json:"pages,omitempty"`
	// Buttons are a form's submit buttons; the chosen one is sent as
	// clicked_button.
	Buttons []Button `json:"buttons,omitempty"`
	// Wizard is the form's wizard attribute (first, ..., last) when the form
	// is a step of a wizard; a step is submitted with snext=ok.
	Wizard string `json:"wizard,omitempty"`
	// Parent, on a list, is the list whose editlist button opens it: its
	// rows are those under one row of the parent, whose key goes in elid.
	Parent string `json:"parent,omitempty"`
	// Sources names where the description came from: "listing", "devel",
	// "plugin:<file>"; in a documented schema, "documented" or "convention"
	// (SourceDocumented, SourceConvention).
	Sources []string `json:"sources,omitempty"`
	// Error records why describing this function failed; the function stays
	// in the schema so a failed capture is visible in the diff.
	Error string `json:"error,omitempty"`
}

// Param is one request parameter of a form, report or group operation.
type Param struct {
	// Name is the control's name attribute, which is what goes on the wire.
	Name string `json:"name"`
	Type string `json:"type"`
	// Field is the enclosing field's name when it differs from Name; labels
	// and hints are looked up under both.
	Field     string `json:"field,omitempty"`
	Control   string `json:"control,omitempty"`
	Required  bool   `json:"required,omitempty"`
	Secret    bool   `json:"secret,omitempty"`
	Readonly  bool   `json:"readonly,omitempty"`
	Check     string `json:"check,omitempty"`
	CheckArgs string `json:"checkargs,omitempty"`
	MaxLength int    `json:"maxlength,omitempty"`
	Label     string `json:"label,omitempty"`
	Hint      string `json:"hint,omitempty"`
	// Placeholder is the example the panel shows in an empty input.
	Placeholder string `json:"placeholder,omitempty"`
	Page        string `json:"page,omitempty"`
	// Enum lists the allowed values when the panel states them statically.
	Enum []EnumValue `json:"enum,omitempty"`
	// Depend names the parameter whose value the options depend on.
	Depend string `json:"depend,omitempty"`
	// Setvalues is the panel's setvalues mode: changing this parameter makes
	// the form recompute others.
	Setvalues string `json:"setvalues,omitempty"`
	// If hides other fields while this parameter holds a value.
	If []Cond `json:"if,omitempty"`
	// Feature is the field's if= attribute: the field exists only when the
	// panel has that feature.
	Feature string `json:"feature,omitempty"`
	// RemoveIf is "new" or "edit" when the field exists only in one mode.
	RemoveIf string `json:"remove_if,omitempty"`
}

// EnumValue is one allowed value and its localized label.
type EnumValue struct {
	Key   string `json:"key"`
	Label string `json:"label,omitempty"`
}

// Cond is a visibility rule: while the parameter equals Value, the field
// Hide is hidden (or only greyed out when Shadow is set).
type Cond struct {
	Value  string `json:"value"`
	Hide   string `json:"hide"`
	Shadow bool   `json:"shadow,omitempty"`
}

// Column is one column of a list or of a table inside a form.
type Column struct {
	Name string `json:"name"`
	// Type is the panel's column type: data, msg, prop, toggle, indicator...
	Type  string `json:"type,omitempty"`
	Label string `json:"label,omitempty"`
	Hint  string `json:"hint,omitempty"`
	Sort  string `json:"sort,omitempty"`
	// Props names the flags a prop column shows; each arrives as its own
	// element of the row.
	Props []string `json:"props,omitempty"`
}

// Table is a read-only table shown inside a form.
type Table struct {
	Name    string   `json:"name"`
	Columns []Column `json:"columns,omitempty"`
}

// Action is a toolbar button of a list: it links the list to the function it
// calls. Type is the button type: new and edit open a form, group runs a
// group operation on the selected rows, groupform opens a confirmation form,
// editlist opens a sub-list, window opens something else.
type Action struct {
	Name  string `json:"name"`
	Func  string `json:"func"`
	Type  string `json:"type,omitempty"`
	Label string `json:"label,omitempty"`
}

// Button is one submit button of a form.
type Button struct {
	Name  string `json:"name"`
	Type  string `json:"type,omitempty"`
	Label string `json:"label,omitempty"`
}

// Page is one tab or collapsible section of a form.
type Page struct {
	Name  string `json:"name"`
	Label string `json:"label,omitempty"`
}

// Lookup returns the function with the given wire name, or nil.
func (s *Schema) Lookup(name string) *Function {
	lo, hi := 0, len(s.Functions)
	for lo < hi {
		m := (lo + hi) / 2
		if s.Functions[m].Name < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(s.Functions) && s.Functions[lo].Name == name {
		return &s.Functions[lo]
	}
	return nil
}

// Param returns the parameter with the given wire name, or nil.
func (f *Function) Param(name string) *Param {
	for i := range f.Params {
		if f.Params[i].Name == name {
			return &f.Params[i]
		}
	}
	return nil
}

// CountKinds returns how many functions have each kind.
func (s *Schema) CountKinds() map[string]int {
	m := map[string]int{}
	for _, f := range s.Functions {
		m[f.Kind]++
	}
	return m
}
