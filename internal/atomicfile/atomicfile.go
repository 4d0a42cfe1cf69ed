// Package atomicfile writes files the way mgrgen promises to: through a
// temporary file in the same folder and a rename, so a crash never leaves
// a half-written file and a symbolic link at the path is replaced, never
// followed.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write puts data at path with permissions perm. The bytes go to a new
// temporary file beside path, which is then renamed over it: readers see
// the old file or the new one, and a link at path is replaced by the file
// rather than written through to its target.
func Write(path string, data []byte, perm os.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".mgrgen-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// IsLink reports whether path is a symbolic link (dangling or not),
// without following it; false when nothing is there.
func IsLink(path string) (bool, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return fi.Mode()&os.ModeSymlink != 0, nil
}
