package generator

import (
	"encoding/json"
	"fmt"
	"os"
)

// Config is the small file that steers generation. Its one job today is
// renaming: when two wire names would become the same Go name, generation
// fails and names both; a rename settles it.
//
//	{
//	  "rename": {
//	    "user.edit": "EditUser",          // function: method and type prefix
//	    "user.edit:name": "UserName"      // function:param: struct field
//	  }
//	}
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
	var c Config
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &c, nil
}
