package mgrtest_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/generated/ispmgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
)

// writeFaults are the answers a write may get besides a plain success:
// those that prove the panel refused the session before running the call,
// and those that come after it ran, or leave it open.
var writeFaults = []struct {
	name  string
	fault mgrtest.Fault
}{
	{"login page", mgrtest.Fault{LoginPage: true}},
	{"top-level auth error", mgrtest.Fault{Status: 200, Body: `<doc><error type="auth"><msg>Session expired</msg></error></doc>`}},
	{"module auth error", mgrtest.Fault{Status: 200, After: true, Body: `<doc><error type="auth" object="remote"><msg>remote login failed</msg></error></doc>`}},
	{"proxy HTML", mgrtest.Fault{Status: 200, After: true, Body: `<html><head><title>upstream timed out, retrying</title></head><body>nginx</body></html>`}},
	{"504", mgrtest.ProxyPage(504)},
	{"reset after the request was read", mgrtest.Fault{Reset: true, After: true}},
	{"301", mgrtest.Fault{Status: 301, After: true, Location: "/"}},
	{"302", mgrtest.Fault{Status: 302, After: true, Location: "/"}},
	{"303", mgrtest.Fault{Status: 303, After: true, Location: "/"}},
	{"307", mgrtest.Fault{Status: 307, After: true, Location: "/"}},
	{"308", mgrtest.Fault{Status: 308, After: true, Location: "/"}},
}

// TestWritesUnderFaults runs 50 goroutines of submits and group operations
// through a panel that answers each with one of writeFaults, and counts how
// often the panel applied each call: never more than once, once for every
// call that succeeded, and an error that says the write may have run for
// every call that was applied without a success.
func TestWritesUnderFaults(t *testing.T) {
	const workers = 50
	p := mgrtest.NewServer(t, load(t, "billmgr"))
	for i := range workers {
		p.Seed("user", mgrtest.Row{"id": fmt.Sprint(1000 + i), "name": fmt.Sprint("seed", i), "active": "on"})
	}
	c := billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthSession(mgrtest.User, mgrtest.Password)))
	ctx := context.Background()
	if _, err := c.User(ctx, nil); err != nil { // one session for all
		t.Fatal(err)
	}
	for i := range workers {
		f := writeFaults[i%len(writeFaults)].fault
		f.Func = "user.edit"
		if i%2 == 1 {
			f.Func = "user.suspend"
		}
		p.Inject(f)
	}
	type outcome struct {
		fn, marker string
		err        error
	}
	out := make([]outcome, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				name := fmt.Sprint("new", i)
				_, err := c.UserEdit(ctx, &billmgr.UserEditRequest{Name: runtime.Set(name), Email: runtime.Set(name + "@example.com")})
				out[i] = outcome{"user.edit", name, err}
				return
			}
			id := fmt.Sprint(1000 + i)
			_, err := c.UserSuspend(ctx, []string{id})
			out[i] = outcome{"user.suspend", id, err}
		}()
	}
	wg.Wait()
	applied := map[string]int{}
	for _, r := range p.Requests() {
		if !r.Applied {
			continue
		}
		switch r.Func {
		case "user.edit":
			applied[r.Params.Get("name")]++
		case "user.suspend":
			applied[r.Params.Get("elid")]++
		}
	}
	failures := 0
	for _, o := range out {
		n := applied[o.marker]
		switch {
		case n > 1:
			t.Errorf("%s %s was applied %d times", o.fn, o.marker, n)
		case o.err == nil && n != 1:
			t.Errorf("%s %s succeeded but was applied %d times", o.fn, o.marker, n)
		case o.err != nil && n == 1 && !runtime.MayHaveRun(o.err):
			t.Errorf("%s %s ran, but its error does not say it may have: %v", o.fn, o.marker, o.err)
		case o.err != nil && !strings.Contains(o.err.Error(), o.fn):
			t.Errorf("%s %s: the error does not name the function: %v", o.fn, o.marker, o.err)
		}
		if o.err != nil {
			failures++
		}
	}
	// Of the 11 kinds, 2 prove nothing ran and are resent once; the other
	// 9 fail. A resent call may meet a second fault, so at least 9 of each
	// 11 calls fail.
	if want := workers * 9 / len(writeFaults); failures < want {
		t.Errorf("%d calls failed, want at least %d", failures, want)
	}
}

