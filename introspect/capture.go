package introspect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/antchfx/xmlquery"

	"github.com/mgrgen/mgrgen/runtime"
	"github.com/mgrgen/mgrgen/schema"
)

// Capture holds the raw answers of one panel, as received.
type Capture struct {
	Panel string
	// Method is "local", "http" or "dump".
	Method       string
	Captured     time.Time
	PanelVersion string
	// Listing is the text of `mgrctl -i`; ActionList the XML of
	// func=actionlist. Either may be empty.
	Listing    []byte
	ActionList []byte
	// Devel maps a function name to its out=devel document.
	Devel map[string][]byte
	// FuncInfo maps a function name to the raw text of `mgrctl -i FUNC`,
	// kept only when asked for; nothing parses it.
	FuncInfo map[string][]byte
	// Failures maps a function name to why it could not be fetched.
	Failures map[string]string
}

// Inventory formats returned by Panel.Inventory.
const (
	FormatListing    = "listing"
	FormatActionList = "actionlist"
)

// Panel is a live panel that can be asked for descriptions.
type Panel interface {
	// Method names the transport: "local" or "http".
	Method() string
	// Inventory returns the list of functions in its raw form and which
	// format it is in (FormatListing or FormatActionList).
	Inventory(ctx context.Context) (raw []byte, format string, err error)
	// Devel returns the out=devel document of fn.
	Devel(ctx context.Context, fn string) ([]byte, error)
	// FuncInfo returns the raw `mgrctl -i FUNC` text of fn.
	FuncInfo(ctx context.Context, fn string) ([]byte, error)
}

// FetchOptions control Fetch.
type FetchOptions struct {
	// Jobs is how many calls run at once (default 4).
	Jobs int
	// Timeout bounds each call (default 60s).
	Timeout time.Duration
	// Strict stops at the first function that fails.
	Strict bool
	// Known, when set, is the function list to use instead of asking the
	// panel for its inventory (a saved listing or an earlier schema).
	Known []ListingEntry
	// Probe fetches devel documents of functions whose kind is unknown too,
	// with out=devel and no elid, so an operation has no object to act on.
	// Off by default: out=devel runs the function, and a function of
	// unknown kind may act rather than describe. Even so, names that look
	// like writes (see looksLikeWrite) are skipped, and what will be asked
	// and skipped is said through Warn before anything is sent.
	Probe bool
	// Warn receives what the capture could not learn, why, and the flag
	// that fixes it (a function list without kinds), and what -probe will
	// ask; nil discards it.
	Warn func(msg string)
	// WithFuncInfo also keeps the raw `mgrctl -i FUNC` text.
	WithFuncInfo bool
	// Progress, when non-nil, receives a one-line progress bar.
	Progress io.Writer
}

// writeVerbs are the last parts of the names of COREmanager operations
// that change something (user.delete, vm.start, server.poweroff): a probe
// never asks them, even with out=devel.
var writeVerbs = map[string]bool{
	"delete": true, "suspend": true, "resume": true, "start": true, "stop": true, "restart": true,
	"reboot": true, "poweron": true, "poweroff": true, "enable": true, "disable": true, "on": true,
	"off": true, "reinstall": true, "chpasswd": true, "su": true, "setpaid": true, "refund": true,
	"send": true, "sync": true, "open": true, "close": true, "archive": true, "prolong": true,
	"run": true, "apply": true, "reset": true, "restore": true, "remove": true, "add": true,
	"install": true, "uninstall": true, "exit": true, "newkey": true, "lock": true, "unlock": true,
}

// looksLikeWrite reports a function whose name ends in a write verb.
func looksLikeWrite(name string) bool {
	i := strings.LastIndexByte(name, '.')
	return writeVerbs[strings.ToLower(name[i+1:])]
}

