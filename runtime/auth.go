package runtime

import (
	"context"
	"net/url"
	"sync"
	"time"
)

// Auth is how an HTTP transport proves who it is.
type Auth interface {
	// authorize adds credentials to the body of a call. relogin is true
	// after the panel refused the session the previous attempt used.
	// It returns the session id it put in, or "" when it uses none.
	authorize(ctx context.Context, h *HTTP, v url.Values, relogin bool, used string) (session string, err error)
}

// AuthInfo authenticates every call with authinfo=user:password, sent in
// the POST body. A refused call is never resent: the same credentials
// would be refused again.
func AuthInfo(user, password string) Auth { return &authInfo{user: user, password: password} }

type authInfo struct{ user, password string }

func (a *authInfo) authorize(_ context.Context, _ *HTTP, v url.Values, _ bool, _ string) (string, error) {
	v.Set("authinfo", a.user+":"+a.password)
	return "", nil
}

// loginTimeout bounds one func=auth call. A login is shared by every call
// waiting for it, so it runs detached from any one caller's context.
const loginTimeout = 30 * time.Second

// failedLoginHold is how long a failed login is reported to new callers
// before another login is tried: panels ban addresses that fail often.
const failedLoginHold = 5 * time.Second

// AuthSession logs in once with func=auth and reuses the session id.
// When the panel refuses the session (it expired), the call is resent
// once after a new login, because the refusal proves the panel did not run
// it. It is safe for concurrent use: calls that need a login at the same
// time share one func=auth request, and so share its failure: with a wrong
// password the panel sees one attempt, not one per goroutine. Every
// waiting call still honours its own context.
func AuthSession(user, password string) Auth { return &authSession{user: user, password: password} }

type authSession struct {
	user, password string

	mu       sync.Mutex
	id       string
	flight   *loginFlight
	failErr  error
	failedAt time.Time
	now      func() time.Time // time.Now; tests move it
}

func (a *authSession) clock() time.Time {
	if a.now != nil {
		return a.now()
	}
	return time.Now()
}

// loginFlight is one func=auth call and its outcome, shared by its waiters.
type loginFlight struct {
	done chan struct{}
	id   string
	err  error
}

func (a *authSession) authorize(ctx context.Context, h *HTTP, v url.Values, relogin bool, used string) (string, error) {
	a.mu.Lock()
	// The current session is good unless it is the one just refused (a
	// concurrent call may have renewed it already).
	if a.id != "" && !(relogin && a.id == used) {
		id := a.id
		a.mu.Unlock()
		v.Set("auth", id)
		return id, nil
	}
	fl := a.flight
	if fl == nil {
		if a.failErr != nil && a.clock().Sub(a.failedAt) < failedLoginHold {
			err := a.failErr
			a.mu.Unlock()
			return "", err
		}
		fl = &loginFlight{done: make(chan struct{})}
		a.flight = fl
		go a.login(context.WithoutCancel(ctx), h, fl)
	}
	a.mu.Unlock()
	select {
	case <-fl.done:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	if fl.err != nil {
		return "", fl.err
	}
	v.Set("auth", fl.id)
	return fl.id, nil
}

func (a *authSession) login(ctx context.Context, h *HTTP, fl *loginFlight) {
	ctx, cancel := context.WithTimeout(ctx, loginTimeout)
	defer cancel()
	id, err := h.login(ctx, a.user, a.password)
	a.mu.Lock()
	a.flight = nil
	if err == nil {
		a.id, a.failErr = id, nil
	} else {
		a.id, a.failErr, a.failedAt = "", err, a.clock()
	}
	fl.id, fl.err = id, err
	a.mu.Unlock()
	close(fl.done)
}

// NoAuth sends no credentials (for functions open to everyone, or when a
// proxy in front of the panel authenticates).
func NoAuth() Auth { return noAuth{} }

type noAuth struct{}

func (noAuth) authorize(context.Context, *HTTP, url.Values, bool, string) (string, error) {
	return "", nil
}
