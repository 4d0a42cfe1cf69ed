package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/mgrgen/mgrgen/schema"
)

// Config is the small file that steers generation. Its one job today is
// renaming: when two wire names would become the same Go name, generation
// fails and names both; a rename settles it.
//
//	{
//	  "rename": {
//	    "user.edit": "EditUser",
//	    "user.edit:name": "UserName"
//	  }
//	}
//
// A key is a function's wire name (renaming its method and type prefix) or
// function:param (renaming a struct field). Unknown keys in the file and
// renames that match nothing in the schema are errors.
type Config struct {
	Rename map[string]string `json:"rename,omitempty"`
	// where maps each rename key to its place in the file, file:line:col,
	// for errors about it.
	where map[string]string
}

// at is the prefix of an error about the rename key: where the file has
// it, or "config" for a Config built in code.
func (c *Config) at(key string) string {
	if w, ok := c.where[key]; ok {
		return w
	}
	return "config"
}

// LoadConfig reads a config file; an empty path gives the empty config.
func LoadConfig(path string) (*Config, error) {
	if path == "" {
		return &Config{}, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c Config
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s:%w", path, schema.DescribeJSONError(b, err, dec.InputOffset()))
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: trailing data after the config object", path)
	}
	c.where = renamePositions(path, b)
	return &c, nil
}

// renamePositions finds where each key of the rename object sits in a
// config file that already decoded, as file:line:col of its opening quote.
func renamePositions(path string, b []byte) map[string]string {
	where := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(b))
	depth, inRename, expectKey := 0, false, false
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return where
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
				expectKey = t == '{'
			} else {
				depth--
				if depth < 2 {
					inRename = false
				}
			}
			continue
		case string:
			if depth == 1 && expectKey {
				inRename = t == "rename"
			} else if depth == 2 && inRename && expectKey {
				off := int(before) + bytes.IndexByte(b[before:], '"')
				line, col := 1, 1
				for _, c := range b[:off] {
					if c == '\n' {
						line, col = line+1, 1
					} else {
						col++
					}
				}
				where[t] = fmt.Sprintf("%s:%d:%d", path, line, col)
			}
		}
		// Inside an object, keys and values alternate.
		if depth <= 2 {
			expectKey = !expectKey
		}
	}
}
