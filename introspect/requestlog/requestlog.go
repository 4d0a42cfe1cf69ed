// Package requestlog turns what a panel's own interface sends into clean
// API requests: the request lines of a panel log (ISPsystem's advice for
// finding a function is "do it in the web interface and read the log") and
// URLs copied from the panel's address bar.
//
// A request line looks like
//
//	Feb  6 08:08:07 [2346:23826] core_module INFO Request [188.120.252.33][root] 'clicked_button=ok&func=domain.edit&...&sok=ok'
//
// and a URL like https://host/billmgr#/?func=payment.edit&elid=1256&plid=334
// (the parameters may be in the query or in the fragment).
//
// Cleaning drops what only the web interface needs (sfrom, operafake,
// progressid, newwindow, randomnumber, clicked_button when it is the
// default ok), what the transport sends by itself (out, authinfo, auth),
// parameters whose value is * and empty ones, and keeps func,
// elid, plid and sok always. Secret values (passwords, keys, session ids)
// are discarded as soon as they are read: a request only knows that a
// secret was there, and every rendering shows a placeholder.
package requestlog

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mgrgen/mgrgen/runtime"
)

// Param is one request parameter after cleaning.
type Param struct {
	Name  string
	Value string // "" for a secret: the value is never kept
	// Secret marks a value replaced by a placeholder (see Placeholder).
	Secret bool
}

// Request is one cleaned request.
type Request struct {
	// Func is the function's wire name ("" when the source named none).
	Func string
	// Params are the kept parameters other than func, in the order the
	// source gave them.
	Params []Param
	// Dropped lists what cleaning removed and why, for the reader.
	Dropped []string
	// Time, Remote and User come from a log line: when, from which address
	// and as which panel user the request was made.
	Time, Remote, User string
	// Endpoint and Panel come from a URL: the panel's address without
	// query, fragment or credentials, and its short name (billmgr...).
	Endpoint, Panel string
}

// ErrNotRequest is returned for a log line that is not a request line.
var ErrNotRequest = errors.New("not a request line")

// interfaceParams are what the web interface adds for itself.
var interfaceParams = map[string]bool{
	"sfrom": true, "operafake": true, "progressid": true, "newwindow": true, "randomnumber": true,
}

// transportParams are what a transport sends by itself: the output
// format and the credentials. A URL copied from a script often carries
// them; they are not the function's parameters, and a value of theirs is
// never shown.
var transportParams = map[string]string{
	"out":      "the transport asks for the format itself",
	"authinfo": "credentials: give them to the transport, runtime.AuthInfo",
	"auth":     "a session: the transport logs in itself, runtime.AuthSession",
}

// alwaysKept are the protocol's own parameters, kept even when empty.
var alwaysKept = map[string]bool{"func": true, "elid": true, "plid": true, "sok": true}

// IsSecret reports whether a parameter holds a secret: the names the
// runtime treats as secret on every panel (passwords, keys, tokens,
// authinfo, the session id auth) and session cookies.
func IsSecret(name string) bool {
	n := strings.ToLower(name)
	return runtime.WellKnownSecret(n) || n == "sesid" || strings.HasSuffix(n, "ses5")
}

