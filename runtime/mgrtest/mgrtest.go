// Package mgrtest runs a fake COREmanager panel in a test, driven by the
// same schema file a generated client is built from, as net/http/httptest
// does for HTTP code: a panel on loopback whose lists hold rows the test
// seeds, whose forms create and change those rows under the panel's
// requiredness rules, whose group operations act on them, and which
// records every request and can misbehave on demand.
//
//	p := mgrtest.NewServer(t, s)            // s: a *schema.Schema
//	p.Seed("user", mgrtest.Row{"id": "1", "name": "alice"})
//	c := billmgr.New(runtime.NewHTTP(p.URL, runtime.AuthInfo(mgrtest.User, mgrtest.Password)))
//
// What it speaks: form bodies by GET or POST (multipart too); authinfo,
// func=auth sessions (with expiry on demand) and one-time keys from
// session.newkey; su (the administrator acts as any user, others may not);
// lists with p_num, p_cnt, p_elems and filter=on; forms opened (their row's
// values) and submitted with sok=ok (create when elid is empty, else
// change); group operations on elid joined with ", ", where deleting an id
// that does not exist answers <ok/> as the real panel does; errors as
// <error type="missed|exists|value|auth|access"> documents;
// redirect=startform=NAME, which answers a successful write as NAME would;
// and lang, answered in the schema's one language, as a panel falls back
// to its default.
//
// Faults (Inject) imitate what real deployments do, on the next call or
// after a number of calls: latency, sessions that expire, a proxy's 5xx
// page before or after the panel ran the call, cut bodies, reset
// connections and the HTML login page.
//
// out=devel answers describe forms, lists and reports from the schema in
// the shape the real panel uses, func=actionlist names every function, and
// Listing prints what mgrctl -i would, so introspecting the fake panel
// gives its schema back. Answers come as out=xml (the default), devel,
// json, sjson or text.
package mgrtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/schema"
)

// The credentials the server accepts unless the test adds others.
const (
	User     = "admin"
	Password = "secret"
)

// Row is one object: column and parameter values by wire name.
type Row map[string]string

// Recorded is one request the server received.
type Recorded struct {
	Func string
	// Params are the parameters, secret values replaced by [redacted].
	Params url.Values
	// Applied is set for a write that changed the server's state.
	Applied bool
	// User is whom the call ran as: the logged-in user, or the su target.
	// Calls through the fake mgrctl run as "root", as the real ones do.
	User string
}

// Server is a fake panel on loopback: a Panel behind an httptest.Server.
type Server struct {
	*httptest.Server
	*Panel
}

// Panel is the fake panel itself: its state and its answers, as an
// http.Handler (for mgrgen fake http) and through Mgrctl (for the fake
// mgrctl).
type Panel struct {
	schema *schema.Schema

	mu       sync.Mutex
	rows     map[string][]Row // by list
	users    map[string]string
	admins   map[string]bool   // users who may su to anyone
	sessions map[string]string // session id -> user
	keys     map[string]string // one-time key -> user
	seq      int
	requests []Recorded
	faults   []Fault
}

// NewServer starts a fake panel for the functions of s; it stops when the
// test ends.
func NewServer(t testing.TB, s *schema.Schema) *Server {
	t.Helper()
	p := &Server{Panel: New(s)}
	p.Server = httptest.NewServer(p.Panel)
	t.Cleanup(p.Server.Close)
	return p
}

// New returns a fake panel for the functions of s, not yet listening.
func New(s *schema.Schema) *Panel {
	return &Panel{schema: s, rows: map[string][]Row{}, users: map[string]string{User: Password},
		admins: map[string]bool{User: true}, sessions: map[string]string{}, keys: map[string]string{}}
}

// AddUser lets user log in with password. Users added here are ordinary
// users: they may not use su, while User, the administrator, may act as
// any of them.
func (p *Panel) AddUser(user, password string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.users[user] = password
}

// Requests returns every request received so far.
func (p *Panel) Requests() []Recorded {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.requests)
}

// ExpireSessions forgets every session now; the next call with one gets
// an auth error.
func (p *Panel) ExpireSessions() {
	p.mu.Lock()
	defer p.mu.Unlock()
	clear(p.sessions)
}

func clone(r Row) Row {
	out := make(Row, len(r))
	for k, v := range r {
		out[k] = v
	}
	return out
}

