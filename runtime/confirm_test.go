package runtime

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// submitReq is a generated-style request for the submit shapes below.
type submitReq struct {
	_    struct{} `mgr:"name snext,next"`
	Name Optional[string]
	Next bool
}

// TestWhatConfirmsAWrite sends each kind of write to a panel answering one
// shape and checks which shapes confirm it: the rest must be a
// *MayHaveRunError wrapping ErrUnconfirmed that carries the answer.
func TestWhatConfirmsAWrite(t *testing.T) {
	cases := []struct {
		name, fn, answer string
		call             string // submit, wizard (submit with snext), group, run
		confirmed        bool
	}{
		{"group ok", "user.delete", `<doc><ok/></doc>`, "group", true},
		{"group ok with attributes", "user.delete", `<doc><ok type="list" on_blank_redirect_action="x"/></doc>`, "group", true},
		{"group empty doc", "user.delete", `<doc/>`, "group", false},
		{"group neither", "user.delete", `<doc func="user.delete"><tparams><elid>1</elid></tparams></doc>`, "group", false},
		{"group id is not ok", "user.delete", `<doc><id>7</id></doc>`, "group", false},
		{"run ok", "user.suspend", `<doc><ok/></doc>`, "run", true},
		{"run neither", "user.suspend", `<doc><saved_filters/></doc>`, "run", false},
		{"submit ok", "user.edit", `<doc><ok/></doc>`, "submit", true},
		{"submit ok type", "user.edit", `<doc><ok type="url">https://pay.example/x</ok></doc>`, "submit", true},
		{"submit show_success", "support_tool_note", `<doc><show_success>yes</show_success></doc>`, "submit", true},
		{"submit show_success no", "support_tool_note", `<doc><show_success>no</show_success></doc>`, "submit", false},
		{"submit id", "clientticket.edit", `<doc><id>42</id></doc>`, "submit", true},
		{"submit empty id", "clientticket.edit", `<doc><id></id></doc>`, "submit", false},
		{"submit user.id", "register", `<doc><user.id>9</user.id></doc>`, "submit", true},
		{"submit billorder.id", "vds.order.param", `<doc><billorder.id>3</billorder.id></doc>`, "submit", true},
		{"submit ip after iplist.edit", "iplist.edit", `<doc><ip>192.0.2.7</ip></doc>`, "submit", true},
		{"submit ip elsewhere", "user.edit", `<doc><ip>192.0.2.7</ip></doc>`, "submit", false},
		{"submit redirect", "user.edit", `<doc><redirect>user</redirect></doc>`, "submit", true},
		{"submit empty doc", "user.edit", `<doc/>`, "submit", false},
		{"submit neither", "user.edit", `<doc><name>bob</name></doc>`, "submit", false},
		{"wizard next step form", "user.add", `<doc><name>bob</name><slist name="preset"/></doc>`, "wizard", true},
		{"wizard empty doc", "user.add", `<doc/>`, "wizard", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newPanel(t, func(url.Values) (int, string) { return 200, tc.answer })
			c := NewClient(NewHTTP(p.URL, AuthInfo("admin", "pw")))
			ctx := context.Background()
			var (
				res *Result
				err error
			)
			switch tc.call {
			case "group":
				res, err = Group(ctx, c, tc.fn, []string{"1"}, nil)
			case "run":
				res, err = Run(ctx, c, tc.fn, &submitReq{}, nil, nil)
			case "submit":
				res, err = Submit(ctx, c, tc.fn, &submitReq{Name: Set("bob")}, nil, nil)
			case "wizard":
				res, err = Submit(ctx, c, tc.fn, &submitReq{Name: Set("bob"), Next: true}, nil, nil)
				if p.last().Get("snext") != "ok" {
					t.Fatalf("the wizard step was sent without snext: %v", p.last())
				}
			}
			if tc.confirmed {
				if err != nil || res == nil {
					t.Fatalf("confirmed answer %s: %v", tc.answer, err)
				}
				return
			}
			if res != nil || err == nil {
				t.Fatalf("answer %s read as success (%+v)", tc.answer, res)
			}
			var mh *MayHaveRunError
			var ue *UnconfirmedError
			if !errors.As(err, &mh) || !errors.Is(err, ErrUnconfirmed) || !errors.As(err, &ue) || !MayHaveRun(err) {
				t.Fatalf("error %T %v: want a *MayHaveRunError wrapping ErrUnconfirmed", err, err)
			}
			if string(mh.Raw) != tc.answer || ue.Response == nil || string(ue.Response.Raw) != tc.answer || ue.Func != tc.fn {
				t.Errorf("the error does not carry the answer: %q / %+v", mh.Raw, ue)
			}
			if !strings.Contains(err.Error(), "may have run") || !strings.Contains(err.Error(), tc.fn) {
				t.Errorf("message %q", err)
			}
		})
	}
}

