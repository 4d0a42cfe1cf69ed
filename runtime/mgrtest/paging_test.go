package mgrtest_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
)

// The fake panel pages like the real one at every edge: p_num below 1 is
// page 1, p_cnt below 1 is everything, a page past the end is empty, and
// numbers large enough to overflow a product are a page past the end.
func TestListPagingEdges(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "ispmgr"))
	for i := range 5 {
		p.Seed("user", mgrtest.Row{"name": fmt.Sprintf("u%d", i)})
	}
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	for _, tc := range []struct {
		num, cnt string
		want     string // names on the page
		page     string // the p_num, p_cnt echoed
	}{
		{"1", "2", "u0 u1", "1 2"},
		{"2", "2", "u2 u3", "2 2"},
		{"3", "2", "u4", "3 2"},
		{"4", "2", "", "4 2"},
		{"0", "2", "u0 u1", "1 2"},
		{"-3", "2", "u0 u1", "1 2"},
		{"1", "0", "u0 u1 u2 u3 u4", "1 5"},
		{"2", "0", "", "2 5"},
		{"1", "5", "u0 u1 u2 u3 u4", "1 5"},
		{"1", "4", "u0 u1 u2 u3", "1 4"},
		{"2", "4", "u4", "2 4"},
		{"9223372036854775807", "2", "", "9223372036854775807 2"},
		{"2", "9223372036854775807", "", "2 9223372036854775807"},
	} {
		resp, err := c.Call(context.Background(), "user", url.Values{"p_num": {tc.num}, "p_cnt": {tc.cnt}})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range resp.Rows() {
			names = append(names, r["name"].Text)
		}
		doc := resp.Doc()
		page := doc.Child("p_num").Text + " " + doc.Child("p_cnt").Text
		if got := strings.Join(names, " "); got != tc.want || page != tc.page || doc.Child("p_elems").Text != "5" {
			t.Errorf("p_num=%s p_cnt=%s: rows %q, page %q, total %s; want %q, %q, 5", tc.num, tc.cnt, got, page, doc.Child("p_elems").Text, tc.want, tc.page)
		}
	}
}

// A session.newkey key must have at least 16 characters.
func TestNewKeyLength(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	for key, ok := range map[string]bool{strings.Repeat("k", 15): false, strings.Repeat("k", 16): true} {
		_, err := c.Call(context.Background(), "session.newkey", url.Values{"username": {"client"}, "key": {key}})
		if (err == nil) != ok {
			t.Errorf("key of %d characters: err = %v", len(key), err)
		}
	}
}

// A new object's id is the next number no row holds, seeded rows
// included, and logins do not make it skip below the rows' ids.
func TestNewObjectIDs(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	p.Seed("user", mgrtest.Row{"id": "1", "name": "a"}, mgrtest.Row{"id": "3", "name": "c"})
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthSession(mgrtest.User, mgrtest.Password)))
	var ids []string
	for _, name := range []string{"b", "d"} {
		res, err := c.Call(context.Background(), "user.edit", url.Values{"name": {name}, "sok": {"ok"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Result().ID)
	}
	for _, id := range ids {
		if n, err := strconv.Atoi(id); err != nil || n < 1 || id == "1" || id == "3" {
			t.Errorf("new ids %v: want positive numbers no seeded row holds", ids)
		}
	}
	if ids[0] == ids[1] {
		t.Errorf("new ids %v repeat", ids)
	}
}

// A sub-list's rows are found under their parent: the same key under two
// parents is two rows; a row created under a parent carries it, and a
// top-level row carries none.
func TestSubListRowsByParent(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "ispmgr"))
	p.SeedUnder("db.users", "db1", mgrtest.Row{"name": "bob", "addr_list": "a"})
	p.SeedUnder("db.users", "db2", mgrtest.Row{"name": "bob", "addr_list": "b"})
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	ctx := context.Background()
	if _, err := c.Call(ctx, "db.users.edit", url.Values{"elid": {"bob"}, "plid": {"db2"}, "addr_list": {"c"}, "sok": {"ok"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(ctx, "db.users.edit", url.Values{"name": {"amy"}, "plid": {"db1"}, "sok": {"ok"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(ctx, "user.edit", url.Values{"name": {"top"}, "sok": {"ok"}}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range p.Rows("db.users") {
		got[r[mgrtest.ParentColumn]+"/"+r["name"]] = r["addr_list"]
	}
	if len(got) != 3 || got["db1/bob"] != "a" || got["db2/bob"] != "c" || got["db1/amy"] != "" {
		t.Errorf("db.users rows %v", got)
	}
	if _, ok := got["db1/amy"]; !ok {
		t.Errorf("amy not created under db1: %v", got)
	}
	for _, r := range p.Rows("user") {
		if _, ok := r[mgrtest.ParentColumn]; ok {
			t.Errorf("top-level row %v carries a parent", r)
		}
	}
}

// Only a parameter with options gets an slist in the form's answer.
func TestFormChoicesOnlyForEnums(t *testing.T) {
	s := load(t, "ispmgr")
	p := mgrtest.NewServer(t, s)
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	for _, f := range s.Functions {
		if f.Kind != "form" {
			continue
		}
		enums := map[string]bool{}
		for _, prm := range f.Params {
			if len(prm.Enum) > 0 {
				enums[prm.Name] = true
			}
		}
		if len(enums) == 0 {
			continue
		}
		resp, err := c.Call(context.Background(), f.Name, nil)
		if err != nil {
			continue // a form that needs an element
		}
		for name := range resp.Choices() {
			if !enums[name] {
				t.Errorf("%s: options for %s, which has none", f.Name, name)
			}
		}
		for name := range enums {
			if len(resp.Choices()[name]) == 0 {
				t.Errorf("%s: no options for %s", f.Name, name)
			}
		}
		return
	}
	t.Fatal("no form with options to open")
}

// A Delay fault holds the answer back for at least its duration.
func TestFaultDelay(t *testing.T) {
	p := mgrtest.NewServer(t, load(t, "ispmgr"))
	p.Inject(mgrtest.Fault{Func: "user", Delay: 80 * time.Millisecond})
	c := runtime.NewClient(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	start := time.Now()
	if _, err := c.Call(context.Background(), "user", nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("answered after %v", d)
	}
}
