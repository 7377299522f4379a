package audit

import (
	"fmt"
	"strings"

	"github.com/kaoping/kaoping/model"
)

// Merged cells: the rows of one 序号 group share 项目, 文件依据 and 一级指标.

// checkMergedCell: rows of one 序号 group (1-7-*) share one 项目, 文件依据 and
// 一级指标 — those cells are vertically merged in the printed form. A row whose
// indicator belongs to another group, or a group carrying two values, means a
// merged cell's text landed on the wrong row.
func checkMergedCell(c *checker) {
	for _, rs := range c.rows {
		// indicator objects by their own 序号, and the groups each text heads.
		byID := map[string][]*model.Indicator{}
		textGroups := map[string]map[string]bool{}
		groups := map[string][]row{}
		var order []string
		for _, r := range rs {
			if c.stop() {
				break
			}
			g := r.grp
			if g == "" {
				continue
			}
			if _, ok := groups[g]; !ok {
				order = append(order, g)
			}
			groups[g] = append(groups[g], r)
			t := c.normText(r.ind.Text)
			if textGroups[t] == nil {
				textGroups[t] = map[string]bool{}
			}
			textGroups[t][g] = true
		}
		seen := map[*model.Indicator]bool{}
		for _, r := range rs {
			if c.stop() {
				break
			}
			if r.ind.ID != "" && !seen[r.ind] {
				seen[r.ind] = true
				byID[r.ind.ID] = append(byID[r.ind.ID], r.ind)
			}
		}
		for _, g := range order {
			grp := groups[g]
			for _, col := range []string{model.ColIndicator, model.ColBasis, model.ColCategory} {
				value := func(r row) string {
					switch col {
					case model.ColIndicator:
						return r.ind.Text
					case model.ColBasis:
						return r.ind.Basis
					}
					return r.cat.Name
				}
				base := value(grp[0])
				// Prefer as the group's value the one of the row whose
				// indicator carries the group's own 序号.
				for _, r := range grp {
					if r.ind.ID == g {
						base = value(r)
						break
					}
				}
				for _, r := range grp {
					v := value(r)
					wrongID := col == model.ColIndicator && r.ind.ID != "" && r.ind.ID != g
					if c.normText(v) == c.normText(base) && !wrongID {
						continue
					}
					if col == model.ColBasis && (strings.TrimSpace(v) == "" || strings.TrimSpace(base) == "") {
						continue
					}
					var fix *model.Fix
					if col == model.ColIndicator && len(byID[g]) == 1 && byID[g][0] != r.ind {
						fix = &model.Fix{Column: col, From: v, To: byID[g][0].Text}
					}
					c.addRow(r, col, []string{v, base},
						msg{fmt.Sprintf("%s行的%s「%s」与同组（%s）的「%s」不一致：合并单元格的内容可能落在了别的行", r.name(), colZh(col), clip(v), g, clip(base)),
							fmt.Sprintf("row %s has %s %q but its group %s has %q: a merged cell's text may have landed on the wrong row", r.name(), col, clip(v), g, clip(base))}, fix)
				}
			}
		}
	}
}
