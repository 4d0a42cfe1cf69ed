package introspect

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mgrgen/mgrgen/schema"
)

var (
	fakeOnce sync.Once
	fakePath string
	fakeErr  error
)

// fakeMgrctl builds testdata/fakemgrctl once per test binary: a real
// executable, so the tests exercise process spawning, argv and exit codes.
func fakeMgrctl(t testing.TB) string {
	t.Helper()
	fakeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fakemgrctl")
		if err != nil {
			fakeErr = err
			return
		}
		fakePath = filepath.Join(dir, "mgrctl")
		out, err := exec.Command("go", "build", "-o", fakePath, "./testdata/fakemgrctl").CombinedOutput()
		if err != nil {
			fakeErr = fmt.Errorf("building the fake mgrctl: %v\n%s", err, out)
		}
	})
	if fakeErr != nil {
		t.Fatal(fakeErr)
	}
	return fakePath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fakePath != "" {
		os.RemoveAll(filepath.Dir(fakePath))
	}
	os.Exit(code)
}

func fakeEnv(t testing.TB, funcs int, extras bool, delay time.Duration) string {
	t.Helper()
	t.Setenv("FAKE_FUNCS", strconv.Itoa(funcs))
	t.Setenv("FAKE_EXTRAS", map[bool]string{true: "1", false: "0"}[extras])
	t.Setenv("FAKE_DELAY", delay.String())
	log := filepath.Join(t.TempDir(), "calls.log")
	t.Setenv("FAKE_LOG", log)
	return log
}

func TestFetchLocalMgrctl(t *testing.T) {
	log := fakeEnv(t, 30, true, 0)
	p := &Mgrctl{Path: fakeMgrctl(t), Panel: "billmgr"}
	// The progress bar draws on character devices; /dev/null is one, so
	// the bar's arithmetic runs through the whole capture.
	opt := FetchOptions{Jobs: 3}
	if devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer devnull.Close()
		opt.Progress = devnull
	}
	c, err := Fetch(context.Background(), p, "billmgr", opt)
	if err != nil {
		t.Fatal(err)
	}
	// 30 generated describable functions + broken, errdoc and garbage forms.
	if len(c.Devel) != 32 || len(c.Failures) != 3 {
		t.Errorf("%d documents, failures %v", len(c.Devel), c.Failures)
	}
	if !strings.Contains(c.Failures["broken.form"], "ERROR internal(crash)") {
		t.Errorf("broken.form failure = %q", c.Failures["broken.form"])
	}
	if !strings.Contains(c.Failures["garbage.form"], "malformed XML") {
		t.Errorf("garbage.form failure = %q", c.Failures["garbage.form"])
	}
	s, err := Build("billmgr", c, Files{})
	if err != nil {
		t.Fatal(err)
	}
	counts := s.CountKinds()
	// The fake's listing leaves out the edit forms and delete operations its
	// lists' toolbars point at; those enter from the toolbars (10 each).
	if want := map[string]int{"form": 23, "list": 10, "report": 10, "group": 11, "validator": 1, "": 1}; !reflect.DeepEqual(counts, want) {
		t.Errorf("kinds = %v, want %v", counts, want)
	}
	f := s.Lookup("obj0000.edit")
	if got := summarize(f.Params); !reflect.DeepEqual(got, []string{"name:string:req", "active:bool", "passwd:string:secret", "limit:int", "mode:enum"}) {
		t.Errorf("obj0000.edit params = %v", got)
	}
	if f.Title != "Object 0" || f.Params[0].Hint != "The object's name" ||
		!reflect.DeepEqual(f.Params[4].Enum, []schema.EnumValue{{Key: "fast", Label: "Fast"}, {Key: "safe", Label: "Safe"}}) {
		t.Errorf("obj0000.edit = %+v", f)
	}
	l := s.Lookup("obj0001")
	if l.Key != "id" || len(l.Columns) != 3 || len(l.Actions) != 2 || l.Columns[2].Label != "Status" {
		t.Errorf("obj0001 = %+v", l)
	}
	r := s.Lookup("obj0002.stat")
	if r.Kind != "report" || len(r.Tables) != 1 || len(r.Params) != 1 || len(r.Params[0].Enum) != 2 {
		t.Errorf("obj0002.stat = %+v", r)
	}
	if e := s.Lookup("errdoc.form").Error; e != "panel error access(errdoc.form): Access denied" {
		t.Errorf("errdoc.form error = %q", e)
	}
	if s.Lookup("broken.form").Error == "" || s.Lookup("user.delete").Error != "" {
		t.Error("failures are not recorded where they belong")
	}
	// Only forms, lists and reports are asked for devel documents, and every
	// call carries its arguments as separate argv entries.
	calls := readCalls(t, log)
	if len(calls) != 1+33 {
		t.Errorf("%d calls, want 34", len(calls))
	}
	for _, c := range calls {
		if strings.Contains(c.args, "user.delete") || strings.Contains(c.args, "check.int") || strings.Contains(c.args, " exit ") {
			t.Errorf("unexpected call %q", c.args)
		}
	}
}

