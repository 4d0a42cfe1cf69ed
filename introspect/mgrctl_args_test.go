package introspect

import (
	"context"
	"os"
	"strings"
	"testing"
)

// mgrctl is given the language asked for, "en" by default.
func TestMgrctlLanguage(t *testing.T) {
	log := fakeEnv(t, 1, false, 0)
	for _, lang := range []string{"ru", ""} {
		p := &Mgrctl{Path: fakeMgrctl(t), Panel: "billmgr", Lang: lang}
		if _, _, err := p.Inventory(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	calls := readCalls(t, log)
	if len(calls) != 2 || !strings.HasSuffix(calls[0].args, " lang=ru") || !strings.HasSuffix(calls[1].args, " lang=en") {
		t.Errorf("calls %+v", calls)
	}
}

// A panel or function name beginning with a dash would be read by mgrctl
// as an option, whichever option it spells; it is refused before anything
// runs.
func TestMgrctlRefusesOptionLikeNames(t *testing.T) {
	log := fakeEnv(t, 1, false, 0)
	ctx := context.Background()
	p := &Mgrctl{Path: fakeMgrctl(t), Panel: "billmgr"}
	for _, fn := range []string{"-m", "-i", "-o", "--help", "-x"} {
		if _, err := p.Devel(ctx, fn); err == nil || !strings.Contains(err.Error(), "refusing argument") {
			t.Errorf("Devel(%q): %v", fn, err)
		}
		if _, err := p.FuncInfo(ctx, fn); err == nil || !strings.Contains(err.Error(), "refusing argument") {
			t.Errorf("FuncInfo(%q): %v", fn, err)
		}
	}
	bad := &Mgrctl{Path: fakeMgrctl(t), Panel: "-i"}
	if _, _, err := bad.Inventory(ctx); err == nil || !strings.Contains(err.Error(), "refusing argument") {
		t.Errorf("panel -i: %v", err)
	}
	if data, err := os.ReadFile(log); err == nil && len(data) > 0 {
		t.Errorf("mgrctl ran: %s", data)
	}
}
