package columns

import "github.com/kaoping/kaoping/model/cell"

// Infer names the positions a header leaves without a role from what their
// cells hold: 序号 values, numbers (weights), deadlines, personal names
// (leaders, then owners), unit names (departments, then partners). A
// position is named when most of its non-empty cells are of one kind and no
// other position has that role already; sentences name nothing, since which
// text is which cannot be told. A position keeps its printed header, so a
// header the lexicon does not know still prints as the form printed it.
//
// rows are the table rows below the header, cells by position.
func Infer(hs []Header, rows [][]string) []Header {
	n := len(hs)
	for _, r := range rows {
		n = max(n, len(r))
	}
	out := make([]Header, n)
	copy(out, hs)
	has := map[Role]bool{}
	for _, h := range out {
		has[h.Role] = true
	}
	for i := 0; i < n; i++ {
		if out[i].Role != other {
			continue
		}
		counts := map[cell.Kind]int{}
		filled := 0
		for _, r := range rows {
			if i < len(r) {
				if k := cell.Classify(r[i]); k != cell.Empty {
					counts[k]++
					filled++
				}
			}
		}
		best, bestN := cell.Empty, 0
		for k, c := range counts {
			if c > bestN || (c == bestN && k < best) {
				best, bestN = k, c
			}
		}
		if filled == 0 || bestN*2 <= len(rows) {
			continue
		}
		var role Role
		switch best {
		case cell.ID:
			role = ID
		case cell.Number:
			role = Weight
			if out[i].Printed != "" {
				// A number column with a header the lexicon does not
				// know (完成值, 实际值) is not the weight.
				role = other
			}
		case cell.Deadline:
			role = Deadline
		case cell.Persons:
			role = Leaders
			if has[Leaders] {
				role = Owners
			}
		case cell.Orgs:
			role = Departments
			if has[Departments] {
				role = Partners
			}
		}
		if role != other && !has[role] {
			out[i].Role = role
			has[role] = true
		}
	}
	return out
}
