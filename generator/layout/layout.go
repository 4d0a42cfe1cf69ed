// Package layout puts the Go source that jennifer renders unformatted into
// gofmt's layout without parsing and printing it again, which is what made
// go/format the largest single cost of generation.
//
// It knows the constructs mgrgen's templates emit (declarations, struct
// and const blocks, signatures, simple statements, composite literals) and
// reproduces go/printer's decisions for them: the spacing between tokens,
// indentation, the alignment cells go/printer hands to text/tabwriter
// (which then does the alignment, exactly as it does for gofmt) and the
// reformatting of doc comments (go/doc/comment, as gofmt applies it).
// Anything else is reported as ErrUnsupported, so the caller can fall back
// to go/format; the tests check that the two agree byte for byte on every
// file mgrgen generates.
package layout

import (
	"errors"
	"fmt"
	"go/token"
	"text/tabwriter"
)

// ErrUnsupported reports source this package can't lay out the way gofmt
// would: the caller formats it with go/format instead.
var ErrUnsupported = errors.New("layout: construct not supported")

// Source returns src, Go source as jennifer renders it with NoFormat set,
// in gofmt's layout. It fails with ErrUnsupported (wrapped, naming the
// line) on a construct it does not know, and with another error on text
// that is not Go.
func Source(src []byte) ([]byte, error) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	items, err := scan(src, sc.items[:0])
	if err != nil {
		return nil, err
	}
	sc.items = items
	match := matchBrackets(items, sc.match[:0])
	if match == nil {
		return nil, fmt.Errorf("%w: unbalanced brackets", ErrUnsupported)
	}
	sc.match = match
	p := &printer{src: src, items: items, match: match, cellOwner: -1, segStart: -1, ifDepth: -1,
		stack: sc.stack[:0], buf: sc.buf[:0], segments: sc.segments[:0], sc: sc}
	err = p.file()
	sc.stack, sc.buf, sc.segments = p.stack, p.buf, p.segments
	if err != nil {
		return nil, err
	}
	return p.output()
}

// What the printer hands the tabwriter, as go/printer does: '\v' and '\t'
// end alignment cells, '\n' ends a line and '\f' a line and every column,
// and tabwriter.Escape brackets text the tabwriter must not read
// (comments, literals).
const (
	newline  = '\n'
	formfeed = '\f'
	escape   = tabwriter.Escape
)

type frameKind uint8

const (
	groupFrame     frameKind = iota // import ( ... ), const ( ... ), var ( ... )
	structFrame                     // struct { ... }
	blockFrame                      // a function or if body
	compositeFrame                  // T{ ... }
	parenFrame                      // parameters, results, call arguments
	brackFrame                      // index, type arguments and parameters, slice and map types
)

// frame is an open bracket.
type frame struct {
	kind   frameKind
	keyTok token.Token // the keyword of a group
	open   int32       // index of the opening bracket, also the frame's identity
	broken bool        // its content starts on a new line, indented
	// lines counts the lines of a struct's fields or a group's specs.
	lines    int
	oneField bool
	// For the elements of a broken composite literal: how many were seen
	// and the total (-1 until counted), and for the key size heuristic
	// the previous key size, the sum of the logs of the section's and
	// their count.
	elems    int
	total    int
	prevSize int
	lnsum    float64
	count    int
}

type printer struct {
	sc    *scratch
	src   []byte
	items []item
	match []int32
	buf   []byte

	stack  []frame
	indent int

	// lastDecl is the keyword of the last top-level declaration.
	lastDecl token.Token
	// inSignature is set from a top-level func keyword to its body.
	inSignature bool
	// ifDepth is the stack depth at an if keyword until its block, or -1.
	ifDepth int
	// cellOwner is the frame (by open) whose cells the current line has,
	// or -1.
	cellOwner int32
	// segments are the spans of buf holding lines with cells, the only
	// text the tabwriter needs to see; segStart is where the open one
	// starts, or -1.
	segments [][2]int
	segStart int
}

// endSegment ends the span of lines with cells, if one is open.
func (p *printer) endSegment() {
	if p.segStart >= 0 {
		p.segments = append(p.segments, [2]int{p.segStart, len(p.buf)})
		p.segStart = -1
	}
}