// ServeHTTP answers one call.
func (p *Panel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil && err != http.ErrNotMultipart {
		r.ParseForm()
	}
	v := r.Form
	fn := v.Get("func")
	fault := p.nextFault(fn)
	if fault.before(p, w) {
		p.record(fn, v, false, "")
		return
	}
	doc, applied, user := p.answer(fn, v, false)
	p.record(fn, v, applied, user)
	if fault.after(w, doc) {
		return
	}
	body, ctype := render(doc, v.Get("out"))
	w.Header().Set("Content-Type", ctype)
	io.WriteString(w, body)
}

func (p *Panel) record(fn string, v url.Values, applied bool, user string) {
	params := url.Values{}
	for k, vals := range v {
		if runtime.WellKnownSecret(k) || p.secret(fn, k) {
			params[k] = []string{runtime.Redacted}
			continue
		}
		params[k] = slices.Clone(vals)
	}
	p.mu.Lock()
	p.requests = append(p.requests, Recorded{Func: fn, Params: params, Applied: applied, User: user})
	p.mu.Unlock()
}

func (p *Panel) secret(fn, param string) bool {
	if f := p.schema.Lookup(fn); f != nil {
		if prm := f.Param(param); prm != nil {
			return prm.Secret
		}
	}
	return false
}

// answer runs one call and returns its document, whether it changed
// state and whom it ran as. Calls through mgrctl (asRoot) need no
// credentials: the real mgrctl runs with the rights of root.
func (p *Panel) answer(fn string, v url.Values, asRoot bool) (doc string, applied bool, user string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if fn == "auth" {
		return p.login(v), false, v.Get("username")
	}
	user = "root"
	if !asRoot {
		var ok bool
		if user, ok = p.caller(v); !ok {
			return p.errDoc("auth", "", "Authorization failed"), false, ""
		}
	}
	if su := v.Get("su"); su != "" {
		// The panel lets an administrator act as any user; others get an
		// access error, and so does a user that does not exist.
		if user != "root" && !p.admins[user] {
			return p.errDoc("access", "su", "You may not act as another user"), false, user
		}
		if p.users[su] == "" {
			return p.errDoc("access", "su", "User "+su+" not found"), false, user
		}
		user = su
	}
	doc, applied = p.run(fn, v)
	return doc, applied, user
}

// run answers a call from someone allowed to make it.
func (p *Panel) run(fn string, v url.Values) (string, bool) {
	if fn == "session.newkey" {
		if len(v.Get("key")) < 16 {
			return p.errDoc("value", "key", "The key must be at least 16 characters"), false
		}
		p.keys[v.Get("key")] = v.Get("username")
		return "<doc><ok/></doc>", true
	}
	if fn == "actionlist" {
		return ActionList(p.schema), false
	}
	f := p.schema.Lookup(fn)
	if f == nil {
		return p.errDoc("missed", "func", "Function "+fn+" is unknown"), false
	}
	if v.Get("out") == "devel" {
		switch f.Kind {
		case schema.KindForm, schema.KindList, schema.KindReport:
			return Devel(f), false
		}
		return fmt.Sprintf(`<doc func="%s"/>`, xmlEscape(f.Name)), false
	}
	// redirect=startform=NAME: after a write that succeeds, answer as NAME
	// would when opened on its own. The target is checked first, so a
	// bad redirect refuses the write rather than applying it and then
	// answering with an error the caller would read as "not done".
	var next *schema.Function
	if r := v.Get("redirect"); r != "" {
		name, ok := strings.CutPrefix(r, "startform=")
		if next = p.schema.Lookup(name); !ok || next == nil {
			return p.errDoc("value", "redirect", "Cannot redirect to "+r), false
		}
	}
	var doc string
	var applied bool
	switch f.Kind {
	case schema.KindList:
		doc = p.list(f, v)
	case schema.KindForm:
		doc, applied = p.form(f, v)
	case schema.KindGroup:
		doc, applied = p.group(f, v)
	default:
		doc = "<doc><ok/></doc>"
	}
	if next != nil && v.Get("sok") != "" && !strings.Contains(doc, "<error") {
		doc, _ = p.run(next.Name, url.Values{"func": {next.Name}})
	}
	return doc, applied
}

func (p *Panel) login(v url.Values) string {
	user := v.Get("username")
	switch {
	case v.Get("key") != "":
		if p.keys[v.Get("key")] != user {
			return p.errDoc("auth", "key", "The key is not valid")
		}
		delete(p.keys, v.Get("key"))
	case p.users[user] == "" || p.users[user] != v.Get("password"):
		return p.errDoc("auth", "badpassword", "Invalid username or password")
	}
	p.seq++
	id := fmt.Sprintf("%024x", p.seq)
	p.sessions[id] = user
	return fmt.Sprintf(`<doc><auth id="%s" level="29">%s</auth></doc>`, id, id)
}

