package generator_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/runtime"
)

// faultyPanel applies user.edit submits and user.delete operations,
// recording how often each was applied, and misbehaves at random the ways
// real deployments do: sessions expire, a proxy answers 500/502/504 before
// or after the panel ran the call, answers come slowly and callers'
// deadlines cut them.
type faultyPanel struct {
	mu       sync.Mutex
	sessions map[string]bool
	applied  map[string]int
	logins   atomic.Int64
	seq      atomic.Int64
}

func (p *faultyPanel) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	v, _ := url.ParseQuery(string(b))
	fn := v.Get("func")
	if fn == "auth" {
		id := fmt.Sprintf("s%d", p.seq.Add(1))
		p.logins.Add(1)
		p.mu.Lock()
		p.sessions[id] = true
		p.mu.Unlock()
		fmt.Fprintf(w, `<doc><auth id="%s">%s</auth></doc>`, id, id)
		return
	}
	roll := rand.IntN(100)
	p.mu.Lock()
	if roll < 5 { // the session expires now
		delete(p.sessions, v.Get("auth"))
	}
	valid := p.sessions[v.Get("auth")]
	p.mu.Unlock()
	if !valid {
		fmt.Fprint(w, `<doc><error type="auth" object="session"><msg>session expired</msg></error></doc>`)
		return
	}
	if roll >= 5 && roll < 10 { // a proxy fails before the panel sees it
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html><body>502 Bad Gateway</body></html>")
		return
	}
	if roll >= 10 && roll < 20 {
		time.Sleep(time.Duration(20+rand.IntN(80)) * time.Millisecond)
	}
	key := ""
	switch fn {
	case "user.edit":
		if v.Get("sok") == "ok" {
			key = "edit:" + v.Get("name")
		}
	case "user.delete":
		key = "delete:" + v.Get("elid")
	}
	if key != "" {
		p.mu.Lock()
		p.applied[key]++
		p.mu.Unlock()
	}
	switch {
	case roll >= 20 && roll < 25: // ran, then the proxy timed out
		w.WriteHeader(http.StatusGatewayTimeout)
		fmt.Fprint(w, "<html><body>504 Gateway Time-out</body></html>")
	case roll >= 25 && roll < 28:
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "<html><body>500</body></html>")
	case fn == "user":
		fmt.Fprint(w, `<doc><elem><id>1</id><name>a</name></elem><p_elems>1</p_elems></doc>`)
	default:
		fmt.Fprint(w, `<doc><ok/><id>1</id></doc>`)
	}
}

// TestLoadWritesAppliedOnce runs 50 goroutines of a generated client
// against the faulty panel. From the panel's own record: no write is ever
// applied twice, and every write the caller was told succeeded was applied
// exactly once.
func TestLoadWritesAppliedOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	p := &faultyPanel{sessions: map[string]bool{}, applied: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(p.serve))
	defer srv.Close()
	c := billmgr.New(runtime.NewHTTP(srv.URL, runtime.AuthSession("admin", "pw"), runtime.RetryReads(3)))
	type outcome struct {
		key string
		ok  bool
	}
	var mu sync.Mutex
	var outcomes []outcome
	var wg sync.WaitGroup
	for g := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(40+rand.IntN(200))*time.Millisecond)
				name := fmt.Sprintf("u%d-%d", g, i)
				_, err := c.UserEdit(ctx, &billmgr.UserEditRequest{Name: runtime.Set(name)})
				_, errDel := c.UserDelete(ctx, []string{name})
				_, _ = c.User(ctx, nil) // reads may retry; nothing to count
				cancel()
				mu.Lock()
				outcomes = append(outcomes, outcome{"edit:" + name, err == nil}, outcome{"delete:" + name, errDel == nil})
				mu.Unlock()
				if err != nil && !isExpected(err) {
					t.Errorf("unexpected error kind: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	succeeded, failed := 0, 0
	for _, o := range outcomes {
		n := p.applied[o.key]
		if n > 1 {
			t.Errorf("%s was applied %d times", o.key, n)
		}
		if o.ok {
			succeeded++
			if n != 1 {
				t.Errorf("%s was reported done but applied %d times", o.key, n)
			}
		} else {
			failed++
		}
	}
	if succeeded == 0 || failed == 0 {
		t.Errorf("%d succeeded, %d failed: the faults did not exercise both paths", succeeded, failed)
	}
	t.Logf("%d writes: %d succeeded, %d reported failed; %d logins", len(outcomes), succeeded, failed, p.logins.Load())
}

func isExpected(err error) bool {
	var se *runtime.StatusError
	var te *runtime.TransportError
	return errors.As(err, &se) || errors.As(err, &te) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, runtime.ErrAuth)
}
