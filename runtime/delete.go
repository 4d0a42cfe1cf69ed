package runtime

import (
	"context"
	"errors"
)

// VerifyDeleted asks a group delete to check what it did. The panel
// answers a delete with <ok/> even for an id it had no record of (the
// vendor's API guide says so), and the guide's way to know is to open the
// record's edit form afterwards: an error means the record is gone. With
// this option a generated delete method does that for each id, with the
// list's own edit function, and reports the outcome in Result.Deleted.
// Without it nothing extra is sent. A group operation whose list names no
// edit function refuses the option before sending anything.
func VerifyDeleted() Option { return func(o *Options) { o.verifyDeleted = true } }

// DeleteCheck is what a verified delete found, id by id, in the order the
// ids were given.
type DeleteCheck struct {
	// Gone holds the ids whose edit form the panel refused to open: the
	// records no longer exist.
	Gone []string
	// Remaining holds the ids whose edit form opened: the records still
	// exist.
	Remaining []string
	// Unchecked holds the ids that could not be checked (the network, a
	// refused login, an unreadable answer); Errors says why, by id.
	Unchecked []string
	Errors    map[string]error
}

// Delete runs the group delete fn on ids as Group does and, when the
// VerifyDeleted option is given, then opens each id with the form editFn
// (the list's edit function) and reports in Result.Deleted which ids are
// gone, which remain and which could not be checked. For generated code.
func Delete(ctx context.Context, c *Client, fn, editFn string, ids []string, opts []Option) (*Result, error) {
	res, err := group(ctx, c, fn, ids, opts, true)
	if err != nil || !c.options(ctx, opts).verifyDeleted {
		return res, err
	}
	check := &DeleteCheck{}
	for _, id := range ids {
		req := NewReadRequest(editFn)
		req.Set("elid", id)
		_, err := c.Do(ctx, req, opts...)
		var pe *Error
		switch {
		case err == nil:
			check.Remaining = append(check.Remaining, id)
		case errors.As(err, &pe) && pe.Type != "auth":
			check.Gone = append(check.Gone, id)
		default:
			check.Unchecked = append(check.Unchecked, id)
			if check.Errors == nil {
				check.Errors = map[string]error{}
			}
			check.Errors[id] = err
		}
	}
	res.Deleted = check
	return res, nil
}

// Group runs the group operation fn on the objects ids (sent as elid,
// joined with ", "). It refuses an empty ids before sending: the panel
// would act on nothing, or on what a previous selection left. An answer
// without <ok/> is a *MayHaveRunError (see ErrUnconfirmed). For generated
// code.
func Group(ctx context.Context, c *Client, fn string, ids []string, opts []Option) (*Result, error) {
	return group(ctx, c, fn, ids, opts, false)
}

func group(ctx context.Context, c *Client, fn string, ids []string, opts []Option, verifiable bool) (*Result, error) {
	if len(ids) == 0 {
		return nil, Required(fn, "elid", "elid")
	}
	if !verifiable && c.options(ctx, opts).verifyDeleted {
		return nil, &ValidationError{Func: fn, Problems: []Problem{{Field: "VerifyDeleted", Param: "elid",
			Msg: "cannot be checked: the schema names no edit form for the list this operation belongs to"}}}
	}
	req := NewRequest(fn)
	req.Set("elid", JoinIDs(ids...))
	resp, err := c.Do(ctx, req, opts...)
	if err != nil {
		return nil, err
	}
	return confirm(req, resp, groupShape)
}

// options returns the options a call with opts would use.
func (c *Client) options(ctx context.Context, opts []Option) Options {
	var r Request
	c.prepare(ctx, &r, opts)
	return r.Options
}