// plan picks the functions to ask out=devel of, and warns about what the
// capture will not learn: with a function list that gives no kinds
// (func=actionlist over HTTP), nothing is describable without -probe or a
// saved listing; with -probe, it says what will be asked and skipped.
func plan(entries []ListingEntry, opt FetchOptions) []string {
	warn := opt.Warn
	if warn == nil {
		warn = func(string) {}
	}
	var todo, probed, skipped []string
	unknown := 0
	for _, e := range entries {
		switch {
		case describable(e.Kind):
			todo = append(todo, e.Name)
		case e.Kind != "":
		case !opt.Probe:
			unknown++
		case looksLikeWrite(e.Name):
			skipped = append(skipped, e.Name)
		default:
			probed = append(probed, e.Name)
		}
	}
	if unknown > 0 {
		warn(fmt.Sprintf("%d of %d functions have no kind: the panel's function list does not give kinds (func=actionlist over HTTP does not), so they are not described and stay untyped. "+
			"Give the listing of `mgrctl -m PANEL -i`, saved on the panel host, with --functions FILE; or pass -probe to ask out=devel of each (without elid; names that look like writes are skipped)", unknown, len(entries)))
	}
	if opt.Probe && len(probed)+len(skipped) > 0 {
		warn(fmt.Sprintf("-probe: asking out=devel (no elid) of %d functions of unknown kind: %s", len(probed), strings.Join(probed, ", ")))
		if len(skipped) > 0 {
			warn(fmt.Sprintf("-probe: skipping %d that look like writes (their names end in an operation such as .delete or .start): %s", len(skipped), strings.Join(skipped, ", ")))
		}
	}
	return append(todo, probed...)
}

// describable reports whether out=devel of a function of this kind returns
// a description without side effects.
func describable(kind string) bool {
	return kind == schema.KindForm || kind == schema.KindList || kind == schema.KindReport
}

// Fetch asks p for its inventory, then for the devel document of every form,
// list and report, Jobs at a time. A function that fails is recorded in
// Capture.Failures and the run goes on, unless Strict is set.
func Fetch(ctx context.Context, p Panel, panel string, opt FetchOptions) (*Capture, error) {
	if opt.Jobs <= 0 {
		opt.Jobs = 4
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 60 * time.Second
	}
	c := &Capture{Panel: panel, Method: p.Method(), Captured: time.Now().UTC(),
		Devel: map[string][]byte{}, FuncInfo: map[string][]byte{}, Failures: map[string]string{}}
	entries := opt.Known
	if entries == nil {
		ictx, cancel := context.WithTimeout(ctx, opt.Timeout)
		raw, format, err := p.Inventory(ictx)
		cancel()
		if err != nil {
			return nil, fmt.Errorf("function list: %w", err)
		}
		switch format {
		case FormatListing:
			c.Listing = raw
			if entries, err = ParseListing(raw); err != nil {
				return nil, fmt.Errorf("function list: %w", err)
			}
		case FormatActionList:
			c.ActionList = raw
			names, err := ParseActionList(raw)
			if err != nil {
				return nil, fmt.Errorf("actionlist: %w", err)
			}
			for _, n := range names {
				entries = append(entries, ListingEntry{Name: n})
			}
		default:
			return nil, fmt.Errorf("function list: unknown format %q", format)
		}
	}
	todo := plan(entries, opt)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		done     int
		firstErr error
		wg       sync.WaitGroup
		work     = make(chan string)
	)
	bar := newProgress(opt.Progress, len(todo))
	for range min(opt.Jobs, max(len(todo), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for fn := range work {
				doc, info, err := fetchOne(ctx, p, fn, opt)
				mu.Lock()
				if doc != nil {
					c.Devel[fn] = doc
				}
				if info != nil {
					c.FuncInfo[fn] = info
				}
				if err != nil {
					c.Failures[fn] = err.Error()
					if opt.Strict && firstErr == nil {
						firstErr = fmt.Errorf("function %q: %w", fn, err)
						cancel()
					}
				}
				done++
				bar.update(done, fn)
				mu.Unlock()
			}
		}()
	}
