//go:build unix

package introspect

import "syscall"

// oNoFollow makes opening a file fail when the path is a symbolic link.
const oNoFollow = syscall.O_NOFOLLOW
