package form

import (
	"unicode/utf8"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

// A PDF producer wraps a cell's list of names at the spaces between them,
// and a wrap looks exactly like the line break inside a long word: read
// back, 戴庆加 林嘉达 becomes 戴庆加林嘉达. The names a form uses alone in
// other cells tell where such a run splits.

// knownNames collects every list entry of the form's people and department
// columns that is a whole name on its own.
func knownNames(rows []*row) map[string]map[string]bool {
	known := map[string]map[string]bool{}
	for _, key := range []string{model.ColLeaders, model.ColOwners, model.ColDepartments} {
		known[key] = map[string]bool{}
	}
	for _, r := range rows {
		for key, set := range known {
			for _, t := range cell.ListOf(key, r.cells[key]) {
				if (key == model.ColDepartments && cell.IsOrgName(t)) || (key != model.ColDepartments && cell.IsPersonName(t)) {
					set[t] = true
				}
			}
		}
	}
	// An entry that is itself a run of other known entries (a department
	// list glued by a wrap still ends like a department) is not a name.
	for _, set := range known {
		for t := range set {
			delete(set, t)
			if splitRun(t, set) == nil {
				set[t] = true
			}
		}
	}
	// Leaders and owners are both people: a name seen in one column splits
	// a run in the other.
	for t := range known[model.ColLeaders] {
		known[model.ColOwners][t] = true
	}
	for t := range known[model.ColOwners] {
		known[model.ColLeaders][t] = true
	}
	// People written in the department column (a shifted row) split there
	// too: the list comes back as written, and the audit flags it.
	for t := range known[model.ColLeaders] {
		known[model.ColDepartments][t] = true
	}
	return known
}

// splitRun splits a list entry that is a run of known names, or returns nil
// when it is one name (or cannot be split into known names only).
func splitRun(t string, known map[string]bool) []string {
	if known[t] || utf8.RuneCountInString(t) < 4 {
		return nil
	}
	rs := []rune(t)
	// best[i]: the split of rs[:i] into known names with the fewest parts.
	best := make([][]string, len(rs)+1)
	best[0] = []string{}
	for i := 1; i <= len(rs); i++ {
		for j := max(0, i-12); j < i; j++ {
			if best[j] == nil || !known[string(rs[j:i])] {
				continue
			}
			if best[i] == nil || len(best[j])+1 < len(best[i]) {
				best[i] = append(append([]string{}, best[j]...), string(rs[j:i]))
			}
		}
	}
	if len(best[len(rs)]) < 2 {
		return nil
	}
	return best[len(rs)]
}

// splitRuns applies splitRun to a list; raw keeps the cell as read when a
// run was split.
func splitRuns(list []string, known map[string]bool) ([]string, bool) {
	var out []string
	changed := false
	for _, t := range list {
		if parts := splitRun(t, known); parts != nil {
			out = append(out, parts...)
			changed = true
			continue
		}
		out = append(out, t)
	}
	return out, changed
}
