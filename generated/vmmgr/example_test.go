package vmmgr_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/mgrgen/mgrgen/generated/vmmgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// Create a virtual machine and start it, against a fake VMmanager on
// loopback that serves this package's own schema.
func Example() {
	s, err := schema.Load("vmmgr.schema.json")
	if err != nil {
		log.Fatal(err)
	}
	panel := mgrtest.New(s)
	srv := httptest.NewServer(panel)
	defer srv.Close()
	ctx := context.Background()

	c := vmmgr.New(runtime.NewHTTP(srv.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
	res, err := c.VMEdit(ctx, &vmmgr.VMEditRequest{
		Name:     runtime.Set("web1"),
		Domain:   runtime.Set("example.com"),
		User:     runtime.Set("3"),
		Vmi:      runtime.Set("ISPsystem__Ubuntu-20.04-amd64"),
		Mem:      runtime.Set[int64](2048),
		Vcpu:     runtime.Set[int64](2),
		Family:   runtime.Set(vmmgr.VMEditFamilyIPv4),
		Password: runtime.Set("s3cret-root"),
		Confirm:  runtime.Set("s3cret-root"),
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.VMStart(ctx, []string{res.ID}); err != nil {
		log.Fatal(err)
	}
	vms, err := c.VM(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range panel.Requests() {
		fmt.Printf("%s elid=%q password=%q\n", r.Func, r.Params.Get("elid"), r.Params.Get("password"))
	}
	fmt.Println(len(vms.Rows), "vm:", vms.Rows[0].Name, vms.Rows[0].ID)
	// Output:
	// vm.edit elid="" password="[redacted]"
	// vm.start elid="1" password=""
	// vm elid="" password=""
	// 1 vm: web1 1
}
