package mgrtest

import (
	"fmt"
	"net/url"
	"strings"
)

// Mgrctl answers a command line as /usr/local/mgr5/sbin/mgrctl would on
// this panel: -m PANEL -i [lang=..] prints the listing; -m PANEL -o FORMAT
// FUNC name=value ... [-e name=$VAR ...] runs a function (as root: no
// credentials) and prints its document (xml; devel describes it). getenv
// resolves -e references. It returns what goes to stdout and stderr and
// the exit status; errors are printed the way mgrctl prints them in text
// mode.
func (p *Panel) Mgrctl(args []string, getenv func(string) string) (stdout, stderr string, code int) {
	out := "text"
	v := url.Values{}
	fn := ""
	listing := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-m" && i+1 < len(args):
			i++ // one panel per schema
		case a == "-i":
			listing = true
		case a == "-o" && i+1 < len(args):
			out = args[i+1]
			i++
		case a == "-e" && i+1 < len(args):
			name, ref, ok := strings.Cut(args[i+1], "=$")
			if !ok {
				return "", "ERROR value(-e): expected name=$VARIABLE\n", 1
			}
			v.Set(name, getenv(ref))
			i++
		case strings.HasPrefix(a, "-"):
			return "", fmt.Sprintf("ERROR unknown option %s\n", a), 1
		case strings.Contains(a, "="):
			name, val, _ := strings.Cut(a, "=")
			v.Add(name, val)
		case fn == "":
			fn = a
		default:
			return "", fmt.Sprintf("ERROR unexpected argument %s\n", a), 1
		}
	}
	if listing && fn == "" {
		return string(Listing(p.schema)), "", 0
	}
	if fn == "" {
		return "", "ERROR missed(func): no function given\n", 1
	}
	v.Set("func", fn)
	if out == "devel" {
		v.Set("out", "devel")
	}
	doc, applied, user := p.answer(fn, v, true)
	p.record(fn, v, applied, user)
	body, _ := render(doc, out)
	if out == "text" && strings.HasPrefix(body, "ERROR") {
		return "", body, 1
	}
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	return body, "", 0
}
