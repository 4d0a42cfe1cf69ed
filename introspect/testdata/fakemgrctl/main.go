// Command fakemgrctl imitates COREmanager's mgrctl for introspection tests:
// `-m PANEL -i lang=en` prints a function listing in the real two-column
// layout and `-m PANEL -o devel FUNC lang=en` prints a devel document.
//
// Environment: FAKE_FUNCS (generated functions, default 1000), FAKE_DELAY
// (a Go duration added to every call), FAKE_EXTRAS=1 (add functions that
// fail in each known way), FAKE_PIDS (append the process id at start),
// FAKE_LOG (append "start end func" lines, in
// nanoseconds, so tests can measure concurrency).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	start := time.Now()
	if path := os.Getenv("FAKE_PIDS"); path != "" {
		if f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
		}
	}
	if d, err := time.ParseDuration(os.Getenv("FAKE_DELAY")); err == nil {
		time.Sleep(d)
	}
	code := run(os.Args[1:])
	if path := os.Getenv("FAKE_LOG"); path != "" {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d %d %s\n", start.UnixNano(), time.Now().UnixNano(), strings.Join(os.Args[1:], " "))
			f.Close()
		}
	}
	os.Exit(code)
}

type fn struct{ name, kind, desc string }

func functions() []fn {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("FAKE_FUNCS")); err == nil {
		n = v
	}
	var out []fn
	for i := range n {
		switch i % 3 {
		case 0:
			out = append(out, fn{fmt.Sprintf("obj%04d.edit", i), "form", fmt.Sprintf("Object %d . Edit the object . Function type: form", i)})
		case 1:
			out = append(out, fn{fmt.Sprintf("obj%04d", i), "list", fmt.Sprintf("Objects %d . Function type: list", i)})
		default:
			out = append(out, fn{fmt.Sprintf("obj%04d.stat", i), "report", fmt.Sprintf("Statistics %d. Function type: report", i)})
		}
	}
	if os.Getenv("FAKE_EXTRAS") == "1" {
		out = append(out,
			fn{"broken.form", "form", "Broken. Function type: form"},
			fn{"errdoc.form", "form", "Denied. Function type: form"},
			fn{"garbage.form", "form", "Garbage. Function type: form"},
			fn{"user.delete", "group operation", "Delete. Delete the user. Function type: group operation"},
			fn{"check.int", "validator", "Function type: validator"},
			fn{"exit", "", "Description is not available"},
		)
	}
	return out
}

func run(args []string) int {
	if len(args) < 2 || args[0] != "-m" {
		fmt.Fprintln(os.Stderr, "usage: mgrctl -m PANEL ...")
		return 2
	}
	panel, rest := args[1], args[2:]
	switch {
	case len(rest) == 2 && rest[0] == "-i" && rest[1] == "lang=en":
		for _, f := range functions() {
			printRecord(f)
		}
		return 0
	case len(rest) == 3 && rest[0] == "-i" && rest[2] == "lang=en":
		fmt.Printf("%s: parameters of the function\n", rest[1])
		return 0
	case len(rest) == 4 && rest[0] == "-o" && rest[1] == "devel" && rest[3] == "lang=en":
		return devel(panel, rest[2])
	}
	fmt.Fprintf(os.Stderr, "unexpected arguments %q\n", args)
	return 2
}

// printRecord prints one listing record the way mgrctl does: the name padded
// to column 45, the description wrapped at 47 characters.
func printRecord(f fn) {
	words := strings.Fields(f.desc)
	var lines []string
	cur := ""
	for _, w := range words {
		if cur != "" && len(cur)+1+len(w) > 47 {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	lines = append(lines, cur)
	name := f.name
	if len(name) < 45 {
		name += strings.Repeat(" ", 45-len(name))
	} else {
		name += " "
	}
	fmt.Println(name + lines[0])
	for _, l := range lines[1:] {
		fmt.Println(strings.Repeat(" ", 45) + l)
	}
}

func devel(panel, name string) int {
	switch name {
	case "broken.form":
		fmt.Fprintln(os.Stderr, "ERROR internal(crash)")
		return 1
	case "errdoc.form":
		fmt.Printf(`<?xml version="1.0" encoding="UTF-8"?><doc func="%s"><error type="access" object="errdoc.form" lang="en"><msg>Access denied</msg></error></doc>`, name)
		return 0
	case "garbage.form":
		fmt.Print(`<doc func="garbage.form"><metadata name="garbage.form" type="form"><form>`)
		return 0
	}
	var kind string
	for _, f := range functions() {
		if f.name == name {
			kind = f.kind
		}
	}
	head := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<doc lang="en" func="%s" binary="/%s">`, name, panel)
	switch kind {
	case "form":
		fmt.Print(head + `<metadata name="` + name + `" type="form"><form><page name="main">` +
			`<field name="name"><input type="text" name="name" required="yes" maxlength="64"/></field>` +
			`<field name="active"><input type="checkbox" name="active"/></field>` +
			`<field name="passwd"><input type="password" name="passwd"/></field>` +
			`<field name="limit"><input type="text" name="limit" check="int" checkargs="0,100"/></field>` +
			`<field name="mode"><select name="mode"/></field>` +
			`</page></form></metadata>` +
			`<messages name="` + name + `"><msg name="title">Object</msg><msg name="name">Name</msg><msg name="hint_name">The object's name</msg>` +
			`<msg name="passwd">Password</msg><msg name="mode_fast">Fast</msg><msg name="mode_safe">Safe</msg></messages>` +
			`<name>example</name><active>on</active><passwd>hunter2</passwd><limit>10</limit><mode>fast</mode>` +
			`<slist name="mode"><msg>fast</msg><msg>safe</msg></slist></doc>` + "\n")
	case "list":
		fmt.Print(head + `<metadata name="` + name + `" type="list" key="id" keyname="name"><toolbar><toolgrp name="main">` +
			`<toolbtn func="` + name + `.edit" type="edit" name="edit"/><toolbtn func="` + name + `.delete" type="group" name="delete"/>` +
			`</toolgrp></toolbar><coldata><col name="id" type="data" sort="digit"/><col name="name" type="data" sort="alpha"/>` +
			`<col name="status" type="msg"/></coldata></metadata>` +
			`<messages name="` + name + `"><msg name="name">Name</msg><msg name="status">Status</msg></messages>` +
			`<elem><id>1</id><name>one</name><status>ok</status></elem></doc>` + "\n")
	case "report":
		fmt.Print(head + `<metadata name="` + name + `" type="report"><form><field name="period"><select name="period"/></field></form>` +
			`<band name="stat"><col name="date" type="data"/><col name="value" type="data"/></band></metadata>` +
			`<messages name="` + name + `"><msg name="period_day">Day</msg><msg name="period_week">Week</msg></messages></doc>` + "\n")
	default:
		fmt.Printf(`<?xml version="1.0" encoding="UTF-8"?><doc func="%s"/>`+"\n", name)
	}
	return 0
}
