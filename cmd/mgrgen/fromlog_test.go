package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// guideLog is the request line of ISPsystem's API guide, byte for byte.
const guideLog = "Feb  6 08:08:07 [2346:23826] core_module INFO Request [188.120.252.33][root] 'clicked_button=ok&email_inaccess=&func=domain.edit&ip=8.8.8.8&ip_existing=&maildomain=off&name=domain.name&ns=ns1.example.com.%20ns2.example.com.&operafake=1486357687433&owner=www%2Droot&owner_admins=off&progressid=false&reversezone=&sfrom=ajax&sok=ok&web_inaccess=&webdomain=off&zoom-ip=&zoom-ns='\n"

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update to accept):\n%s", path, got)
	}
}

// TestFromlogGuideLine: the guide's own line, against the bundled
// ispmgr schema, which types domain.edit; the same line for a function
// the schema lacks gives Client.Call with a note saying why.
func TestFromlogGuideLine(t *testing.T) {
	log := filepath.Join(t.TempDir(), "ispmgr.log")
	os.WriteFile(log, []byte("Feb  6 08:08:06 [2346:23826] core_module INFO Session started\n"+guideLog), 0o644)
	code, out, errOut := mgrgen("fromlog", "-panel", "ispmgr", "-url", "https://panel.example.com:1500/ispmgr",
		"-schema", "../../generated/ispmgr/ispmgr.schema.json", log)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "guide-line.golden", out)
	for _, want := range []string{
		"request: func=domain.edit&ip=8.8.8.8&maildomain=off&name=domain.name&ns=ns1.example.com.%20ns2.example.com.&owner=www-root&owner_admins=off&sok=ok&webdomain=off\n",
		"mgrctl:  /usr/local/mgr5/sbin/mgrctl -m ispmgr domain.edit ip=8.8.8.8 maildomain=off name=domain.name 'ns=ns1.example.com. ns2.example.com.' owner=www-root owner_admins=off sok=ok webdomain=off\n",
		"res, err := c.DomainEdit(ctx, &ispmgr.DomainEditRequest{\n",
		"\tOwnerAdmins: runtime.Set(false),\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	os.WriteFile(log, []byte(strings.Replace(guideLog, "func=domain.edit", "func=soa.edit", 1)), 0o644)
	code, out, errOut = mgrgen("fromlog", "-panel", "ispmgr", "-url", "https://panel.example.com:1500/ispmgr",
		"-schema", "../../generated/ispmgr/ispmgr.schema.json", log)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"note:    soa.edit has no typed method in this schema", "c.Call(ctx, \"soa.edit\""} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

// TestFromlogBillmgr: request lines of the same format for functions the
// bundled billmgr schema has: a form submit with plid, a group operation
// on two ids, a form with secrets (which never appear).
func TestFromlogBillmgr(t *testing.T) {
	code, out, errOut := mgrgen("fromlog", "-schema", billmgrSchema, "testdata/billmgr-requests.log")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "billmgr-requests.golden", out)
	for _, want := range []string{
		"res, err := c.PaymentEdit(ctx, &billmgr.PaymentEditRequest{\n         \tElid:            \"1256\",\n         \tNumber:          runtime.Set(\"A-1\"),\n         \tPaymethodamount: runtime.Set(runtime.MustDecimal(\"12.50\")),\n         }, runtime.Plid(\"334\"))\n",
		"res, err := c.UserSuspend(ctx, []string{\"7\", \"8\"})\n",
		"Passwd:  runtime.Set(os.Getenv(\"MGR_PASSWD\")),",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(out, "Hunter2") {
		t.Error("a password from the log is echoed")
	}
}

