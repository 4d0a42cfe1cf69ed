package dcimgr_test

import (
	"context"
	"testing"

	"github.com/mgrgen/mgrgen/generated/dcimgr"
	"github.com/mgrgen/mgrgen/internal/wiretest"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
)

func TestWire(t *testing.T) {
	p := wiretest.New(t, "dcimgr.schema.json")
	p.Seed("server", mgrtest.Row{"id": "7", "name": "u12"}, mgrtest.Row{"id": "8", "name": "u13"})
	p.SeedUnder("server.connection", "7", mgrtest.Row{"id": "1", "type": "Switch"}, mgrtest.Row{"id": "2", "type": "IPMI"})
	p.SeedUnder("iplist", "7", mgrtest.Row{"id": "31", "ip": "192.0.2.31"}, mgrtest.Row{"id": "32", "ip": "192.0.2.32"})
	c := dcimgr.New(p.HTTP)
	ctx := context.Background()
	steps := []struct {
		call func() error
		want string
	}{
		{func() error { _, err := c.Server(ctx, nil); return err }, wiretest.Form("func", "server")},
		{func() error { _, err := c.ServerEditGet(ctx, "7"); return err }, wiretest.Form("func", "server.edit", "elid", "7")},
		{func() error {
			_, err := c.ServerEdit(ctx, &dcimgr.ServerEditRequest{Elid: "7", Name: runtime.Set("u12-web"), Notes: runtime.Set("rack 4")})
			return err
		}, wiretest.Form("func", "server.edit", "sok", "ok", "elid", "7", "name", "u12-web", "notes", "rack 4")},
		{func() error { _, err := c.ServerPoweroff(ctx, []string{"7", "8"}); return err }, wiretest.Form("func", "server.poweroff", "elid", "7, 8")},
		{func() error { _, err := c.ServerDisable(ctx, []string{"8"}); return err }, wiretest.Form("func", "server.disable", "elid", "8")},
		{func() error {
			_, err := c.ServerOperations(ctx, &dcimgr.ServerOperationsRequest{Elid: "7", Operation: runtime.Set(dcimgr.ServerOperationsOperationOstemplate),
				Ostemplate: runtime.Set("Debian-12-amd64"), Passwd: runtime.Set("pw"), Confirm: runtime.Set("pw")})
			return err
		}, wiretest.Form("func", "server.operations", "sok", "ok", "elid", "7", "operation", "ostemplate", "ostemplate", "Debian-12-amd64", "passwd", "pw", "confirm", "pw")},
		{func() error {
			res, err := c.ServerConnection(ctx, &dcimgr.ServerConnectionRequest{Parent: "7"})
			if err == nil && len(res.Rows) != 2 {
				t.Errorf("connections %+v", res.Rows)
			}
			return err
		}, wiretest.Form("func", "server.connection", "elid", "7")},
		{func() error { _, err := c.ServerConnectionOff(ctx, "7", []string{"1", "2"}); return err }, wiretest.Form("func", "server.connection.off", "plid", "7", "elid", "1, 2")},
		{func() error { _, err := c.ServerConnectionEditGet(ctx, "7", "1"); return err }, wiretest.Form("func", "server.connection.edit", "plid", "7", "elid", "1")},
		{func() error {
			_, err := c.IplistEdit(ctx, "7", &dcimgr.IplistEditRequest{Elid: "31", Domain: runtime.Set("u12.example.com")})
			return err
		}, wiretest.Form("func", "iplist.edit", "sok", "ok", "plid", "7", "elid", "31", "domain", "u12.example.com")},
		{func() error { _, err := c.Iplist(ctx, &dcimgr.IplistRequest{Parent: "7"}); return err }, wiretest.Form("func", "iplist", "elid", "7")},
		{func() error { _, err := c.IplistDelete(ctx, "7", []string{"31", "32"}); return err }, wiretest.Form("func", "iplist.delete", "plid", "7", "elid", "31, 32")},
		{func() error {
			_, err := c.UserEdit(ctx, &dcimgr.UserEditRequest{Name: runtime.Set("client7"), Passwd: runtime.Set("pw"), Level: runtime.Set[int64](16)})
			return err
		}, wiretest.Form("func", "user.edit", "sok", "ok", "name", "client7", "passwd", "pw", "level", "16")},
	}
	for i, s := range steps {
		if err := s.call(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := p.Last(); got != s.want {
			t.Errorf("step %d sent %s\n          want %s", i, got, s.want)
		}
	}
}
