// Package wiretest serves the shipped packages' wire tests: a fake panel
// (runtime/mgrtest, driven by a schema file) behind a loopback server that
// keeps every request body exactly as sent, and the body a call is
// expected to send.
package wiretest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// Recorder is the fake panel with the bodies it was sent.
type Recorder struct {
	*mgrtest.Panel
	// HTTP is a transport to it, logged in with authinfo.
	HTTP   *runtime.HTTP
	mu     sync.Mutex
	bodies []string
}

// New starts a fake panel serving the schema in schemaFile.
func New(t testing.TB, schemaFile string) *Recorder {
	t.Helper()
	s, err := schema.Load(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	r := &Recorder{Panel: mgrtest.New(s)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.bodies = append(r.bodies, string(b))
		r.mu.Unlock()
		req.Body = io.NopCloser(bytes.NewReader(b))
		r.Panel.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	r.HTTP = runtime.NewHTTP(srv.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password))
	return r
}

// Last is the body of the last request.
func (r *Recorder) Last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.bodies) == 0 {
		return ""
	}
	return r.bodies[len(r.bodies)-1]
}

// Form is the body the transport sends for the parameters given as name,
// value pairs, with its own authinfo and out=xml (url.Values encodes with
// sorted keys, as the transport does).
func Form(pairs ...string) string {
	v := url.Values{"authinfo": {mgrtest.User + ":" + mgrtest.Password}, "out": {"xml"}}
	for i := 0; i < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v.Encode()
}
