package runtime

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"sync"
)

// Response is a panel document that is not an error.
type Response struct {
	// Func is the function that was called.
	Func string
	// Raw is the body exactly as received (secret values redacted). The
	// strings of a decoded answer may share one copy of it; Raw itself is
	// never shared, so changing it changes nothing else.
	Raw []byte

	top     *top     // the top level, as the pass recorded it
	secrets []string // redacted from the tree when it is built
	once    sync.Once
	doc     *Node
}

// Doc returns the document's root element, parsed from Raw on first use:
// the calls generated code makes decode their answer in one pass and never
// build the tree unless asked. A Response made by hand from an unreadable
// Raw gives nil.
func (r *Response) Doc() *Node {
	if r == nil {
		return nil
	}
	r.once.Do(func() {
		if root, err := ParseDoc(r.Raw); err == nil {
			redactNode(root, r.secrets)
			r.doc = root
		}
	})
	return r.doc
}

// meta returns what the pass recorded of the top level, scanning Raw
// for a Response that did not come from one.
func (r *Response) meta() *top {
	if r.top == nil {
		if resp, err := scanAnswer(r.Func, newScanner(r.Raw), r.Raw, 0, nil); err == nil {
			r.top = resp.top
		} else {
			r.top = &top{}
		}
	}
	return r.top
}

// Decode reads a panel answer. An <error> document becomes a *Error; the
// panel's login page, its login form document (func="logon") and a plain
// "access deny" become a *Error of type auth; any other HTML page (a
// proxy's) and anything else unreadable become a *DecodeError. It reads the
// body once and builds no tree (see Response.Doc).
func Decode(fn string, body []byte, status int) (*Response, error) {
	return scanAnswer(fn, newScanner(body), body, status, nil)
}

var errHTMLPage = errors.New("an HTML page that is not the panel's login page (a proxy or gateway answered?)")

// isLoginPage reports the panel's own login page: an HTML form asking
// for a user name and a password. A proxy's or gateway's page asks for
// neither.
func isLoginPage(b []byte) bool {
	l := bytes.ToLower(b)
	return bytes.Contains(l, []byte("<form")) && bytes.Contains(l, []byte(`type="password"`)) &&
		(bytes.Contains(l, []byte(`name="username"`)) || bytes.Contains(l, []byte(`name="login"`)))
}

// isAccessDeny reports the plain-text refusal some panels send instead of
// a document.
func isAccessDeny(b []byte) bool {
	t := bytes.ToLower(bytes.TrimSpace(b))
	return bytes.Equal(t, []byte("access deny")) || bytes.Equal(t, []byte("access denied"))
}

func looksLikeHTML(b []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(b))
	if len(head) > 512 {
		head = head[:512]
	}
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<html"))
}

// Value is one element of a row or form: the text shown and, for localized
// values, the raw key the panel translated (orig).
type Value struct {
	Text string
	Orig string
	// Attrs holds the element's other attributes.
	Attrs map[string]string
	// Node is the element itself when it has child elements (mgrctl -o xml
	// payment.info nests a whole record inside <payment>), so typed code
	// can reach them; nil for a plain value.
	Node *Node
}

// Row is one element of a list (an <elem>) or the values of a form: every
// child element by name, including ones the generated code does not know.
// An element that is present but empty (a flag shown as an icon) maps to a
// zero Value, so presence is tested with Has.
type Row map[string]Value

// Has reports whether the panel sent the element name.
func (r Row) Has(name string) bool { _, ok := r[name]; return ok }

// String returns the text of name.
func (r Row) String(name string) string { return r[name].Text }

// Orig returns the raw key behind a localized value, or the text when the
// panel sent no key.
func (r Row) Orig(name string) string {
	if v := r[name]; v.Orig != "" {
		return v.Orig
	}
	return r[name].Text
}

// Bool reads a flag: on, yes and true are true, and so is an empty element
// that is present (how lists show set properties); off, no and absent are
// false.
func (r Row) Bool(name string) bool {
	v, ok := r[name]
	return ok && isTrue(v.Text)
}

// On reads a form flag: true only for on, yes or true.
func (r Row) On(name string) bool { return isOn(r[name].Text) }

// Int reads an integer; an empty or non-numeric value gives 0.
func (r Row) Int(name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r[name].Text), 10, 64)
	return n
}

// Float reads a decimal number; an empty or non-numeric value gives 0.
func (r Row) Float(name string) float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(r[name].Text), 64)
	return f
}

// List reads a value holding several keys separated by commas.
func (r Row) List(name string) []string { return splitList(r[name].Text) }

