package schemadiff

import (
	"github.com/mgrgen/mgrgen/schema"
)

// pairRenames matches removed items with added ones that look like the
// same thing under a new name. score(i, j) says how alike removed[i] and
// added[j] are (0: not a rename candidate); it is called once per pair. A
// pair is made only when each is the other's single best match, so an
// ambiguous case stays an honest removal plus addition. The result lists
// every item once: {old, new} for a rename, {old, nil} for a removal,
// {nil, new} for an addition, in the input orders.
func pairRenames[T any](removed, added []*T, score func(i, j int) int) [][2]*T {
	m, n := len(removed), len(added)
	// The best match of each row and each column, -1 when there is none
	// or it is tied.
	rowBest, rowTop := make([]int, m), make([]int, m)
	colBest, colTop := make([]int, n), make([]int, n)
	for i := range rowBest {
		rowBest[i] = -1
	}
	for j := range colBest {
		colBest[j] = -1
	}
	rowTied, colTied := make([]bool, m), make([]bool, n)
	for i := range m {
		for j := range n {
			s := score(i, j)
			if s <= 0 {
				continue
			}
			switch {
			case s > rowTop[i]:
				rowBest[i], rowTop[i], rowTied[i] = j, s, false
			case s == rowTop[i]:
				rowTied[i] = true
			}
			switch {
			case s > colTop[j]:
				colBest[j], colTop[j], colTied[j] = i, s, false
			case s == colTop[j]:
				colTied[j] = true
			}
		}
	}
	taken := make([]bool, n)
	partner := make([]int, m)
	for i := range m {
		partner[i] = -1
		if j := rowBest[i]; j >= 0 && !rowTied[i] && !colTied[j] && colBest[j] == i {
			partner[i], taken[j] = j, true
		}
	}
	var out [][2]*T
	for i, o := range removed {
		if partner[i] >= 0 {
			out = append(out, [2]*T{o, added[partner[i]]})
		} else {
			out = append(out, [2]*T{o, nil})
		}
	}
	for j, a := range added {
		if !taken[j] {
			out = append(out, [2]*T{nil, a})
		}
	}
	return out
}

// nameSet is the parameter and column names of a function, computed once
// for all the pairs it takes part in.
type nameSet map[string]struct{}

func namesOf(f *schema.Function) nameSet {
	s := make(nameSet, len(f.Params)+len(f.Columns))
	for _, p := range f.Params {
		s[p.Name] = struct{}{}
	}
	for _, c := range f.Columns {
		s["column "+c.Name] = struct{}{}
	}
	return s
}

// functionScorer scores function pairs with the name sets built once.
func functionScorer(removed, added []*schema.Function) func(i, j int) int {
	rs, as := make([]nameSet, len(removed)), make([]nameSet, len(added))
	for i, f := range removed {
		rs[i] = namesOf(f)
	}
	for j, f := range added {
		as[j] = namesOf(f)
	}
	return func(i, j int) int { return functionScore(removed[i], added[j], rs[i], as[j]) }
}

// functionScore: a rename keeps the kind, and keeps the title or two
// thirds of the parameters and columns.
func functionScore(o, n *schema.Function, on, nn nameSet) int {
	if o.Kind != n.Kind {
		return 0
	}
	score := 0
	if o.Title != "" && o.Title == n.Title {
		score += 4
	}
	shared := 0
	for k := range on {
		if _, ok := nn[k]; ok {
			shared++
		}
	}
	total := len(on) + len(nn) - shared
	if total > 0 && shared*3 >= total*2 {
		score += 2
	}
	if score == 0 {
		return 0
	}
	return score*100 + shared
}

// paramScore: a renamed parameter keeps its type and its label, or its
// type and its options.
func paramScore(o, n *schema.Param) int {
	if o.Type != n.Type {
		return 0
	}
	score := 0
	if o.Label != "" && o.Label == n.Label {
		score += 2
	}
	if len(o.Enum) > 0 {
		if shared, total := overlap(enumKeys(o.Enum), enumKeys(n.Enum)); shared*3 >= total*2 {
			score++
		}
	}
	return score
}

// columnScore: a renamed column keeps its type and its label.
func columnScore(o, n *schema.Column) int {
	if o.Type != n.Type || o.Label == "" || o.Label != n.Label {
		return 0
	}
	return 1
}

// overlap counts the names a and b share and the names either has.
func overlap(a, b []string) (shared, total int) {
	in := map[string]bool{}
	for _, x := range a {
		in[x] = true
	}
	total = len(in)
	for _, x := range b {
		if in[x] {
			shared++
			delete(in, x)
		} else {
			total++
		}
	}
	return shared, total
}
