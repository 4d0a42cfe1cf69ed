package runtime

import (
	"errors"
	"strings"
)

// What confirms a write. A panel answers a write it ran with HTTP 200 and
// a document; which documents prove the write ran depends on the call:
//
//   - A group operation (Group, Run, Delete) is confirmed by <ok/>, with or
//     without attributes or text.
//   - A form submit (Submit) is confirmed by <ok/> in any form (<ok
//     type="url">, <ok type="form">...), by <show_success>yes</show_success>,
//     by the created object's id (<id>, an element ending in .id such as
//     <user.id> or <billorder.id>, or VMmanager's <ip> after iplist.edit),
//     by a <redirect>, or, for a wizard step sent with snext, by the next
//     step's form (any document that carries elements).
//
// Any other document (an empty <doc/>, one with neither <ok/> nor
// <error>) proves nothing: the call returns a *MayHaveRunError wrapping
// ErrUnconfirmed, carrying the answer, so a caller who checks only err
// does not take silence for success.

// ErrUnconfirmed is the cause, inside a *MayHaveRunError, of a write whose
// answer is a document that neither confirms it nor reports an error.
var ErrUnconfirmed = errors.New("the answer neither confirms the write nor reports an error")

// UnconfirmedError is a write answered by a document that does not
// confirm it. errors.Is(err, ErrUnconfirmed) matches it; Response is the
// answer as received (secrets redacted).
type UnconfirmedError struct {
	Func     string
	Response *Response
}

// Error names the function and what was missing.
func (e *UnconfirmedError) Error() string {
	return "mgr " + e.Func + ": " + ErrUnconfirmed.Error()
}

// Is matches ErrUnconfirmed.
func (e *UnconfirmedError) Is(target error) bool { return target == ErrUnconfirmed }

// confirmedGroup reports an answer that confirms a group operation.
func confirmedGroup(resp *Response) bool { return resp.meta().ok != nil }

// confirmedSubmit reports an answer that confirms the form submit req.
func confirmedSubmit(req *Request, resp *Response) bool {
	t := resp.meta()
	if t.ok != nil || t.redirect != nil {
		return true
	}
	if strings.EqualFold(t.showSuccess, "yes") {
		return true
	}
	if t.id != "" || t.anyID != "" {
		return true
	}
	if strings.HasSuffix(req.Func, "iplist.edit") && t.ip != "" {
		return true
	}
	return req.Values.Get("snext") != "" && t.children > 0
}

// confirm returns resp's outcome, or the error that says the write may
// have run when the answer does not confirm it.
func confirm(req *Request, resp *Response, confirmed func(*Request, *Response) bool) (*Result, error) {
	if !confirmed(req, resp) {
		return nil, &MayHaveRunError{Func: req.Func, Raw: resp.Raw, Err: &UnconfirmedError{Func: req.Func, Response: resp}}
	}
	return resp.Result(), nil
}

func groupShape(_ *Request, resp *Response) bool { return confirmedGroup(resp) }