// lastSubmit returns the parameters of the last call of fn, without the
// ones the transport adds.
func lastSubmit(t *testing.T, p *mgrtest.Server, fn string) string {
	t.Helper()
	var got url.Values
	for _, r := range p.Requests() {
		if r.Func == fn {
			got = r.Params
		}
	}
	if got == nil {
		t.Fatalf("no call of %s", fn)
	}
	var parts []string
	for k, vs := range got {
		if k == "func" || k == "out" || k == "auth" || k == "authinfo" {
			continue
		}
		for _, v := range vs {
			parts = append(parts, k+"="+v)
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}

// The cases of "Writes do what was asked, once, or fail loudly", end to
// end through the shipped ISPmanager client over loopback HTTP.
func TestISPmanagerWritesEndToEnd(t *testing.T) {
	ctx := context.Background()
	t.Run("read-modify-write sends the panel's values and the one change", func(t *testing.T) {
		p := mgrtest.NewServer(t, load(t, "ispmgr"))
		p.Seed("user", mgrtest.Row{"name": "u2", "limit_quota": "", "limit_db": "5", "limit_ssl": "on"})
		c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
		form, err := c.UserEditGet(ctx, "u2")
		if err != nil {
			t.Fatal(err)
		}
		if !form.LimitQuota.IsSet() || !form.LimitQuota.IsEmpty() || form.Fullname.IsSet() || form.LimitDB.Value() != 5 {
			t.Errorf("form = %+v", form.UserEditRequest)
		}
		req := form.Request()
		req.Comment = runtime.Set("vip")
		if _, err := c.UserEdit(ctx, req); err != nil {
			t.Fatal(err)
		}
		if got, want := lastSubmit(t, p, "user.edit"), "comment=vip elid=u2 limit_db=5 limit_quota= limit_ssl=on name=u2 sok=ok"; got != want {
			t.Errorf("sent  %s\nwant  %s", got, want)
		}
		if row := p.Rows("user")[0]; row["limit_quota"] != "" || row["limit_db"] != "5" || row["comment"] != "vip" {
			t.Errorf("panel row = %v", row)
		}
	})
	t.Run("a verified delete reports what the panel no longer has", func(t *testing.T) {
		p := mgrtest.NewServer(t, load(t, "ispmgr"))
		p.Seed("domain", mgrtest.Row{"name": "example.com"})
		p.SeedUnder("domain.record", "example.com", mgrtest.Row{"rkey": "www A 192.0.2.1", "name": "www"},
			mgrtest.Row{"rkey": "mail A 192.0.2.2", "name": "mail"})
		c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
		// "ftp A 192.0.2.9" never existed: the panel answers <ok/> all the
		// same, and only the check tells.
		res, err := c.DomainRecordDelete(ctx, "example.com", []string{"www A 192.0.2.1", "ftp A 192.0.2.9"}, runtime.VerifyDeleted())
		if err != nil {
			t.Fatal(err)
		}
		if d := res.Deleted; d == nil || len(d.Gone) != 2 || len(d.Remaining) != 0 || len(d.Unchecked) != 0 {
			t.Fatalf("check = %+v", res.Deleted)
		}
		if rows := p.Rows("domain.record"); len(rows) != 1 || rows[0]["name"] != "mail" {
			t.Errorf("panel rows %v", rows)
		}
		var checks []string
		for _, r := range p.Requests() {
			if r.Func == "domain.record.edit" {
				checks = append(checks, r.Params.Get("plid")+"|"+r.Params.Get("elid"))
			}
		}
		if strings.Join(checks, ",") != "example.com|www A 192.0.2.1,example.com|ftp A 192.0.2.9" {
			t.Errorf("checks sent: %q", checks)
		}
	})
	t.Run("unclear answers to writes are applied once and say so", func(t *testing.T) {
		for _, fault := range []mgrtest.Fault{
			mgrtest.ProxyPage(200),
			{Status: 200, After: true, Body: `<doc><error type="auth" object="remote"><msg>remote login failed</msg></error></doc>`},
		} {
			p := mgrtest.NewServer(t, load(t, "ispmgr"))
			p.Seed("user", mgrtest.Row{"name": "u1", "active": "on"})
			c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthSession(mgrtest.User, mgrtest.Password)))
			for _, w := range []struct {
				fn   string
				call func() error
			}{
				{"user.edit", func() error {
					_, err := c.UserEdit(ctx, &ispmgr.UserEditRequest{Name: runtime.Set("u9")})
					return err
				}},
				{"user.suspend", func() error { _, err := c.UserSuspend(ctx, []string{"u1"}); return err }},
			} {
				f := fault
				f.Func = w.fn
				p.Inject(f)
				err := w.call()
				if !runtime.MayHaveRun(err) {
					t.Errorf("%s: err = %v, want one that says the write may have run", w.fn, err)
				}
				if n := applied(p, w.fn); n != 1 {
					t.Errorf("%s: applied %d times, want 1", w.fn, n)
				}
			}
		}
	})
	t.Run("an expired session logs in again and applies once", func(t *testing.T) {
		p := mgrtest.NewServer(t, load(t, "ispmgr"))
		p.Seed("user", mgrtest.Row{"name": "u1", "active": "on"})
		c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthSession(mgrtest.User, mgrtest.Password)))
		if _, err := c.User(ctx, nil); err != nil {
			t.Fatal(err)
		}
		p.Inject(mgrtest.Fault{Func: "user.edit", ExpireSession: true}, mgrtest.Fault{Func: "user.suspend", ExpireSession: true})
		if _, err := c.UserEdit(ctx, &ispmgr.UserEditRequest{Name: runtime.Set("u9")}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UserSuspend(ctx, []string{"u1"}); err != nil {
			t.Fatal(err)
		}
		if applied(p, "user.edit") != 1 || applied(p, "user.suspend") != 1 || calls(p, "auth") != 3 {
			t.Errorf("applied %d and %d, %d logins", applied(p, "user.edit"), applied(p, "user.suspend"), calls(p, "auth"))
		}
	})
	t.Run("a redirect to a submit is an error", func(t *testing.T) {
		for _, status := range []int{301, 302, 303} {
			p := mgrtest.NewServer(t, load(t, "ispmgr"))
			c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
			p.Inject(mgrtest.Fault{Func: "user.edit", Status: status, Location: "/ispmgr?func=user"})
			_, err := c.UserEdit(ctx, &ispmgr.UserEditRequest{Name: runtime.Set("u9")})
			var se *runtime.StatusError
			if !errors.As(err, &se) || se.StatusCode != status || se.Location != "/ispmgr?func=user" || !runtime.MayHaveRun(err) {
				t.Errorf("%d: err = %v", status, err)
			}
			if n := calls(p, "user.edit"); n != 1 {
				t.Errorf("%d: user.edit reached the panel %d times", status, n)
			}
		}
	})
	t.Run("a sub-list operation without its parent is refused before sending", func(t *testing.T) {
		p := mgrtest.NewServer(t, load(t, "ispmgr"))
		c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
		_, err := c.DomainRecordDelete(ctx, "", []string{"a"})
		var ve *runtime.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), "domain.record.delete") || !strings.Contains(err.Error(), "plid") {
			t.Errorf("err = %v", err)
		}
		if _, err := c.DomainRecordEditGet(ctx, " ", "x"); !errors.As(err, &ve) {
			t.Errorf("open without a parent: %v", err)
		}
		if _, err := c.DomainRecordEdit(ctx, "", &ispmgr.DomainRecordEditRequest{Name: runtime.Set("www")}); !errors.As(err, &ve) {
			t.Errorf("submit without a parent: %v", err)
		}
		if n := len(p.Requests()); n != 0 {
			t.Errorf("%d requests reached the panel", n)
		}
		if _, err := c.DomainRecordDelete(ctx, "example.com", []string{"a"}); err != nil {
			t.Fatal(err)
		}
		if got := lastSubmit(t, p, "domain.record.delete"); got != "elid=a plid=example.com" {
			t.Errorf("sent %s", got)
		}
	})
}
