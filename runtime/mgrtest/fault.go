package mgrtest

import (
	"io"
	"net"
	"net/http"
	"time"
)

// Fault is one misbehaviour, applied to the next call of Func (any
// function when empty), or to a later one with AfterCalls.
type Fault struct {
	Func string
	// AfterCalls lets that many matching calls through untouched first:
	// Fault{ExpireSession: true, AfterCalls: 3} expires the session on the
	// fourth call.
	AfterCalls int
	// Delay holds the answer back.
	Delay time.Duration
	// ExpireSession forgets every session before the call runs.
	ExpireSession bool
	// LoginPage answers the HTML login page with HTTP 200; the call does
	// not run.
	LoginPage bool
	// Status, when set, answers that HTTP status with Body (a proxy's error
	// page, or with 200 any document), before the panel runs the call, or
	// after it when After is set; Location, when set, goes in the header
	// (a redirect).
	Status   int
	Body     string
	Location string
	After    bool
	// Truncate sends half of the answer after the call ran.
	Truncate bool
	// Reset closes the connection without an answer, before the call runs,
	// or after it when After is set.
	Reset bool
}

// ProxyPage is a gateway's error page with the given status, after the
// panel ran the call (the case that must not lead to a resend).
func ProxyPage(status int) Fault {
	return Fault{Status: status, After: true, Body: "<html><head><title>Bad Gateway</title></head><body>nginx</body></html>"}
}

// loginPage is the shape of a panel's HTML login page: a form asking for
// a user name and a password.
const loginPage = `<!DOCTYPE html><html><head><title>Login</title></head><body>` +
	`<form method="post" action="/"><input type="text" name="username"><input type="password" name="password"></form></body></html>`

// Inject queues faults; each applies once.
func (p *Panel) Inject(faults ...Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.faults = append(p.faults, faults...)
}

func (p *Panel) nextFault(fn string) *Fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.faults {
		f := &p.faults[i]
		if f.Func != "" && f.Func != fn {
			continue
		}
		if f.AfterCalls > 0 {
			// This call passes; a later fault in the queue may still match.
			f.AfterCalls--
			continue
		}
		hit := *f
		p.faults = append(p.faults[:i:i], p.faults[i+1:]...)
		return &hit
	}
	return nil
}

// before applies the part of a fault that comes before the call runs and
// reports whether the answer has been given.
func (f *Fault) before(p *Panel, w http.ResponseWriter) bool {
	if f == nil {
		return false
	}
	if f.Delay > 0 {
		time.Sleep(f.Delay)
	}
	if f.ExpireSession {
		p.ExpireSessions()
	}
	switch {
	case f.LoginPage:
		io.WriteString(w, loginPage)
		return true
	case f.Status != 0 && !f.After:
		f.header(w)
		w.WriteHeader(f.Status)
		io.WriteString(w, f.Body)
		return true
	case f.Reset && !f.After:
		reset(w)
		return true
	}
	return false
}

// after applies the part of a fault that comes after the call ran and
// reports whether the answer has been given.
func (f *Fault) after(w http.ResponseWriter, doc string) bool {
	if f == nil {
		return false
	}
	switch {
	case f.Status != 0 && f.After:
		f.header(w)
		w.WriteHeader(f.Status)
		io.WriteString(w, f.Body)
		return true
	case f.Truncate:
		io.WriteString(w, doc[:len(doc)/2])
		return true
	case f.Reset && f.After:
		reset(w)
		return true
	}
	return false
}

func (f *Fault) header(w http.ResponseWriter) {
	if f.Location != "" {
		w.Header().Set("Location", f.Location)
	}
}

// reset closes the connection abruptly.
func reset(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	conn.Close()
}
