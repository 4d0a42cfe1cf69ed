package ispmgr_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/mgrgen/mgrgen/generated/ispmgr"
	"github.com/mgrgen/mgrgen/runtime"
)

// recorder is a loopback ISPmanager that keeps each request body exactly
// as it arrived and answers with answer.
type recorder struct {
	*httptest.Server
	bodies []string
}

func newRecorder(t *testing.T, answer string) *recorder {
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.bodies = append(r.bodies, string(b))
		io.WriteString(w, answer)
	}))
	t.Cleanup(r.Close)
	return r
}

// body is the form the transport sends for params: url.Values encodes
// with sorted keys, as the transport does.
func body(params ...string) string {
	v := url.Values{"authinfo": {"admin:secret"}, "out": {"xml"}}
	for i := 0; i < len(params); i += 2 {
		v.Add(params[i], params[i+1])
	}
	return v.Encode()
}

// TestPeerCalls rebuilds calls public ISPmanager clients make (WHMCS,
// FOSSBilling and deployer modules) with the typed methods and checks the
// exact body each sends.
func TestPeerCalls(t *testing.T) {
	ctx := context.Background()
	calls := []struct {
		name   string
		answer string
		call   func(c *ispmgr.Client) error
		want   string
	}{
		{"user.edit with every limit peers set", `<doc><ok/></doc>`, func(c *ispmgr.Client) error {
			_, err := c.UserEdit(ctx, &ispmgr.UserEditRequest{
				Name: runtime.Set("client7"), Passwd: runtime.Set("pw"), Confirm: runtime.Set("pw"), Fullname: runtime.Set("Client Seven"),
				Preset: runtime.Set("basic"), LimitQuota: runtime.Set[int64](1024), LimitTraff: runtime.Set[int64](10240),
				LimitDB: runtime.Set[int64](5), LimitDBUsers: runtime.Set[int64](5), LimitFTPUsers: runtime.Set[int64](2),
				LimitWebdomains: runtime.Set[int64](3), LimitEmaildomains: runtime.Set[int64](3), LimitEmails: runtime.Set[int64](10),
				LimitCPU: runtime.Set[int64](100), LimitMemory: runtime.Set[int64](512), LimitProcess: runtime.Set[int64](40),
				LimitEmailQuota: runtime.Set[int64](500), LimitSSL: runtime.Set(true),
			})
			return err
		}, body("func", "user.edit", "sok", "ok", "name", "client7", "passwd", "pw", "confirm", "pw", "fullname", "Client Seven", "preset", "basic",
			"limit_quota", "1024", "limit_traff", "10240", "limit_db", "5", "limit_db_users", "5", "limit_ftp_users", "2", "limit_webdomains", "3",
			"limit_emaildomains", "3", "limit_emails", "10", "limit_cpu", "100", "limit_memory", "512", "limit_process", "40",
			"limit_email_quota", "500", "limit_ssl", "on")},
		{"db.edit attaching an existing database user", `<doc><ok/></doc>`, func(c *ispmgr.Client) error {
			_, err := c.DBEdit(ctx, &ispmgr.DBEditRequest{Name: runtime.Set("shop"), Owner: runtime.Set("client7"),
				User: runtime.Set("shop_rw"), Charset: runtime.Set("utf8mb4")})
			return err
		}, body("func", "db.edit", "sok", "ok", "name", "shop", "owner", "client7", "user", "shop_rw", "charset", "utf8mb4")},
		{"db.edit with a new database user", `<doc><ok/></doc>`, func(c *ispmgr.Client) error {
			_, err := c.DBEdit(ctx, &ispmgr.DBEditRequest{Name: runtime.Set("shop"), Owner: runtime.Set("client7"), User: runtime.Set("*"),
				Username: runtime.Set("shop_rw"), Password: runtime.Set("pw"), Confirm: runtime.Set("pw"), RemoteAccess: runtime.Set(false)})
			return err
		}, body("func", "db.edit", "sok", "ok", "name", "shop", "owner", "client7", "user", "*", "username", "shop_rw", "password", "pw",
			"confirm", "pw", "remote_access", "off")},
		{"db.users of one database", `<doc><elem><name>shop_rw</name></elem></doc>`, func(c *ispmgr.Client) error {
			res, err := c.DBUsers(ctx, &ispmgr.DBUsersRequest{Parent: "shop->mysql"})
			if err == nil && (len(res.Rows) != 1 || res.Rows[0].Name != "shop_rw") {
				t.Errorf("rows %+v", res.Rows)
			}
			return err
		}, body("func", "db.users", "elid", "shop->mysql")},
		{"db.users.edit adding a user to a database", `<doc><ok/></doc>`, func(c *ispmgr.Client) error {
			_, err := c.DBUsersEdit(ctx, "shop->mysql", &ispmgr.DBUsersEditRequest{Name: runtime.Set("report"), Password: runtime.Set("pw"),
				Confirm: runtime.Set("pw"), RemoteAccess: runtime.Set(true), AddrList: runtime.Set("192.0.2.1")})
			return err
		}, body("func", "db.users.edit", "sok", "ok", "plid", "shop->mysql", "name", "report", "password", "pw", "confirm", "pw",
			"remote_access", "on", "addr_list", "192.0.2.1")},
		{"domain.edit (ISPmanager 5)", `<doc><ok/></doc>`, func(c *ispmgr.Client) error {
			_, err := c.DomainEdit(ctx, &ispmgr.DomainEditRequest{Name: runtime.Set("example.com"), IP: runtime.Set("192.0.2.10"),
				NS: runtime.Set("ns1.example.net. ns2.example.net."), MX: runtime.Set("mail.example.com.")})
			return err
		}, body("func", "domain.edit", "sok", "ok", "name", "example.com", "ip", "192.0.2.10", "ns", "ns1.example.net. ns2.example.net.",
			"mx", "mail.example.com.")},
		{"webdomain.edit (ISPmanager 5)", `<doc><ok/></doc>`, func(c *ispmgr.Client) error {
			_, err := c.WebdomainEdit(ctx, &ispmgr.WebdomainEditRequest{Name: runtime.Set("example.com"), Owner: runtime.Set("client7"),
				Email: runtime.Set("webmaster@example.com"), Aliases: runtime.Set("www.example.com"), Home: runtime.Set("www/example.com")})
			return err
		}, body("func", "webdomain.edit", "sok", "ok", "name", "example.com", "owner", "client7", "email", "webmaster@example.com",
			"aliases", "www.example.com", "home", "www/example.com")},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, tc.answer)
			c := ispmgr.New(runtime.NewHTTP(r.URL, runtime.AuthInfo("admin", "secret")))
			if err := tc.call(c); err != nil {
				t.Fatal(err)
			}
			if len(r.bodies) != 1 || r.bodies[0] != tc.want {
				t.Errorf("sent %q\nwant %q", r.bodies, tc.want)
			}
		})
	}
}