func (p *printer) unsupported(i int, what string) error {
	return fmt.Errorf("%w: %s at line %d", ErrUnsupported, what, p.items[i].line)
}

// text is the source text of a name, literal or comment.
func (p *printer) text(i int) []byte {
	return p.src[p.items[i].off:p.items[i].end]
}

func (p *printer) top() *frame {
	if len(p.stack) == 0 {
		return nil
	}
	return &p.stack[len(p.stack)-1]
}

// writeEscaped writes text the tabwriter must pass as it is.
func writeEscaped[T string | []byte](p *printer, s T) {
	p.buf = append(p.buf, escape)
	p.buf = append(p.buf, s...)
	p.buf = append(p.buf, escape)
}

// file lays out the whole file, token by token.
func (p *printer) file() error {
	items := p.items
	for i := 0; i < len(items); i++ {
		var err error
		switch {
		case i == 0:
			err = p.startLine(i, 0)
		case items[i].line > items[i-1].line:
			err = p.startLine(i, int(items[i].line-items[i-1].line))
		default:
			err = p.space(i)
		}
		if err != nil {
			return err
		}
		if items[i].tok == token.COMMENT && len(p.stack) == 0 && (i == 0 || items[i-1].line < items[i].line) {
			if i, err = p.topComments(i); err != nil {
				return err
			}
			continue
		}
		if err := p.token(i); err != nil {
			return err
		}
	}
	p.endSegment()
	p.buf = append(p.buf, newline)
	return nil
}

// lineEnd returns the index after the last token on i's line.
func (p *printer) lineEnd(i int) int {
	j := i
	for j < len(p.items) && p.items[j].line == p.items[i].line {
		j++
	}
	return j
}

// startLine writes the line break before token i (gap lines below the
// previous token in the source) and the indentation of its line.
func (p *printer) startLine(i, gap int) error {
	t := p.items[i].tok
	f := p.top()
	closing := t == token.RPAREN || t == token.RBRACE || t == token.RBRACK
	switch {
	case closing:
		if f == nil || !f.broken {
			return p.unsupported(i, "a line break before the closing bracket of a one-line list")
		}
		p.indent--
	case f != nil && !f.broken:
		if int(f.open) != i-1 {
			return p.unsupported(i, "a line break inside an expression")
		}
		f.broken = true
		p.indent++
	case f != nil && (f.kind == compositeFrame || f.kind == parenFrame || f.kind == brackFrame):
		// A broken list breaks after its elements only.
		if p.items[i-1].tok != token.COMMA && int(f.open) != i-1 {
			return p.unsupported(i, "an element continued on the next line")
		}
	}

	n := min(gap, 2)
	if len(p.stack) == 0 && i > 0 {
		n = p.topLevelBreaks(i, gap, n)
	}
	owner, newSection, err := p.lineCells(i, n)
	if err != nil {
		return err
	}
	// Cells of consecutive lines of one struct, group or composite literal
	// align; every other line break ends the columns.
	brk := byte(formfeed)
	if owner >= 0 && owner == p.cellOwner && !newSection {
		brk = newline
	} else {
		p.endSegment()
	}
	if i > 0 {
		for range n {
			p.buf = append(p.buf, brk)
		}
	}
	if owner >= 0 && p.segStart < 0 {
		p.segStart = len(p.buf)
	}
	p.cellOwner = owner
	for range p.indent {
		p.buf = append(p.buf, '\t')
	}
	return nil
}

// topLevelBreaks is the number of line breaks before token i at the top
// level: gofmt separates a declaration from one of another kind, and a
// declaration with a doc comment from the one before, by a blank line.
func (p *printer) topLevelBreaks(i, gap, n int) int {
	t := p.items[i].tok
	if t == token.COMMENT {
		// After the package clause, go/printer has a line break pending
		// when it meets a comment, and adds one more at the top level.
		if p.lastDecl != token.ILLEGAL {
			return max(n, 2)
		}
		return n
	}
	if !isDeclKeyword(t) {
		return n
	}
	if p.items[i-1].tok == token.COMMENT && gap == 1 {
		return 1 // right below its doc comment
	}
	if p.lastDecl != t {
		return max(n, 2)
	}
	return max(n, 1)
}