// Placeholder is the environment variable a rendering names instead of a
// secret's value: MGR_ and the name in capitals, e.g. MGR_PASSWD.
func Placeholder(name string) string {
	var b strings.Builder
	b.WriteString("MGR_")
	for _, r := range strings.ToUpper(name) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// ansi matches terminal colour sequences (the log shows requests in green).
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// requestLine: time, [pid:thread] (or [pid]), module, INFO Request [remote][user], then
// the quoted query.
var requestLine = regexp.MustCompile(`^(.*?)\s*\[\d+(?::\d+)?\]\s+\S+\s+INFO\s+Request\s+\[([^\]]*)\]\[([^\]]*)\]\s+'`)

// maxLine bounds one log line or URL.
const maxLine = 1 << 20

// ParseLogLine reads one line of a panel log. Lines other than request
// lines give ErrNotRequest.
func ParseLogLine(line string) (*Request, error) {
	if len(line) > maxLine {
		return nil, fmt.Errorf("a line of %d bytes is longer than %d", len(line), maxLine)
	}
	line = strings.TrimRight(ansi.ReplaceAllString(line, ""), "\r\n")
	m := requestLine.FindStringSubmatchIndex(line)
	if m == nil {
		return nil, ErrNotRequest
	}
	query := line[m[1]:]
	end := strings.LastIndexByte(query, '\'')
	if end < 0 {
		return nil, errors.New("the request's parameters have no closing quote")
	}
	r := &Request{Time: line[m[2]:m[3]], Remote: line[m[4]:m[5]], User: line[m[6]:m[7]]}
	if err := r.addQuery(query[:end]); err != nil {
		return nil, err
	}
	return r, nil
}

// ParseURL reads a URL copied from the panel's address bar. The
// parameters may be in the query, in the fragment (#/?func=...) or both;
// startform names the function when func is absent.
func ParseURL(raw string) (*Request, error) {
	if len(raw) > maxLine {
		return nil, fmt.Errorf("a URL of %d bytes is longer than %d", len(raw), maxLine)
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("not a URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("not a panel URL (want http or https with a host): %s", redactURL(u))
	}
	r := &Request{Endpoint: (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()}
	if seg := u.Path[strings.LastIndexByte(u.Path, '/')+1:]; strings.HasSuffix(seg, "mgr") || seg == "dcimini" || seg == "core" {
		r.Panel = seg
	}
	if u.User != nil {
		r.Dropped = append(r.Dropped, "the credentials in the URL")
	}
	if err := r.addQuery(u.RawQuery); err != nil {
		return nil, err
	}
	frag := u.EscapedFragment()
	if i := strings.IndexByte(frag, '?'); i >= 0 {
		frag = frag[i+1:]
	} else if !strings.Contains(frag, "=") {
		frag = ""
	}
	if err := r.addQuery(frag); err != nil {
		return nil, err
	}
	if r.Func == "" {
		for i, p := range r.Params {
			if p.Name == "startform" && p.Value != "" {
				r.Func = p.Value
				r.Params = append(r.Params[:i], r.Params[i+1:]...)
				break
			}
		}
	}
	return r, nil
}

func redactURL(u *url.URL) string {
	c := *u
	c.User, c.RawQuery, c.Fragment, c.RawFragment = nil, "", "", ""
	return c.String()
}

// addQuery cleans and adds the parameters of an encoded query.
func (r *Request) addQuery(q string) error {
	for _, pair := range strings.Split(q, "&") {
		if pair == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			return fmt.Errorf("parameter %q: bad escape in its name", truncate(rawName))
		}
		if why, ok := transportParams[name]; ok {
			r.Dropped = append(r.Dropped, name+" ("+why+")")
			continue
		}
		if IsSecret(name) {
			r.Params = append(r.Params, Param{Name: name, Secret: true})
			continue
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return fmt.Errorf("parameter %q: bad escape in its value", truncate(name))
		}
		r.add(name, value)
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// add applies the cleaning rules to one parameter.
func (r *Request) add(name, value string) {
	switch {
	case name == "func":
		if r.Func == "" {
			r.Func = value
		}
		return
	case alwaysKept[name]:
	case interfaceParams[name]:
		r.Dropped = append(r.Dropped, name)
		return
	case name == "clicked_button" && value == "ok":
		r.Dropped = append(r.Dropped, "clicked_button=ok (the default button)")
		return
	case value == "":
		r.Dropped = append(r.Dropped, name+" (empty)")
		return
	case value == "*":
		r.Dropped = append(r.Dropped, name+"=*")
		return
	}
	r.Params = append(r.Params, Param{Name: name, Value: value})
}

// MarkSecret discards the values of the parameters secret reports (the
// schema's own secret flags, on top of IsSecret).
func (r *Request) MarkSecret(secret func(name string) bool) {
	for i := range r.Params {
		if p := &r.Params[i]; !p.Secret && secret(p.Name) {
			p.Secret, p.Value = true, ""
		}
	}
}
