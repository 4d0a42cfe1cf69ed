package runtime

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A refused login is reported to later callers for failedLoginHold without
// another func=auth (panels ban addresses that fail often); from the moment
// the hold ends, the next call logs in again.
func TestHTTPFailedLoginHold(t *testing.T) {
	var logins atomic.Int32
	p := newPanel(t, func(v url.Values) (int, string) {
		if v.Get("func") == "auth" {
			logins.Add(1)
			return 200, `<doc><error type="auth" object="badpassword"><msg>Invalid</msg></error></doc>`
		}
		return 200, okDoc
	})
	auth := AuthSession("admin", "nope")
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	auth.(*authSession).now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	c := NewClient(NewHTTP(p.URL, auth))
	ctx := context.Background()
	call := func(wantLogins int32) {
		t.Helper()
		if _, err := c.Call(ctx, "user", nil); !errors.Is(err, ErrAuth) {
			t.Fatalf("err = %v, want ErrAuth", err)
		}
		if got := logins.Load(); got != wantLogins {
			t.Fatalf("%d logins, want %d", got, wantLogins)
		}
	}
	call(1)
	call(1) // held: the same failure, no new attempt
	advance(failedLoginHold - time.Nanosecond)
	call(1)
	advance(time.Nanosecond) // exactly failedLoginHold after the failure
	call(2)
	call(2)
}
