package runtime

import (
	"reflect"
	"testing"
)

// tableRow binds its fields through a wire table, as generated code does;
// Own's own tag wins over its entry, Note is bound to nothing ("-"), and
// Tail has no entry at all.
type tableRow struct {
	_    struct{} `mgr:"id a%20b%2Cc own-entry - st,orig list=t%25"`
	ID   string
	AB   string
	Own  string `mgr:"own"`
	Note string
	St   string
	Raw  Row
	Tail string
}

func TestWireTable(t *testing.T) {
	c := codecOf(reflect.TypeFor[tableRow]())
	if c.list != "t%" || c.raw != 6 {
		t.Errorf("list %q, raw %d", c.list, c.raw)
	}
	var r tableRow
	DecodeInto(Row{"id": {Text: "1"}, "a b,c": {Text: "2"}, "own": {Text: "3"}, "own-entry": {Text: "x"},
		"Note": {Text: "n"}, "st": {Text: "S", Orig: "s"}, "Tail": {Text: "t"}}, &r)
	if r.ID != "1" || r.AB != "2" || r.Own != "3" || r.Note != "" || r.St != "s" || r.Tail != "" {
		t.Errorf("row = %+v", r)
	}
	for _, k := range []string{"own-entry", "Note", "Tail"} {
		if _, ok := r.Raw[k]; !ok {
			t.Errorf("Raw lacks %q: %v", k, r.Raw)
		}
	}
}

// A form's values embed its request: the request's fields are read from
// the form, Optional ones set only when sent, and ForResend sends back
// exactly what was shown (absent stays absent), secrets cleared.
type embReq struct {
	_      struct{} `mgr:"elid name on,on passwd,secret note"`
	Elid   string
	Name   string
	On     Optional[bool]
	Passwd Optional[string]
	Note   Optional[string]
}

type embForm struct {
	embReq
	_       struct{} `mgr:"- created"`
	Created string
	Raw     Row
}

func TestEmbeddedRequest(t *testing.T) {
	var f embForm
	DecodeInto(Row{"name": {Text: "n"}, "on": {Text: "on"}, "passwd": {Text: "***"}, "created": {Text: "c"}, "x": {Text: "y"}}, &f)
	if f.Name != "n" || !f.On.Value() || !f.On.IsSet() || f.Passwd.Value() != "***" || f.Note.IsSet() || f.Created != "c" || f.Raw["x"].Text != "y" {
		t.Fatalf("form = %+v", f)
	}
	r := f.embReq
	ForResend(&r)
	if r.Passwd.IsSet() || r.Note.IsSet() || !r.On.Value() || r.Name != "n" {
		t.Errorf("for resend = %+v", r)
	}
	req := NewRequest("f")
	if err := Encode(req, &r, nil); err != nil {
		t.Fatal(err)
	}
	if got := req.Values.Encode(); got != "name=n&on=on" {
		t.Errorf("encoded %s", got)
	}
}
