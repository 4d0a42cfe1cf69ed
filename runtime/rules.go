package runtime

import (
	"strings"
)

// FormRules is the requiredness table of one function's parameters, which
// generated code passes to Check instead of spelling the rules out in
// code. For generated code; part of the generated-code contract. It follows what the panel itself enforces, so the client never
// refuses a call the panel would accept.
type FormRules struct {
	// Func is the function's wire name.
	Func string
	// Form is set for forms: their required parameters are required only
	// when creating (no elid). When editing, the panel keeps the stored
	// value of a parameter that is not sent.
	Form bool
	// Required lists the parameters the metadata marks required.
	Required []RequiredParam
	// Hides lists the form's visibility rules.
	Hides []HideRule
}

// RequiredParam is one required parameter.
type RequiredParam struct {
	// Param is the wire name, Field the Go field (for messages) and
	// FormField the name of the form field it sits in, when different
	// from Param (hide rules name fields).
	Param, Field, FormField string
	// Feature is set when the field exists only if the panel has that
	// feature, which the client can't confirm: then it is not enforced.
	Feature string
	// RemoveIf is "new" or "edit" when the field exists in one mode only.
	RemoveIf string
}

// HideRule hides the field Hide while the parameter Param equals Value
// (the form's <if value=... hide=...>). A shadowing rule, which only greys
// the field out, is not a HideRule.
type HideRule struct {
	Param, Value, Hide string
}

// Check returns a *ValidationError listing every required parameter that
// req lacks and the panel would ask for, or nil. A parameter is required
// only when creating (for forms), when its field is not removed in that
// mode, does not depend on a panel feature, and is visible given the
// values in req. When a rule that could hide it depends on a parameter req
// does not set, the client can't know what the panel will show, so it
// does not refuse the call.
func (f *FormRules) Check(req *Request) error {
	if f == nil {
		return nil
	}
	if f.Form && req.Values.Get("elid") != "" {
		return nil
	}
	var missing []Problem
	for _, rp := range f.Required {
		if rp.Feature != "" || (f.Form && rp.RemoveIf == "new") {
			continue
		}
		if present(req, rp.Param) || f.maybeHidden(req, rp) {
			continue
		}
		field := rp.Field
		if field == "" {
			field = rp.Param
		}
		missing = append(missing, Problem{Field: field, Param: rp.Param, Msg: "is required"})
	}
	if len(missing) == 0 {
		return nil
	}
	return &ValidationError{Func: f.Func, Problems: missing}
}

func present(req *Request, param string) bool {
	if _, ok := req.Files[param]; ok {
		return true
	}
	for _, v := range req.Values[param] {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// maybeHidden reports whether a rule hides rp's field, or might, because
// the parameter the rule depends on is not in req.
func (f *FormRules) maybeHidden(req *Request, rp RequiredParam) bool {
	for _, h := range f.Hides {
		if h.Hide != rp.Param && (rp.FormField == "" || h.Hide != rp.FormField) {
			continue
		}
		vals, set := req.Values[h.Param]
		if !set || len(vals) == 0 {
			return true
		}
		for _, v := range vals {
			if v == h.Value {
				return true
			}
		}
	}
	return false
}
