// Package templates holds the pieces mgrgen emits, one emitter per
// construct: enums, request structs, response structs (list rows, form
// values, report tables), client methods, doc comments, and the package
// overview in the package doc file. Each takes a resolved model — Go names already chosen
// and checked by the generator — and returns jennifer code, so every
// construct can be golden-tested on its own.
package templates

// RuntimePath is the import path of the runtime generated code calls.
const RuntimePath = "github.com/mgrgen/mgrgen/runtime"

// Func is one panel function with its Go names resolved.
type Func struct {
	Wire   string
	Kind   string
	Method string
	Title  string
	Doc    string
	// Request is the submit/parameters struct (forms, reports, group
	// operations with parameters); nil otherwise.
	Request *Struct
	// Values is the struct of a form's current values (forms only).
	Values *Struct
	// Row is a list's row struct (lists only).
	Row *Struct
	// Tables are typed tables of forms and reports.
	Tables []*Table
	// Report is the result struct of a report.
	Report *Struct
	Enums  []*Enum
	// Actions are the list's toolbar buttons, for the doc comment.
	Actions []Action
	Key     string
	// Parent, on a sub-list, is the wire name of the list it belongs to.
	Parent string
	// SubList, on a form or group operation of a sub-list's toolbar, is
	// that sub-list, and ParentList the list whose row it lives under: the
	// methods take that row's key as parent (sent as plid).
	SubList, ParentList string
	// Convention is set for a function of a documented schema that no
	// source names, written by COREmanager's conventions.
	Convention bool
	// CheckWith, on a group delete, is the form that opens one row of its
	// list, which a delete with runtime.VerifyDeleted opens for each id.
	CheckWith string
}

// Action is a toolbar button, with the Go method it maps to when there is one.
type Action struct {
	Name, Func, Type, Label, Method string
}

// Struct is a generated struct.
type Struct struct {
	Name   string
	Doc    string
	Fields []*Field
	// Elid is how a request names the object: "" (not at all), "single"
	// (one id; empty creates a new object) or "multi" (one or more ids).
	Elid string
	// Func is the wire name of the function the struct belongs to.
	Func string
	// Rules, on a request struct, is the requiredness table its encode
	// method checks; nil when no parameter is required.
	Rules *Rules
	// RequestOf, on a form's values struct, is the request struct its
	// Request method converts to (read-modify-write).
	RequestOf *Struct
	// List, on a list's row struct, is the list's wire name.
	List string
}

// Rules is the requiredness table of a request, emitted as a
// runtime.FormRules value.
type Rules struct {
	// Var is the unexported package variable that holds the table.
	Var string
	// Form: required only when creating.
	Form     bool
	Required []RequiredRule
	Hides    []HideRule
}

// RequiredRule is one required parameter (see runtime.RequiredParam).
type RequiredRule struct {
	Param, Field, FormField, Feature, RemoveIf string
}

// HideRule hides the field Hide while Param equals Value.
type HideRule struct {
	Param, Value, Hide string
}

// Field is one struct field bound to a wire name.
type Field struct {
	Name string
	Wire string
	// Type is the scalar kind: string, bool, int, float, enum, list, file
	// (a runtime.File upload) or next (a wizard's NextStep flag, sent as
	// ok).
	Type string
	// Plain marks an optional string or enum field that is not wrapped in
	// runtime.Optional: empty means "not sent" (ClickedButton).
	Plain bool
	// Enum is the enum type's Go name for Type "enum" (and "list" of enum).
	Enum     string
	Required bool
	// RequiredDoc, when set, replaces "Required." in the field's doc
	// comment with the condition under which the panel asks for it.
	RequiredDoc string
	Secret      bool
	// Label, Hint, Values feed the doc comment.
	Label  string
	Hint   string
	Values []string
	Extra  []string
	// Orig, on a row field, names the companion field that keeps the raw
	// key of a localized value.
	Orig string
	// Prop marks a row flag that is true when the element is present.
	Prop bool
	// Column marks a field read from a list or table column.
	Column bool
}

// Table is a typed table inside a form or report.
type Table struct {
	Wire  string
	Field string
	Row   *Struct
}

// Enum is an open string enum: named constants for the values the schema
// knows, while any other value the panel sends later still fits the type.
type Enum struct {
	Name string
	// List names the variable that lists the known values.
	List   string
	Doc    string
	Consts []Const
	// Dropped lists keys that got no constant (no identifier could be made
	// of them, or two keys made the same one).
	Dropped []string
}

// Const is one enum constant.
type Const struct {
	Name, Key, Label string
}

// Skipped is a function without a typed method and why.
type Skipped struct {
	Wire, Kind, Reason string
}

// Area groups functions by the first part of their wire name.
type Area struct {
	Name  string
	Funcs []*Func
}

// Package is everything the package doc and client files describe.
type Package struct {
	Name   string
	Panel  string
	Schema string
	// Version is the mgrgen version, for the compatibility note.
	Version string
	// Documented is set when the schema was written by hand from the
	// vendor's documentation rather than captured from a panel.
	Documented bool
	Areas      []Area
	Skipped    []Skipped
}
