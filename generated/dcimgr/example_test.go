package dcimgr_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/mgrgen/mgrgen/generated/dcimgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// Reinstall a dedicated server's operating system and reboot it, against a
// fake DCImanager on loopback that serves this package's own schema.
func Example() {
	s, err := schema.Load("dcimgr.schema.json")
	if err != nil {
		log.Fatal(err)
	}
	panel := mgrtest.New(s)
	panel.Seed("server", mgrtest.Row{"id": "7", "name": "rack1-u12", "mac": "52:54:00:12:34:56"})
	srv := httptest.NewServer(panel)
	defer srv.Close()
	ctx := context.Background()

	c := dcimgr.New(runtime.NewHTTP(srv.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	servers, err := c.Server(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	id := servers.Rows[0].ID
	if _, err := c.ServerOperations(ctx, &dcimgr.ServerOperationsRequest{
		Elid:       id,
		Operation:  runtime.Set(dcimgr.ServerOperationsOperationOstemplate),
		Ostemplate: runtime.Set("CentOS-7-amd64"),
		Passwd:     runtime.Set("s3cret-root"),
		Confirm:    runtime.Set("s3cret-root"),
	}); err != nil {
		log.Fatal(err)
	}
	if _, err := c.ServerReboot(ctx, []string{id}); err != nil {
		log.Fatal(err)
	}
	for _, r := range panel.Requests() {
		fmt.Printf("%s elid=%q operation=%q passwd=%q\n", r.Func, r.Params.Get("elid"), r.Params.Get("operation"), r.Params.Get("passwd"))
	}
	// Output:
	// server elid="" operation="" passwd=""
	// server.operations elid="7" operation="ostemplate" passwd="[redacted]"
	// server.reboot elid="7" operation="" passwd=""
}
