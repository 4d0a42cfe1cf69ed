package generator

import (
	"reflect"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

// Word boundaries at the ends of the alphabet, single letters and digits.
func TestGoNameWordEdges(t *testing.T) {
	for in, want := range map[string]string{
		"ip_addr":   "IPAddr",
		"dns_zone":  "DNSZone",
		"a":         "A",
		"1":         "X1",
		"id":        "ID",
		"x_id_a":    "XIDA",
		"ssh2_key":  "Ssh2Key",
		"zone_ip":   "ZoneIP",
		"a.b.c":     "ABC",
		"ü_id":      "ÜID",
		"_":         "",
		"user..id.": "UserID",
	} {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := splitCamel("AbCdZz"); !reflect.DeepEqual(got, []string{"Ab", "Cd", "Zz"}) {
		t.Errorf("splitCamel = %q", got)
	}
	if got := splitCamel("A"); !reflect.DeepEqual(got, []string{"A"}) {
		t.Errorf("splitCamel(A) = %q", got)
	}
}

func TestSuffixName(t *testing.T) {
	for wire, want := range map[string]string{"2": "Level2", "fast": "LevelFast", "--": "", "": ""} {
		if got := suffixName("Level", wire); got != want {
			t.Errorf("suffixName(Level, %q) = %q, want %q", wire, got, want)
		}
	}
}

// Number keys take their label's name only when the label is plain ASCII
// words with a letter; anything else keeps the number.
func TestEnumConstNames(t *testing.T) {
	for _, c := range []struct {
		key, label, want string
	}{
		{"1", "Suspended", "StatusSuspended"},
		{"-100", "Not paid (yet)", "StatusNotPaidYet"},
		{"2", "", "Status2"},
		{"3", "123", "Status3"},
		{"4", "Приостановлен", "Status4"},
		{"5", "a+b", "Status5"},
		{"6", "--", "Status6"},
		{"z", "Zed", "StatusZ"},
		{"-", "Dash", ""},
		{"1a", "Mixed", "Status1A"},
		{"09", "Nine/Ten, x_y.z", "StatusNineTenXYZ"},
	} {
		if got := enumConstName("Status", schema.EnumValue{Key: c.key, Label: c.label}); got != c.want {
			t.Errorf("key %q label %q: %q, want %q", c.key, c.label, got, c.want)
		}
	}
	for s, want := range map[string]bool{"0": true, "-7": true, "": false, "-": false, "1.5": false, "9a": false, "/": false, ":": false} {
		if got := isNumber(s); got != want {
			t.Errorf("isNumber(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{"a": true, "Z": true, "z1": true, "@": false, "[": false, "`": false, "{": false, "": false, "1 2": false} {
		if got := asciiWords(s); got != want {
			t.Errorf("asciiWords(%q) = %v", s, got)
		}
	}
}
