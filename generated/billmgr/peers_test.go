package billmgr_test

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/runtime"
)

// sent is one request as the loopback panel received it: the form
// parameters and, for a multipart body, the files by parameter name.
type sent struct {
	form  url.Values
	body  string
	files map[string]string // parameter -> "filename:content"
}

func recordPanel(t *testing.T, answer string) (*httptest.Server, *[]sent) {
	var got []sent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := sent{files: map[string]string{}}
		mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if mt == "multipart/form-data" {
			s.form = url.Values{}
			mr := multipart.NewReader(r.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					break
				}
				b, _ := io.ReadAll(p)
				if p.FileName() != "" {
					s.files[p.FormName()] = p.FileName() + ":" + string(b)
				} else {
					s.form.Add(p.FormName(), string(b))
				}
			}
		} else {
			b, _ := io.ReadAll(r.Body)
			s.body = string(b)
			s.form, _ = url.ParseQuery(s.body)
		}
		got = append(got, s)
		io.WriteString(w, answer)
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

func formOf(params ...string) url.Values {
	v := url.Values{"out": {"xml"}}
	for i := 0; i < len(params); i += 2 {
		v.Add(params[i], params[i+1])
	}
	return v
}

// TestPeerCalls rebuilds calls public BILLmanager clients make (WHMCS and
// FOSSBilling modules, PHP and JS libraries) with the typed methods and
// checks exactly what each sends.
func TestPeerCalls(t *testing.T) {
	ctx := context.Background()
	admin := runtime.AuthInfo("admin", "secret")
	calls := []struct {
		name   string
		auth   runtime.Auth
		answer string
		call   func(c *billmgr.Client) (*runtime.Result, error)
		want   url.Values
		files  map[string]string
		id     string
	}{
		{"register a client from the website", runtime.NoAuth(), `<doc><user.id>17</user.id></doc>`, func(c *billmgr.Client) (*runtime.Result, error) {
			return c.Register(ctx, &billmgr.RegisterRequest{Email: runtime.Set("new@example.com"), Passwd: runtime.Set("pw"),
				Realname: runtime.Set("New Client"), Phone: runtime.Set("+1 555 0100"), ConditionsAgree: runtime.Set(true),
				Country: runtime.Set("US"), Project: runtime.Set[int64](1), Recovery: runtime.Set(false)})
		}, formOf("func", "register", "sok", "ok", "email", "new@example.com", "passwd", "pw", "realname", "New Client",
			"phone", "+1 555 0100", "conditions_agree", "on", "country", "US", "project", "1", "recovery", "off"), nil, "17"},
		{"a client opens a ticket", admin, `<doc><id>305</id></doc>`, func(c *billmgr.Client) (*runtime.Result, error) {
			return c.ClientticketEdit(ctx, &billmgr.ClientticketEditRequest{ClientDepartment: runtime.Set("2"),
				Name: runtime.Set("Server down"), Message: runtime.Set("It does not answer."), ClickedButton: "ok"})
		}, formOf("func", "clientticket.edit", "sok", "ok", "authinfo", "admin:secret", "client_department", "2", "name", "Server down",
			"message", "It does not answer.", "clicked_button", "ok"), nil, "305"},
		{"a client replies with an attachment", admin, `<doc><ok/></doc>`, func(c *billmgr.Client) (*runtime.Result, error) {
			return c.ClientticketEdit(ctx, &billmgr.ClientticketEditRequest{Elid: "305", Message: runtime.Set("The log."),
				File1: runtime.Set(runtime.File{Name: "boot.log", Content: strings.NewReader("kernel panic")}), ClickedButton: "ok"})
		}, formOf("func", "clientticket.edit", "sok", "ok", "authinfo", "admin:secret", "elid", "305", "message", "The log.", "clicked_button", "ok"),
			map[string]string{"file_1": "boot.log:kernel panic"}, ""},
		{"staff reply to a ticket with two files", admin, `<doc><ok/></doc>`, func(c *billmgr.Client) (*runtime.Result, error) {
			return c.TicketEdit(ctx, &billmgr.TicketEditRequest{Elid: "88", Message: runtime.Set("Fixed, see attached."),
				File1: runtime.Set(runtime.File{Name: "a.txt", Content: strings.NewReader("A")}),
				File2: runtime.Set(runtime.File{Name: "b.txt", Content: strings.NewReader("B")}), ClickedButton: "ok"}, runtime.Plid("305"))
		}, formOf("func", "ticket.edit", "sok", "ok", "authinfo", "admin:secret", "elid", "88", "plid", "305", "message", "Fixed, see attached.",
			"clicked_button", "ok"), map[string]string{"file_1": "a.txt:A", "file_2": "b.txt:B"}, ""},
		{"change a client", admin, `<doc><ok/></doc>`, func(c *billmgr.Client) (*runtime.Result, error) {
			return c.AccountEdit(ctx, &billmgr.AccountEditRequest{Elid: "12", Name: runtime.Set("Example LLC")})
		}, formOf("func", "account.edit", "sok", "ok", "authinfo", "admin:secret", "elid", "12", "name", "Example LLC"), nil, ""},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			srv, got := recordPanel(t, tc.answer)
			c := billmgr.New(runtime.NewHTTP(srv.URL, tc.auth))
			res, err := tc.call(c)
			if err != nil {
				t.Fatal(err)
			}
			if res.ID != tc.id {
				t.Errorf("id %q, want %q", res.ID, tc.id)
			}
			if len(*got) != 1 {
				t.Fatalf("%d requests", len(*got))
			}
			s := (*got)[0]
			if s.form.Encode() != tc.want.Encode() {
				t.Errorf("sent %s\nwant %s", s.form.Encode(), tc.want.Encode())
			}
			if tc.files == nil && s.body != tc.want.Encode() {
				t.Errorf("body %q is not exactly the form", s.body)
			}
			if len(s.files) != len(tc.files) {
				t.Errorf("files %v, want %v", s.files, tc.files)
			}
			for k, v := range tc.files {
				if s.files[k] != v {
					t.Errorf("file %s = %q, want %q", k, s.files[k], v)
				}
			}
		})
	}
}