// commentGroupEnd returns the index of the last comment of the group of
// line comments starting at i.
func (p *printer) commentGroupEnd(i int) int {
	j := i
	for j+1 < len(p.items) && p.items[j+1].tok == token.COMMENT && p.items[j+1].line == p.items[j].line+1 {
		j++
	}
	return j
}

// documented reports whether the top-level comment group starting at i is
// a doc comment: something follows on the line right below it.
func (p *printer) documented(i int) bool {
	j := p.commentGroupEnd(i)
	return j+1 < len(p.items) && p.items[j+1].line == p.items[j].line+1
}

func isDeclKeyword(t token.Token) bool {
	switch t {
	case token.IMPORT, token.CONST, token.VAR, token.TYPE, token.FUNC:
		return true
	}
	return false
}

// space writes what separates token i from the one before it on its line.
func (p *printer) space(i int) error {
	if s := p.items[i].sep; s != sepUnset {
		p.buf = append(p.buf, sepText[s]...)
		return nil
	}
	if p.items[i].tok == token.COMMENT {
		// go/printer aligns the comments after code on consecutive
		// lines; mgrgen writes them on struct fields and consts only.
		return p.unsupported(i, "a comment after code outside a struct or const block")
	}
	blank, err := p.blank(i)
	if err != nil {
		return err
	}
	if blank {
		p.buf = append(p.buf, ' ')
		return nil
	}
	// Two operators written together must not read as another one (& &
	// as &&, / / as a comment); mgrgen's templates never write such.
	if prev, cur := p.items[i-1].tok, p.items[i].tok; prev.IsOperator() && cur.IsOperator() {
		joined := prev.String() + cur.String()[:1]
		if _, ok := operators[joined]; ok || joined == "//" || joined == "/*" {
			return p.unsupported(i, "operators "+prev.String()+" and "+cur.String()+" side by side")
		}
	}
	return nil
}

// blank reports whether gofmt puts a blank between tokens i-1 and i of
// one line. Every * and & is taken as unary: mgrgen's templates emit no
// products and no bitwise and.
func (p *printer) blank(i int) (bool, error) {
	prev, cur := p.items[i-1].tok, p.items[i].tok
	if prev == token.INT && cur == token.PERIOD {
		return false, p.unsupported(i, "a selector on a number")
	}
	switch cur {
	case token.COMMA, token.SEMICOLON, token.RPAREN, token.RBRACK, token.PERIOD, token.COLON:
		return false, nil
	}
	switch prev {
	case token.LPAREN, token.LBRACK, token.LBRACE, token.PERIOD, token.MUL, token.AND, token.NOT, token.ELLIPSIS:
		return false, nil
	case token.COMMA, token.SEMICOLON, token.COLON:
		return true, nil
	case token.INTERFACE, token.CHAN, token.SELECT, token.SWITCH, token.FOR, token.GO, token.DEFER, token.GOTO, token.ELSE:
		return false, p.unsupported(i, "the keyword "+prev.String())
	}
	if isBinary(cur) || isBinary(prev) {
		return true, nil
	}
	switch cur {
	case token.LPAREN:
		switch prev {
		case token.IDENT, token.RBRACK:
			return false, nil // a call, a signature's parameters
		case token.FUNC:
			if len(p.stack) > 0 {
				return false, p.unsupported(i, "a function literal or type")
			}
		}
		return true, nil
	case token.LBRACK:
		switch prev {
		case token.IDENT:
			// A slice type after a name; else an index or type arguments.
			return p.next(i) == token.RBRACK, nil
		case token.MAP, token.RBRACK:
			return false, nil
		}
		return true, nil
	case token.LBRACE:
		switch {
		case p.opensBlock():
			return true, nil
		case prev == token.STRUCT:
			return p.next(i) != token.RBRACE, nil // struct{} but struct {
		}
		return false, nil // a composite literal
	case token.RBRACE:
		return false, nil
	case token.ELLIPSIS:
		// Spread in a call (xs...) or a variadic parameter (xs ...T).
		next := p.next(i)
		return next != token.RPAREN && next != token.COMMA, nil
	}
	switch prev {
	case token.RBRACK, token.MAP:
		return false, nil // []T, map[K]V
	case token.RBRACE:
		return cur != token.LBRACE, nil
	}
	return true, nil
}

