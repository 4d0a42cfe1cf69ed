package schema

import (
	"strings"
	"testing"
)

// A schema may be exactly as large as the limit; one byte more is
// refused, with or without a known size.
func TestSizeLimitEdges(t *testing.T) {
	doc, err := Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	n := int64(len(doc))
	for _, size := range []int64{0, n, n + 1} {
		if b, err := readBounded(strings.NewReader(string(doc)), size, n); err != nil || string(b) != string(doc) {
			t.Errorf("size %d, exactly the limit: %v", size, err)
		}
		if _, err := readBounded(strings.NewReader(string(doc)), size, n-1); err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("size %d, one byte over: err = %v", size, err)
		}
	}
	if _, err := decodeUpTo(doc, unmarshalStrict, n); err != nil {
		t.Errorf("decode, exactly the limit: %v", err)
	}
	if _, err := decodeUpTo(doc, unmarshalStrict, n-1); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("decode, one byte over: err = %v", err)
	}
}
