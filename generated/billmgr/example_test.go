package billmgr_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/runtime"
)

// testPanel stands in for a BILLmanager on loopback: it answers the calls
// the examples make and prints each request, secrets left out.
func testPanel() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		v, _ := url.ParseQuery(string(b))
		v.Del("authinfo")
		v.Del("out")
		fmt.Println("panel got:", v.Encode())
		switch {
		case v.Get("func") == "user":
			fmt.Fprint(w, `<doc><elem><id>42</id><name>alice</name><email>alice@example.com</email></elem><p_elems>1</p_elems></doc>`)
		case v.Get("func") == "user.edit" && v.Get("sok") == "":
			fmt.Fprint(w, `<doc><elid>42</elid><name>alice</name><email>alice@example.com</email><realname>Alice</realname></doc>`)
		case v.Get("func") == "user.edit" && v.Get("elid") == "":
			fmt.Fprint(w, `<doc><error type="exists" object="user"><msg>User already exists</msg></error></doc>`)
		default:
			fmt.Fprint(w, `<doc><ok/><id>42</id></doc>`)
		}
	}))
}

// The calls the README shows, against a loopback panel.
func Example() {
	srv := testPanel()
	defer srv.Close()
	ctx := context.Background()
	user, pass := "admin", "secret"

	c := billmgr.New(runtime.NewHTTP(srv.URL+"/billmgr",
		runtime.AuthInfo(user, pass)), runtime.Lang("en"))

	users, err := c.User(ctx, &billmgr.UserRequest{PageSize: 100})
	check(err)
	fmt.Println(users.Page.Total, "user:", users.Rows[0].Name)

	form, err := c.UserEditGet(ctx, "42")
	check(err)
	res, err := c.UserEdit(ctx, &billmgr.UserEditRequest{Elid: "42", Email: runtime.Set("a@b.c")})
	check(err)
	fmt.Println("changed", res.ID)

	req := form.Request()
	req.Phone = runtime.Set("+1 555 0100")
	res, err = c.UserEdit(ctx, req)
	check(err)

	deleted, err := c.UserDelete(ctx, []string{"42", "43"})
	check(err)
	raw, err := c.Call(ctx, "any.function", url.Values{"elid": {"1"}})
	check(err)
	fmt.Println(res.OK, deleted.OK, raw.Result().OK)
	// Output:
	// panel got: func=user&lang=en&p_cnt=100
	// 1 user: alice
	// panel got: elid=42&func=user.edit&lang=en
	// panel got: elid=42&email=a%40b.c&func=user.edit&lang=en&sok=ok
	// changed 42
	// panel got: elid=42&email=alice%40example.com&func=user.edit&lang=en&name=alice&phone=%2B1+555+0100&realname=Alice&sok=ok
	// panel got: elid=42%2C+43&func=user.delete&lang=en
	// panel got: elid=1&func=any.function&lang=en
	// true true true
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// Panel errors, even inside HTTP 200, are *runtime.Error values that match
// the runtime's sentinels.
func Example_errors() {
	srv := testPanel()
	defer srv.Close()
	c := billmgr.New(runtime.NewHTTP(srv.URL+"/billmgr", runtime.AuthInfo("admin", "secret")))
	_, err := c.UserEdit(context.Background(), &billmgr.UserEditRequest{Name: runtime.Set("alice")})
	var pe *runtime.Error
	fmt.Println(errors.Is(err, runtime.ErrExists), errors.As(err, &pe) && pe.Object == "user")
	// Creating without the login is refused before anything is sent.
	_, err = c.UserEdit(context.Background(), &billmgr.UserEditRequest{Email: runtime.Set("x@y.z")})
	fmt.Println(err)
	// Output:
	// panel got: func=user.edit&name=alice&sok=ok
	// true true
	// mgr user.edit: Name (name) is required
}

// TestReadmeExampleIsThisOne keeps the README's client snippet in step
// with Example, which go test compiles and runs: every line of the
// snippet must appear in this file.
func TestReadmeExampleIsThisOne(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skip("README.md not found")
	}
	self, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "## Using a generated client\n")
	if ok {
		_, rest, ok = strings.Cut(rest, "```go\n")
	}
	if !ok {
		t.Fatal("README has no client snippet")
	}
	snippet, _, _ := strings.Cut(rest, "```")
	for _, line := range strings.Split(snippet, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "import") || strings.HasPrefix(line, `"`) || line == ")" {
			continue
		}
		if !strings.Contains(string(self), line) {
			t.Errorf("README line %q is not in the tested example", line)
		}
	}
}

// Long lists can be read row by row as they arrive.
func ExampleStreamRows() {
	srv := testPanel()
	defer srv.Close()
	c := billmgr.New(runtime.NewHTTP(srv.URL, runtime.AuthInfo("admin", "secret")))
	for row, err := range billmgr.StreamRows[billmgr.UserRow](context.Background(), c, &billmgr.UserRequest{PageSize: 1000}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(row.ID, row.Name)
	}
	// A type that is not a list row is an error, not a panic.
	for _, err := range billmgr.StreamRows[billmgr.UserEditForm](context.Background(), c, nil) {
		fmt.Println(err)
	}
	// Output:
	// panel got: func=user&p_cnt=1000
	// 42 alice
	// mgr: billmgr.UserEditForm is not a list row type
}