func TestFetchStrictStops(t *testing.T) {
	fakeEnv(t, 3, true, 0)
	_, err := Fetch(context.Background(), &Mgrctl{Path: fakeMgrctl(t), Panel: "billmgr"}, "billmgr", FetchOptions{Jobs: 1, Strict: true})
	if err == nil || !strings.Contains(err.Error(), `function "broken.form"`) {
		t.Errorf("err = %v, want the first failing function named", err)
	}
}

func TestFetchTimeoutKillsCall(t *testing.T) {
	fakeEnv(t, 2, false, 5*time.Second)
	start := time.Now()
	c, err := Fetch(context.Background(), &Mgrctl{Path: fakeMgrctl(t), Panel: "billmgr"}, "billmgr",
		FetchOptions{Jobs: 2, Timeout: 200 * time.Millisecond, Known: []ListingEntry{{Name: "obj0000.edit", Kind: "form"}, {Name: "obj0001", Kind: "list"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Failures) != 2 || !strings.Contains(c.Failures["obj0000.edit"], "deadline exceeded") {
		t.Errorf("failures = %v", c.Failures)
	}
	if time.Since(start) > 4*time.Second {
		t.Errorf("the timed-out calls were not killed")
	}
}

type call struct {
	start, end int64
	args       string
}

func readCalls(t testing.TB, path string) []call {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []call
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), " ", 3)
		s, _ := strconv.ParseInt(parts[0], 10, 64)
		e, _ := strconv.ParseInt(parts[1], 10, 64)
		out = append(out, call{s, e, parts[2]})
	}
	return out
}

// maxOverlap is the largest number of calls running at one instant.
func maxOverlap(calls []call) int {
	type ev struct {
		t     int64
		delta int
	}
	var evs []ev
	for _, c := range calls {
		evs = append(evs, ev{c.start, 1}, ev{c.end, -1})
	}
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].t != evs[j].t {
			return evs[i].t < evs[j].t
		}
		return evs[i].delta < evs[j].delta
	})
	cur, peak := 0, 0
	for _, e := range evs {
		cur += e.delta
		peak = max(peak, cur)
	}
	return peak
}

func TestFetchConcurrencyBounded(t *testing.T) {
	log := fakeEnv(t, 60, false, 30*time.Millisecond)
	if _, err := Fetch(context.Background(), &Mgrctl{Path: fakeMgrctl(t), Panel: "ispmgr"}, "ispmgr", FetchOptions{Jobs: 4}); err != nil {
		t.Fatal(err)
	}
	calls := readCalls(t, log)
	if len(calls) != 61 {
		t.Fatalf("%d calls, want 61", len(calls))
	}
	if peak := maxOverlap(calls[1:]); peak > 4 || peak < 2 {
		t.Errorf("up to %d calls ran at once with -j 4", peak)
	}
}

// BenchmarkFetch1000 measures a 1,000-function panel answering each call in
// 50 ms. The bar for -j 8 is 1.25 x (1000 x 50 ms / 8) = 7.8 s.
func BenchmarkFetch1000(b *testing.B) {
	for _, jobs := range []int{4, 8} {
		b.Run(fmt.Sprintf("j%d", jobs), func(b *testing.B) {
			fakeEnv(b, 1000, false, 50*time.Millisecond)
			p := &Mgrctl{Path: fakeMgrctl(b), Panel: "ispmgr"}
			for b.Loop() {
				c, err := Fetch(context.Background(), p, "ispmgr", FetchOptions{Jobs: jobs})
				if err != nil || len(c.Devel) != 1000 {
					b.Fatalf("err %v, %d documents", err, len(c.Devel))
				}
			}
		})
	}
}

