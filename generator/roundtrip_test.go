package generator

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/generated/billmgr"
	"github.com/mgrgen/mgrgen/generated/ispmgr"
	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/runtime/mgrtest"
	"github.com/mgrgen/mgrgen/schema"
)

// randomText is a form value of one of the shapes a panel sends: empty,
// a number, text a number field cannot hold, or any text (spaces at the
// ends, markup characters, Cyrillic).
func randomText(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		return ""
	case 1:
		return fmt.Sprint(r.IntN(2000) - 1000)
	case 2:
		return []string{"unlimited", "-1", "1.5", "1 024", "12.50", "0x10", "on", "off", "yes"}[r.IntN(9)]
	case 3:
		return []string{" padded ", "a & b", "<x>", `"q"`, "it's", "Привет", "a, b"}[r.IntN(7)]
	}
	const letters = "abcxyz019 .-_@"
	b := make([]byte, 1+r.IntN(12))
	for i := range b {
		b[i] = letters[r.IntN(len(letters))]
	}
	return strings.TrimSpace(string(b)) + "v"
}

// resendable are the parameters of a form that a request sends back: not
// read-only, not secret, not a file, not the protocol's own.
func resendable(f *schema.Function) []schema.Param {
	var out []schema.Param
	for _, p := range f.Params {
		if p.Readonly || p.Secret || p.Type == schema.TypeFile || protocolParams[p.Name] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// submitted is the last submit of fn as "k=v" pairs, without what the
// transport adds.
func submitted(p *mgrtest.Server, fn string) []string {
	var last url.Values
	for _, r := range p.Requests() {
		if r.Func == fn && r.Params.Get("sok") != "" {
			last = r.Params
		}
	}
	var out []string
	for k, vs := range last {
		switch k {
		case "func", "out", "auth", "authinfo", "sok", "elid", "plid":
			continue
		}
		for _, v := range vs {
			out = append(out, k+"="+v)
		}
	}
	slices.Sort(out)
	return out
}

// TestRoundTripModel drives the shipped clients against the fake panel
// with random forms: each seeded row holds, per parameter, nothing, an
// empty value, a number, text a Go number cannot hold, or a secret. An
// opened form sent back unchanged must send exactly what the panel showed,
// and with one field changed exactly that one difference.
func TestRoundTripModel(t *testing.T) {
	ctx := context.Background()
	for _, panel := range []string{"ispmgr", "billmgr"} {
		s, err := schema.Load("../generated/" + panel + "/" + panel + ".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		srv := mgrtest.NewServer(t, s)
		transport := runtime.NewHTTP(srv.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password))
		var client reflect.Value
		if panel == "ispmgr" {
			client = reflect.ValueOf(ispmgr.New(transport))
		} else {
			client = reflect.ValueOf(billmgr.New(transport))
		}
		lists := map[string]*schema.Function{}
		var forms []*schema.Function
		for i := range s.Functions {
			f := &s.Functions[i]
			for _, a := range f.Actions {
				if f.Kind == schema.KindList && lists[a.Func] == nil {
					lists[a.Func] = f
				}
			}
		}
		for i := range s.Functions {
			if f := &s.Functions[i]; f.Kind == schema.KindForm && lists[f.Name] != nil && lists[f.Name].Key != "" && len(resendable(f)) > 0 {
				forms = append(forms, f)
			}
		}
		if len(forms) < 3 {
			t.Fatalf("%s: only %d forms to drive", panel, len(forms))
		}
		r := rand.New(rand.NewPCG(7, uint64(len(panel))))
		for iter := range 150 {
			f := forms[r.IntN(len(forms))]
			list := lists[f.Name]
			key := fmt.Sprintf("k%d", iter)
			row := mgrtest.Row{list.Key: key}
			var want []string
			for _, p := range f.Params {
				if p.Type == schema.TypeFile || p.Readonly || protocolParams[p.Name] || p.Name == list.Key || r.IntN(3) == 0 {
					continue // absent
				}
				row[p.Name] = randomText(r)
			}
			for _, p := range resendable(f) {
				if v, ok := row[p.Name]; ok {
					want = append(want, p.Name+"="+v)
				}
			}
			slices.Sort(want)
			parent := ""
			if list.Parent != "" {
				parent = "parent1"
				row["_parent"] = parent
			}
			srv.Seed(list.Name, row)
			method := GoName(f.Name)
			args := []reflect.Value{reflect.ValueOf(ctx)}
			if list.Parent != "" {
				args = append(args, reflect.ValueOf(parent))
			}
			got := client.MethodByName(method + "Get").Call(append(slices.Clone(args), reflect.ValueOf(key)))
			if err, _ := got[1].Interface().(error); err != nil {
				t.Fatalf("%s %s: open: %v", panel, f.Name, err)
			}
			req := got[0].MethodByName("Request").Call(nil)[0]
			submit := client.MethodByName(method)
			submit.Call(append(slices.Clone(args), req)) // the panel may refuse a value; what was sent counts
			if sent := submitted(srv, f.Name); !slices.Equal(sent, want) {
				t.Errorf("%s %s row %v:\nsent %v\nwant %v", panel, f.Name, row, sent, want)
				continue
			}
			// One change: one difference.
			params := resendable(f)
			changed := params[r.IntN(len(params))]
			text := randomText(r) + "!"
			runtime.DecodeInto(runtime.Row{changed.Name: {Text: text}}, req.Interface())
			submit.Call(append(slices.Clone(args), req))
			var wantChanged []string
			for _, kv := range want {
				if !strings.HasPrefix(kv, changed.Name+"=") {
					wantChanged = append(wantChanged, kv)
				}
			}
			wantChanged = append(wantChanged, changed.Name+"="+text)
			slices.Sort(wantChanged)
			if sent := submitted(srv, f.Name); !slices.Equal(sent, wantChanged) {
				t.Errorf("%s %s changing %s:\nsent %v\nwant %v", panel, f.Name, changed.Name, sent, wantChanged)
			}
		}
	}
}