// groupRow is a list row type that can hold the group its row came in.
type groupRow struct {
	_         struct{} `mgr:"id name ,group list=account.discountinfo"`
	ID        string
	Name      string
	ListGroup string
	Raw       Row
}

// plainRow cannot hold a group name.
type plainRow struct {
	_    struct{} `mgr:"id name"`
	ID   string
	Name string
}

const groupedAnswer = `<doc><list name="promotion"><elem><id>1</id><name>spring</name></elem><elem><id>2</id><name>autumn</name></elem></list>` +
	`<list name="discount"><elem><id>3</id><name>loyal</name></elem></list><p_elems>3</p_elems></doc>`

func TestGroupedRows(t *testing.T) {
	rows, page, err := DecodeList[groupRow]("account.discountinfo", []byte(groupedAnswer), 200)
	if err != nil {
		t.Fatal(err)
	}
	want := []groupRow{{ID: "1", Name: "spring", ListGroup: "promotion"}, {ID: "2", Name: "autumn", ListGroup: "promotion"}, {ID: "3", Name: "loyal", ListGroup: "discount"}}
	if len(rows) != len(want) || page.Total != 3 {
		t.Fatalf("rows %+v page %+v", rows, page)
	}
	for i := range want {
		if rows[i].ID != want[i].ID || rows[i].Name != want[i].Name || rows[i].ListGroup != want[i].ListGroup {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	// Plain rows after a group carry no group.
	mixed := `<doc><list name="g"><elem><id>1</id></elem></list><elem><id>2</id></elem></doc>`
	rows, _, err = DecodeList[groupRow]("x", []byte(mixed), 200)
	if err != nil || len(rows) != 2 || rows[0].ListGroup != "g" || rows[1].ListGroup != "" {
		t.Fatalf("mixed: %+v %v", rows, err)
	}
	// A row type without a group field cannot hold them: an error, never
	// 0 rows and nil.
	_, _, err = DecodeList[plainRow]("account.discountinfo", []byte(groupedAnswer), 200)
	var de *DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), `<list name="promotion">`) {
		t.Fatalf("a row type without a group field: %v", err)
	}
	// The streaming path reads them the same way.
	p := newPanel(t, func(url.Values) (int, string) { return 200, groupedAnswer })
	c := NewClient(NewHTTP(p.URL, AuthInfo("admin", "pw")))
	n := 0
	for r, err := range StreamList[groupRow](context.Background(), c, nil, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if r.ListGroup == "" {
			t.Errorf("streamed row without its group: %+v", r)
		}
		n++
	}
	if n != 3 {
		t.Errorf("streamed %d rows, want 3", n)
	}
}

