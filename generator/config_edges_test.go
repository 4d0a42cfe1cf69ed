package generator

import (
	"reflect"
	"testing"
)

// Positions are those of each rename key's opening quote; values, even
// ones spelled like keys, are not keys.
func TestRenamePositions(t *testing.T) {
	for _, c := range []struct {
		text string
		want map[string]string
	}{
		{`{"rename":{"a":"A","b":"B"}}`, map[string]string{"a": "f:1:12", "b": "f:1:20"}},
		{"{\"rename\": {\"a\": \"rename\",\r\n\t\"rename\": \"b\",\n\"c\": \"a\"}}", map[string]string{"a": "f:1:13", "rename": "f:2:2", "c": "f:3:1"}},
		{`{"rename":{}}`, map[string]string{}},
		// JSON lets a key repeat; the decoder merges both objects.
		{`{"rename":{"a":"A"},"rename":{"b":"B"}}`, map[string]string{"a": "f:1:12", "b": "f:1:31"}},
		{`{"rename":null}`, map[string]string{}},
		{`{}`, map[string]string{}},
	} {
		if got := renamePositions("f", []byte(c.text)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
	// A config built in code has no file positions.
	if got := (&Config{}).at("x"); got != "config" {
		t.Errorf("at = %q", got)
	}
}
