package runtime

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// buildFake builds testdata/fakemgrctl: a real executable, so argv,
// environment and process handling are exercised for real.
func buildFake(t *testing.T) (bin, log string) {
	t.Helper()
	dir := t.TempDir()
	bin = filepath.Join(dir, "mgrctl")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/fakemgrctl").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	log = filepath.Join(dir, "calls.log")
	t.Setenv("FAKE_LOG", log)
	return bin, log
}

type fakeCall struct {
	Args []string          `json:"args"`
	Env  map[string]string `json:"env"`
}

func readFakeCalls(t *testing.T, path string) []fakeCall {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fakeCall
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c fakeCall
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func TestMgrctlArgvAndSecrets(t *testing.T) {
	bin, log := buildFake(t)
	c := NewClient(NewMgrctl("billmgr", WithMgrctlPath(bin)), Lang("en"))
	req := NewRequest("user.edit")
	req.Set("elid", "42")
	req.Set("name", "Bob Smith; rm -rf /")
	req.SetSecret("passwd", "hunter2 $HOME")
	req.Set("sok", "ok")
	resp, err := c.Do(context.Background(), req, Su("alice"))
	if err != nil {
		t.Fatal(err)
	}
	if r := resp.Result(); !r.OK || r.ID != "7" {
		t.Errorf("result = %+v", r)
	}
	calls := readFakeCalls(t, log)
	// Every -e pair comes after all the parameters.
	want := []string{"-m", "billmgr", "-o", "xml", "user.edit", "elid=42", "lang=en", "name=Bob Smith; rm -rf /",
		"sok=ok", "su=alice", "-e", "passwd=$MGRGEN_SECRET_0"}
	if !reflect.DeepEqual(calls[0].Args, want) {
		t.Errorf("argv = %q\nwant %q", calls[0].Args, want)
	}
	if calls[0].Env["MGRGEN_SECRET_0"] != "hunter2 $HOME" {
		t.Errorf("secret env = %q", calls[0].Env)
	}
	for _, a := range calls[0].Args {
		if strings.Contains(a, "hunter2") {
			t.Error("the secret is in argv")
		}
	}
}

func TestMgrctlErrors(t *testing.T) {
	bin, _ := buildFake(t)
	c := NewClient(NewMgrctl("ispmgr", WithMgrctlPath(bin)))
	ctx := context.Background()
	_, err := c.Call(ctx, "fail", nil)
	if !errors.Is(err, ErrMissed) {
		t.Errorf("err = %v, want ErrMissed", err)
	}
	var e *Error
	if errors.As(err, &e) && (e.Object != "name" || e.Func != "fail" || e.StatusCode != 0) {
		t.Errorf("error = %+v", e)
	}
	_, err = c.Call(ctx, "crash", nil)
	if err == nil || !strings.Contains(err.Error(), "ERROR internal(crash)") {
		t.Errorf("err = %v", err)
	}
	for _, bad := range []string{"-i", ""} {
		if _, err := c.Call(ctx, bad, nil); err == nil {
			t.Errorf("function %q was run", bad)
		}
	}
	if _, err := c.Call(ctx, "user", map[string][]string{"-x": {"1"}}); err == nil {
		t.Error("a parameter named like an option was passed")
	}
}

func TestMgrctlCancelKills(t *testing.T) {
	bin, _ := buildFake(t)
	c := NewClient(NewMgrctl("ispmgr", WithMgrctlPath(bin)))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Call(ctx, "sleep", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Error("the process was not killed on cancellation")
	}
}

// TestMgrctlCancelKillsGroup: a grandchild that holds stdout must neither
// keep the call alive past its deadline nor survive it.
func TestMgrctlCancelKillsGroup(t *testing.T) {
	bin, _ := buildFake(t)
	pidFile := filepath.Join(t.TempDir(), "pids")
	t.Setenv("FAKE_PIDS", pidFile)
	c := NewClient(NewMgrctl("ispmgr", WithMgrctlPath(bin)))
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Call(ctx, "spawn", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond+3*time.Second {
		t.Errorf("the call lasted %v after a 500ms deadline", d)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the fake wrote no pids: %v", err)
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc to check the processes with")
	}
	for _, f := range strings.Fields(string(b)) {
		pid, _ := strconv.Atoi(f)
		if !processGone(pid, 3*time.Second) {
			t.Errorf("process %d is still running after the call ended", pid)
		}
	}
}

func TestMgrctlOutputCapped(t *testing.T) {
	bin, _ := buildFake(t)
	c := NewClient(NewMgrctl("ispmgr", WithMgrctlPath(bin)))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := c.Call(ctx, "flood", nil)
	if err == nil || !strings.Contains(err.Error(), "larger than") || ctx.Err() != nil {
		t.Errorf("err = %v (context: %v)", err, ctx.Err())
	}
}

// processGone waits up to d for pid to exit; a zombie waiting to be reaped
// counts as gone.
func processGone(pid int, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return true
		}
		if i := strings.LastIndexByte(string(stat), ')'); i > 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A raw Call marks secrets with the Secret option, and well-known secret
// names are marked without being told.
func TestMgrctlRawCallSecrets(t *testing.T) {
	bin, log := buildFake(t)
	c := NewClient(NewMgrctl("billmgr", WithMgrctlPath(bin)))
	_, err := c.Call(context.Background(), "payment.setpaid", map[string][]string{
		"elid": {"9"}, "pin": {"4242-pin"}, "password": {"pw-1234"}, "api_token": {"tok-999"},
	}, Secret("pin"))
	if err != nil {
		t.Fatal(err)
	}
	call := readFakeCalls(t, log)[0]
	for _, a := range call.Args {
		for _, s := range []string{"4242-pin", "pw-1234", "tok-999"} {
			if strings.Contains(a, s) {
				t.Errorf("%q is in argv: %q", s, call.Args)
			}
		}
	}
	want := []string{"-m", "billmgr", "-o", "xml", "payment.setpaid", "elid=9",
		"-e", "api_token=$MGRGEN_SECRET_0", "-e", "password=$MGRGEN_SECRET_1", "-e", "pin=$MGRGEN_SECRET_2"}
	if !reflect.DeepEqual(call.Args, want) {
		t.Errorf("argv = %q\nwant %q", call.Args, want)
	}
}

// Over mgrctl, a write whose process ran without a clear answer (it
// crashed, or was killed when the context ended) says it may have run; a
// panel error document, or an executable that is not there, says nothing
// ran.
func TestMgrctlWriteOutcome(t *testing.T) {
	bin, _ := buildFake(t)
	m := NewMgrctl("billmgr", WithMgrctlPath(bin))
	if _, err := m.Call(context.Background(), NewRequest("crash")); !MayHaveRun(err) {
		t.Errorf("crash: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := m.Call(ctx, NewRequest("sleep")); !MayHaveRun(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("killed: %v", err)
	}
	if _, err := m.Call(context.Background(), NewRequest("fail")); MayHaveRun(err) || !errors.Is(err, ErrMissed) {
		t.Errorf("refused: %v", err)
	}
	if _, err := m.Call(context.Background(), NewReadRequest("crash")); err == nil || MayHaveRun(err) {
		t.Errorf("a read is not a write: %v", err)
	}
	missing := NewMgrctl("billmgr", WithMgrctlPath(filepath.Join(t.TempDir(), "none")))
	if _, err := missing.Call(context.Background(), NewRequest("user.edit")); err == nil || MayHaveRun(err) {
		t.Errorf("missing mgrctl: %v", err)
	}
}

// mgrctl failing with a secret on its stderr gives an error with the
// secret redacted.
func TestMgrctlStderrSecretRedacted(t *testing.T) {
	bin, _ := buildFake(t)
	req := NewRequest("leak")
	req.SetSecret("passwd", "s3cret-value")
	_, err := NewMgrctl("billmgr", WithMgrctlPath(bin)).Call(context.Background(), req)
	if err == nil || strings.Contains(err.Error(), "s3cret-value") || !strings.Contains(err.Error(), Redacted) {
		t.Errorf("err = %v", err)
	}
}

// A panel error on stdout is the error even when mgrctl also exits
// non-zero; a secret as short as minRedactLen is redacted from the answer.
func TestMgrctlPanelErrorAndShortSecret(t *testing.T) {
	bin, _ := buildFake(t)
	m := NewMgrctl("billmgr", WithMgrctlPath(bin))
	_, err := m.Call(context.Background(), NewReadRequest("failexit"))
	var pe *Error
	if !errors.As(err, &pe) || pe.Type != "missed" || pe.Object != "name" {
		t.Errorf("failexit: err = %v, want the panel's error", err)
	}
	req := NewReadRequest("echo")
	req.SetSecret("passwd", "abcd")
	resp, err := m.Call(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if raw := string(resp.Raw); strings.Contains(raw, "abcd") || !strings.Contains(raw, Redacted) {
		t.Errorf("Raw = %s", raw)
	}
}

// Excerpt keeps a string of exactly n bytes whole, and never cuts before
// the start of the string.
func TestExcerptEdges(t *testing.T) {
	if got := Excerpt("abcde", 5); got != "abcde" {
		t.Errorf("exactly n: %q", got)
	}
	if got := Excerpt("abcdef", 5); got != "abcde..." {
		t.Errorf("n+1: %q", got)
	}
	if got := Excerpt("\x80\x80\x80\x80", 2); got != "..." {
		t.Errorf("no rune start: %q", got)
	}
}
