//go:build !unix

package introspect

// oNoFollow is not available here; dump folders are checked with Lstat.
const oNoFollow = 0