func rowOf(n *Node, skip map[string]bool) Row {
	row := Row{}
	for _, c := range n.Children {
		if skip[c.Name] {
			continue
		}
		if _, dup := row[c.Name]; dup {
			continue
		}
		// A plain value's text is kept exactly as sent, so a form
		// resubmitted unchanged sends it back byte for byte; an element
		// with children holds only the white space between them.
		v := Value{Text: c.Text}
		if len(c.Children) > 0 {
			v.Text, v.Node = strings.TrimSpace(c.Text), c
		}
		for _, a := range c.Attrs {
			if a.Name.Local == "orig" {
				v.Orig = a.Value
				continue
			}
			if v.Attrs == nil {
				v.Attrs = map[string]string{}
			}
			v.Attrs[a.Name.Local] = a.Value
		}
		row[c.Name] = v
	}
	return row
}

// Rows returns the document's <elem> rows (none, one or many).
func (r *Response) Rows() []Row {
	var rows []Row
	for _, e := range r.Doc().All("elem") {
		rows = append(rows, rowOf(e, nil))
	}
	return rows
}

// TableRows returns the rows of a table inside a form or report: the <elem>
// children of the first element named name, or carrying name="name".
func (r *Response) TableRows(name string) []Row {
	n := r.Doc().find(func(n *Node) bool { return n.Name == name || (n.Attr("name") == name && len(n.All("elem")) > 0) })
	if n == nil {
		return nil
	}
	var rows []Row
	for _, e := range n.All("elem") {
		rows = append(rows, rowOf(e, nil))
	}
	return rows
}

// docMeta are the <doc> children that describe the document rather than
// carry form values.
var docMeta = map[string]bool{
	"metadata": true, "messages": true, "slist": true, "tparams": true, "saved_filters": true,
	"page": true, "tips": true, "ok": true, "elem": true, "p_cnt": true, "p_elems": true,
	"p_num": true, "p_order": true, "p_sort": true, "p_possible_filters": true, "auth": true,
}

// Values returns a form's current values: every child of <doc> that is not
// part of the document's own machinery.
func (r *Response) Values() Row { return rowOf(r.Doc(), docMeta) }

// Choice is one option of a select: the key to send and the label shown.
type Choice struct {
	Key   string
	Label string
}

// Choices returns the options the form offers, by parameter name.
func (r *Response) Choices() map[string][]Choice {
	out := map[string][]Choice{}
	for _, s := range r.Doc().All("slist") {
		name := s.Attr("name")
		for _, v := range s.Children {
			label := strings.TrimSpace(v.Text)
			key := label
			if v.Name == "val" && v.Attr("key") != "" {
				key = v.Attr("key")
			}
			out[name] = append(out[name], Choice{Key: key, Label: label})
		}
	}
	return out
}

// Page describes where a list page sits in the whole list.
type Page struct {
	// Num is the page number (from 1), Size the rows per page and Total the
	// number of rows in the whole list, as the panel reports them.
	Num, Size, Total int
}

// Page reads the list paging the panel reports (p_num, p_cnt, p_elems).
func (r *Response) Page() Page { return r.meta().page }

// Result is the outcome of a submitted form or an operation.
type Result struct {
	// OK is true when the panel answered <ok/>.
	OK bool
	// Type is the ok element's type, when it has one: url (Redirect is an
	// address to open), form, list, top or blank.
	Type string
	// ID is the id of the object created or changed, when the panel
	// returns one (see Response.Result for where it is looked for).
	ID string
	// Redirect is the function or URL the panel points to next, if any.
	Redirect string
	// Attrs holds the ok element's other attributes, such as
	// on_blank_redirect_action.
	Attrs map[string]string
	// Deleted is what a delete with the VerifyDeleted option found; nil
	// otherwise.
	Deleted *DeleteCheck
	// Response is the whole document.
	Response *Response
}

// Result reads an operation's outcome. The created object's id is taken
// from the first of <id>, an element named FUNC.id or ending in .id (such
// as billorder.id or user.id), <service_id>, or <elid> that the document
// carries at its top level.
func (r *Response) Result() *Result {
	t := r.meta()
	res := &Result{Response: r}
	if ok := t.ok; ok != nil {
		res.OK = true
		res.Redirect = strings.TrimSpace(ok.Text)
		for _, a := range ok.Attrs {
			if a.Name.Local == "type" {
				res.Type = a.Value
				continue
			}
			if res.Attrs == nil {
				res.Attrs = map[string]string{}
			}
			res.Attrs[a.Name.Local] = a.Value
		}
	}
	for _, id := range []string{t.id, t.funcID, t.anyID, t.serviceID, t.elid} {
		if id != "" {
			res.ID = id
			break
		}
	}
	if t.redirect != nil && res.Redirect == "" {
		res.Redirect = *t.redirect
	}
	return res
}

// ListResult is one page of a list with typed rows.
type ListResult[T any] struct {
	Rows []T
	Page Page
	// Response is the whole document, for anything the rows do not carry.
	Response *Response
}
