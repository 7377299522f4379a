package audit

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model"
)

// Column shift: a cell whose kind belongs to another column.

// checkColumnShift looks at the type of every cell: a person where a
// department belongs, a unit where a person belongs, a number or a name where
// a deadline belongs, a name as the 二级指标, or a 一级指标 sentence whose row
// has no 二级指标.
func checkColumnShift(c *checker) {
	for fi, rs := range c.rows {
		// How often each name is a leader and an owner in this form: a
		// leader who is an owner on two other rows and never a leader
		// elsewhere is an owner's name in the leader column.
		asLeader, asOwner := map[string]int{}, map[string]int{}
		for _, r := range rs {
			if c.stop() {
				break
			}
			for _, l := range r.it.Leaders {
				asLeader[l]++
			}
			for _, o := range r.it.Owners {
				asOwner[o]++
			}
		}
		for _, r := range rs {
			if c.stop() {
				break
			}
			it := r.it
			report := func(col, val, kind string) {
				zhKind := map[string]string{"person": "人名", "department": "部门名称", "number": "数字", "sentence": "指标内容", "deadline": "时限"}[kind]
				c.addRow(r, col, []string{val},
					msg{fmt.Sprintf("%s列的「%s」像是%s，单元格可能错位", colZh(col), val, zhKind),
						fmt.Sprintf("%q in the %s column reads as a %s: the cells may be shifted", val, col, kind)}, nil)
			}
			if c.hasColumn(fi, model.ColDepartments) {
				for _, d := range it.Departments {
					if (c.persons[d] && !isOrgUnit(d)) || (looksLikeName(d) && utf8.RuneCountInString(d) == 3) {
						report(model.ColDepartments, d, "person")
						break
					}
				}
			}
			for _, col := range []string{model.ColLeaders, model.ColOwners} {
				vals := it.Leaders
				if col == model.ColOwners {
					vals = it.Owners
				}
				for _, v := range vals {
					if (isOrgUnit(v) && utf8.RuneCountInString(v) >= 3) || utf8.RuneCountInString(v) > 8 {
						kind := "department"
						if !isOrgUnit(v) {
							kind = "sentence"
						}
						report(col, v, kind)
						break
					}
				}
			}
			for _, l := range it.Leaders {
				own := asOwner[l]
				if slices.Contains(it.Owners, l) {
					own--
				}
				if asLeader[l] == 1 && own >= 2 {
					c.addRow(r, model.ColLeaders, []string{l},
						msg{fmt.Sprintf("分管领导列的「%s」在本表其他 %d 行是责任人，从未任分管领导：单元格可能错位", l, own),
							fmt.Sprintf("%q in the leader column is an owner on %d other rows and never a leader: the cells may be shifted", l, own)}, nil)
					break
				}
			}
			if k := shiftedKind(it.Deadline, c); k != "" {
				if _, ok := c.deadline(fi, it.Deadline); !ok {
					report(model.ColDeadline, it.Deadline, k)
				}
			}
			if raw := strings.TrimSpace(it.Raw[model.ColWeight]); it.Weight == nil && raw != "" {
				if _, ok := c.deadline(fi, raw); ok {
					report(model.ColWeight, raw, "deadline")
				} else if k := shiftedKind(raw, c); k != "" && k != "number" {
					report(model.ColWeight, raw, k)
				}
			}
			text := strings.TrimSpace(it.Text)
			if text != "" && (c.persons[text] || reNumber().MatchString(text)) {
				kind := "person"
				if reNumber().MatchString(text) {
					kind = "number"
				}
				report(model.ColItem, text, kind)
			}
			// A 一级指标 sentence on a row of its own with no 二级指标 and no
			// points: the row's text slid one column left.
			if text == "" && len(r.ind.Items) == 1 && r.ind.Points == nil && strings.TrimSpace(r.ind.Text) != "" {
				c.addRow(r, model.ColItem, []string{r.ind.Text},
					msg{fmt.Sprintf("二级指标为空，而一级指标列是无分值的「%s」：该行二级指标可能错位到一级指标列", clip(r.ind.Text)),
						fmt.Sprintf("the item is empty while the indicator column holds %q without points: the item text may have slid into the indicator column", clip(r.ind.Text))}, nil)
			}
		}
	}
}

func clip(s string) string {
	rs := []rune(s)
	if len(rs) > 24 {
		return string(rs[:24]) + "…"
	}
	return s
}

// colEn names a column in English, singular (leader, department, owner).
func colEn(col string) string {
	switch col {
	case model.ColLeaders:
		return "leader"
	case model.ColDepartments:
		return "department"
	case model.ColOwners:
		return "owner"
	}
	return col
}

func colZh(col string) string { return model.ColumnLabel(col, false) }
