package dnsmgr_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/mgrgen/mgrgen/generated/dnsmgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// Add an A record to a zone and list the zone's records, against a fake
// DNSmanager on loopback that serves this package's own schema.
func Example() {
	s, err := schema.Load("dnsmgr.schema.json")
	if err != nil {
		log.Fatal(err)
	}
	panel := mgrtest.New(s)
	panel.Seed("domain", mgrtest.Row{"name": "example.com", "user": "client7"})
	srv := httptest.NewServer(panel)
	defer srv.Close()
	ctx := context.Background()

	c := dnsmgr.New(runtime.NewHTTP(srv.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	if _, err := c.DomainRecordEdit(ctx, "example.com", &dnsmgr.DomainRecordEditRequest{
		Name:  runtime.Set("www"),
		Rtype: runtime.Set(dnsmgr.DomainRecordEditRtypeA),
		IP:    runtime.Set("192.0.2.10"),
		TTL:   runtime.Set[int64](3600),
	}); err != nil {
		log.Fatal(err)
	}
	records, err := c.DomainRecord(ctx, &dnsmgr.DomainRecordRequest{Parent: "example.com"})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range records.Rows {
		fmt.Println(r.Name, r.Rtype, r.TTL)
	}
	for _, r := range panel.Requests() {
		fmt.Printf("%s plid=%q elid=%q\n", r.Func, r.Params.Get("plid"), r.Params.Get("elid"))
	}
	// Output:
	// www a 3600
	// domain.record.edit plid="example.com" elid=""
	// domain.record plid="" elid="example.com"
}
