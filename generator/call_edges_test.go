package generator

import (
	"reflect"
	"testing"
)

// The less common requests: a list without filter=on or without anything
// to filter, page numbers that are not numbers, values that do not fit
// their field, a parameter given twice, a secret where no text fits and a
// group operation without ids.
func TestCallEdges(t *testing.T) {
	caller, err := NewCaller(callSchema(t), "sample", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, fn string
		req      []CallParam
		code     string
		notes    []string
	}{
		{"list, nothing to filter", "user", []CallParam{{Name: "filter", Value: "on"}, {Name: "p_num", Value: "3"}},
			"rows, err := c.User(ctx, &sample.UserRequest{\n\tPage: 3,\n})", nil},
		{"list, bare", "user", nil, "rows, err := c.User(ctx, &sample.UserRequest{})", nil},
		{"list, filter off", "user", []CallParam{{Name: "filter", Value: "off"}, {Name: "name", Value: "bob"}},
			"rows, err := c.User(ctx, &sample.UserRequest{})",
			[]string{"name is not a parameter of the list user; set it in req.Filter (sent with filter=on) or use Client.Call"}},
		{"list, no filter", "user", []CallParam{{Name: "name", Value: "bob"}},
			"rows, err := c.User(ctx, &sample.UserRequest{})",
			[]string{"name is not a parameter of the list user; set it in req.Filter (sent with filter=on) or use Client.Call"}},
		{"list, bad paging", "user", []CallParam{{Name: "p_num", Value: "two"}, {Name: "p_cnt", Value: ""}},
			"rows, err := c.User(ctx, &sample.UserRequest{})",
			[]string{`p_num="two" is not a number; left out`, `p_cnt="" is not a number; left out`}},
		{"submit, values that do not fit", "user.edit", []CallParam{{Name: "sok", Value: "ok"}, {Name: "active", Value: "yes"},
			{Name: "limit", Value: "5.5"}, {Name: "balance", Value: "1,5"}, {Name: "limit", Value: "7"}, {Name: "name", Value: "a"}, {Name: "name", Value: "b"},
			{Name: "active", Secret: true, Env: "MGR_ACTIVE"}},
			"res, err := c.UserEdit(ctx, &sample.UserEditRequest{\n\tName:  runtime.Set(\"a\"),\n\tLimit: runtime.Set(int64(7)),\n})",
			[]string{
				`active="yes" is not on or off, as UserEditRequest.Active needs; left out`,
				`limit="5.5" is not an integer, as UserEditRequest.Limit needs; left out`,
				`balance="1,5" is not a decimal number, as UserEditRequest.Balance needs; left out`,
				"name is given twice; the first value is kept",
				`active="" is not available (it is secret), as UserEditRequest.Active needs; left out`,
			}},
		{"submit, off and unknown enum key", "user.edit", []CallParam{{Name: "sok", Value: "ok"}, {Name: "active", Value: "off"}, {Name: "level", Value: "99"},
			{Name: "groups", Value: ""}},
			"res, err := c.UserEdit(ctx, &sample.UserEditRequest{\n\tActive: runtime.Set(false),\n\tLevel:  runtime.Set(sample.UserEditLevel(\"99\")),\n\tGroups: runtime.Set([]sample.UserEditGroups{}),\n})", nil},
		{"group without ids", "user.delete", []CallParam{{Name: "su", Value: "bob"}},
			`res, err := c.UserDelete(ctx, []string{}, runtime.Su("bob"))`, nil},
		{"group, ids with gaps", "user.delete", []CallParam{{Name: "elid", Value: " 1,, 2 ,"}},
			`res, err := c.UserDelete(ctx, []string{"1", "2"})`, nil},
		{"wizard step without next", "wiz.step", []CallParam{{Name: "sok", Value: "ok"}, {Name: "snext", Value: ""}},
			"res, err := c.WizStep(ctx, &sample.WizStepRequest{})", nil},
		{"open without elid", "user.edit", []CallParam{{Name: "out", Value: "json"}}, `form, err := c.UserEditGet(ctx, "")`, nil},
		{"raw, secret and options", "nowhere", []CallParam{{Name: "lang", Value: "ru"}, {Name: "pw", Secret: true, Env: "MGR_PW"}, {Name: "a", Value: "1"}},
			"res, err := c.Call(ctx, \"nowhere\", url.Values{\n\t\"pw\": {os.Getenv(\"MGR_PW\")},\n\t\"a\":  {\"1\"},\n}, runtime.Lang(\"ru\"), runtime.Secret(\"pw\"))",
			[]string{"nowhere has no typed method in this schema (not described, or not there); the call is the untyped Client.Call"}},
		{"raw, nothing", "nowhere", nil, "res, err := c.Call(ctx, \"nowhere\", url.Values{})",
			[]string{"nowhere has no typed method in this schema (not described, or not there); the call is the untyped Client.Call"}},
	} {
		code, notes := caller.Call(c.fn, c.req)
		if code != c.code || !reflect.DeepEqual(notes, c.notes) {
			t.Errorf("%s:\n%s\n%q\nwant\n%s\n%q", c.name, code, notes, c.code, c.notes)
		}
	}
}
