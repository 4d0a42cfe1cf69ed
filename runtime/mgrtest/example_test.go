package mgrtest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/generated/ispmgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// suspendUnpaid is the user's own provisioning code under test: it
// suspends every user whose e-mail is on the list.
func suspendUnpaid(ctx context.Context, c *billmgr.Client, emails map[string]bool) error {
	users, err := c.User(ctx, nil)
	if err != nil {
		return err
	}
	for _, u := range users.Rows {
		if emails[u.Email] {
			if _, err := c.UserSuspend(ctx, []string{u.ID}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Testing your own code with your generated package: start a fake panel
// from the schema you generated from, seed it, run your code, and read
// the panel's state back.
func Example() {
	t := &testing.T{} // in a real test, the *testing.T you are given
	s, _ := schema.Load("../../generated/billmgr/billmgr.schema.json")
	p := mgrtest.NewServer(t, s)
	defer p.Close()
	p.Seed("user",
		mgrtest.Row{"id": "1", "name": "alice", "email": "alice@example.com", "active": "on"},
		mgrtest.Row{"id": "2", "name": "bob", "email": "bob@example.com", "active": "on"})

	c := billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	if err := suspendUnpaid(context.Background(), c, map[string]bool{"bob@example.com": true}); err != nil {
		fmt.Println(err)
	}
	for _, u := range p.Rows("user") {
		fmt.Println(u["name"], u["active"])
	}
	// Output:
	// alice on
	// bob off
}

// Seeding a sub-list: the DNS records of one zone go in under the zone's
// key, and a list call with that parent reads them back.
func ExamplePanel_SeedUnder() {
	s, _ := schema.Load("../../generated/ispmgr/ispmgr.schema.json")
	p := mgrtest.NewServer(&testing.T{}, s)
	defer p.Close()
	p.Seed("domain", mgrtest.Row{"name": "example.com"}, mgrtest.Row{"name": "example.net"})
	p.SeedUnder("domain.record", "example.com",
		mgrtest.Row{"rkey": "www A 192.0.2.1", "name": "www", "rtype": "a", "value": "192.0.2.1"})
	p.SeedUnder("domain.record", "example.net",
		mgrtest.Row{"rkey": "mail A 192.0.2.2", "name": "mail", "rtype": "a", "value": "192.0.2.2"})

	c := ispmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	recs, err := c.DomainRecord(context.Background(), &ispmgr.DomainRecordRequest{Parent: "example.com"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range recs.Rows {
		fmt.Println(r.Name, r.Value)
	}
	fmt.Println(p.Rows("domain.record")[1][mgrtest.ParentColumn])
	// Output:
	// www 192.0.2.1
	// example.net
}
