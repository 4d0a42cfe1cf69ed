package introspect

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A dump folder holds a Capture as plain files, so a capture taken on the
// panel host can be turned into a schema anywhere:
//
//	manifest.json      panel, method, capture time, failures
//	functions.txt      the `mgrctl -i` listing, when there is one
//	actionlist.xml     the func=actionlist document, when there is one
//	devel/FUNC.xml     one out=devel document per function
//	info/FUNC.txt      `mgrctl -i FUNC` text, with --with-func-info
const (
	manifestFile   = "manifest.json"
	listingFile    = "functions.txt"
	actionListFile = "actionlist.xml"
	develDir       = "devel"
	infoDir        = "info"
)

type manifest struct {
	Panel        string            `json:"panel"`
	Method       string            `json:"method"`
	Captured     string            `json:"captured,omitempty"`
	PanelVersion string            `json:"panel_version,omitempty"`
	Failures     map[string]string `json:"failures,omitempty"`
}

// fileName maps a function name to a file name that cannot leave the folder.
func fileName(fn string) string {
	name := url.PathEscape(fn)
	if strings.HasPrefix(name, ".") {
		name = "%2E" + name[1:]
	}
	return name
}

// WriteDump saves c into dir, creating it. Values of secret parameters are
// removed from the devel documents first; a document that cannot be
// checked for secrets is left out and recorded as a failure. It returns how
// many devel documents were saved.
func WriteDump(dir string, c *Capture) (saved int, err error) {
	for _, sub := range []string{develDir, infoDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return saved, err
		}
	}
	m := manifest{Panel: c.Panel, Method: c.Method, PanelVersion: c.PanelVersion, Failures: map[string]string{}}
	if !c.Captured.IsZero() {
		m.Captured = c.Captured.UTC().Format(time.RFC3339)
	}
	for k, v := range c.Failures {
		m.Failures[k] = v
	}
	write := func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	if len(c.Listing) > 0 {
		if err := write(listingFile, c.Listing); err != nil {
			return saved, err
		}
	}
	if len(c.ActionList) > 0 {
		if err := write(actionListFile, c.ActionList); err != nil {
			return saved, err
		}
	}
	for _, fn := range sortedKeys(c.Devel) {
		clean, err := StripSecrets(c.Devel[fn])
		if err != nil {
			if _, known := m.Failures[fn]; !known {
				m.Failures[fn] = "not saved: " + err.Error()
			}
			continue
		}
		if err := write(filepath.Join(develDir, fileName(fn)+".xml"), clean); err != nil {
			return saved, err
		}
		saved++
	}
	for _, fn := range sortedKeys(c.FuncInfo) {
		if err := write(filepath.Join(infoDir, fileName(fn)+".txt"), c.FuncInfo[fn]); err != nil {
			return saved, err
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return saved, err
	}
	return saved, write(manifestFile, append(b, '\n'))
}

// ReadDump loads a folder written by WriteDump.
func ReadDump(dir string) (*Capture, error) {
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return nil, fmt.Errorf("not a dump folder: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", manifestFile, err)
	}
	c := &Capture{Panel: m.Panel, Method: "dump", PanelVersion: m.PanelVersion, Failures: m.Failures,
		Devel: map[string][]byte{}, FuncInfo: map[string][]byte{}}
	if m.Captured != "" {
		if c.Captured, err = time.Parse(time.RFC3339, m.Captured); err != nil {
			return nil, fmt.Errorf("%s: captured: %w", manifestFile, err)
		}
	}
	if c.Listing, err = readOptional(filepath.Join(dir, listingFile)); err != nil {
		return nil, err
	}
	if c.ActionList, err = readOptional(filepath.Join(dir, actionListFile)); err != nil {
		return nil, err
	}
	if err := readFolder(filepath.Join(dir, develDir), ".xml", c.Devel); err != nil {
		return nil, err
	}
	if err := readFolder(filepath.Join(dir, infoDir), ".txt", c.FuncInfo); err != nil {
		return nil, err
	}
	if c.Failures == nil {
		c.Failures = map[string]string{}
	}
	return c, nil
}

func readOptional(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

func readFolder(dir, ext string, into map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		fn, err := url.PathUnescape(strings.TrimSuffix(e.Name(), ext))
		if err != nil {
			return fmt.Errorf("%s: not a function file name", e.Name())
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		into[fn] = b
	}
	return nil
}
