package mgrtest

// ParentColumn is where a row of a sub-list keeps the key of its parent
// row (the zone of a DNS record). SeedUnder sets it; Rows shows it.
const ParentColumn = "_parent"

// Seed adds rows to the list fn. Rows of a sub-list (a list with a parent
// in the schema) go in with SeedUnder.
func (p *Panel) Seed(fn string, rows ...Row) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range rows {
		p.rows[fn] = append(p.rows[fn], clone(r))
	}
}

// SeedUnder adds rows to the sub-list fn under the parent row whose key is
// parent: the records of a zone, the IP addresses of a server. A list
// call with that parent (req.Parent, sent as elid) lists them, and forms
// and group operations given the parent (sent as plid) find them.
func (p *Panel) SeedUnder(fn, parent string, rows ...Row) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range rows {
		r = clone(r)
		r[ParentColumn] = parent
		p.rows[fn] = append(p.rows[fn], r)
	}
}

// Rows returns a copy of the rows of the list fn; a sub-list's rows carry
// their parent's key in ParentColumn.
func (p *Panel) Rows(fn string) []Row {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Row, len(p.rows[fn]))
	for i, r := range p.rows[fn] {
		out[i] = clone(r)
	}
	return out
}
