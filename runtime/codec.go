package runtime

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Generated structs bind their fields to wire names with one table: a
// blank first field whose tag lists, for every other field in order, its
// wire name and options, "-" for a field bound to none:
//
//	type UserRow struct {
//		_          struct{} `mgr:"name passwd,secret status status,orig php,prop - list=user"`
//		Name       string
//		Passwd     runtime.Optional[string]
//		Status     string
//		StatusOrig string
//		PHP        bool
//		Note       string
//		Raw        runtime.Row
//	}
//
// A field may instead carry its own tag (`mgr:"name,options"`), which
// wins over the table. Keeping the table in one unexported field keeps it
// out of the documentation, where it would be repeated beside every field.
// A wire name escapes as %XX what would end or split it: a percent sign,
// a comma, white space, and a name that is just a dash.
//
// The runtime walks the table to encode requests and decode rows and form
// values, so generated code holds tables, not code, per field. Options:
// secret (never logged, sent to mgrctl through the environment), orig (the
// raw key behind a localized value), prop (a flag set when its element is
// present), on (a form flag: on, yes or true), next (a wizard's snext=ok),
// table (the rows of a form's or report's table), list=NAME (on Raw: the
// list a row type belongs to), group (with no wire name, ",group": on a
// string field of a list row, the name of the <list name="..."> group the
// row came in). An embedded struct's fields are the outer
// struct's own: a form's values embed its request.

// fieldCodec is one bound field.
type fieldCodec struct {
	index  []int // the field's index path (longer for an embedded struct's field)
	wire   string
	secret bool
	orig   bool
	prop   bool
	on     bool
	next   bool
	// optional marks a runtime.Optional field (a request's, inside a form).
	optional bool
	// kind and off say how and where a decoded value is written (see
	// planField).
	kind fieldKind
	off  uintptr
}

var optionalSetterType = reflect.TypeFor[optionalSetter]()

// of returns the field f of rv, the struct value the codec was built for.
func (f *fieldCodec) of(rv reflect.Value) reflect.Value {
	v := rv.Field(f.index[0])
	for _, i := range f.index[1:] {
		v = v.Field(i)
	}
	return v
}

type structCodec struct {
	fields []fieldCodec
	// byWire maps a wire name to the fields that read it (a value and its
	// orig companion).
	byWire map[string][]int
	// raw is the index of a Raw runtime.Row field, or -1.
	raw int
	// hasValues is set when some field reads a value (not a table).
	hasValues bool
	// list is the list a row type belongs to (its Raw tag list=NAME).
	list string
	// tables maps the index of a table field to its table's wire name.
	tables map[int]string
	// group is the index of the string field bound with the group option
	// (the name of the <list name="..."> a row came in), or -1.
	group int
}

var codecs sync.Map // reflect.Type -> *structCodec

// unescapeWire decodes the %XX escapes of a wire name in a tag.
func unescapeWire(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// fieldTags returns the binding of each field of the struct type t: its
// own mgr tag, else its entry in the table of a blank field (generated
// code puts it first). ok is
// false for a field bound to nothing.
func fieldTags(t reflect.Type) (tags []string, ok []bool) {
	tags, ok = make([]string, t.NumField()), make([]bool, t.NumField())
	var table []string
	for i := 0; i < t.NumField() && table == nil; i++ {
		if sf := t.Field(i); sf.Name == "_" {
			if tab, found := sf.Tag.Lookup("mgr"); found {
				table = strings.Fields(tab)
			}
		}
	}
	n := 0
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Name == "_" {
			continue
		}
		if tag, found := sf.Tag.Lookup("mgr"); found {
			tags[i], ok[i] = tag, true
		} else if n < len(table) && table[n] != "-" {
			tags[i], ok[i] = table[n], true
		}
		n++
	}
	return tags, ok
}

func codecOf(t reflect.Type) *structCodec {
	if c, ok := codecs.Load(t); ok {
		return c.(*structCodec)
	}
	c := &structCodec{byWire: map[string][]int{}, raw: -1, group: -1}
	c.add(t, nil)
	for i := range c.fields {
		planField(t, &c.fields[i])
	}
	actual, _ := codecs.LoadOrStore(t, c)
	return actual.(*structCodec)
}

