package generator

import (
	"strconv"
	"strings"

	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/templates"
)

// enumConstName is the constant of the enum value v of the type typ: named
// by its key, except a number key (1, 2, -100), which says nothing, whose
// constant is named by its label when the label is plain ASCII words
// ("Suspended" gives UserStatusSuspended). A label that makes no name
// leaves the number.
func enumConstName(typ string, v schema.EnumValue) string {
	if isNumber(v.Key) && asciiWords(v.Label) {
		if n := suffixName(typ, v.Label); n != "" {
			return n
		}
	}
	return suffixName(typ, v.Key)
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// asciiWords reports a label of ASCII letters, digits, spaces and simple
// punctuation with at least one letter.
func asciiWords(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9' || strings.ContainsRune(" -_/.,()", r):
		default:
			return false
		}
	}
	return letter
}

// enum plans the named type of a select with static options; the form's
// request and values structs share it.
func (p *planner) enum(f *schema.Function, tf *templates.Func, prm schema.Param, field string) (string, error) {
	name := tf.Method + field
	for _, e := range tf.Enums {
		if e.Name == name {
			return name, nil
		}
	}
	what := "function " + strconv.Quote(f.Name) + ": param " + strconv.Quote(prm.Name)
	if err := p.claimType(name, what); err != nil {
		return "", err
	}
	en := &templates.Enum{Name: name, List: name + "Values", Doc: templates.Wrap(name + " is a value of " + templates.Quote(prm.Name) + " of " + templates.Quote(f.Name) + ".")}
	if err := p.claimType(en.List, what+": the list of its values"); err != nil {
		return "", err
	}
	// Keys whose constant names collide get no constant at all, so the
	// result never depends on the order of the options; so does a key
	// whose constant would be the list's own name (a key "values").
	byConst := map[string][]schema.EnumValue{}
	for _, v := range prm.Enum {
		cn := enumConstName(name, v)
		if cn == "" || cn == en.List {
			en.Dropped = append(en.Dropped, templates.Quote(v.Key))
			continue
		}
		byConst[cn] = append(byConst[cn], v)
	}
	for _, v := range prm.Enum {
		cn := enumConstName(name, v)
		if cn == "" || cn == en.List {
			continue
		}
		if len(byConst[cn]) > 1 {
			en.Dropped = append(en.Dropped, templates.Quote(v.Key))
			continue
		}
		if err := p.claimType(cn, what+": value "+strconv.Quote(v.Key)); err != nil {
			return "", err
		}
		en.Consts = append(en.Consts, templates.Const{Name: cn, Key: v.Key, Label: v.Label})
	}
	tf.Enums = append(tf.Enums, en)
	return name, nil
}
