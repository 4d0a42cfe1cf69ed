package runtime

import (
	"errors"
	"reflect"
	"testing"
)

func TestFormRulesCheck(t *testing.T) {
	rules := &FormRules{Func: "x.edit", Form: true,
		Required: []RequiredParam{
			{Param: "name", Field: "Name"},
			{Param: "company", Field: "Company", FormField: "company_field"},
			{Param: "quota", Field: "Quota", Feature: "quota"},
			{Param: "created", Field: "Created", RemoveIf: "new"},
			{Param: "proxy_host", Field: "ProxyHost"},
		},
		Hides: []HideRule{{Param: "type", Value: "1", Hide: "company_field"}, {Param: "use_proxy", Value: "off", Hide: "proxy_host"}},
	}
	missing := func(req *Request) []string {
		err := rules.Check(req)
		if err == nil {
			return nil
		}
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Func != "x.edit" {
			t.Fatalf("err = %v", err)
		}
		var out []string
		for _, p := range ve.Problems {
			out = append(out, p.Field)
		}
		return out
	}
	req := func(kv ...string) *Request {
		r := NewRequest("x.edit")
		for i := 0; i < len(kv); i += 2 {
			r.Set(kv[i], kv[i+1])
		}
		return r
	}
	for _, c := range []struct {
		req  *Request
		want []string
	}{
		// Controllers unset: only what no rule can hide is enforced.
		{req(), []string{"Name"}},
		{req("type", "2", "use_proxy", "on"), []string{"Name", "Company", "ProxyHost"}},
		{req("type", "1", "use_proxy", "off", "name", "n"), nil},
		{req("type", "2", "use_proxy", "on", "name", "n", "company", "c", "proxy_host", "h"), nil},
		{req("name", " "), []string{"Name"}},
		// A rule on another field says nothing about this one.
		{req("type", "2", "name", "n", "proxy_host", "h"), []string{"Company"}},
		// Editing: nothing is required; the panel keeps stored values.
		{req("elid", "5"), nil},
	} {
		if got := missing(c.req); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v: missing %v, want %v", c.req.Values, got, c.want)
		}
	}
	// Outside forms (reports, group operations) required means always.
	group := &FormRules{Func: "g", Required: []RequiredParam{{Param: "to", Field: "To"}}}
	if err := group.Check(req("elid", "5")); err == nil {
		t.Error("a group operation's required parameter was not enforced")
	}
}
