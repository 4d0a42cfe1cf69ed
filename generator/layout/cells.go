package layout

import (
	"go/token"
	"math"
	"unicode/utf8"
)

// sep is what go/printer writes between two tokens of an aligned line.
// The tabwriter aligns the text between '\v' and '\t' cell ends across
// consecutive lines; a column of empty '\v' cells disappears.
type sep uint8

const (
	sepUnset sep = iota
	sepVtab
	sepVtab2
	sepBlank
	sepTab
)

var sepText = [...]string{sepVtab: "\v", sepVtab2: "\v\v", sepBlank: " ", sepTab: "\t"}

// lineCells sets the cells of the line starting at i when it has any (a
// struct field, a spec of a group of several, a one-line key: value
// element of a composite literal of several) and returns the frame they
// belong to, or -1, and whether go/printer starts a new alignment section
// at the line.
func (p *printer) lineCells(i, n int) (owner int32, newSection bool, err error) {
	f := p.top()
	switch t := p.items[i].tok; {
	case f == nil, t == token.COMMENT, t == token.RPAREN, t == token.RBRACE, t == token.RBRACK:
		return -1, true, nil
	}
	end := p.lineEnd(i)
	switch f.kind {
	case structFrame:
		if err := p.oneLine(i, end, "a struct field"); err != nil {
			return -1, true, err
		}
		p.fieldCells(f, i, end)
		return f.open, false, nil
	case groupFrame:
		if f.keyTok != token.CONST && f.keyTok != token.VAR {
			return -1, true, nil
		}
		if f.lines < 2 {
			// go/printer writes a lone spec with blanks, and a tab
			// before its comment.
			if p.items[end-1].tok != token.COMMENT {
				return -1, true, nil
			}
			p.items[end-1].sep = sepTab
			return f.open, true, nil
		}
		if err := p.oneLine(i, end, "a const or var spec"); err != nil {
			return -1, true, err
		}
		if err := p.specCells(i, end); err != nil {
			return -1, true, err
		}
		return f.open, false, nil
	case compositeFrame:
		return p.pairCells(f, i, end, n)
	}
	return -1, true, nil
}

// oneLine fails unless the tokens [i, end) close every bracket they open.
func (p *printer) oneLine(i, end int, what string) error {
	for j := i; j < end; j++ {
		if int(p.match[j]) >= end {
			return p.unsupported(i, what+" over more than one line")
		}
	}
	return nil
}

// fieldCells lays out a struct field as go/printer's fieldList does: name,
// sep, type; before a tag one more sep for a named field; before a
// trailing comment as many seps as the line lacks of three. The sep is a
// cell end, or a blank in a struct of one field (then a comment follows a
// tab).
func (p *printer) fieldCells(f *frame, i, end int) {
	it := p.items
	last := end - 1
	comment := -1
	if it[last].tok == token.COMMENT {
		comment = last
		last--
	}
	tag := -1
	if last > i && it[last].tok == token.STRING {
		tag = last
		last--
	}
	named := it[i].tok == token.IDENT && i < last && it[i+1].tok != token.PERIOD
	one, two := sepVtab, sepVtab2
	if f.oneField {
		one, two = sepBlank, sepBlank
	}
	extra := 2
	if named {
		it[i+1].sep = one
		extra = 1
	}
	if tag >= 0 {
		it[tag].sep = one
		if named {
			it[tag].sep = two
		}
		extra = 0
	}
	if comment >= 0 {
		switch {
		case f.oneField || extra == 0:
			it[comment].sep = sepTab
		case extra == 1:
			it[comment].sep = sepVtab
		default:
			it[comment].sep = sepVtab2
		}
	}
}

// specCells lays out a const or var spec of a group of several as
// go/printer's valueSpec does: name, cell, type, cell, "= value", and a
// cell before a trailing comment. Specs without a type or a value are not
// supported (go/printer may keep an empty type column for them).
func (p *printer) specCells(i, end int) error {
	it := p.items
	if it[i].tok != token.IDENT || i+1 >= end || it[i+1].tok == token.ASSIGN || it[i+1].tok == token.COMMA {
		return p.unsupported(i, "a spec without a type")
	}
	assign := -1
	depth := 0
	for j := i + 1; j < end && assign < 0; j++ {
		switch it[j].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.ASSIGN:
			if depth == 0 {
				assign = j
			}
		}
	}
	if assign < 0 {
		return p.unsupported(i, "a spec without a value")
	}
	it[i+1].sep = sepVtab
	it[assign].sep = sepVtab
	if it[end-1].tok == token.COMMENT {
		it[end-1].sep = sepVtab
	}
	return nil
}

// pairCells handles an element of a broken composite literal that starts
// line i: a key: value pair that fits on the line gets a cell after its
// colon, and whether the line starts a new alignment section follows
// go/printer's key size heuristic (exprList in go/printer/nodes.go): keys
// of up to 40 characters align, longer ones only while their size stays
// within 2.5 times the geometric mean of the section's.
func (p *printer) pairCells(f *frame, i, end, n int) (int32, bool, error) {
	it := p.items
	if it[i].tok != token.IDENT || i+1 >= end || it[i+1].tok != token.COLON {
		// Elements of one literal are all pairs or none; without pairs
		// there are no cells.
		return -1, true, nil
	}
	elemEnd := -1
	for j := i; j < len(it); j++ {
		if int(p.match[j]) > j {
			j = int(p.match[j])
			continue
		}
		if it[j].tok == token.COMMA || int32(j) == p.match[f.open] {
			elemEnd = j
			break
		}
	}
	size := 0
	if elemEnd >= 0 && it[elemEnd].line == it[i].line {
		size = utf8.RuneCount(p.text(i))
	}
	useFF := true
	if f.prevSize > 0 && size > 0 {
		if f.count == 0 || f.prevSize <= 40 && size <= 40 {
			useFF = false
		} else {
			const r = 2.5
			ratio := float64(size) / math.Exp(f.lnsum/float64(f.count))
			useFF = r*ratio <= 1 || r <= ratio
		}
	}
	if f.elems > 0 && (useFF || n > 1) {
		// A new section, or a blank line, which ends one too.
		f.lnsum, f.count = 0, 0
	}
	f.elems++
	f.prevSize = size
	if size > 0 {
		f.lnsum += math.Log(float64(size))
		f.count++
	}
	if size > 0 && i+2 < end && p.elemCount(f) > 1 {
		it[i+2].sep = sepVtab
		return f.open, useFF, nil
	}
	return -1, true, nil
}

// elemCount is the number of elements of the composite literal f.
func (p *printer) elemCount(f *frame) int {
	if f.total >= 0 {
		return f.total
	}
	n := 0
	end := int(p.match[f.open])
	afterComma := false
	for j := int(f.open) + 1; j < end; j++ {
		if int(p.match[j]) > j {
			j = int(p.match[j])
		}
		afterComma = p.items[j].tok == token.COMMA
		if afterComma {
			n++
		}
	}
	if !afterComma && end > int(f.open)+1 {
		n++
	}
	f.total = n
	return n
}
