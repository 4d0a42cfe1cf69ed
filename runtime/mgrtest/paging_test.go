package mgrtest_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

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
