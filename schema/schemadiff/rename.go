package schemadiff

import (
	"github.com/mgrgen/mgrgen/schema"
)

// pairRenames matches removed items with added ones that look like the
// same thing under a new name. score says how alike two items are (0: not
// a rename candidate). A pair is made only when each is the other's single
// best match, so an ambiguous case stays an honest removal plus addition.
// The result lists every item once: {old, new} for a rename, {old, nil}
// for a removal, {nil, new} for an addition, in the input orders.
func pairRenames[T any](removed, added []*T, score func(o, n *T) int) [][2]*T {
	best := func(scores func(i int) int, n int) int {
		at, top, ties := -1, 0, 0
		for i := 0; i < n; i++ {
			switch s := scores(i); {
			case s > top:
				at, top, ties = i, s, 1
			case s == top && s > 0:
				ties++
			}
		}
		if ties != 1 {
			return -1
		}
		return at
	}
	partner := make([]int, len(removed))
	taken := make([]bool, len(added))
	for i, o := range removed {
		partner[i] = -1
		j := best(func(j int) int { return score(o, added[j]) }, len(added))
		if j < 0 {
			continue
		}
		if best(func(k int) int { return score(removed[k], added[j]) }, len(removed)) != i {
			continue
		}
		partner[i], taken[j] = j, true
	}
	var out [][2]*T
	for i, o := range removed {
		if partner[i] >= 0 {
			out = append(out, [2]*T{o, added[partner[i]]})
		} else {
			out = append(out, [2]*T{o, nil})
		}
	}
	for j, n := range added {
		if !taken[j] {
			out = append(out, [2]*T{nil, n})
		}
	}
	return out
}

// functionScore: a rename keeps the kind, and keeps the title or most of
// the parameters and columns.
func functionScore(o, n *schema.Function) int {
	if o.Kind != n.Kind {
		return 0
	}
	score := 0
	if o.Title != "" && o.Title == n.Title {
		score += 4
	}
	shared, total := overlap(paramNames(o), paramNames(n))
	c, ct := overlap(columnNames(o), columnNames(n))
	shared, total = shared+c, total+ct
	if total > 0 && shared*3 >= total*2 { // two thirds in common
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

func paramNames(f *schema.Function) []string {
	out := make([]string, len(f.Params))
	for i, p := range f.Params {
		out[i] = p.Name
	}
	return out
}

func columnNames(f *schema.Function) []string {
	out := make([]string, len(f.Columns))
	for i, c := range f.Columns {
		out[i] = c.Name
	}
	return out
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