// next is the token after i, or ILLEGAL at the end.
func (p *printer) next(i int) token.Token {
	if i+1 < len(p.items) {
		return p.items[i+1].tok
	}
	return token.ILLEGAL
}

func isBinary(t token.Token) bool {
	switch t {
	case token.ASSIGN, token.DEFINE, token.EQL, token.NEQ, token.LAND, token.LOR,
		token.LSS, token.GTR, token.LEQ, token.GEQ, token.ADD, token.SUB:
		return true
	}
	return false
}

// opensBlock reports whether a { at the current depth starts a function
// body or the block of an if.
func (p *printer) opensBlock() bool {
	return p.inSignature && len(p.stack) == 0 || p.ifDepth == len(p.stack)
}

// token writes token i and keeps track of brackets and declarations.
func (p *printer) token(i int) error {
	it := p.items[i]
	switch it.tok {
	case token.IDENT, token.INT:
		p.buf = append(p.buf, p.text(i)...)
	case token.COMMENT, token.STRING, token.CHAR:
		writeEscaped(p, p.text(i))
	default:
		p.buf = append(p.buf, it.tok.String()...)
	}
	switch it.tok {
	case token.PACKAGE, token.IMPORT, token.CONST, token.VAR, token.TYPE, token.FUNC:
		if len(p.stack) > 0 || i > 0 && p.items[i-1].line == it.line {
			return p.unsupported(i, "the keyword "+it.tok.String()+" inside a declaration")
		}
		p.lastDecl = it.tok
		p.inSignature = it.tok == token.FUNC
	case token.IF:
		p.ifDepth = len(p.stack)
	case token.LPAREN, token.LBRACK, token.LBRACE:
		f, err := p.open(i)
		if err != nil {
			return err
		}
		p.stack = append(p.stack, f)
	case token.RPAREN, token.RBRACK, token.RBRACE:
		p.stack = p.stack[:len(p.stack)-1]
	}
	return nil
}

// open makes the frame of the bracket at i.
func (p *printer) open(i int) (frame, error) {
	f := frame{open: int32(i), total: -1}
	prev := token.ILLEGAL
	if i > 0 {
		prev = p.items[i-1].tok
	}
	switch p.items[i].tok {
	case token.LPAREN:
		f.kind = parenFrame
		switch {
		case len(p.stack) == 0 && (prev == token.IMPORT || prev == token.CONST || prev == token.VAR):
			f.kind, f.keyTok = groupFrame, prev
			f.lines = p.countLines(i)
		case prev == token.TYPE:
			return f, p.unsupported(i, "a type group")
		}
	case token.LBRACK:
		f.kind = brackFrame
	case token.LBRACE:
		switch {
		case p.opensBlock():
			f.kind = blockFrame
			if p.ifDepth == len(p.stack) {
				p.ifDepth = -1
			} else {
				p.inSignature = false
			}
		case prev == token.STRUCT:
			f.kind = structFrame
			f.lines = p.countLines(i)
			f.oneField = f.lines == 1
		case prev == token.INTERFACE:
			return f, p.unsupported(i, "an interface type")
		default:
			f.kind = compositeFrame
		}
	}
	return f, nil
}

// countLines counts the lines inside the bracket at i that start with
// something other than a comment: the fields of a struct, the specs of a
// group.
func (p *printer) countLines(i int) int {
	n := 0
	end := int(p.match[i])
	for j := i + 1; j < end; j++ {
		if p.items[j].line != p.items[j-1].line && p.items[j].tok != token.COMMENT {
			n++
		}
	}
	return n
}

// topComments writes the group of comments at the top level starting at
// i, reformatted as gofmt reformats a doc comment when it documents what
// follows. It returns the index of the group's last comment.
func (p *printer) topComments(i int) (int, error) {
	j := p.commentGroupEnd(i)
	lines := make([]string, 0, j-i+1)
	for k := i; k <= j; k++ {
		lines = append(lines, string(p.text(k)))
	}
	if p.documented(i) {
		var err error
		if lines, err = formatDoc(lines); err != nil {
			return 0, p.unsupported(i, err.Error())
		}
	}
	for k, line := range lines {
		if k > 0 {
			p.buf = append(p.buf, formfeed)
		}
		writeEscaped(p, line)
	}
	p.endSegment()
	p.cellOwner = -1
	return j, nil
}
