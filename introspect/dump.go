package introspect

import (
	"crypto/sha256"
	"encoding/hex"
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
	// Files maps shortened file names (of functions whose names are too
	// long for a file) back to the function.
	Files map[string]string `json:"files,omitempty"`
}

// maxFileName is the longest file name a dump uses; longer ones are
// shortened with a hash of the function name.
const maxFileName = 200

// fileName maps a function name to a file name that cannot leave the
// folder and fits any file system; long is set when it had to be
// shortened.
func fileName(fn string) (name string, long bool) {
	name = url.PathEscape(fn)
	if strings.HasPrefix(name, ".") {
		name = "%2E" + name[1:]
	}
	if len(name) > maxFileName {
		sum := sha256.Sum256([]byte(fn))
		return name[:100] + "~" + hex.EncodeToString(sum[:12]), true
	}
	return name, false
}

// DumpOptions tunes WriteDump.
type DumpOptions struct {
	// Force allows writing into an existing folder that is not empty.
	Force bool
}

// WriteDump saves c into dir, which must not exist or be empty (unless
// opt.Force). The folder and its subfolders are created readable only by
// their owner (0700), files likewise (0600), and no file is opened through
// a symbolic link. Devel documents are saved only when they describe a
// function (the others become recorded failures) and only after
// StripSecrets. It returns how many devel documents were saved.
func WriteDump(dir string, c *Capture, opt DumpOptions) (saved int, err error) {
	if err := PrepareDumpFolder(dir, opt.Force); err != nil {
		return 0, err
	}
	for _, sub := range []string{develDir, infoDir} {
		if err := ownFolder(filepath.Join(dir, sub)); err != nil {
			return 0, err
		}
	}
	m := manifest{Panel: c.Panel, Method: c.Method, PanelVersion: c.PanelVersion, Failures: map[string]string{}, Files: map[string]string{}}
	if !c.Captured.IsZero() {
		m.Captured = c.Captured.UTC().Format(time.RFC3339)
	}
	for k, v := range c.Failures {
		m.Failures[k] = v
	}
	write := func(name string, data []byte) error { return writePrivate(filepath.Join(dir, name), data) }
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
	nameOf := func(fn string) string {
		name, long := fileName(fn)
		if long {
			m.Files[name] = fn
		}
		return name
	}
	for _, fn := range sortedKeys(c.Devel) {
		if _, failure := describeDevel(fn, c.Devel[fn]); failure != "" {
			if _, known := m.Failures[fn]; !known {
				m.Failures[fn] = failure
			}
			continue
		}
		clean, err := StripSecrets(c.Devel[fn])
		if err != nil {
			if _, known := m.Failures[fn]; !known {
				m.Failures[fn] = "not saved: " + err.Error()
			}
			continue
		}
		if err := write(filepath.Join(develDir, nameOf(fn)+".xml"), clean); err != nil {
			return saved, err
		}
		saved++
	}
	for _, fn := range sortedKeys(c.FuncInfo) {
		if err := write(filepath.Join(infoDir, nameOf(fn)+".txt"), c.FuncInfo[fn]); err != nil {
			return saved, err
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return saved, err
	}
	return saved, write(manifestFile, append(b, '\n'))
}

// PrepareDumpFolder creates dir (0700), or accepts it when it is an empty
// real folder, or any real folder with force. WriteDump calls it; a
// command calls it first too, so a bad folder fails before a long capture.
func PrepareDumpFolder(dir string, force bool) error {
	err := os.Mkdir(dir, 0o700)
	if err == nil || !errors.Is(err, os.ErrExist) {
		return err
	}
	if err := ownFolder(dir); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("%s is not empty; choose a new folder, or pass -force to write into it", dir)
	}
	return nil
}

// ownFolder creates dir with mode 0700, or checks that the existing one is
// a real folder (not a symbolic link) and makes it private.
func ownFolder(dir string) error {
	err := os.Mkdir(dir, 0o700)
	if err == nil || !errors.Is(err, os.ErrExist) {
		return err
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s exists and is not a folder (a symbolic link?); refusing to write through it", dir)
	}
	return os.Chmod(dir, 0o700)
}

// writePrivate writes a 0600 file without following a symbolic link at
// path.
func writePrivate(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|oNoFollow, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
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
	if err := readFolder(filepath.Join(dir, develDir), ".xml", m.Files, c.Devel); err != nil {
		return nil, err
	}
	if err := readFolder(filepath.Join(dir, infoDir), ".txt", m.Files, c.FuncInfo); err != nil {
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

func readFolder(dir, ext string, long map[string]string, into map[string][]byte) error {
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
		base := strings.TrimSuffix(e.Name(), ext)
		fn, ok := long[base]
		if !ok {
			if fn, err = url.PathUnescape(base); err != nil {
				return fmt.Errorf("%s: not a function file name", e.Name())
			}
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		into[fn] = b
	}
	return nil
}
