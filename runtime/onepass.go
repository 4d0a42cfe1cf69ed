package runtime

import (
	"encoding/xml"
	"errors"
	"reflect"
	"strconv"
	"strings"
)

// One pass per answer. A transport decodes the body once, with the
// tokenizer, straight into what the call returns: a list's typed rows, a
// form's values, options and tables, and what every answer carries at its
// top level (ok, redirect, the created id, paging, the error and login
// checks). The document tree (Response.Doc) is built only when asked for.

// sink is what the call that sent a request wants from its answer, set on
// the Request by the helpers generated code calls.
type sink struct {
	// rows, for a list: the slice (a reflect.Value of a *[]T) to append to.
	rows reflect.Value
	keep int // rows already in the slice before this call
	rr   *rowReader
	// yield, for a stream, takes each row instead of the slice; false
	// stops the pass.
	yield func(reflect.Value) bool
	// form, for a form or report: the tables it reads, by wire name; the
	// pass fills values, choices and the tables it finds at the top level.
	form    bool
	tables  map[string]bool
	values  Row
	choices map[string][]Choice
	found   map[string]*Node
	// allChoices backs the slices in choices.
	allChoices []Choice
}

// top is what the pass records of a document's top level.
type top struct {
	rootFunc    string
	children    int
	ok          *Node
	redirect    *string
	showSuccess string
	id, anyID   string
	funcID      string
	serviceID   string
	elid, ip    string
	page        Page
	// sunk is the sink the pass filled, so a caller knows its rows or
	// values were decoded (a custom transport may have used Decode).
	sunk *sink
}

// scanAnswer decodes body, the answer to fn, in one pass into sk (which
// may be nil) and the Response's top-level record. Error documents, login
// pages and unreadable answers become errors as Decode describes.
func scanAnswer(fn string, sc *scanner, body []byte, status int, sk *sink) (*Response, error) {
	sk.reset()
	// Up to the root element.
	for {
		err := sc.next()
		if err != nil || sc.kind == tokEOF {
			if err == nil {
				err = errNotXML
			}
			return nil, notDocument(fn, body, status, err)
		}
		if sc.kind == tokStart {
			break
		}
	}
	if string(localName(sc.name)) != "doc" {
		// Not a panel document: the whole must still parse for the
		// checks below to tell a page from garbage.
		return nil, notDocument(fn, body, status, nil)
	}
	t := &top{}
	for _, a := range sc.attrs {
		if string(localName(a.name)) == "func" {
			t.rootFunc = string(a.value)
		}
	}
	var errNode *Node
	for {
		if err := sc.next(); err != nil {
			return nil, notDocument(fn, body, status, err)
		}
		if sc.kind == tokEOF {
			break
		}
		if sc.kind != tokStart {
			continue
		}
		if len(sc.open) == 1 {
			// A second root element.
			return nil, notDocument(fn, body, status, errors.New("more than one root element"))
		}
		t.children++
		name := string(localName(sc.name))
		var err error
		switch name {
		case "error":
			var n *Node
			if n, err = sc.node(); errNode == nil {
				errNode = n
			}
		case "elem":
			if sk != nil && sk.rr != nil {
				err = sk.row(sc, "", false)
			} else {
				err = sc.skip()
			}
		case "list":
			if sk != nil && sk.rr != nil {
				err = sk.group(sc)
			} else {
				err = sc.skip()
			}
		case "slist":
			if sk != nil && sk.form {
				err = sk.slist(sc)
			} else {
				err = sc.skip()
			}
		case "ok":
			var n *Node
			if n, err = sc.node(); t.ok == nil {
				t.ok = n
			}
		case "p_num", "p_cnt", "p_elems":
			var text string
			if text, _, err = sc.leaf(); err == nil {
				n, _ := strconv.Atoi(strings.TrimSpace(text))
				switch name {
				case "p_num":
					t.page.Num = n
				case "p_cnt":
					t.page.Size = n
				default:
					t.page.Total = n
				}
			}
		default:
			if docMeta[name] {
				err = sc.skip()
				break
			}
			var v Value
			if v, err = sc.value(false); err == nil {
				t.record(fn, name, v)
				if sk != nil && sk.form {
					sk.value(name, v)
				}
			}
		}
		if err == errStopped {
			return nil, err
		}
		if err != nil {
			return nil, notDocument(fn, body, status, err)
		}
	}
	if errNode != nil {
		pe := decodeError(fn, errNode, body, status)
		// A top-level auth error that names no object is the panel
		// refusing the session itself; one with an object (a module's
		// remote login, a bad password, a key) may come from inside a
		// call that ran.
		pe.sessionRefused = pe.Type == "auth" && pe.Object == ""
		return nil, pe
	}
	// The panel's login form as a document (func="logon") means the
	// credentials or session were not accepted, like the HTML login page.
	if t.rootFunc == "logon" && fn != "logon" {
		return nil, &Error{Func: fn, Type: "auth", Object: "logon", StatusCode: status, Raw: body, sessionRefused: true,
			Msg: "the panel answered with its login form; the credentials or session are not accepted"}
	}
	t.sunk = sk
	return &Response{Func: fn, Raw: body, top: t}, nil
}

