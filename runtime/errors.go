package runtime

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
)

// Sentinels matched by errors.Is against a *Error's Type.
var (
	// ErrAuth: the login, password, session or key was refused, or a login
	// page came back instead of a document.
	ErrAuth = errors.New("mgr: authentication failed")
	// ErrAccess: the user may not call this function or see this object.
	ErrAccess = errors.New("mgr: access denied")
	// ErrExists: the object being created already exists.
	ErrExists = errors.New("mgr: object already exists")
	// ErrMissed: a required parameter was missing, or the object was not
	// found.
	ErrMissed = errors.New("mgr: missing parameter or object")
	// ErrValue: a parameter's value was rejected.
	ErrValue = errors.New("mgr: invalid value")
)

var sentinels = map[string]error{
	"auth": ErrAuth, "access": ErrAccess, "exists": ErrExists, "missed": ErrMissed, "value": ErrValue,
}

// Error is an <error> document returned by the panel.
type Error struct {
	// Func is the function that was called.
	Func string
	// Type is the error category: auth, access, exists, missed, value, xml...
	Type string
	// Object names what the error is about (a parameter, an object type).
	Object string
	// Value is the offending value, when the panel names it.
	Value string
	Lang  string
	Code  string
	// Msg is the panel's message for people; Detail and Group add context.
	Msg    string
	Detail string
	Group  string
	// Params are the <param name=...> entries, by name.
	Params map[string]string
	// Stack lists the functions that led to the error, outermost first.
	Stack []string
	// StatusCode is the HTTP status, 0 for mgrctl.
	StatusCode int
	// Raw is the body exactly as received.
	Raw []byte
	// sessionRefused marks the answers that prove the panel refused the
	// session before running anything (see Decode).
	sessionRefused bool
}

// Error reads like "mgr user.edit: exists(user): User already exists",
// preferring the panel's own message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("mgr")
	if e.Func != "" {
		b.WriteString(" " + e.Func)
	}
	b.WriteString(": ")
	b.WriteString(e.Type)
	if e.Object != "" {
		b.WriteString("(" + e.Object + ")")
	}
	switch {
	case e.Msg != "":
		b.WriteString(": " + e.Msg)
	case e.Detail != "":
		b.WriteString(": " + e.Detail)
	case e.Group != "":
		b.WriteString(": " + e.Group)
	}
	return b.String()
}

// Is matches the sentinel of the error's type.
func (e *Error) Is(target error) bool {
	s, ok := sentinels[e.Type]
	return ok && s == target
}

func decodeError(fn string, n *Node, raw []byte, status int) *Error {
	e := &Error{Func: fn, Type: n.Attr("type"), Object: n.Attr("object"), Value: n.Attr("value"),
		Lang: n.Attr("lang"), Code: n.Attr("code"), StatusCode: status, Raw: raw}
	if e.Type == "" {
		e.Type = "unknown"
	}
	for _, c := range n.Children {
		text := strings.TrimSpace(c.Text)
		switch c.Name {
		case "msg":
			e.Msg = text
		case "detail":
			e.Detail = text
		case "group":
			e.Group = text
		case "param":
			if e.Params == nil {
				e.Params = map[string]string{}
			}
			e.Params[c.Attr("name")] = text
			if c.Attr("name") == "value" && e.Value == "" {
				e.Value = text
			}
		case "stack":
			for _, a := range c.All("action") {
				e.Stack = append(e.Stack, strings.TrimSpace(a.Text))
			}
		}
	}
	if e.Msg == "" && len(n.Children) == 0 {
		e.Msg = strings.TrimSpace(n.Text)
	}
	return e
}

// DecodeError describes a response that could not be read as a document.
type DecodeError struct {
	Func       string
	StatusCode int
	Raw        []byte
	Err        error
}

// Error says which function gave an unreadable answer and why.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("mgr %s: unreadable response: %v", e.Func, e.Err)
}

// Unwrap returns the parse or transport error.
func (e *DecodeError) Unwrap() error { return e.Err }

// ValidationError reports a request the client refused to send, with
// every problem found, not just the first.
type ValidationError struct {
	Func     string
	Problems []Problem
}

// Problem is one parameter a ValidationError complains about.
type Problem struct {
	// Field is the Go field, Param the wire parameter.
	Field, Param string
	Msg          string
}