// add binds the fields of t, a struct at index path prefix inside the
// codec's type.
func (c *structCodec) add(t reflect.Type, prefix []int) {
	tags, bound := fieldTags(t)
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct && !bound[i] {
			c.add(sf.Type, append(slices.Clip(prefix), i))
			continue
		}
		if sf.Name == "Raw" && sf.Type == reflect.TypeOf(Row(nil)) {
			if prefix == nil {
				c.raw = i
				list, _ := strings.CutPrefix(tags[i], "list=")
				c.list = unescapeWire(list)
			}
			continue
		}
		if !bound[i] || !sf.IsExported() {
			continue
		}
		parts := strings.Split(tags[i], ",")
		if tags[i] == ",group" && sf.Type.Kind() == reflect.String {
			if prefix == nil {
				c.group = i
			}
			continue
		}
		if parts[len(parts)-1] == "table" {
			if prefix == nil {
				if c.tables == nil {
					c.tables = map[int]string{}
				}
				c.tables[i] = unescapeWire(strings.Join(parts[:len(parts)-1], ","))
			}
			continue // filled from a table by fill
		}
		c.hasValues = true
		fc := fieldCodec{index: append(slices.Clip(prefix), i), wire: unescapeWire(parts[0]),
			optional: reflect.PointerTo(sf.Type).Implements(optionalSetterType)}
		for _, o := range parts[1:] {
			switch o {
			case "secret":
				fc.secret = true
			case "orig":
				fc.orig = true
			case "prop":
				fc.prop = true
			case "on":
				fc.on = true
			case "next":
				fc.next = true
			}
		}
		c.byWire[fc.wire] = append(c.byWire[fc.wire], len(c.fields))
		c.fields = append(c.fields, fc)
	}
}

var (
	fileType    = reflect.TypeOf(File{})
	decimalType = reflect.TypeOf(Decimal{})
)

// Encode writes the tagged fields of the struct v points to into req and
// checks rules (which may be nil). An Optional is sent when set: as its
// text, byte for byte, when it holds text (read from a form, or made with
// FromText or Empty), else as its value formatted; a plain string, enum,
// list or Decimal when not empty; a plain bool or number always; a File
// when it has content; a next flag as snext=ok when true. For generated
// code.
func Encode(req *Request, v any, rules *FormRules) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return rules.Check(req)
		}
		rv = rv.Elem()
	}
	c := codecOf(rv.Type())
	for _, f := range c.fields {
		fv := f.of(rv)
		if o, ok := fv.Interface().(optional); ok {
			val, text, fromText, set := o.wire()
			if !set {
				continue
			}
			if f.secret {
				req.MarkSecret(f.wire)
			}
			if fromText {
				req.Set(f.wire, text)
				continue
			}
			fv = reflect.ValueOf(val)
		} else if f.next {
			if fv.Bool() {
				req.Set(f.wire, "ok")
			}
			continue
		} else if fv.Kind() == reflect.String || fv.Kind() == reflect.Slice || fv.Type() == decimalType {
			if fv.IsZero() || fv.Kind() != reflect.Struct && fv.Len() == 0 {
				continue
			}
		}
		if f.secret {
			req.MarkSecret(f.wire)
		}
		if err := setValue(req, f.wire, fv); err != nil {
			return fmt.Errorf("mgr %s: %s: %w", req.Func, f.wire, err)
		}
	}
	return rules.Check(req)
}

func setValue(req *Request, wire string, v reflect.Value) error {
	if v.Type() == fileType {
		f := v.Interface().(File)
		if f.Content != nil {
			req.SetFile(wire, f)
		}
		return nil
	}
	text, ok := formatScalar(v)
	if !ok {
		return fmt.Errorf("unsupported field type %s", v.Type())
	}
	req.Set(wire, text)
	return nil
}

