package dnsmgr_test

import (
	"context"
	"testing"

	"github.com/mgrgen/mgrgen/generated/dnsmgr"
	"github.com/mgrgen/mgrgen/internal/wiretest"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
)

func TestWire(t *testing.T) {
	p := wiretest.New(t, "dnsmgr.schema.json")
	p.Seed("domain", mgrtest.Row{"name": "example.com"}, mgrtest.Row{"name": "example.net"})
	p.SeedUnder("domain.record", "example.com", mgrtest.Row{"rkey": "www A 192.0.2.1", "name": "www"},
		mgrtest.Row{"rkey": "mail A 192.0.2.2", "name": "mail"})
	c := dnsmgr.New(p.HTTP)
	ctx := context.Background()
	steps := []struct {
		call func() error
		want string
	}{
		{func() error { _, err := c.Domain(ctx, nil); return err }, wiretest.Form("func", "domain")},
		{func() error {
			_, err := c.DomainEdit(ctx, &dnsmgr.DomainEditRequest{Name: runtime.Set("example.org"), IP: runtime.Set("192.0.2.50"),
				NS: runtime.Set("ns1.example.net. ns2.example.net.")})
			return err
		}, wiretest.Form("func", "domain.edit", "sok", "ok", "name", "example.org", "ip", "192.0.2.50", "ns", "ns1.example.net. ns2.example.net.")},
		{func() error {
			res, err := c.DomainRecord(ctx, &dnsmgr.DomainRecordRequest{Parent: "example.com"})
			if err == nil && len(res.Rows) != 2 {
				t.Errorf("records %+v", res.Rows)
			}
			return err
		}, wiretest.Form("func", "domain.record", "elid", "example.com")},
		{func() error { _, err := c.DomainRecordEditGet(ctx, "example.com", "www A 192.0.2.1"); return err },
			wiretest.Form("func", "domain.record.edit", "plid", "example.com", "elid", "www A 192.0.2.1")},
		{func() error {
			_, err := c.DomainRecordEdit(ctx, "example.com", &dnsmgr.DomainRecordEditRequest{Name: runtime.Set("_acme-challenge"),
				Rtype: runtime.Set(dnsmgr.DomainRecordEditRtypeTxt), Value: runtime.Set("token-value"), TTL: runtime.Set[int64](60)})
			return err
		}, wiretest.Form("func", "domain.record.edit", "sok", "ok", "plid", "example.com", "name", "_acme-challenge", "rtype", "txt", "value", "token-value", "ttl", "60")},
		{func() error {
			_, err := c.DomainRecordDelete(ctx, "example.com", []string{"www A 192.0.2.1", "mail A 192.0.2.2"})
			return err
		}, wiretest.Form("func", "domain.record.delete", "plid", "example.com", "elid", "www A 192.0.2.1, mail A 192.0.2.2")},
		{func() error { _, err := c.DomainSu(ctx, []string{"example.net"}); return err }, wiretest.Form("func", "domain.su", "elid", "example.net")},
		{func() error { _, err := c.DomainDelete(ctx, []string{"example.com", "example.net"}); return err }, wiretest.Form("func", "domain.delete", "elid", "example.com, example.net")},
		{func() error {
			_, err := c.UserEdit(ctx, &dnsmgr.UserEditRequest{Name: runtime.Set("client7"), Passwd: runtime.Set("pw"), Confirm: runtime.Set("pw")})
			return err
		}, wiretest.Form("func", "user.edit", "sok", "ok", "name", "client7", "passwd", "pw", "confirm", "pw")},
		{func() error { _, err := c.UserDelete(ctx, []string{"client7"}); return err }, wiretest.Form("func", "user.delete", "elid", "client7")},
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