feed:
	for _, fn := range todo {
		select {
		case work <- fn:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	bar.finish()
	if firstErr != nil {
		return nil, firstErr
	}
	// An interrupted capture is incomplete; never pass it off as whole.
	if err := parent.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func callWithTimeout[T any](ctx context.Context, d time.Duration, f func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return f(ctx)
}

// fetchOne gets one function's devel document (and, when asked, its
// `mgrctl -i FUNC` text). A document that arrives but does not parse is
// returned with its error, so the capture keeps what the panel said.
func fetchOne(ctx context.Context, p Panel, fn string, opt FetchOptions) (doc, info []byte, err error) {
	doc, err = callWithTimeout(ctx, opt.Timeout, func(ctx context.Context) ([]byte, error) { return p.Devel(ctx, fn) })
	if err != nil {
		return nil, nil, err
	}
	if opt.WithFuncInfo {
		info, err = callWithTimeout(ctx, opt.Timeout, func(ctx context.Context) ([]byte, error) { return p.FuncInfo(ctx, fn) })
		if err != nil {
			return doc, nil, fmt.Errorf("mgrctl -i %s: %w", fn, err)
		}
	}
	if _, perr := ParseDevel(doc); perr != nil && !errors.Is(perr, ErrNoMetadata) {
		return doc, info, perr
	}
	return doc, info, nil
}

// ParseActionList reads the function names of a func=actionlist document
// (one <elem><action>NAME</action></elem> per function), sorted.
func ParseActionList(data []byte) ([]string, error) {
	root, err := parseAny(data)
	if err != nil {
		return nil, err
	}
	doc := childElement(root, "doc")
	if doc == nil {
		return nil, errors.New("not a panel document: no <doc> root")
	}
	if e := childElement(doc, "error"); e != nil {
		return nil, panelError("actionlist", e)
	}
	var names []string
	for _, n := range xmlquery.Find(doc, "elem/action") {
		name := strings.TrimSpace(n.InnerText())
		if schema.IsWireName(name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, errors.New("no functions in the document")
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// StripSecrets removes secrets from a devel document before it is saved
// in a dump. It always empties <tparams>, where the panel echoes the
// request. When the document's metadata can be read, it blanks the values
// of secret parameters (password inputs, private="yes") and of parameters
// with well-known secret names. When it can't (no metadata, an error
// document, metadata that does not parse), it fails closed: every value
// outside <metadata> and <messages> is blanked, since any of them could be
// an input. A body that is not a panel document is refused.
func StripSecrets(doc []byte) ([]byte, error) {
	root, err := parseAny(doc)
	if err != nil {
		return nil, err
	}
	d := childElement(root, "doc")
	if d == nil {
		return nil, errors.New("not a panel document (no <doc>), so its values can't be checked for secrets")
	}
	secret := func(name string) bool { return name != "metadata" && name != "messages" }
	if f, err := develFunction(root); err == nil {
		names := map[string]bool{}
		for _, p := range f.Params {
			if p.Secret {
				names[p.Name] = true
			}
		}
		secret = func(name string) bool { return names[name] || runtime.WellKnownSecret(name) }
	}
	changed := false
	// Every element below <doc> is looked at, not only the top level: a
	// secret may sit in a nested element or an attribute of an echoed
	// record. The metadata and messages describe the form, never values.
	stack := []*xmlquery.Node{}
	for c := d.LastChild; c != nil; c = c.PrevSibling {
		if c.Type == xmlquery.ElementNode && c.Data != "metadata" && c.Data != "messages" {
			stack = append(stack, c)
		}
	}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case c.Data == "tparams" && c.Parent == d:
			if c.FirstChild != nil {
				c.FirstChild, c.LastChild = nil, nil
				changed = true
			}
		case secret(c.Data):
			if blankValues(c) {
				changed = true
			}
		default:
			for k := c.LastChild; k != nil; k = k.PrevSibling {
				if k.Type == xmlquery.ElementNode {
					stack = append(stack, k)
				}
			}
		}
	}
	if !changed {
		return doc, nil
	}
	var buf bytes.Buffer
	if err := root.Write(&buf, false); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// blankValues removes every text node under n and empties every
// attribute value, iteratively, and reports whether there was any.
func blankValues(n *xmlquery.Node) bool {
	removed := false
	stack := []*xmlquery.Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i := range cur.Attr {
			if cur.Attr[i].Value != "" {
				cur.Attr[i].Value = ""
				removed = true
			}
		}
		for c := cur.FirstChild; c != nil; {
			next := c.NextSibling
			switch c.Type {
			case xmlquery.TextNode, xmlquery.CharDataNode:
				xmlquery.RemoveFromTree(c)
				removed = true
			case xmlquery.ElementNode:
				stack = append(stack, c)
			}
			c = next
		}
	}
	return removed
}
