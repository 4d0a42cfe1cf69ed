package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadErrorsNamePosition(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ text, want string }{
		"comma.json": {"{\n  \"schema_version\": 1\n  \"panel\": \"x\"\n}\n", ":3:3: invalid character '\"' after object key:value pair"},
		"key.json":   {"{\n  \"schema_version\": 1,\n  \"panell\": \"x\"\n}\n", `:3:3: unknown key "panell"`},
		"type.json":  {"{\n  \"schema_version\": \"one\"\n}\n", `:2:26: "schema_version" is a JSON string, want int`},
		"cut.json":   {"{\n  \"schema_version\": 1,", ":2:23: the file ends before the JSON is complete"},
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(c.text), 0o644)
		_, err := Load(path)
		if err == nil || !strings.HasPrefix(err.Error(), path+":") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}