func TestVerifiedDelete(t *testing.T) {
	// Panel state: ids 1 and 2 exist before the delete; the delete removes
	// 1 only; opening 3 fails with a proxy's 502 (cannot be checked).
	exists := map[string]bool{"1": true, "2": true}
	p := newPanel(t, func(v url.Values) (int, string) {
		switch v.Get("func") {
		case "user.delete":
			delete(exists, "1")
			return 200, okDoc
		case "user.edit":
			id := v.Get("elid")
			if id == "3" {
				return 502, "<html>bad gateway</html>"
			}
			if exists[id] {
				return 200, `<doc><elid>` + id + `</elid><name>x</name></doc>`
			}
			return 200, `<doc><error type="missed" object="user"><msg>not found</msg></error></doc>`
		}
		return 200, `<doc><error type="xml"/></doc>`
	})
	c := NewClient(NewHTTP(p.URL, AuthInfo("admin", "pw")))
	ctx := context.Background()

	res, err := Delete(ctx, c, "user.delete", "user.edit", []string{"1", "2", "3"}, []Option{VerifyDeleted(), Su("bob")})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Deleted
	if d == nil || strings.Join(d.Gone, ",") != "1" || strings.Join(d.Remaining, ",") != "2" || strings.Join(d.Unchecked, ",") != "3" || d.Errors["3"] == nil {
		t.Fatalf("check = %+v", d)
	}
	p.mu.Lock()
	sent := p.bodies
	p.mu.Unlock()
	if len(sent) != 4 || sent[0].Get("elid") != "1, 2, 3" {
		t.Fatalf("requests %v", sent)
	}
	for _, v := range sent[1:] {
		if v.Get("func") != "user.edit" || v.Get("sok") != "" || v.Get("su") != "bob" {
			t.Errorf("a check must open the edit form as the same user, not submit it: %v", v)
		}
	}

	// Without the option nothing extra is sent.
	before := len(sent)
	res, err = Delete(ctx, c, "user.delete", "user.edit", []string{"2"}, nil)
	if err != nil || res.Deleted != nil {
		t.Fatalf("%+v %v", res, err)
	}
	p.mu.Lock()
	if len(p.bodies) != before+1 {
		t.Errorf("a delete without VerifyDeleted sent %d requests", len(p.bodies)-before)
	}
	before = len(p.bodies)
	p.mu.Unlock()

	// A group operation that names no edit form refuses the option before
	// sending, also when it comes from the context.
	for _, call := range []func() error{
		func() error {
			_, err := Group(ctx, c, "user.delete", []string{"2"}, []Option{VerifyDeleted()})
			return err
		},
		func() error {
			_, err := Group(WithOptions(ctx, VerifyDeleted()), c, "user.delete", []string{"2"}, nil)
			return err
		},
	} {
		var ve *ValidationError
		if err := call(); !errors.As(err, &ve) || !strings.Contains(err.Error(), "VerifyDeleted") {
			t.Errorf("Group with VerifyDeleted: %v", err)
		}
	}
	p.mu.Lock()
	if len(p.bodies) != before {
		t.Errorf("a refused verification still sent %d requests", len(p.bodies)-before)
	}
	p.mu.Unlock()

	// A delete the panel does not confirm is not checked: it is an error.
	p2 := newPanel(t, func(url.Values) (int, string) { return 200, `<doc/>` })
	if _, err := Delete(ctx, NewClient(NewHTTP(p2.URL, NoAuth())), "user.delete", "user.edit", []string{"1"}, []Option{VerifyDeleted()}); !errors.Is(err, ErrUnconfirmed) {
		t.Errorf("unconfirmed delete: %v", err)
	}
	if len(p2.bodies) != 1 {
		t.Errorf("an unconfirmed delete was checked anyway: %d requests", len(p2.bodies))
	}
}

func TestElnameUserAgentAndHeaders(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Write([]byte(okDoc))
	}))
	defer srv.Close()
	ctx := context.Background()

	c := NewClient(NewHTTP(srv.URL, NoAuth()))
	if _, err := Group(ctx, c, "user.delete", []string{"7"}, nil); err != nil {
		t.Fatal(err)
	}
	if ua := got.Get("User-Agent"); ua != "mgrgen/"+Version {
		t.Errorf("User-Agent %q", ua)
	}
	rec := newPanel(t, func(url.Values) (int, string) { return 200, okDoc })
	if _, err := Group(ctx, NewClient(NewHTTP(rec.URL, NoAuth())), "user.delete", []string{"7"}, []Option{Elname("bob@example.com")}); err != nil {
		t.Fatal(err)
	}
	if v := rec.last(); v.Get("elname") != "bob@example.com" || v.Get("elid") != "7" {
		t.Errorf("elname not sent: %v", v)
	}

	c = NewClient(NewHTTP(srv.URL, NoAuth(), WithUserAgent("billing-sync/2"), WithHeader("X-Request-Id", "abc"), WithHeader("x-trace", "1"), WithHeader("X-Trace", "2")))
	if _, err := Group(ctx, c, "user.delete", []string{"7"}, nil); err != nil {
		t.Fatal(err)
	}
	if got.Get("User-Agent") != "billing-sync/2" || got.Get("X-Request-Id") != "abc" || strings.Join(got.Values("X-Trace"), ",") != "1,2" {
		t.Errorf("headers %v", got)
	}
	if got.Get("Content-Type") != formType {
		t.Errorf("content type %q", got.Get("Content-Type"))
	}
	for _, bad := range [][2]string{{"Content-Type", "text/plain"}, {"Host", "evil"}, {"X-A", "a\r\nX-B: b"}, {"Bad Name", "v"}, {"", "v"}} {
		_, err := Group(ctx, NewClient(NewHTTP(srv.URL, NoAuth(), WithHeader(bad[0], bad[1]))), "user.delete", []string{"7"}, nil)
		if err == nil || !strings.Contains(err.Error(), "WithHeader") {
			t.Errorf("WithHeader(%q, %q): %v", bad[0], bad[1], err)
		}
	}
}
