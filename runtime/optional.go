package runtime

// Optional is a parameter that may be left out. Leaving a parameter out is
// not the same as sending it empty: on most forms an absent parameter keeps
// the stored value, while an empty one clears it.
type Optional[T any] struct {
	value T
	set   bool
}

// Set returns an Optional holding v.
func Set[T any](v T) Optional[T] { return Optional[T]{value: v, set: true} }

// IsSet reports whether a value is present.
func (o Optional[T]) IsSet() bool { return o.set }

// Value returns the value, or T's zero value when absent.
func (o Optional[T]) Value() T { return o.value }

// Get returns the value and whether it is present.
func (o Optional[T]) Get() (T, bool) { return o.value, o.set }

// optional lets the codec read any Optional without knowing T.
type optional interface{ anyValue() (any, bool) }

func (o Optional[T]) anyValue() (any, bool) { return o.value, o.set }
