package schemadiff

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/internal/fixtures"
	"github.com/mgrgen/mgrgen/introspect"
	"github.com/mgrgen/mgrgen/schema"
)

// upgraded edits the real domain.order.contact form the way a panel
// upgrade would: customer_phone renamed to customer_phone_number (same
// label and type), a new optional customer_fax, customer_egr_num made
// required.
func upgraded(t *testing.T, s *schema.Schema) *schema.Schema {
	t.Helper()
	u := clone(t, s)
	f := u.Lookup("domain.order.contact")
	if f == nil {
		t.Fatal("the capture has no domain.order.contact")
	}
	for i := range f.Params {
		switch f.Params[i].Name {
		case "customer_phone":
			f.Params[i].Name = "customer_phone_number"
		case "customer_egr_num":
			f.Params[i].Required = true
		}
	}
	f.Params = append(f.Params, schema.Param{Name: "customer_fax", Type: schema.TypeString, Label: "Факс"})
	return u
}

const realText = `billmgr: 2 breaking, 0 warnings, 1 info
breaking  domain.order.contact: parameter customer_egr_num became required; calls without it are refused and its field is no longer Optional
breaking  domain.order.contact: parameter customer_phone likely renamed to customer_phone_number (same type string, label "Телефон"); code that sets the old name no longer compiles
info      domain.order.contact: new optional parameter customer_fax (string)
`

const realMarkdown = `## Panel changes: billmgr

2 breaking, 0 warnings, 1 info.

### Breaking

- domain.order.contact: parameter customer\_egr\_num became required; calls without it are refused and its field is no longer Optional
- domain.order.contact: parameter customer\_phone likely renamed to customer\_phone\_number (same type string, label "Телефон"); code that sets the old name no longer compiles

### Other changes

- domain.order.contact: new optional parameter customer\_fax (string)
`

const realJSON = `{
  "panel": "billmgr",
  "summary": {
    "breaking": 2,
    "info": 1,
    "warning": 0
  },
  "changes": [
    {
      "severity": "breaking",
      "kind": "param-required",
      "function": "domain.order.contact",
      "param": "customer_egr_num",
      "old": "optional",
      "new": "required",
      "reason": "domain.order.contact: parameter customer_egr_num became required; calls without it are refused and its field is no longer Optional"
    },
    {
      "severity": "breaking",
      "kind": "param-renamed",
      "function": "domain.order.contact",
      "param": "customer_phone_number",
      "old": "customer_phone",
      "new": "customer_phone_number",
      "reason": "domain.order.contact: parameter customer_phone likely renamed to customer_phone_number (same type string, label \"Телефон\"); code that sets the old name no longer compiles"
    },
    {
      "severity": "info",
      "kind": "param-added",
      "function": "domain.order.contact",
      "param": "customer_fax",
      "new": "string",
      "reason": "domain.order.contact: new optional parameter customer_fax (string)"
    }
  ]
}
`

// TestRealCaptureUpgrade diffs the real domain.order.contact capture
// against an upgraded copy and pins the report in all three formats.
func TestRealCaptureUpgrade(t *testing.T) {
	s, err := introspect.Build("billmgr", nil, introspect.Files{Devel: []introspect.Input{{Name: "contact.xml",
		Data: fixtures.Read(t, "devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml")}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compare(s, upgraded(t, s))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ format, want string }{
		{FormatText, realText}, {FormatMarkdown, realMarkdown}, {FormatJSON, realJSON},
	} {
		var b bytes.Buffer
		if err := Write(&b, r, tc.format); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s report:\n%s\nwant:\n%s", tc.format, b.String(), tc.want)
		}
	}
	// The JSON form reads back into the same changes.
	var back struct{ Changes []Change }
	var b bytes.Buffer
	_ = Write(&b, r, FormatJSON)
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Changes) != 3 || back.Changes[1] != r.Changes[1] {
		t.Fatalf("JSON does not read back: %v %+v", err, back.Changes)
	}
	// Nothing changed, nothing reported.
	same, err := Compare(s, clone(t, s))
	if err != nil || len(same.Changes) != 0 {
		t.Fatalf("a capture against itself: %v %+v", err, same)
	}
}

// TestReadmeShowsThisReport: the README's example of mgrgen diff output is
// the text report pinned above.
func TestReadmeShowsThisReport(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "with a\nreason that names the function and parameter:\n\n```\n")
	block, _, _ := strings.Cut(after, "```\n")
	if !ok || block != realText {
		t.Errorf("README shows:\n%s\nwant:\n%s", block, realText)
	}
}
