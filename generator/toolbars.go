package generator

import (
	"strings"

	"github.com/mgrgen/mgrgen/schema"
)

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

// deleteChecks maps each group delete on a list's toolbar to the form that
// opens one row of that list (the toolbar's edit button, else its new
// button: COREmanager opens and creates with one form), which a verified
// delete (runtime.VerifyDeleted) opens for each id to learn whether it is
// gone. A delete is a group operation named delete on the toolbar or whose
// function ends in .delete.
func deleteChecks(s *schema.Schema) map[string]string {
	forms := map[string]bool{}
	for i := range s.Functions {
		if s.Functions[i].Kind == schema.KindForm {
			forms[s.Functions[i].Name] = true
		}
	}
	m := map[string]string{}
	for i := range s.Functions {
		l := &s.Functions[i]
		if l.Kind != schema.KindList {
			continue
		}
		edit := ""
		for _, typ := range []string{"edit", "new"} {
			for _, a := range l.Actions {
				if edit == "" && a.Type == typ && forms[a.Func] {
					edit = a.Func
				}
			}
		}
		if edit == "" {
			continue
		}
		for _, a := range l.Actions {
			if _, dup := m[a.Func]; !dup && (a.Name == "delete" || strings.HasSuffix(a.Func, ".delete")) {
				m[a.Func] = edit
			}
		}
	}
	return m
}
