package dcimgr_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/mgrgen/mgrgen/generated/dcimgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// wire is a fake panel that keeps every request body exactly as sent.
func wire(t *testing.T, schemaFile string) (*mgrtest.Panel, *runtime.HTTP, *[]string) {
	s, err := schema.Load(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	p := mgrtest.New(s)
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		r.Body = io.NopCloser(bytes.NewReader(b))
		p.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return p, runtime.NewHTTP(srv.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)), &bodies
}

func form(pairs ...string) string {
	v := url.Values{"authinfo": {mgrtest.User + ":" + mgrtest.Password}, "out": {"xml"}}
	for i := 0; i < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v.Encode()
}

func TestWire(t *testing.T) {
	p, h, bodies := wire(t, "dcimgr.schema.json")
	p.Seed("server", mgrtest.Row{"id": "7", "name": "u12"}, mgrtest.Row{"id": "8", "name": "u13"})
	p.SeedUnder("server.connection", "7", mgrtest.Row{"id": "1", "type": "Switch"}, mgrtest.Row{"id": "2", "type": "IPMI"})
	p.SeedUnder("iplist", "7", mgrtest.Row{"id": "31", "ip": "192.0.2.31"}, mgrtest.Row{"id": "32", "ip": "192.0.2.32"})
	c := dcimgr.New(h)
	ctx := context.Background()
	steps := []struct {
		call func() error
		want string
	}{
		{func() error { _, err := c.Server(ctx, nil); return err }, form("func", "server")},
		{func() error { _, err := c.ServerEditGet(ctx, "7"); return err }, form("func", "server.edit", "elid", "7")},
		{func() error {
			_, err := c.ServerEdit(ctx, &dcimgr.ServerEditRequest{Elid: "7", Name: runtime.Set("u12-web"), Notes: runtime.Set("rack 4")})
			return err
		}, form("func", "server.edit", "sok", "ok", "elid", "7", "name", "u12-web", "notes", "rack 4")},
		{func() error { _, err := c.ServerPoweroff(ctx, []string{"7", "8"}); return err }, form("func", "server.poweroff", "elid", "7, 8")},
		{func() error { _, err := c.ServerDisable(ctx, []string{"8"}); return err }, form("func", "server.disable", "elid", "8")},
		{func() error {
			_, err := c.ServerOperations(ctx, &dcimgr.ServerOperationsRequest{Elid: "7", Operation: runtime.Set(dcimgr.ServerOperationsOperationOstemplate),
				Ostemplate: runtime.Set("Debian-12-amd64"), Passwd: runtime.Set("pw"), Confirm: runtime.Set("pw")})
			return err
		}, form("func", "server.operations", "sok", "ok", "elid", "7", "operation", "ostemplate", "ostemplate", "Debian-12-amd64", "passwd", "pw", "confirm", "pw")},
		{func() error {
			res, err := c.ServerConnection(ctx, &dcimgr.ServerConnectionRequest{Parent: "7"})
			if err == nil && len(res.Rows) != 2 {
				t.Errorf("connections %+v", res.Rows)
			}
			return err
		}, form("func", "server.connection", "elid", "7")},
		{func() error { _, err := c.ServerConnectionOff(ctx, "7", []string{"1", "2"}); return err }, form("func", "server.connection.off", "plid", "7", "elid", "1, 2")},
		{func() error { _, err := c.ServerConnectionEditGet(ctx, "7", "1"); return err }, form("func", "server.connection.edit", "plid", "7", "elid", "1")},
		{func() error {
			_, err := c.IplistEdit(ctx, "7", &dcimgr.IplistEditRequest{Elid: "31", Domain: runtime.Set("u12.example.com")})
			return err
		}, form("func", "iplist.edit", "sok", "ok", "plid", "7", "elid", "31", "domain", "u12.example.com")},
		{func() error { _, err := c.Iplist(ctx, &dcimgr.IplistRequest{Parent: "7"}); return err }, form("func", "iplist", "elid", "7")},
		{func() error { _, err := c.IplistDelete(ctx, "7", []string{"31", "32"}); return err }, form("func", "iplist.delete", "plid", "7", "elid", "31, 32")},
		{func() error {
			_, err := c.UserEdit(ctx, &dcimgr.UserEditRequest{Name: runtime.Set("client7"), Passwd: runtime.Set("pw"), Level: runtime.Set[int64](16)})
			return err
		}, form("func", "user.edit", "sok", "ok", "name", "client7", "passwd", "pw", "level", "16")},
	}
	for i, s := range steps {
		if err := s.call(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := (*bodies)[len(*bodies)-1]; got != s.want {
			t.Errorf("step %d sent %s\n          want %s", i, got, s.want)
		}
	}
}