// record keeps the top-level values Result and the write checks read.
func (t *top) record(fn, name string, v Value) {
	text := strings.TrimSpace(v.Text)
	switch {
	case name == "redirect":
		if t.redirect == nil {
			t.redirect = &text
		}
	case name == "show_success":
		if t.showSuccess == "" {
			t.showSuccess = text
		}
	case name == "id":
		if t.id == "" {
			t.id = text
		}
	case name == "service_id":
		if t.serviceID == "" {
			t.serviceID = text
		}
	case name == "elid":
		if t.elid == "" {
			t.elid = text
		}
	case name == "ip":
		if t.ip == "" {
			t.ip = text
		}
	}
	if name == fn+".id" && t.funcID == "" {
		t.funcID = text
	}
	if strings.HasSuffix(name, ".id") && t.anyID == "" && text != "" {
		t.anyID = text
	}
}

// notDocument is the error for an answer that is not a readable panel
// document: the plain "access deny", the login page, another HTML page,
// or a *DecodeError with why (err, or errNotXML).
func notDocument(fn string, body []byte, status int, err error) error {
	if isAccessDeny(body) {
		return &Error{Func: fn, Type: "auth", Object: "access_deny", StatusCode: status, Raw: body,
			Msg: "the panel answered \"access deny\"; the credentials or session are not accepted"}
	}
	if looksLikeHTML(body) {
		if isLoginPage(body) {
			return &Error{Func: fn, Type: "auth", Object: "login_page", StatusCode: status, Raw: body, sessionRefused: true,
				Msg: "the panel answered with its login page instead of a document; the credentials or session are not accepted"}
		}
		return &DecodeError{Func: fn, StatusCode: status, Raw: body, Err: errHTMLPage}
	}
	if err == nil {
		// A root other than <doc>: if the document parses, it is still not
		// one of ours.
		if _, perr := ParseDoc(body); perr != nil {
			err = perr
		} else {
			err = errNotXML
		}
	}
	return &DecodeError{Func: fn, StatusCode: status, Raw: body, Err: err}
}

// errStopped ends a pass whose caller stopped taking rows.
var errStopped = errors.New("stopped")

// reset empties what an earlier pass over another answer to the same
// request (before a new login, or a retry) put in sk.
func (sk *sink) reset() {
	if sk == nil {
		return
	}
	if sk.rows.IsValid() {
		sk.rows.Elem().SetLen(sk.keep)
	}
	sk.values, sk.choices, sk.found, sk.allChoices = nil, nil, nil, nil
}

// row decodes the <elem> just started as one more row: appended to the
// slice, or handed to yield when the rows are streamed.
func (sk *sink) row(sc *scanner, group string, grouped bool) error {
	if sk.yield != nil {
		row := reflect.New(sk.rr.typ).Elem()
		if err := sk.rr.elem(sc, row, group, grouped); err != nil {
			return err
		}
		if !sk.yield(row) {
			return errStopped
		}
		return nil
	}
	sl := sk.rows.Elem()
	n := sl.Len()
	if n == sl.Cap() {
		sl.Grow(max(n, 16))
	}
	sl.SetLen(n + 1)
	return sk.rr.elem(sc, sl.Index(n), group, grouped)
}

// group reads a <list name="..."> group of rows.
func (sk *sink) group(sc *scanner) error {
	name := ""
	for _, a := range sc.attrs {
		if string(localName(a.name)) == "name" {
			name = string(a.value)
		}
	}
	for {
		if err := sc.next(); err != nil {
			return err
		}
		switch sc.kind {
		case tokEnd:
			return nil
		case tokStart:
			var err error
			if string(localName(sc.name)) == "elem" {
				err = sk.row(sc, name, true)
			} else {
				err = sc.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// slist reads the options of one select.
func (sk *sink) slist(sc *scanner) error {
	name := ""
	for _, a := range sc.attrs {
		if string(localName(a.name)) == "name" {
			name = string(a.value)
		}
	}
	if sk.choices == nil {
		sk.choices = map[string][]Choice{}
	}
	// The options of every select go in one slice, each select's map entry
	// a part of it, capped so an append by the caller copies.
	start := len(sk.allChoices)
	for {
		if err := sc.next(); err != nil {
			return err
		}
		switch sc.kind {
		case tokEnd:
			part := sk.allChoices[start:len(sk.allChoices):len(sk.allChoices)]
			if prev, ok := sk.choices[name]; ok {
				part = append(prev[:len(prev):len(prev)], part...)
			}
			sk.choices[name] = part
			return nil
		case tokStart:
			isVal := string(localName(sc.name)) == "val"
			key := ""
			for _, a := range sc.attrs {
				if string(localName(a.name)) == "key" {
					key = sc.str(a.value, a.off)
				}
			}
			text, _, err := sc.leaf()
			if err != nil {
				return err
			}
			label := strings.TrimSpace(text)
			if !isVal || key == "" {
				key = label
			}
			sk.allChoices = append(sk.allChoices, Choice{Key: key, Label: label})
		}
	}
}

// value keeps a form value (the first element of a name wins) and, for an
// element with children, a table the form reads.
func (sk *sink) value(name string, v Value) {
	if sk.values == nil {
		sk.values = Row{}
	}
	if _, dup := sk.values[name]; !dup {
		sk.values[name] = v
	}
	if v.Node == nil || len(sk.tables) == 0 {
		return
	}
	n := &Node{Name: name, Children: v.Node.Children, Text: v.Text}
	for k, val := range v.Attrs {
		n.Attrs = append(n.Attrs, xml.Attr{Name: xml.Name{Local: k}, Value: val})
	}
	for table := range sk.tables {
		if sk.found[table] != nil {
			continue
		}
		if name == table || (v.Attrs["name"] == table && len(n.All("elem")) > 0) {
			if sk.found == nil {
				sk.found = map[string]*Node{}
			}
			sk.found[table] = n
		}
	}
}