func TestDumpRoundTrip(t *testing.T) {
	fakeEnv(t, 6, true, 0)
	p := &Mgrctl{Path: fakeMgrctl(t), Panel: "billmgr"}
	c, err := Fetch(context.Background(), p, "billmgr", FetchOptions{WithFuncInfo: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := WriteDump(dir, c, DumpOptions{}); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "devel", "obj0000.edit.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(saved), "hunter2") || !strings.Contains(string(saved), "<name>example</name>") {
		t.Errorf("secret not removed or data lost:\n%s", saved)
	}
	info, err := os.ReadFile(filepath.Join(dir, "info", "obj0000.edit.txt"))
	if err != nil || string(info) != "obj0000.edit: parameters of the function\n" {
		t.Errorf("func info = %q, %v", info, err)
	}
	back, err := ReadDump(dir)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := Build("billmgr", c, Files{})
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := Build("billmgr", back, Files{})
	if err != nil {
		t.Fatal(err)
	}
	direct.Source, replayed.Source = schema.Source{}, schema.Source{}
	a, err := schema.Marshal(direct)
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.Marshal(replayed)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("the schema built from the dump differs from the direct one:\n%s\n---\n%s", a, b)
	}
}

func TestHTTPPanel(t *testing.T) {
	var mu sync.Mutex
	var bodies []url.Values
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" || r.Method != http.MethodPost {
			t.Errorf("request %s %s: parameters must travel in the body", r.Method, r.URL)
		}
		b, _ := io.ReadAll(r.Body)
		v, _ := url.ParseQuery(string(b))
		mu.Lock()
		bodies = append(bodies, v)
		mu.Unlock()
		switch v.Get("func") {
		case "actionlist":
			fmt.Fprint(w, `<doc><elem><action>user</action></elem><elem><action>user.edit</action></elem><elem><action>exit</action></elem></doc>`)
		case "user.edit":
			fmt.Fprint(w, `<doc func="user.edit"><metadata name="user.edit" type="form"><form><field name="name"><input type="text" name="name" required="yes"/></field></form></metadata></doc>`)
		case "user":
			fmt.Fprint(w, `<doc func="user"><metadata name="user" type="list" key="id"><coldata><col name="id" type="data"/></coldata></metadata></doc>`)
		default:
			http.Error(w, "nope", http.StatusNotFound)
		}
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake below is expected
	defer srv.Close()
	h := &HTTPPanel{URL: srv.URL + "/billmgr", User: "admin", Password: "s3cret", Client: srv.Client()}

	// With only actionlist the kinds are unknown: nothing is probed unless
	// asked, and the run says why and which flag fixes it.
	var warned []string
	warn := func(m string) { warned = append(warned, m) }
	c, err := Fetch(context.Background(), h, "billmgr", FetchOptions{Warn: warn})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Devel) != 0 || len(bodies) != 1 {
		t.Errorf("probed %d functions without -probe", len(c.Devel))
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "3 of 3 functions have no kind") || !strings.Contains(warned[0], "--functions FILE") || !strings.Contains(warned[0], "-probe") {
		t.Errorf("warnings %q", warned)
	}
	// -probe says what it will ask and what it skips before asking, and
	// never asks a name that looks like a write (exit).
	warned = nil
	c, err = Fetch(context.Background(), h, "billmgr", FetchOptions{Probe: true, Warn: func(m string) {
		mu.Lock()
		n := len(bodies)
		mu.Unlock()
		if n != 2 { // the actionlist call of this run only
			t.Errorf("warned after %d requests", n)
		}
		warn(m)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(warned) != 2 || warned[0] != "-probe: asking out=devel (no elid) of 2 functions of unknown kind: user, user.edit" ||
		!strings.Contains(warned[1], "skipping 1 that look like writes") || !strings.HasSuffix(warned[1], ": exit") {
		t.Errorf("probe warnings %q", warned)
	}
	s, err := Build("billmgr", c, Files{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Lookup("user.edit").Kind != "form" || s.Lookup("user").Kind != "list" || s.Lookup("exit").Kind != "" || c.Failures["exit"] != "" {
		t.Errorf("schema = %+v", s.Functions)
	}
	for _, v := range bodies {
		if v.Get("authinfo") != "admin:s3cret" || v.Get("lang") != "en" {
			t.Errorf("body %v lacks authinfo or lang", v)
		}
		if v.Get("func") == "exit" {
			t.Error("-probe asked exit, which looks like a write")
		}
		if v.Get("func") != "actionlist" && (v.Get("out") != "devel" || v.Has("elid")) {
			t.Errorf("body %v is not an out=devel call", v)
		}
	}
	// With every kind known, -probe has nothing to say.
	warned = nil
	known := []ListingEntry{{Name: "user", Kind: "list"}, {Name: "user.edit", Kind: "form"}}
	if _, err := Fetch(context.Background(), h, "billmgr", FetchOptions{Probe: true, Known: known, Warn: warn}); err != nil || len(warned) != 0 {
		t.Errorf("-probe with every kind known: err %v, warnings %q", err, warned)
	}
	// Only writes to skip: said, though nothing is asked; nothing to skip:
	// no word about skipping.
	warned = nil
	if _, err := Fetch(context.Background(), h, "billmgr", FetchOptions{Probe: true, Known: []ListingEntry{{Name: "exit"}}, Warn: warn}); err != nil ||
		len(warned) != 2 || !strings.Contains(warned[1], "skipping 1") {
		t.Errorf("-probe with only a write: err %v, warnings %q", err, warned)
	}
	warned = nil
	if _, err := Fetch(context.Background(), h, "billmgr", FetchOptions{Probe: true, Known: []ListingEntry{{Name: "user"}}, Warn: warn}); err != nil ||
		len(warned) != 1 || !strings.Contains(warned[0], "of 1 functions") {
		t.Errorf("-probe with nothing to skip: err %v, warnings %q", err, warned)
	}
	// TLS is verified: the default client does not trust the test server.
	_, err = Fetch(context.Background(), &HTTPPanel{URL: srv.URL + "/billmgr"}, "billmgr", FetchOptions{})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted certificate accepted: %v", err)
	}
	if strings.Contains(fmt.Sprint(err), "s3cret") {
		t.Error("the password leaked into an error")
	}
}

func TestFetchCancelled(t *testing.T) {
	fakeEnv(t, 50, false, 100*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err := Fetch(ctx, &Mgrctl{Path: fakeMgrctl(t), Panel: "ispmgr"}, "ispmgr", FetchOptions{Jobs: 2})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's error", err)
	}
}

// TestMgrctlCancelKillsProcess: cancelling a capture must end the mgrctl
// process itself, checked by its process id, not only return early.
func TestMgrctlCancelKillsProcess(t *testing.T) {
	fakeEnv(t, 3, false, 30*time.Second)
	pids := filepath.Join(t.TempDir(), "pids")
	t.Setenv("FAKE_PIDS", pids)
	p := &Mgrctl{Path: fakeMgrctl(t), Panel: "billmgr"}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := p.Devel(ctx, "user.edit"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the call lasted %v", d)
	}
	b, err := os.ReadFile(pids)
	if err != nil {
		t.Fatalf("no pid recorded: %v", err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc to check the process with")
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil || strings.Contains(string(stat), ") Z ") {
			return // gone, or a zombie
		}
		if time.Now().After(deadline) {
			t.Fatalf("mgrctl process %d still runs after the capture was cancelled", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestCaptureSpeedBar holds the capture to its bar: 1,000 functions
// answering in 50 ms each, -j 8, within 1.25 x the ideal 6.25 s. It takes
// about 7 s, so it runs only when asked: MGRGEN_BENCH_BAR=1 (make
// bench-bar). The figure itself comes from BenchmarkFetch1000.
func TestCaptureSpeedBar(t *testing.T) {
	if os.Getenv("MGRGEN_BENCH_BAR") != "1" {
		t.Skip("set MGRGEN_BENCH_BAR=1 to check the capture speed bar")
	}
	fakeEnv(t, 1000, false, 50*time.Millisecond)
	p := &Mgrctl{Path: fakeMgrctl(t), Panel: "ispmgr"}
	const jobs = 8
	ideal := time.Duration(1000/jobs) * 50 * time.Millisecond
	start := time.Now()
	c, err := Fetch(context.Background(), p, "ispmgr", FetchOptions{Jobs: jobs})
	took := time.Since(start)
	if err != nil || len(c.Devel) != 1000 {
		t.Fatalf("err %v, %d documents", err, len(c.Devel))
	}
	t.Logf("1,000 functions at 50 ms, -j %d: %v (%.2f x the ideal %v)", jobs, took, float64(took)/float64(ideal), ideal)
	if bar := ideal * 5 / 4; took > bar {
		t.Errorf("took %v, over the bar of %v", took, bar)
	}
}
