package introspect

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// Options come only from <slist> elements, read past comments and text
// between their children: <msg> keys with their messages, <val> records
// only when a message declares them, each key once.
func TestDevelOptionsAmongOtherNodes(t *testing.T) {
	doc := `<doc func="f"><metadata name="f" type="form"><form>` +
		`<field name="level"><select name="level"/></field><field name="kind"><select name="kind"/></field></form></metadata>` +
		`<messages name="f"><msg name="level_a">A</msg><msg name="level_b">B</msg><msg name="kind_x">Ex</msg></messages>` +
		"\n <!-- c --> " + `<other name="level"><msg>z</msg></other>` + "\n" +
		`<slist name="level"> <!-- c --> <msg>a</msg> text <msg> b </msg><msg>a</msg><item>q</item></slist>` +
		`<slist name="kind"><val key="x">x label</val><val key="data1">Data</val><val>x</val></slist></doc>`
	f, err := ParseDevel([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]schema.EnumValue{}
	for _, p := range f.Params {
		got[p.Name] = p.Enum
	}
	want := map[string][]schema.EnumValue{
		"level": {{Key: "a", Label: "A"}, {Key: "b", Label: "B"}},
		"kind":  {{Key: "x", Label: "Ex"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options %+v, want %+v", got, want)
	}
}

// White space alone is not a document, and says so.
func TestDevelBlank(t *testing.T) {
	for _, in := range []string{"", " \n\t", "\ufeff"} {
		if _, err := ParseDevel([]byte(in)); err == nil || !strings.Contains(err.Error(), "not a devel document") {
			t.Errorf("%q: err = %v", in, err)
		}
	}
}