// caller returns the user a call's credentials belong to.
func (p *Panel) caller(v url.Values) (string, bool) {
	if ai := v.Get("authinfo"); ai != "" {
		user, pass, _ := strings.Cut(ai, ":")
		return user, p.users[user] != "" && p.users[user] == pass
	}
	user, ok := p.sessions[v.Get("auth")]
	return user, ok
}

// list answers a list: its rows (those under the parent elid for a
// sub-list), filtered and paged.
func (p *Panel) list(f *schema.Function, v url.Values) string {
	var rows []Row
	for _, r := range p.rows[f.Name] {
		if f.Parent != "" && r[ParentColumn] != v.Get("elid") {
			continue
		}
		if v.Get("filter") == "on" && !matches(r, f, v) {
			continue
		}
		rows = append(rows, r)
	}
	total := len(rows)
	num, _ := strconv.Atoi(v.Get("p_num"))
	cnt, _ := strconv.Atoi(v.Get("p_cnt"))
	if num < 1 {
		num = 1
	}
	if cnt < 1 {
		cnt = total
	}
	// Paging numbers come from the caller: no product may overflow.
	start, end := total, total
	if cnt > 0 && num-1 <= total/cnt {
		start = min((num-1)*cnt, total)
	}
	if cnt < total-start {
		end = start + cnt
	}
	rows = rows[start:end]
	var b strings.Builder
	fmt.Fprintf(&b, `<doc func="%s">`, xmlEscape(f.Name))
	for _, r := range rows {
		b.WriteString("<elem>")
		for _, c := range f.Columns {
			if val, ok := r[c.Name]; ok && xmlName(c.Name) {
				fmt.Fprintf(&b, "<%s>%s</%s>", c.Name, xmlEscape(val), c.Name)
			}
			for _, pr := range c.Props {
				if r[pr] != "" && r[pr] != "off" && xmlName(pr) {
					fmt.Fprintf(&b, "<%s/>", pr)
				}
			}
		}
		b.WriteString("</elem>")
	}
	fmt.Fprintf(&b, "<p_num>%d</p_num><p_cnt>%d</p_cnt><p_elems>%d</p_elems></doc>", num, cnt, total)
	return b.String()
}

func matches(r Row, f *schema.Function, v url.Values) bool {
	for _, c := range f.Columns {
		if want := v.Get(c.Name); want != "" && r[c.Name] != want {
			return false
		}
	}
	return true
}

// listOf finds the list whose toolbar opens form (its new or edit button),
// which holds the form's objects.
func (p *Panel) listOf(form string) *schema.Function {
	for i := range p.schema.Functions {
		f := &p.schema.Functions[i]
		for _, a := range f.Actions {
			if a.Func == form && f.Kind == schema.KindList {
				return f
			}
		}
	}
	return nil
}

func (p *Panel) find(list *schema.Function, id, parent string) (int, Row) {
	for i, r := range p.rows[list.Name] {
		if r[list.Key] == id && (list.Parent == "" || r[ParentColumn] == parent) {
			return i, r
		}
	}
	return -1, nil
}

