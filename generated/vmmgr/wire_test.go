package vmmgr_test

import (
	"context"
	"testing"

	"github.com/mgrgen/mgrgen/generated/vmmgr"
	"github.com/mgrgen/mgrgen/internal/wiretest"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
)

func TestWire(t *testing.T) {
	p := wiretest.New(t, "vmmgr.schema.json")
	p.Seed("vm", mgrtest.Row{"id": "11", "name": "a"}, mgrtest.Row{"id": "12", "name": "b"})
	c := vmmgr.New(p.HTTP)
	ctx := context.Background()
	steps := []struct {
		call func() error
		want string
	}{
		{func() error { _, err := c.VM(ctx, &vmmgr.VMRequest{PageSize: 50}); return err }, wiretest.Form("func", "vm", "p_cnt", "50")},
		{func() error { _, err := c.VMEditGet(ctx, "11"); return err }, wiretest.Form("func", "vm.edit", "elid", "11")},
		{func() error {
			_, err := c.VMEdit(ctx, &vmmgr.VMEditRequest{Elid: "11", Mem: runtime.Set[int64](4096), Vcpu: runtime.Set[int64](4)})
			return err
		}, wiretest.Form("func", "vm.edit", "sok", "ok", "elid", "11", "mem", "4096", "vcpu", "4")},
		{func() error { _, err := c.VMStop(ctx, []string{"11", "12"}); return err }, wiretest.Form("func", "vm.stop", "elid", "11, 12")},
		{func() error {
			_, err := c.VMReinstall(ctx, &vmmgr.VMReinstallRequest{Elid: "12", Vmi: runtime.Set("ISPsystem__Debian-12-amd64"),
				Password: runtime.Set("pw"), Confirm: runtime.Set("pw"), Recipe: runtime.Set("null")})
			return err
		}, wiretest.Form("func", "vm.reinstall", "sok", "ok", "elid", "12", "vmi", "ISPsystem__Debian-12-amd64", "password", "pw", "confirm", "pw", "recipe", "null")},
		{func() error {
			_, err := c.VMChpasswd(ctx, &vmmgr.VMChpasswdRequest{Elid: "12", Password: runtime.Set("pw2"), Confirm: runtime.Set("pw2")})
			return err
		}, wiretest.Form("func", "vm.chpasswd", "sok", "ok", "elid", "12", "password", "pw2", "confirm", "pw2")},
		{func() error {
			_, err := c.IplistEdit(ctx, "12", &vmmgr.IplistEditRequest{Family: runtime.Set(vmmgr.IplistEditFamilyIPv6), Domain: runtime.Set("b.example.com")})
			return err
		}, wiretest.Form("func", "iplist.edit", "sok", "ok", "plid", "12", "family", "ipv6", "domain", "b.example.com")},
		{func() error { _, err := c.Iplist(ctx, &vmmgr.IplistRequest{Parent: "12"}); return err }, wiretest.Form("func", "iplist", "elid", "12")},
		{func() error { _, err := c.VMDelete(ctx, []string{"11", "12"}); return err }, wiretest.Form("func", "vm.delete", "elid", "11, 12")},
		{func() error {
			_, err := c.UserEdit(ctx, &vmmgr.UserEditRequest{Name: runtime.Set("client7"), Passwd: runtime.Set("pw"), Level: runtime.Set[int64](16)})
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
