// Package benchmarks holds the side-by-side benchmarks behind
// BENCHMARKS.md that compare mgrgen with other libraries (encoding/xml,
// xmlquery), so those comparisons stay out of the runtime's own tests. It
// has no code of its own.
package benchmarks