// form opens (no sok) or submits a form over the rows of its list.
func (p *Panel) form(f *schema.Function, v url.Values) (string, bool) {
	list := p.listOf(f.Name)
	elid, parent := v.Get("elid"), v.Get("plid")
	if v.Get("sok") == "" {
		var b strings.Builder
		fmt.Fprintf(&b, `<doc func="%s">`, xmlEscape(f.Name))
		if list != nil && elid != "" {
			_, row := p.find(list, elid, parent)
			if row == nil {
				return p.errDoc("missed", "elid", "Object "+elid+" not found"), false
			}
			fmt.Fprintf(&b, "<elid>%s</elid>", xmlEscape(elid))
			for _, prm := range f.Params {
				if val, ok := row[prm.Name]; ok && !prm.Secret && xmlName(prm.Name) {
					fmt.Fprintf(&b, "<%s>%s</%s>", prm.Name, xmlEscape(val), prm.Name)
				}
			}
		}
		for _, prm := range f.Params {
			if len(prm.Enum) > 0 {
				fmt.Fprintf(&b, `<slist name="%s">`, xmlEscape(prm.Name))
				for _, e := range prm.Enum {
					fmt.Fprintf(&b, `<val key="%s">%s</val>`, xmlEscape(e.Key), xmlEscape(e.Label))
				}
				b.WriteString("</slist>")
			}
		}
		b.WriteString("</doc>")
		return b.String(), false
	}
	// Submit: the same checks as the panel, then create or change.
	req := runtime.NewRequest(f.Name)
	req.Values = v
	if err := rulesOf(f).Check(req); err != nil {
		ve := err.(*runtime.ValidationError)
		return p.errDoc("missed", ve.Problems[0].Param, "Field "+ve.Problems[0].Param+" is required"), false
	}
	for _, prm := range f.Params {
		if val := v.Get(prm.Name); val != "" && prm.Type == schema.TypeInt {
			if _, err := strconv.ParseInt(val, 10, 64); err != nil {
				return p.errDoc("value", prm.Name, "The value of "+prm.Name+" is not a number"), false
			}
		}
	}
	if list == nil {
		return "<doc><ok/></doc>", true
	}
	if elid == "" {
		row := Row{}
		for _, prm := range f.Params {
			if v.Has(prm.Name) {
				row[prm.Name] = v.Get(prm.Name)
			}
		}
		// A new object's id is the next number no row holds yet, seeded
		// rows included.
		for row[list.Key] == "" {
			p.seq++
			if i, _ := p.find(list, strconv.Itoa(p.seq), parent); i < 0 {
				row[list.Key] = strconv.Itoa(p.seq)
			}
		}
		if i, _ := p.find(list, row[list.Key], parent); i >= 0 {
			return p.errDoc("exists", list.Key, "Object "+row[list.Key]+" already exists"), false
		}
		if list.Parent != "" {
			row[ParentColumn] = parent
		}
		p.rows[list.Name] = append(p.rows[list.Name], row)
		return fmt.Sprintf("<doc><ok/><id>%s</id></doc>", xmlEscape(row[list.Key])), true
	}
	i, row := p.find(list, elid, parent)
	if i < 0 {
		return p.errDoc("missed", "elid", "Object "+elid+" not found"), false
	}
	for _, prm := range f.Params {
		if v.Has(prm.Name) && prm.Name != list.Key {
			row[prm.Name] = v.Get(prm.Name)
		}
	}
	return fmt.Sprintf("<doc><ok/><id>%s</id></doc>", xmlEscape(elid)), true
}

// group runs a group operation on the ids in elid: delete removes rows
// (a missing id is fine, as on the real panel), suspend and resume switch
// the row's "active" value, anything else only answers ok.
func (p *Panel) group(f *schema.Function, v url.Values) (string, bool) {
	ids := strings.Split(v.Get("elid"), ", ")
	if v.Get("elid") == "" {
		return p.errDoc("missed", "elid", "Select at least one object"), false
	}
	area, op, _ := strings.Cut(f.Name, ".")
	if i := strings.LastIndex(f.Name, "."); i > 0 {
		area, op = f.Name[:i], f.Name[i+1:]
	}
	list := p.schema.Lookup(area)
	if list == nil || list.Kind != schema.KindList {
		return "<doc><ok/></doc>", true
	}
	parent := v.Get("plid")
	for _, id := range ids {
		i, row := p.find(list, id, parent)
		if i < 0 {
			continue
		}
		switch op {
		case "delete":
			p.rows[list.Name] = slices.Delete(p.rows[list.Name], i, i+1)
		case "suspend":
			row["active"] = "off"
		case "resume":
			row["active"] = "on"
		}
	}
	return "<doc><ok/></doc>", true
}

// rulesOf builds the form's requiredness rules from the schema, as the
// generated client does.
func rulesOf(f *schema.Function) *runtime.FormRules {
	r := &runtime.FormRules{Func: f.Name, Form: true}
	for _, prm := range f.Params {
		if prm.Required {
			r.Required = append(r.Required, runtime.RequiredParam{Param: prm.Name, Field: prm.Name, FormField: prm.Field,
				Feature: prm.Feature, RemoveIf: prm.RemoveIf})
		}
		for _, c := range prm.If {
			if !c.Shadow {
				r.Hides = append(r.Hides, runtime.HideRule{Param: prm.Name, Value: c.Value, Hide: c.Hide})
			}
		}
	}
	return r
}

// errDoc is an error document in the panel's one language: a schema holds
// labels in one language, and the panel answers a request for any other
// in its default one.
func (p *Panel) errDoc(typ, object, msg string) string {
	lang := p.schema.Lang
	if lang == "" {
		lang = "en"
	}
	return fmt.Sprintf(`<doc><error type="%s" object="%s" lang="%s"><msg>%s</msg></error></doc>`, typ, xmlEscape(object), xmlEscape(lang), xmlEscape(msg))
}

// xmlName reports whether s can be an element name as it stands. A schema
// may hold any wire name, and one that is not an XML name (say `a"/><ok`)
// must not shape the document: its value is left out.
func xmlName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r)):
		default:
			return false
		}
	}
	return true
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
