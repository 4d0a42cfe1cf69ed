package runtime

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/url"
	"sort"
)

// File is a file parameter (type="file": ticket attachments, uploads).
// Over HTTP a request with files is sent as multipart/form-data; mgrctl
// can't carry files, so the mgrctl transport refuses such a request.
type File struct {
	// Name is the file name the panel sees.
	Name string
	// Content is read once, when the request is first sent.
	Content io.Reader
}

// SetFile sets a file parameter.
func (r *Request) SetFile(name string, f File) {
	if r.Files == nil {
		r.Files = map[string]File{}
	}
	r.Files[name] = f
}

// ErrFileOverMgrctl is returned for a request with file parameters sent
// through mgrctl, which has no way to pass a file.
var ErrFileOverMgrctl = errors.New("mgr: file parameters can't be sent through mgrctl; use the HTTP transport")

// multipartBody encodes v and the files as multipart/form-data. File
// contents are read into memory once (and kept in files), so a call that
// is resent after a new login sends the same bytes.
func multipartBody(v url.Values, files map[string]File, cache map[string][]byte, limit int64) (body []byte, contentType string, err error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, val := range v[k] {
			if err := w.WriteField(k, val); err != nil {
				return nil, "", err
			}
		}
	}
	names := make([]string, 0, len(files))
	for k := range files {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		data, ok := cache[k]
		if !ok {
			f := files[k]
			if f.Content == nil {
				return nil, "", fmt.Errorf("mgr: file parameter %q has no content", k)
			}
			if data, err = io.ReadAll(io.LimitReader(f.Content, limit+1)); err != nil {
				return nil, "", fmt.Errorf("mgr: reading file parameter %q: %w", k, err)
			}
			if int64(len(data)) > limit {
				return nil, "", fmt.Errorf("mgr: file parameter %q is larger than %d bytes", k, limit)
			}
			cache[k] = data
		}
		part, err := w.CreateFormFile(k, files[k].Name)
		if err != nil {
			return nil, "", err
		}
		if _, err := part.Write(data); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}
