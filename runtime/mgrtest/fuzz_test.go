package mgrtest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/runtime/mgrtest"
)

// Whatever a request or a command line holds, the fake panel answers
// without panicking, and an answer it gives as XML is a document.
func FuzzPanel(f *testing.F) {
	for _, seed := range []string{
		"func=user&authinfo=admin:secret",
		"func=user.edit&authinfo=admin:secret&sok=ok&name=a&redirect=startform%3Duser",
		"func=user.delete&authinfo=admin:secret&elid=1,%202,%20&out=json",
		"func=user&authinfo=admin:secret&p_num=-1&p_cnt=0&filter=on&name=",
		"func=user&authinfo=admin:secret&p_num=4611686018427387904&p_cnt=4",
		"func=user&authinfo=admin:secret&p_num=1&p_cnt=9223372036854775807",
		"func=user&authinfo=admin:secret&su=admin&out=text",
		"func=auth&username=admin&key=",
		"func=session.newkey&authinfo=admin:secret&username=admin&key=0123456789abcdef",
		"func=domain.record.edit&authinfo=admin:secret&plid=a&elid=b%20TXT%20%20c&sok=ok&out=sjson",
		"func=user.edit&authinfo=admin:secret&out=devel",
	} {
		f.Add(seed)
	}
	s := load(f, "billmgr")
	f.Fuzz(func(t *testing.T, query string) {
		p := mgrtest.New(s)
		p.Seed("user", mgrtest.Row{"id": "1", "name": "alice"})
		rec := httptest.NewRecorder()
		// As a form body, which may hold any bytes.
		req := httptest.NewRequest(http.MethodPost, "/billmgr", strings.NewReader(query))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		p.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
		if strings.Contains(rec.Header().Get("Content-Type"), "xml") && !strings.Contains(rec.Body.String(), "<doc") {
			t.Fatalf("not a document: %q", rec.Body.String())
		}
		p.Mgrctl(append([]string{"-m", "billmgr"}, strings.Fields(strings.ReplaceAll(query, "&", " "))...), func(string) string { return "" })
	})
}
