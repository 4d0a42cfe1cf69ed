// Command fakemgrctl imitates mgrctl -o xml for the runtime's tests. It
// appends what it received to $FAKE_LOG as JSON (argv and the values of the
// environment variables that -e arguments name) and prints a document:
//
//	sleep    sleeps 30 s (for cancellation tests)
//	spawn    starts a grandchild that sleeps holding stdout, writes both
//	         pids to $FAKE_PIDS, then sleeps 30 s itself
//	flood    prints without end
//	crash    exits 1 with a message on stderr
//	fail     prints an <error type="missed" object="name"> document
//	failexit prints the same document and exits 1
//	echo     prints a document holding the value of $MGRGEN_SECRET_0
//	other    prints <doc><ok/><id>7</id></doc>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

func main() {
	args := os.Args[1:]
	env := map[string]string{}
	for i, a := range args {
		if a == "-e" && i+1 < len(args) {
			if _, ref, ok := strings.Cut(args[i+1], "=$"); ok {
				env[ref] = os.Getenv(ref)
			}
		}
	}
	if path := os.Getenv("FAKE_LOG"); path != "" {
		b, _ := json.Marshal(map[string]any{"args": args, "env": env})
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			f.Write(append(b, '\n'))
			f.Close()
		}
	}
	fn := ""
	if len(args) >= 5 {
		fn = args[4]
	}
	switch fn {
	case "sleep":
		time.Sleep(30 * time.Second)
	case "spawn":
		child := exec.Command(os.Args[0], "-m", "x", "-o", "xml", "sleep")
		child.Stdout = os.Stdout
		child.Env = []string{}
		if err := child.Start(); err != nil {
			os.Exit(3)
		}
		pids := fmt.Sprintf("%d %d\n", os.Getpid(), child.Process.Pid)
		os.WriteFile(os.Getenv("FAKE_PIDS"), []byte(pids), 0o644)
		time.Sleep(30 * time.Second)
	case "flood":
		line := []byte(strings.Repeat("x", 4096))
		for {
			if _, err := os.Stdout.Write(line); err != nil {
				os.Exit(0)
			}
		}
	case "leak":
		fmt.Fprintln(os.Stderr, "ERROR value(passwd): bad password "+os.Getenv("MGRGEN_SECRET_0"))
		os.Exit(1)
	case "crash":
		fmt.Fprintln(os.Stderr, "ERROR internal(crash)")
		os.Exit(1)
	case "fail":
		fmt.Println(`<?xml version="1.0" encoding="UTF-8"?><doc><error type="missed" object="name" lang="en"><msg>Field name is required</msg></error></doc>`)
	case "failexit":
		fmt.Println(`<doc><error type="missed" object="name" lang="en"><msg>Field name is required</msg></error></doc>`)
		fmt.Fprintln(os.Stderr, "exit status from the panel")
		os.Exit(1)
	case "echo":
		fmt.Printf("<doc><ok/><note>%s</note></doc>\n", os.Getenv("MGRGEN_SECRET_0"))
	default:
		fmt.Println(`<?xml version="1.0" encoding="UTF-8"?><doc><ok/><id>7</id></doc>`)
	}
}