// Error names the function and each field with its wire parameter.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = fmt.Sprintf("%s (%s) %s", p.Field, p.Param, p.Msg)
	}
	return fmt.Sprintf("mgr %s: %s", e.Func, strings.Join(parts, "; "))
}

// Required returns a ValidationError for a missing required parameter.
// For generated code, which calls it for group operations without ids.
func Required(fn, field, param string) error {
	return &ValidationError{Func: fn, Problems: []Problem{{Field: field, Param: param, Msg: "is required"}}}
}

// StatusError is an answer whose HTTP status was not 2xx: a proxy's error
// page, a panel that is down, a gateway timeout. Whether the panel ran the
// call is unknown, so it is never resent; if the body was a panel <error>
// document, Err holds it as a *Error.
type StatusError struct {
	Func       string
	StatusCode int
	Status     string
	// Location is the redirect target of a 3xx answer, secrets redacted;
	// a redirect to a write is never followed.
	Location string
	// Raw is the body as received, secret values redacted.
	Raw []byte
	Err error
}

// Error names the function and the status, and the panel's error if any.
func (e *StatusError) Error() string {
	s := fmt.Sprintf("mgr %s: HTTP %s", e.Func, e.Status)
	if e.Status == "" {
		s = fmt.Sprintf("mgr %s: HTTP %d", e.Func, e.StatusCode)
	}
	if e.Location != "" {
		s += " (redirect to " + e.Location + ", not followed)"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the panel's error document, if the body held one.
func (e *StatusError) Unwrap() error { return e.Err }

// TransportError is a failure to reach the panel or to read its answer
// (connection refused or reset, TLS failure, a cut body). A write that
// fails this way may or may not have run; it is never resent.
type TransportError struct {
	Func string
	Err  error
}

// Error names the function and the network failure.
func (e *TransportError) Error() string { return fmt.Sprintf("mgr %s: %v", e.Func, e.Err) }

// Unwrap returns the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// MayHaveRunError is the outcome of a write (a form submit, a group
// operation, a raw Client.Call) whose answer does not show whether the
// panel ran it: the connection broke after the request went out, a proxy
// answered (an HTML page, a 5xx), the panel redirected, or an auth error
// came from inside the call (a module's remote login). The write is never
// resent; check the object's state before trying again. Err is the
// underlying error (a *StatusError, *TransportError, *DecodeError or
// *Error), so errors.As finds it too.
type MayHaveRunError struct {
	Func string
	// Raw is the answer as received, secrets redacted; nil when none came.
	Raw []byte
	Err error
}

// Error says the write may have run, and why its outcome is unknown.
func (e *MayHaveRunError) Error() string {
	return fmt.Sprintf("mgr %s: the write may have run (not resent; check before retrying): %v", e.Func, e.Err)
}

// Unwrap returns the error that left the outcome open.
func (e *MayHaveRunError) Unwrap() error { return e.Err }

// MayHaveRun reports whether err leaves open whether the panel ran the
// write that returned it. It is false for errors that prove the panel did
// not run it (a validation error before sending, a panel <error> document
// refusing the call, a failed login, a refused connection) and for nil.
func MayHaveRun(err error) bool {
	var e *MayHaveRunError
	return errors.As(err, &e)
}

// writeOutcome wraps the final error of a write in a *MayHaveRunError
// unless it proves the panel did not run the call.
func writeOutcome(fn string, err error) error {
	if err == nil || MayHaveRun(err) {
		return err
	}
	var (
		pe *Error
		se *StatusError
		de *DecodeError
		te *TransportError
		ve *ValidationError
	)
	switch {
	case errors.As(err, &ve):
		return err
	case errors.As(err, &se):
		return &MayHaveRunError{Func: fn, Raw: se.Raw, Err: err}
	case errors.As(err, &pe):
		// The panel refused the call, unless the refusal is an auth
		// error that may come from inside a call that ran.
		if pe.Type != "auth" || pe.sessionRefused {
			return err
		}
		return &MayHaveRunError{Func: fn, Raw: pe.Raw, Err: err}
	case errors.As(err, &de):
		return &MayHaveRunError{Func: fn, Raw: de.Raw, Err: err}
	case errors.As(err, &te):
		if neverSent(te.Err) {
			return err
		}
		return &MayHaveRunError{Func: fn, Err: err}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &MayHaveRunError{Func: fn, Err: err}
	}
	return err
}

// neverSent reports a network failure that happened before the request
// could reach the panel: the connection was never made.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
