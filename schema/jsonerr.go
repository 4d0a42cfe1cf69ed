package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// PositionError is a problem at a line and column of a JSON file.
type PositionError struct {
	Line, Column int
	Msg          string
}

// Error reads "LINE:COL: message", so a caller that prefixes the file name
// gives the usual file:line:col form.
func (e *PositionError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg) }

// DescribeJSONError turns an encoding/json decoding error on data into a
// *PositionError: syntax errors, wrong types and truncation carry their own
// offset; other errors (an unknown key) are placed at offset, the decoder's
// position when it failed.
func DescribeJSONError(data []byte, err error, offset int64) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset - 1 // the offset is just past the bad byte
	case errors.As(err, &typ):
		offset = typ.Offset
		what := "the value"
		if typ.Field != "" {
			what = fmt.Sprintf("%q", typ.Field)
		}
		msg = fmt.Sprintf("%s is a JSON %s, want %s", what, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		offset = int64(len(data))
		msg = "the file ends before the JSON is complete"
	default:
		// "json: unknown field "x"": point at the key, not where the
		// decoder stopped.
		if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
			if i := bytes.Index(data, []byte(name)); i >= 0 {
				offset = int64(i)
			}
			msg = "unknown key " + name
		}
	}
	line, col := position(data, offset)
	return &PositionError{Line: line, Column: col, Msg: msg}
}

// position converts a byte offset into a line and column, both from 1.
func position(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	line, col = 1, 1
	for _, b := range data[:offset] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
