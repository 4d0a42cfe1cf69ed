package schema

import (
	"fmt"
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

// A validation error lists ten problems and counts the rest.
func TestValidationErrorCountsPastTen(t *testing.T) {
	problems := func(n int) *ValidationError {
		e := &ValidationError{}
		for i := range n {
			e.Problems = append(e.Problems, fmt.Sprintf("p%d", i))
		}
		return e
	}
	if got := problems(10).Error(); strings.Contains(got, "more") || !strings.HasSuffix(got, "p9") {
		t.Errorf("10: %q", got)
	}
	if got := problems(11).Error(); !strings.HasSuffix(got, "p9; and 1 more") || strings.Contains(got, "p10") {
		t.Errorf("11: %q", got)
	}
}
