package schemadiff

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// base is a small panel: a list, its form, a group operation and a report.
func base() *schema.Schema {
	return &schema.Schema{SchemaVersion: schema.Version, Panel: "ispmgr", Functions: []schema.Function{
		{Name: "stat", Kind: schema.KindReport, Title: "Statistics",
			Params: []schema.Param{{Name: "period", Type: schema.TypeString}},
			Tables: []schema.Table{{Name: "traffic", Columns: []schema.Column{{Name: "day"}, {Name: "bytes"}}}}},
		{Name: "user", Kind: schema.KindList, Title: "Users", Key: "name",
			Columns: []schema.Column{{Name: "name", Label: "Login"}, {Name: "active", Type: "toggle", Label: "Active"}},
			Actions: []schema.Action{{Name: "edit", Func: "user.edit", Type: "edit"}, {Name: "delete", Func: "user.delete", Type: "group"}}},
		{Name: "user.delete", Kind: schema.KindGroup, Title: "Delete users"},
		{Name: "user.edit", Kind: schema.KindForm, Title: "User",
			Params: []schema.Param{
				{Name: "name", Type: schema.TypeString, Required: true, Label: "Login"},
				{Name: "passwd", Type: schema.TypeString, Secret: true, Label: "Password"},
				{Name: "level", Type: schema.TypeEnum, Label: "Level", Enum: []schema.EnumValue{{Key: "user"}, {Key: "admin"}}},
				{Name: "comment", Type: schema.TypeString, Label: "Comment"},
				{Name: "created", Type: schema.TypeString, Readonly: true},
			},
			Buttons: []schema.Button{{Name: "ok"}, {Name: "cancel"}}},
	}}
}