func TestFromurl(t *testing.T) {
	code, out, errOut := mgrgen("fromurl", "-schema", billmgrSchema,
		"https://billdomain.com/billmgr#/?func=payment.edit&elid=1256&elname=pfx%2F1256&plid=334")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `# payment.edit
request: func=payment.edit&elid=1256&elname=pfx%2F1256&plid=334
mgrctl:  /usr/local/mgr5/sbin/mgrctl -m billmgr payment.edit elid=1256 elname=pfx/1256 plid=334
curl:    curl -sS https://billdomain.com/billmgr --data-urlencode "authinfo=$MGR_USER:$MGR_PASSWORD" --data-urlencode out=xml --data-urlencode func=payment.edit --data-urlencode elid=1256 --data-urlencode elname=pfx/1256 --data-urlencode plid=334
go:      // c is a *billmgr.Client
         form, err := c.PaymentEditGet(ctx, "1256", runtime.Plid("334"), runtime.Elname("pfx/1256"))

`
	if out != want {
		t.Errorf("fromurl:\n%s\nwant:\n%s", out, want)
	}
	// A URL copied from a script carries the transport's own parameters:
	// they leave the request and the Go call, with a word, and the
	// credentials never show.
	code, out, errOut = mgrgen("fromurl", "-schema", billmgrSchema,
		"https://host:1500/billmgr?authinfo=admin:hunter2&out=json&func=user.suspend&elid=7&auth=0a1b2c3d")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"request: func=user.suspend&elid=7\n",
		"dropped: authinfo (credentials: give them to the transport, runtime.AuthInfo), out (the transport asks for the format itself), auth (a session: the transport logs in itself, runtime.AuthSession)\n",
		"mgrctl:  /usr/local/mgr5/sbin/mgrctl -m billmgr user.suspend elid=7\n",
		"res, err := c.UserSuspend(ctx, []string{\"7\"})\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transport parameters: missing %q in\n%s", want, out)
		}
	}
	for _, leak := range []string{"hunter2", "0a1b2c3d", "out=json", "MGR_AUTHINFO", "$MGR_AUTH"} {
		if strings.Contains(out, leak) {
			t.Errorf("transport parameters: %q in\n%s", leak, out)
		}
	}
	code, out, _ = mgrgen("fromurl", "-schema", billmgrSchema, "https://host:1500/ispmgr?func=user")
	if code != 0 || !strings.Contains(out, "note:    the URL is of ispmgr, the schema of billmgr\n") {
		t.Errorf("panel mismatch (exit %d):\n%s", code, out)
	}
	// Without a schema: the request and the commands, panel and address
	// from the URL; the session id in it becomes a placeholder.
	code, out, _ = mgrgen("fromurl", "https://host:1500/ispmgr?auth=a4b9816e498e&func=user.suspend&elid=bob&passwd=x")
	if code != 0 || strings.Contains(out, "a4b9816e498e") || strings.Contains(out, "go:") ||
		!strings.Contains(out, "request: func=user.suspend&elid=bob&passwd=$MGR_PASSWD\n") ||
		!strings.Contains(out, "mgrctl:  /usr/local/mgr5/sbin/mgrctl -m ispmgr user.suspend elid=bob -e 'passwd=$MGR_PASSWD'\n") {
		t.Errorf("without schema (exit %d):\n%s", code, out)
	}
}

// syncBuffer is a bytes.Buffer safe to read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestFromlogFollowsStdin: as with tail -f, each request is printed as
// soon as its line arrives, before the input ends.
func TestFromlogFollowsStdin(t *testing.T) {
	r, w := io.Pipe()
	stdin = r
	defer func() { stdin = os.Stdin }()
	var out, errOut syncBuffer
	done := make(chan int)
	go func() { done <- run([]string{"fromlog", "-schema", billmgrSchema}, &out, &errOut) }()
	io.WriteString(w, "noise\n"+guideLog)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "# Feb 6 08:08:07 root@188.120.252.33: domain.edit\n") {
		if time.Now().After(deadline) {
			t.Fatalf("nothing printed while the input stays open: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	w.Close()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}

func TestFromlogFailures(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.log")
	os.WriteFile(empty, []byte("Feb  6 08:08:06 [1:2] core_module INFO Session started\n"), 0o644)
	bad := filepath.Join(dir, "bad.log")
	os.WriteFile(bad, []byte("Feb  6 08:08:07 [1:2] core_module INFO Request [1.2.3.4][root] 'func=%zz'\n"+guideLog), 0o644)
	code, _, errOut := mgrgen("fromlog", empty)
	if code != 1 || !strings.HasPrefix(errOut, "mgrgen fromlog: no request lines found") {
		t.Errorf("no requests: exit %d %q", code, errOut)
	}
	code, out, errOut := mgrgen("fromlog", bad)
	if code != 0 || errOut != bad+`:1: parameter "func": bad escape in its value`+"\n" || !strings.Contains(out, "domain.edit") {
		t.Errorf("a bad line is reported and skipped: exit %d %q\n%s", code, errOut, out)
	}
	code, _, errOut = mgrgen("fromlog", "-pkg", "x", empty)
	if code != 2 || !strings.HasPrefix(errOut, "mgrgen fromlog: -pkg and -config only apply with -schema\n") {
		t.Errorf("-pkg without -schema: exit %d %q", code, errOut)
	}
	code, _, errOut = mgrgen("fromurl", "ftp://host/x")
	if code != 1 || !strings.HasPrefix(errOut, "mgrgen fromurl: not a panel URL") {
		t.Errorf("bad URL: exit %d %q", code, errOut)
	}
}

// TestFromlogSkipsOverlongLines: a line past the bound is reported and
// skipped; the lines after it are still read.
func TestFromlogSkipsOverlongLines(t *testing.T) {
	log := filepath.Join(t.TempDir(), "big.log")
	huge := "Feb  6 08:08:07 [1:2] core_module INFO Request [1.2.3.4][root] 'func=x&a=" + strings.Repeat("y", maxLogLine) + "'\n"
	os.WriteFile(log, []byte(huge+guideLog+"last line without newline"), 0o644)
	code, out, errOut := mgrgen("fromlog", log)
	if code != 0 || errOut != log+":1: longer than 2097152 bytes; skipped\n" || strings.Count(out, "\n# ") != 0 || !strings.HasPrefix(out, "# Feb 6 08:08:07 root@188.120.252.33: domain.edit\n") {
		t.Errorf("exit %d %q\n%.300s", code, errOut, out)
	}
	var lines []string
	n, err := eachLine(strings.NewReader("a\r\nb\n\nc"), func(line string, at int) { lines = append(lines, line) }, func(int) { t.Error("no line is too long") })
	if err != nil || n != 4 || strings.Join(lines, "|") != "a|b||c" {
		t.Errorf("eachLine: %d %v %q", n, err, lines)
	}
}
