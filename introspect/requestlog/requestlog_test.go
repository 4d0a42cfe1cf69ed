package requestlog

import (
	"errors"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// guideLine is the example request line of ISPsystem's API guide ("How to
// generate an API request using the log file"), byte for byte.
const guideLine = `Feb  6 08:08:07 [2346:23826] core_module INFO Request [188.120.252.33][root] 'clicked_button=ok&email_inaccess=&func=domain.edit&ip=8.8.8.8&ip_existing=&maildomain=off&name=domain.name&ns=ns1.example.com.%20ns2.example.com.&operafake=1486357687433&owner=www%2Droot&owner_admins=off&progressid=false&reversezone=&sfrom=ajax&sok=ok&web_inaccess=&webdomain=off&zoom-ip=&zoom-ns='`

func TestGuideLine(t *testing.T) {
	r, err := ParseLogLine(guideLine)
	if err != nil {
		t.Fatal(err)
	}
	if r.Time != "Feb  6 08:08:07" || r.Remote != "188.120.252.33" || r.User != "root" || r.Func != "domain.edit" {
		t.Errorf("header: %+v", r)
	}
	// The guide's own cleaned request keeps ip, maildomain, webdomain,
	// name, ns, owner and sok; it also drops owner_admins=off, which no
	// rule it states covers, so it is kept here.
	want := "func=domain.edit&ip=8.8.8.8&maildomain=off&name=domain.name&ns=ns1.example.com.%20ns2.example.com.&owner=www-root&owner_admins=off&sok=ok&webdomain=off"
	if got := r.Query(); got != want {
		t.Errorf("query:\n%s\nwant\n%s", got, want)
	}
	wantDropped := []string{"clicked_button=ok (the default button)", "email_inaccess (empty)", "ip_existing (empty)", "operafake",
		"progressid", "reversezone (empty)", "sfrom", "web_inaccess (empty)", "zoom-ip (empty)", "zoom-ns (empty)"}
	if !reflect.DeepEqual(r.Dropped, wantDropped) {
		t.Errorf("dropped %q", r.Dropped)
	}
	if got, want := r.Mgrctl("ispmgr"), "/usr/local/mgr5/sbin/mgrctl -m ispmgr domain.edit ip=8.8.8.8 maildomain=off name=domain.name 'ns=ns1.example.com. ns2.example.com.' owner=www-root owner_admins=off sok=ok webdomain=off"; got != want {
		t.Errorf("mgrctl:\n%s\nwant\n%s", got, want)
	}
	if got, want := r.Curl("https://panel.example.com:1500/ispmgr"), `curl -sS https://panel.example.com:1500/ispmgr --data-urlencode "authinfo=$MGR_USER:$MGR_PASSWORD" --data-urlencode out=xml --data-urlencode func=domain.edit --data-urlencode ip=8.8.8.8 --data-urlencode maildomain=off --data-urlencode name=domain.name --data-urlencode 'ns=ns1.example.com. ns2.example.com.' --data-urlencode owner=www-root --data-urlencode owner_admins=off --data-urlencode sok=ok --data-urlencode webdomain=off`; got != want {
		t.Errorf("curl:\n%s\nwant\n%s", got, want)
	}
}

func TestCleaningRules(t *testing.T) {
	line := "Mar 10 11:00:00 [1:2] core_module INFO Request [10.0.0.1][admin] " +
		"'clicked_button=finish&elid=&filter=*&func=payment.add&newwindow=extform&plid=7&randomnumber=123&snext=ok&sok=ok&amount=10&note='"
	r, err := ParseLogLine(line)
	if err != nil {
		t.Fatal(err)
	}
	want := []Param{{Name: "clicked_button", Value: "finish"}, {Name: "elid"}, {Name: "plid", Value: "7"},
		{Name: "snext", Value: "ok"}, {Name: "sok", Value: "ok"}, {Name: "amount", Value: "10"}}
	if !reflect.DeepEqual(r.Params, want) {
		t.Errorf("params %+v\nwant %+v", r.Params, want)
	}
	if want := []string{"filter=*", "newwindow", "randomnumber", "note (empty)"}; !reflect.DeepEqual(r.Dropped, want) {
		t.Errorf("dropped %q", r.Dropped)
	}
}

func TestNotRequestLines(t *testing.T) {
	for _, line := range []string{
		"",
		"Feb  6 08:08:07 [2346:23826] core_module INFO Response [188.120.252.33] 'ok'",
		"Feb  6 08:08:07 [2346:23826] core_module WARN Request [1][2] 'func=x'",
		"random text with INFO Request inside",
	} {
		if _, err := ParseLogLine(line); !errors.Is(err, ErrNotRequest) {
			t.Errorf("%q: err %v, want ErrNotRequest", line, err)
		}
	}
	// Colours from a terminal log viewer are ignored.
	r, err := ParseLogLine("\x1b[32mFeb  6 08:08:07 [1:2] core_module INFO Request [1.2.3.4][root] 'func=user&sfrom=ajax'\x1b[0m\r")
	if err != nil || r.Func != "user" || r.Query() != "func=user" {
		t.Errorf("coloured line: %+v %v", r, err)
	}
	// A pid without a thread id, another module name.
	r, err = ParseLogLine("Feb  6 08:08:07 [2346] billmgr INFO Request [1.2.3.4][admin] 'func=user' (12 ms)")
	if err != nil || r.Func != "user" || r.User != "admin" {
		t.Errorf("pid-only line: %+v %v", r, err)
	}
	if _, err := ParseLogLine("Feb  6 08:08:07 [1:2] core_module INFO Request [1][root] 'func=user"); err == nil {
		t.Error("an unterminated request line must fail")
	}
	if _, err := ParseLogLine("Feb  6 08:08:07 [1:2] core_module INFO Request [1][root] 'func=%zz'"); err == nil || !strings.Contains(err.Error(), `parameter "func": bad escape`) {
		t.Errorf("bad escape: %v", err)
	}
}

func TestURLs(t *testing.T) {
	for _, c := range []struct {
		url, query, endpoint, panel string
	}{
		{"https://billdomain.com/billmgr#/?func=payment.edit&elid=1256&elname=pfx%2F1256&plid=334",
			"func=payment.edit&elid=1256&elname=pfx%2F1256&plid=334", "https://billdomain.com/billmgr", "billmgr"},
		{"https://host:1500/ispmgr?func=user&p_num=2", "func=user&p_num=2", "https://host:1500/ispmgr", "ispmgr"},
		{"https://host:1500/ispmgr?lang=en#?func=db.edit&elid=a", "func=db.edit&lang=en&elid=a", "https://host:1500/ispmgr", "ispmgr"},
		{"https://host/manager/billmgr?startform=ticket.edit&elid=5", "func=ticket.edit&elid=5", "https://host/manager/billmgr", "billmgr"},
		{"https://host/panel?func=x#section", "func=x", "https://host/panel", ""},
	} {
		r, err := ParseURL(c.url)
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		if r.Query() != c.query || r.Endpoint != c.endpoint || r.Panel != c.panel {
			t.Errorf("%s:\n query %s endpoint %s panel %q\nwant %s %s %q", c.url, r.Query(), r.Endpoint, r.Panel, c.query, c.endpoint, c.panel)
		}
	}
	for _, bad := range []string{"ftp://host/x?func=a", "/billmgr?func=a", "https://host/x?func=%zz", "::"} {
		if _, err := ParseURL(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

// TestSecretsNeverEchoed: passwords, keys and session ids in a log line or
// URL appear in no rendering, only as placeholders.
func TestSecretsNeverEchoed(t *testing.T) {
	const pw, key, ses, info = "Hunter2-Secret", "K3y-0123456789abcdef", "a4b9816e498e", "root:T0pSecret"
	line := "Feb  6 08:08:07 [1:2] core_module INFO Request [1.2.3.4][root] 'func=user.edit&name=bob&passwd=" + pw +
		"&confirm=" + pw + "&auth=" + ses + "&sok=ok'"
	url := "https://root:" + pw + "@host/billmgr?authinfo=" + info + "&func=session.newkey&username=bob&key=" + key + "#/?auth=" + ses
	lr, err := ParseLogLine(line)
	if err != nil {
		t.Fatal(err)
	}
	ur, err := ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	ur.MarkSecret(func(name string) bool { return name == "username" })
	for _, r := range []*Request{lr, ur} {
		out := strings.Join([]string{r.Query(), r.Mgrctl("billmgr"), r.Curl(r.Endpoint), r.Endpoint, strings.Join(r.Dropped, ",")}, "\n")
		secrets := []string{pw, key, ses, info, "T0pSecret"}
		if r == ur {
			secrets = append(secrets, "bob") // marked secret by the caller
		}
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%q leaks:\n%s", s, out)
			}
		}
		for _, p := range r.Params {
			if p.Secret && p.Value != "" {
				t.Errorf("secret %s kept its value", p.Name)
			}
		}
	}
	if got := lr.Query(); got != "func=user.edit&name=bob&passwd=$MGR_PASSWD&confirm=$MGR_CONFIRM&sok=ok" {
		t.Errorf("log query: %s", got)
	}
	if got := lr.Mgrctl("billmgr"); got != "/usr/local/mgr5/sbin/mgrctl -m billmgr user.edit name=bob sok=ok -e 'passwd=$MGR_PASSWD' -e 'confirm=$MGR_CONFIRM'" {
		t.Errorf("mgrctl: %s", got)
	}
	if got := ur.Query(); got != "func=session.newkey&username=$MGR_USERNAME&key=$MGR_KEY" {
		t.Errorf("url query: %s", got)
	}
	// The transport's own parameters leave the request, with a word.
	for _, r := range []*Request{lr, ur} {
		if d := strings.Join(r.Dropped, ","); !strings.Contains(d, "auth (a session: the transport logs in itself") {
			t.Errorf("dropped %q does not say why auth left", d)
		}
	}
	if d := strings.Join(ur.Dropped, ","); !strings.Contains(d, "authinfo (credentials: give them to the transport") {
		t.Errorf("dropped %q does not say why authinfo left", d)
	}
	if ur.Endpoint != "https://host/billmgr" || !strings.Contains(strings.Join(ur.Dropped, ","), "the credentials in the URL") {
		t.Errorf("url endpoint %s dropped %q", ur.Endpoint, ur.Dropped)
	}
}

// TestShellQuoting runs the quoted words through bash: every value comes
// back byte for byte and nothing in it runs.
func TestShellQuoting(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	values := []string{"plain", "", "two words", "it's", `"$(touch /tmp/pwned)"`, "`id`", "a\nb", "tab\there",
		"\x1b[31mred", "\u202eevil", "ünïcödé", "\xff\xfe", "back\\slash", "$HOME", "x'\\''y", "*", "-n"}
	var script strings.Builder
	for _, v := range values {
		script.WriteString("printf '%s\\0' " + shellQuote(v) + "\n")
	}
	out, err := exec.Command(bash, "--norc", "-c", script.String()).Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, script.String())
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if !reflect.DeepEqual(got, values) {
		t.Errorf("round trip:\n got %q\nwant %q", got, values)
	}
	for _, v := range values {
		q := shellQuote(v)
		if strings.ContainsAny(q, "\n\r\x1b") || strings.Contains(q, "\u202e") {
			t.Errorf("%q quoted as %q: control characters reach the terminal", v, q)
		}
	}
}
