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
	return &c, nil
}
