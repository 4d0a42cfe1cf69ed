package generator

import "github.com/mgrgen/mgrgen/schema"

// subListActions finds the functions on the toolbars of sub-lists (lists
// with a parent): they run under the parent's row, passed as plid.
func subListActions(s *schema.Schema) map[string]*schema.Function {
	m := map[string]*schema.Function{}
	for i := range s.Functions {
		l := &s.Functions[i]
		if l.Kind != schema.KindList || l.Parent == "" {
			continue
		}
		for _, a := range l.Actions {
			if _, dup := m[a.Func]; !dup && a.Func != l.Name {
				m[a.Func] = l
			}
		}
	}
	return m
}
