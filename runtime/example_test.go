package runtime_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/mgrgen/mgrgen/runtime"
)

// examplePanel answers like a small BILLmanager on loopback: func=auth
// gives a session, user lists two users a page, user.edit refuses a
// duplicate, anything else is ok.
func examplePanel() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		v, _ := url.ParseQuery(string(b))
		switch v.Get("func") {
		case "auth":
			fmt.Fprint(w, `<doc><auth id="s1">s1</auth></doc>`)
		case "user":
			page := v.Get("p_num")
			if page == "" {
				page = "1"
			}
			fmt.Fprintf(w, `<doc><elem><id>%s1</id><name>user%s1</name></elem><elem><id>%s2</id><name>user%s2</name></elem>`+
				`<p_num>%s</p_num><p_cnt>2</p_cnt><p_elems>3</p_elems></doc>`, page, page, page, page, page)
		case "user.edit":
			fmt.Fprint(w, `<doc><error type="exists" object="user" lang="en"><param name="value">bob</param><msg>User bob already exists</msg></error></doc>`)
		default:
			fmt.Fprint(w, `<doc><ok/></doc>`)
		}
	}))
}

// Three ways to authenticate an HTTP transport. Credentials always travel
// in the POST body.
func ExampleNewHTTP() {
	srv := examplePanel()
	defer srv.Close()
	ctx := context.Background()
	for _, auth := range []runtime.Auth{
		runtime.AuthInfo("admin", "secret"),    // authinfo=admin:secret on every call
		runtime.AuthSession("admin", "secret"), // func=auth once, then the session id
		runtime.NoAuth(),                       // public functions, or a proxy that authenticates
	} {
		c := runtime.NewClient(runtime.NewHTTP(srv.URL+"/billmgr", auth))
		resp, err := c.Call(ctx, "user.resume", url.Values{"elid": {"7"}})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(resp.Result().OK)
	}
	// Output:
	// true
	// true
	// true
}

// Errors the panel reports, even inside HTTP 200, are *runtime.Error
// values that match sentinels with errors.Is.
func ExampleError() {
	srv := examplePanel()
	defer srv.Close()
	c := runtime.NewClient(runtime.NewHTTP(srv.URL, runtime.AuthInfo("admin", "secret")))
	_, err := c.Call(context.Background(), "user.edit", url.Values{"name": {"bob"}, "sok": {"ok"}})
	fmt.Println(errors.Is(err, runtime.ErrExists), errors.Is(err, runtime.ErrAuth))
	var e *runtime.Error
	if errors.As(err, &e) {
		fmt.Println(e.Type, e.Object, e.Value)
		fmt.Println(e)
	}
	// Output:
	// true false
	// exists user bob
	// mgr user.edit: exists(user): User bob already exists
}

// An Optional parameter is sent only when set: unset keeps the stored
// value, while an empty value clears it.
func ExampleOptional() {
	var email runtime.Optional[string]
	_, ok := email.Get()
	fmt.Println(ok)
	email = runtime.Set("")
	v, ok := email.Get()
	fmt.Printf("%q %v\n", v, ok)
	// Output:
	// false
	// "" true
}

// Reading a list page by page.
func ExampleListRequest() {
	srv := examplePanel()
	defer srv.Close()
	c := runtime.NewClient(runtime.NewHTTP(srv.URL, runtime.AuthInfo("admin", "secret")))
	ctx := context.Background()
	for page := 1; ; page++ {
		req := runtime.NewReadRequest("user")
		(&runtime.ListRequest{Page: page, PageSize: 2}).Encode(req)
		resp, err := c.Do(ctx, req)
		if err != nil {
			log.Fatal(err)
		}
		for _, row := range resp.Rows() {
			fmt.Println(row.String("id"), row.String("name"))
		}
		p := resp.Page()
		if p.Num*p.Size >= p.Total {
			break
		}
	}
	// Output:
	// 11 user11
	// 12 user12
	// 21 user21
	// 22 user22
}