func clone(t *testing.T, s *schema.Schema) *schema.Schema {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var c schema.Schema
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

func fn(s *schema.Schema, name string) *schema.Function { return s.Lookup(name) }

// want is one expected change: severity, kind and words its reason must hold.
type want struct {
	sev    Severity
	kind   string
	reason string
}

func TestEveryChangeClass(t *testing.T) {
	cases := []struct {
		name string
		edit func(s *schema.Schema)
		want []want
	}{
		{"nothing", func(s *schema.Schema) {}, nil},
		{"function added", func(s *schema.Schema) {
			s.Functions = append(s.Functions, schema.Function{Name: "zone", Kind: schema.KindList, Title: "Zones"})
		}, []want{{Info, FunctionAdded, "zone: new list"}}},
		{"function removed", func(s *schema.Schema) { s.Functions = s.Functions[:3] },
			[]want{{Breaking, FunctionRemoved, "user.edit: the function was removed"}}},
		{"function renamed by title", func(s *schema.Schema) {
			f := fn(s, "user.delete")
			f.Name = "user.remove"
		}, []want{{Breaking, FunctionRenamed, `user.delete: likely renamed to user.remove (same kind and title "Delete users")`}}},
		{"function renamed by parameters", func(s *schema.Schema) {
			f := fn(s, "user.edit")
			f.Name, f.Title = "account.edit", "Account"
		}, []want{{Breaking, FunctionRenamed, "user.edit: likely renamed to account.edit (same kind and parameters)"}}},
		{"ambiguous rename stays removal and additions", func(s *schema.Schema) {
			f := fn(s, "user.delete")
			f.Name = "user.remove"
			s.Functions = append(s.Functions, schema.Function{Name: "user.erase", Kind: schema.KindGroup, Title: "Delete users"})
		}, []want{
			{Breaking, FunctionRemoved, "user.delete: the function was removed"},
			{Info, FunctionAdded, "user.erase: new group operation"},
			{Info, FunctionAdded, "user.remove: new group operation"},
		}},
		{"kind changed", func(s *schema.Schema) { fn(s, "user.delete").Kind = schema.KindForm },
			[]want{{Breaking, KindChanged, "user.delete: was a group operation, is now a form"}}},
		{"capture failed, description kept", func(s *schema.Schema) { fn(s, "stat").Error = "timeout\nmore" },
			[]want{{Warning, FunctionFailed, "stat: its description could not be captured this time (timeout); its method may be missing"}}},
		{"capture failed, description lost", func(s *schema.Schema) {
			f := fn(s, "user.edit")
			f.Error, f.Params, f.Buttons = "timeout", nil, nil
		}, []want{{Breaking, FunctionFailed, "user.edit: its description could not be captured this time (timeout); generating from this schema drops its typed method"}}},
		{"described, then only listed", func(s *schema.Schema) {
			f := fn(s, "user")
			f.Columns, f.Key = nil, ""
		}, []want{{Breaking, FunctionUndescribed, "user: was described before and is only listed now; generating from this schema drops its typed method"}}},
		{"listed only, then described", func(s *schema.Schema) {
			s.Functions = append(s.Functions, schema.Function{Name: "zone", Kind: schema.KindList, Columns: []schema.Column{{Name: "a"}}})
		}, []want{{Info, FunctionAdded, "zone: new list"}}},
		{"key changed", func(s *schema.Schema) { fn(s, "user").Key = "id" },
			[]want{{Warning, KeyChanged, "user: rows are now identified by id instead of name"}}},
		{"parent changed", func(s *schema.Schema) { fn(s, "user").Parent = "reseller" },
			[]want{{Warning, ParentChanged, "user: the parent list is now reseller (was none)"}}},
		{"wizard changed", func(s *schema.Schema) { fn(s, "user.edit").Wizard = "first" },
			[]want{{Warning, WizardChanged, "user.edit: the wizard step is now first (was none)"}}},
		{"optional param added", func(s *schema.Schema) {
			f := fn(s, "user.edit")
			f.Params = append(f.Params, schema.Param{Name: "shell", Type: schema.TypeBool, Label: "Shell"})
		}, []want{{Info, ParamAdded, "user.edit: new optional parameter shell (bool)"}}},
		{"required param added", func(s *schema.Schema) {
			f := fn(s, "user.edit")
			f.Params = append(f.Params, schema.Param{Name: "email", Type: schema.TypeString, Required: true, Label: "E-mail"})
		}, []want{{Breaking, ParamAdded, "user.edit: new required parameter email (string); calls without it are refused"}}},
		{"param removed", func(s *schema.Schema) {
			f := fn(s, "user.edit")
			f.Params = f.Params[1:]
		}, []want{{Breaking, ParamRemoved, "user.edit: parameter name was removed"}}},
		{"param renamed by label", func(s *schema.Schema) { fn(s, "user.edit").Params[3].Name = "note" },
			[]want{{Breaking, ParamRenamed, `user.edit: parameter comment likely renamed to note (same type string, label "Comment")`}}},
		{"param renamed by options, then made required", func(s *schema.Schema) {
			p := &fn(s, "user.edit").Params[2]
			p.Name, p.Label, p.Required = "role", "Role", true
		}, []want{
			{Breaking, ParamRenamed, "user.edit: parameter level likely renamed to role (same type enum)"},
			{Breaking, ParamRequired, "user.edit: parameter role became required"},
		}},
		{"a type change is no rename", func(s *schema.Schema) {
			p := &fn(s, "user.edit").Params[3]
			p.Name, p.Type = "note", schema.TypeInt
		}, []want{
			{Breaking, ParamRemoved, "user.edit: parameter comment was removed"},
			{Info, ParamAdded, "user.edit: new optional parameter note (int)"},
		}},
		{"became required", func(s *schema.Schema) { fn(s, "user.edit").Params[3].Required = true },
			[]want{{Breaking, ParamRequired, "user.edit: parameter comment became required"}}},
		{"became optional", func(s *schema.Schema) { fn(s, "user.edit").Params[0].Required = false },
			[]want{{Breaking, ParamOptional, "user.edit: parameter name became optional; the panel accepts calls without it, but its field becomes runtime.Optional"}}},
		{"type changed, Go type changes", func(s *schema.Schema) { fn(s, "stat").Params[0].Type = schema.TypeInt },
			[]want{{Breaking, ParamType, "stat: parameter period changed type from string to int; its Go type changes"}}},
		{"type changed, Go type stays", func(s *schema.Schema) { fn(s, "stat").Params[0].Type = schema.TypeDate },
			[]want{{Warning, ParamType, "stat: parameter period changed type from string to date; the Go type stays"}}},
		{"type changed to an enum with options", func(s *schema.Schema) {
			p := &fn(s, "stat").Params[0]
			p.Type, p.Enum = schema.TypeEnum, []schema.EnumValue{{Key: "day"}}
		}, []want{{Breaking, ParamType, "stat: parameter period changed type from string to enum; its Go type changes"}}},
		{"type changed to an enum without options", func(s *schema.Schema) { fn(s, "stat").Params[0].Type = schema.TypeEnum },
			[]want{{Warning, ParamType, "stat: parameter period changed type from string to enum; the Go type stays"}}},
		{"enum became multienum", func(s *schema.Schema) { fn(s, "user.edit").Params[2].Type = schema.TypeMultiEnum },
			[]want{{Breaking, ParamType, "user.edit: parameter level changed type from enum to multienum; its Go type changes"}}},
		{"became secret", func(s *schema.Schema) { fn(s, "user.edit").Params[3].Secret = true },
			[]want{{Warning, ParamSecret, "user.edit: parameter comment is now secret"}}},
		{"no longer secret", func(s *schema.Schema) { fn(s, "user.edit").Params[1].Secret = false },
			[]want{{Warning, ParamSecret, "user.edit: parameter passwd is no longer marked secret"}}},
		{"became read-only", func(s *schema.Schema) { fn(s, "user.edit").Params[3].Readonly = true },
			[]want{{Breaking, ParamReadonly, "user.edit: parameter comment became read-only"}}},
		{"became writable", func(s *schema.Schema) { fn(s, "user.edit").Params[4].Readonly = false },
			[]want{{Info, ParamReadonly, "user.edit: parameter created can now be set"}}},
		{"enum values", func(s *schema.Schema) {
			fn(s, "user.edit").Params[2].Enum = []schema.EnumValue{{Key: "user"}, {Key: "reseller"}}
		}, []want{
			{Breaking, EnumRemoved, `user.edit: parameter level no longer offers "admin"`},
			{Info, EnumAdded, `user.edit: parameter level offers a new value "reseller"`},
		}},
		{"buttons", func(s *schema.Schema) { fn(s, "user.edit").Buttons = []schema.Button{{Name: "ok"}, {Name: "finish"}} },
			[]want{
				{Breaking, ButtonRemoved, "user.edit: the button cancel was removed"},
				{Info, ButtonAdded, "user.edit: new button finish"},
			}},
		{"columns", func(s *schema.Schema) {
			fn(s, "user").Columns = []schema.Column{{Name: "name", Label: "Login"}, {Name: "quota"}}
		},
			[]want{
				{Breaking, ColumnRemoved, "user: the column active was removed"},
				{Info, ColumnAdded, "user: new column quota"},
			}},
		{"column renamed", func(s *schema.Schema) { fn(s, "user").Columns[1].Name = "enabled" }, []want{{Breaking, ColumnRenamed, `user: the column active likely renamed to enabled (same label "Active")`}}},
		{"table columns", func(s *schema.Schema) { fn(s, "stat").Tables[0].Columns = []schema.Column{{Name: "day"}} },
			[]want{{Breaking, ColumnRemoved, "stat: the column of table traffic bytes was removed"}}},
		{"tables", func(s *schema.Schema) { fn(s, "stat").Tables[0].Name = "hits" },
			[]want{
				{Breaking, TableRemoved, "stat: the table traffic was removed"},
				{Info, TableAdded, "stat: new table hits"},
			}},
		{"actions", func(s *schema.Schema) {
			fn(s, "user").Actions = []schema.Action{{Name: "edit", Func: "user.edit2"}, {Name: "new", Func: "user.edit"}}
		}, []want{
			{Warning, ActionRelinked, "user: the toolbar button edit now calls user.edit2 instead of user.edit"},
			{Info, ActionAdded, "user: new toolbar button new (user.edit)"},
			{Info, ActionRemoved, "user: the toolbar button delete (user.delete) was removed"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, upd := base(), clone(t, base())
			tc.edit(upd)
			upd.Normalize()
			if err := upd.Validate(); err != nil {
				t.Fatalf("the edited schema is invalid: %v", err)
			}
			r, err := Compare(old, upd)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Changes) != len(tc.want) {
				t.Fatalf("got %d changes, want %d:\n%s", len(r.Changes), len(tc.want), text(t, r))
			}
			for i, w := range tc.want {
				c := r.Changes[i]
				if c.Severity != w.sev || c.Kind != w.kind || !strings.HasPrefix(c.Reason, w.reason) {
					t.Errorf("change %d = %s %s %q\nwant %s %s %q...", i, c.Severity, c.Kind, c.Reason, w.sev, w.kind, w.reason)
				}
			}
		})
	}
}

func text(t *testing.T, r *Result) string {
	t.Helper()
	var b strings.Builder
	if err := Write(&b, r, FormatText); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestListedThenDescribed: a function the old schema only listed (no type,
// no parameters) and the new one describes is one info line, not a list
// of new required parameters.
func TestListedThenDescribed(t *testing.T) {
	old := base()
	f := fn(old, "user.edit")
	f.Kind, f.Params, f.Buttons = schema.KindUnknown, nil, nil
	r, err := Compare(old, base())
	if err != nil {
		t.Fatal(err)
	}
	want := "ispmgr: 0 breaking, 0 warnings, 2 info\n" +
		"info      user.edit: its type is now known: a form\n" +
		"info      user.edit: now described in detail (5 parameters, 0 columns)\n"
	if got := text(t, r); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestDifferentPanelsRefused(t *testing.T) {
	other := base()
	other.Panel = "billmgr"
	if _, err := Compare(base(), other); err == nil || !strings.Contains(err.Error(), "different panels (ispmgr and billmgr)") {
		t.Fatalf("err = %v", err)
	}
}

func TestSeverityOrderAndThreshold(t *testing.T) {
	upd := clone(t, base())
	fn(upd, "user.edit").Params[0].Name = "login"                                                 // breaking (removed) + info (added)
	fn(upd, "user").Actions[0].Func = "user.edit2"                                                // warning
	fn(upd, "stat").Params = append(fn(upd, "stat").Params, schema.Param{Name: "x", Type: "int"}) // info
	r, err := Compare(base(), upd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(r.Changes); i++ {
		if r.Changes[i-1].Severity.rank() > r.Changes[i].Severity.rank() {
			t.Fatalf("not sorted by severity:\n%s", text(t, r))
		}
	}
	if !r.Has(Breaking) || !r.Has(Warning) || !r.Has(Info) {
		t.Fatalf("Has is wrong for\n%s", text(t, r))
	}
	// A warning-only diff fails --fail-on warning but not breaking.
	w := clone(t, base())
	fn(w, "user").Actions[0].Func = "user.edit2"
	r, _ = Compare(base(), w)
	if r.Has(Breaking) || !r.Has(Warning) {
		t.Fatalf("warning-only diff: Has(breaking)=%v Has(warning)=%v", r.Has(Breaking), r.Has(Warning))
	}
}

func TestMarkdownEscapesPanelText(t *testing.T) {
	upd := clone(t, base())
	upd.Functions = append(upd.Functions, schema.Function{Name: "x<img_src=1>*[a](b)`", Kind: schema.KindList})
	upd.Normalize()
	r, err := Compare(base(), upd)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Write(&b, r, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile("(^|[^\\\\])[<>*\\[\\]`]").MatchString(strings.SplitN(b.String(), "\n", 2)[1]) {
		t.Fatalf("markdown not escaped:\n%s", b.String())
	}
	if !strings.Contains(b.String(), `x\<img\_src=1\>\*\[a\](b)\`+"`") {
		t.Fatalf("markdown escaping changed the name:\n%s", b.String())
	}
}

// TestISPmanagerRecordRename is the upgrade the issue names: ISPmanager's
// domain.sublist.edit with sdtype became domain.record.edit with rtype.
func TestISPmanagerRecordRename(t *testing.T) {
	typ := schema.Param{Name: "sdtype", Type: schema.TypeEnum, Required: true, Label: "Type",
		Enum: []schema.EnumValue{{Key: "A"}, {Key: "AAAA"}, {Key: "MX"}, {Key: "TXT"}}}
	old := &schema.Schema{SchemaVersion: schema.Version, Panel: "ispmgr", Functions: []schema.Function{
		{Name: "domain.sublist", Kind: schema.KindList, Title: "Records", Key: "rkey",
			Columns: []schema.Column{{Name: "name"}, {Name: "sdtype"}, {Name: "value"}},
			Actions: []schema.Action{{Name: "edit", Func: "domain.sublist.edit"}}},
		{Name: "domain.sublist.edit", Kind: schema.KindForm, Title: "Record", Params: []schema.Param{
			{Name: "name", Type: schema.TypeString, Required: true, Label: "Name"}, typ,
			{Name: "value", Type: schema.TypeString, Label: "Value"}, {Name: "ttl", Type: schema.TypeInt, Label: "TTL"}}},
	}}
	upd := clone(t, old)
	upd.Functions[0].Name, upd.Functions[0].Columns[1].Name = "domain.record", "rtype"
	upd.Functions[0].Actions[0].Func = "domain.record.edit"
	upd.Functions[1].Name, upd.Functions[1].Params[1].Name = "domain.record.edit", "rtype"
	upd.Normalize()
	r, err := Compare(old, upd)
	if err != nil {
		t.Fatal(err)
	}
	want := `ispmgr: 4 breaking, 0 warnings, 2 info
breaking  domain.sublist: likely renamed to domain.record (same kind and title "Records"); calls of the old name fail and the method is renamed
breaking  domain.sublist (now domain.record): the column sdtype was removed; code that reads its row field no longer compiles
breaking  domain.sublist.edit: likely renamed to domain.record.edit (same kind and title "Record"); calls of the old name fail and the method is renamed
breaking  domain.sublist.edit (now domain.record.edit): parameter sdtype likely renamed to rtype (same type enum, label "Type"); code that sets the old name no longer compiles
info      domain.sublist (now domain.record): new column rtype
info      domain.sublist (now domain.record): the toolbar button edit follows the rename of domain.sublist.edit to domain.record.edit
`
	if got := text(t, r); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}
