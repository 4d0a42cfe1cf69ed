//go:build unix

// Command peakrss runs a command and prints its peak resident memory in
// KiB, as /usr/bin/time -f %M does. Tests start it instead of measuring
// the command themselves: Linux counts the peak of the process a command
// was started from in the command's own figure (the exec happens in the
// parent's address space), so a large test binary would inflate it.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(125)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Fprintf(os.Stderr, "peakrss-kib %d\n", ru.Maxrss)
	os.Exit(code)
}
