package runtime

import (
	"context"
	"errors"
	"net/url"
	"reflect"
	"testing"
)

// recordingTransport keeps the last request it was given.
type recordingTransport struct{ last *Request }

func (r *recordingTransport) Call(_ context.Context, req *Request) (*Response, error) {
	r.last = req
	return &Response{Func: req.Func, Raw: []byte("<doc/>")}, nil
}

func TestListRequestEncode(t *testing.T) {
	req := NewReadRequest("payment")
	(&ListRequest{Parent: "7", Page: 2, PageSize: 50, Filter: url.Values{"status": {"4"}, "createdate": {"other"}}}).Encode(req)
	want := url.Values{"elid": {"7"}, "p_num": {"2"}, "p_cnt": {"50"}, "filter": {"on"}, "status": {"4"}, "createdate": {"other"}}
	if !reflect.DeepEqual(req.Values, want) {
		t.Errorf("values = %v\nwant %v", req.Values, want)
	}
	empty := NewReadRequest("payment")
	(&ListRequest{}).Encode(empty)
	var nilReq *ListRequest
	nilReq.Encode(empty)
	if len(empty.Values) != 0 {
		t.Errorf("an empty list request sent %v", empty.Values)
	}
}

func TestErrorTypesMatchTheirSentinelOnly(t *testing.T) {
	all := []error{ErrAuth, ErrAccess, ErrExists, ErrMissed, ErrValue}
	for typ, want := range map[string]error{"auth": ErrAuth, "access": ErrAccess, "exists": ErrExists, "missed": ErrMissed, "value": ErrValue, "xml": nil} {
		_, err := Decode("f", []byte(`<doc><error type="`+typ+`" object="o"><msg>m</msg></error></doc>`), 200)
		for _, s := range all {
			if got := errors.Is(err, s); got != (s == want) {
				t.Errorf("type %q: errors.Is(%v) = %v", typ, s, got)
			}
		}
	}
}

func TestNestedWithOptionsKeepsOuter(t *testing.T) {
	tr := &recordingTransport{}
	c := NewClient(tr, Lang("de"))
	ctx := WithOptions(WithOptions(context.Background(), Su("alice"), Redirect("user")), Lang("en"))
	if _, err := c.Do(ctx, NewRequest("user.delete"), Plid("9")); err != nil {
		t.Fatal(err)
	}
	got := tr.last.Options
	if got.Su != "alice" || got.Redirect != "user" || got.Lang != "en" || got.Plid != "9" {
		t.Errorf("options = %+v: the outer context's options were lost or the order is wrong", got)
	}
	// The inner context did not change the outer one.
	if outer := ContextOptions(WithOptions(context.Background(), Su("bob"))); len(outer) != 1 {
		t.Errorf("outer options = %d", len(outer))
	}
}