// formatScalar spells a field's value as the panel reads it: flags as
// on/off, numbers in decimal digits, lists joined with ", ".
func formatScalar(v reflect.Value) (string, bool) {
	if v.Type() == decimalType {
		return v.Interface().(Decimal).String(), true
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), true
	case reflect.Bool:
		return OnOff(v.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), true
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64), true
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return "", false
		}
		ids := make([]string, v.Len())
		for i := range ids {
			ids[i] = v.Index(i).String()
		}
		return JoinIDs(ids...), true
	}
	return "", false
}

// DecodeInto fills the tagged fields of the struct dst points to from row: a
// list row, a table row or a form's values. Elements no field reads are
// kept in the struct's Raw field, if it has one, and so are elements whose
// text the field's type cannot hold (an int column reading "unlimited"):
// the field keeps its zero value and Raw the text. For generated code.
func DecodeInto(row Row, dst any) {
	rv := reflect.ValueOf(dst).Elem()
	c := codecOf(rv.Type())
	var unknown Row
	keep := func(name string, v Value) {
		if c.raw >= 0 {
			if unknown == nil {
				unknown = Row{}
			}
			unknown[name] = v
		}
	}
	for name, v := range row {
		idx, ok := c.byWire[name]
		if !ok {
			keep(name, v)
			continue
		}
		held := true
		for _, i := range idx {
			held = setField(rv, c.fields[i], v, true) && held
		}
		if !held {
			keep(name, v)
		}
	}
	if c.raw >= 0 && unknown != nil {
		rv.Field(c.raw).Set(reflect.ValueOf(unknown))
	}
}

// setField stores one element's value in field f; present is false for a
// flag whose element is missing. It reports false when the field's type
// cannot hold the text (an Optional keeps the text itself).
func setField(rv reflect.Value, f fieldCodec, v Value, present bool) bool {
	fv := f.of(rv)
	if !fv.CanSet() {
		return true
	}
	switch {
	case f.optional:
		fv.Addr().Interface().(optionalSetter).setText(v.Text)
		return true
	case f.orig:
		fv.SetString(v.Orig)
		return true
	case f.prop:
		fv.SetBool(present)
		return true
	case fv.Kind() == reflect.Bool:
		// A list's flag: an empty element that is present is set.
		if f.on {
			fv.SetBool(isOn(v.Text))
		} else {
			fv.SetBool(isTrue(v.Text))
		}
		return true
	}
	return parseScalar(fv, v.Text)
}

// parseScalar stores text in fv as its type reads it and reports whether
// the type holds it; when it does not, fv keeps its zero value. A flag
// holds on/off, yes/no and true/false; a number holds its digits (with
// white space around); a string or list holds any text.
func parseScalar(fv reflect.Value, text string) bool {
	if fv.Type() == decimalType {
		d, err := ParseDecimal(strings.TrimSpace(text))
		fv.Set(reflect.ValueOf(d))
		return err == nil
	}
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(text)
		return true
	case reflect.Bool:
		switch strings.ToLower(strings.TrimSpace(text)) {
		case "on", "yes", "true":
			fv.SetBool(true)
			return true
		case "off", "no", "false":
			return true
		}
		return false
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, fv.Type().Bits())
		if err != nil {
			return false
		}
		fv.SetInt(n)
		return true
	case reflect.Float32, reflect.Float64:
		x, err := strconv.ParseFloat(strings.TrimSpace(text), fv.Type().Bits())
		if err != nil {
			return false
		}
		fv.SetFloat(x)
		return true
	case reflect.Slice:
		if fv.Type().Elem().Kind() != reflect.String {
			return false
		}
		parts := splitList(text)
		s := reflect.MakeSlice(fv.Type(), len(parts), len(parts))
		for i, p := range parts {
			s.Index(i).SetString(p)
		}
		fv.Set(s)
		return true
	}
	return false
}

func isOn(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on", "yes", "true":
		return true
	}
	return false
}

func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on", "yes", "true", "1", "":
		return true
	}
	return false
}

func splitList(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	parts := strings.Split(text, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}
