package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/model"
)

func checkWeightFormat(c *checker) { c.emitFields() }

// sumWeights adds the weights of rows; ok is false when one has none (the
// missing-cell or weight-format rule reports that row instead).
func sumWeights(rs []row) (sum float64, vals []string, ok bool) {
	ok = true
	for _, r := range rs {
		if r.it.Weight == nil || *r.it.Weight <= 0 || !twoDecimals(*r.it.Weight) {
			ok = false
			vals = append(vals, "")
			continue
		}
		sum += *r.it.Weight
		vals = append(vals, formatNum(*r.it.Weight))
	}
	return sum, vals, ok
}

// indicatorRows are the rows an indicator's points cover: the rows whose 序号
// falls in its group (so a merged-cell slip is reported once, by
// merged-cell-misplaced, not again as two wrong sums), else its own items.
func (c *checker) indicatorRows(fi int, ind *model.Indicator) []row {
	own := c.byInd[ind]
	if ind.ID == "" {
		return own
	}
	grp := c.byGroup[fi][ind.ID]
	if len(grp) == 0 {
		return own
	}
	var out []row
	for _, r := range own {
		if r.grp == "" {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return grp
	}
	out = append(out, grp...)
	slices.SortFunc(out, func(a, b row) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// checkWeightSum: the weights under a 一级指标 add up to its stated points.
func checkWeightSum(c *checker) {
	for fi, rs := range c.rows {
		seen := map[*model.Indicator]bool{}
		seenIDs := map[string]bool{}
		for _, r0 := range rs {
			if c.stop() {
				break
			}
			ind := r0.ind
			if seen[ind] {
				continue
			}
			seen[ind] = true
			// When several indicator objects carry the same group 序号, the
			// group is checked once, against the first.
			if ind.ID != "" {
				if seenIDs[ind.ID] {
					continue
				}
				seenIDs[ind.ID] = true
			}
			if ind.Points == nil {
				continue
			}
			cover := c.indicatorRows(fi, ind)
			if len(cover) == 0 {
				continue
			}
			sum, vals, ok := sumWeights(cover)
			if !ok || almostEqual(sum, *ind.Points) {
				continue
			}
			rowName := ind.ID
			if rowName == "" {
				rowName = cover[0].name()
			}
			var fix *model.Fix
			if len(cover) == 1 {
				rowName = cover[0].name()
				fix = &model.Fix{Column: model.ColWeight, From: vals[0], To: formatNum(*ind.Points)}
			}
			c.addForm(fi, cover[0].seq, rowName, model.ColWeight, &cover[0].it.Source, vals,
				msg{fmt.Sprintf("一级指标 %s 标注 %s 分，二级指标权重合计 %s 分（%s）", rowName, formatNum(*ind.Points), formatNum(sum), strings.Join(vals, "+")),
					fmt.Sprintf("indicator %s states %s points but its items add up to %s (%s)", rowName, formatNum(*ind.Points), formatNum(sum), strings.Join(vals, "+"))}, fix)
		}
	}
}

func (c *checker) categoryRows(fi int, names []string) []row {
	var out []row
	for _, r := range c.rows[fi] {
		if c.stop() {
			break
		}
		for _, n := range names {
			if squash(r.cat.Name) == squash(n) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// checkCategoryTotal: a category's items add up to its stated points, and
// each subtotal row to the categories it covers.
func checkCategoryTotal(c *checker) {
	for fi, f := range c.doc.Forms {
		for ci := range f.Categories {
			cat := &f.Categories[ci]
			if cat.Points == nil {
				continue
			}
			rs := c.categoryRows(fi, []string{cat.Name})
			if len(rs) == 0 {
				continue
			}
			sum, vals, ok := sumWeights(rs)
			if !ok || almostEqual(sum, *cat.Points) {
				continue
			}
			rowName, col := squash(cat.Name), model.ColWeight
			var fix *model.Fix
			if len(rs) == 1 {
				rowName = rs[0].name()
				fix = &model.Fix{Column: model.ColWeight, From: vals[0], To: formatNum(*cat.Points)}
			}
			c.addForm(fi, rs[0].seq, rowName, col, &rs[0].it.Source, vals,
				msg{fmt.Sprintf("项目「%s」标注 %s 分，权重合计 %s 分", squash(cat.Name), formatNum(*cat.Points), formatNum(sum)),
					fmt.Sprintf("category %q states %s points but its weights add up to %s", squash(cat.Name), formatNum(*cat.Points), formatNum(sum))}, fix)
		}
		for _, t := range f.Totals {
			if len(t.Categories) == 0 || t.Stated == nil {
				continue
			}
			rs := c.categoryRows(fi, t.Categories)
			if len(rs) == 0 {
				continue
			}
			sum, _, ok := sumWeights(rs)
			if !ok || almostEqual(sum, *t.Stated) {
				continue
			}
			c.addForm(fi, rs[len(rs)-1].seq+1, squash(t.Label), model.ColWeight, t.Where,
				[]string{formatNum(*t.Stated), formatNum(sum)},
				msg{fmt.Sprintf("「%s」写 %s，%s 的权重合计为 %s", squash(t.Label), formatNum(*t.Stated), strings.Join(t.Categories, "、"), formatNum(sum)),
					fmt.Sprintf("%q states %s but the weights of %s add up to %s", squash(t.Label), formatNum(*t.Stated), strings.Join(t.Categories, ", "), formatNum(sum))}, nil)
		}
	}
}

// checkGrandTotal: all weights of a form add up to its stated total, or to
// 100 when it states none.
//
// Weights are summed in their unit: a form (or a section under its own
// header) in % adds up to 100%; a form of several sections, each in % or
// stating its points (一、共性指标（30分）), is checked section by section.
func checkGrandTotal(c *checker) {
	for fi, f := range c.doc.Forms {
		rs := c.rows[fi]
		if len(rs) == 0 {
			continue
		}
		if checkSections(c, fi, f, rs) {
			continue
		}
		sum, _, ok := sumWeights(rs)
		if !ok {
			continue
		}
		want, label := 100.0, ""
		var where *model.Ref
		for _, t := range f.Totals {
			if len(t.Categories) == 0 && t.Stated != nil {
				want, label, where = *t.Stated, squash(t.Label), t.Where
			}
		}
		if almostEqual(sum, want) {
			continue
		}
		zh := fmt.Sprintf("全部权重合计 %s，与总分 %s 不符", formatNum(sum), formatNum(want))
		en := fmt.Sprintf("all weights add up to %s, not the total %s", formatNum(sum), formatNum(want))
		switch {
		case label == "" && f.WeightUnit == "%":
			zh = fmt.Sprintf("全部权重合计 %s%%，应为 100%%", formatNum(sum))
			en = fmt.Sprintf("all weights add up to %s%%; 100%% is expected", formatNum(sum))
		case label == "":
			zh = fmt.Sprintf("全部权重合计 %s，表中未写总分，应为 100", formatNum(sum))
			en = fmt.Sprintf("all weights add up to %s; the form states no total, so 100 is expected", formatNum(sum))
		}
		c.addForm(fi, len(rs), label, model.ColWeight, where, []string{formatNum(want), formatNum(sum)}, msg{zh, en}, nil)
	}
}

// checkPointsMissing: a 一级指标 without points in a category whose other
// indicators state theirs, and a category without points that no subtotal
// covers while other categories of the form state theirs.
func checkPointsMissing(c *checker) {
	for fi, f := range c.doc.Forms {
		seen := map[*model.Indicator]bool{}
		for ci := range f.Categories {
			cat := &f.Categories[ci]
			stated, unstated := 0, []*model.Indicator{}
			for ii := range cat.Indicators {
				if cat.Indicators[ii].Points != nil {
					stated++
				} else {
					unstated = append(unstated, &cat.Indicators[ii])
				}
			}
			if stated == 0 {
				continue
			}
			for _, ind := range unstated {
				if seen[ind] || len(ind.Items) == 0 {
					continue
				}
				seen[ind] = true
				// A group whose other indicator object states the points is
				// a merged-cell problem, not a missing one.
				if ind.ID != "" && groupHasPoints(cat, ind.ID) {
					continue
				}
				var r row
				for _, x := range c.rows[fi] {
					if c.stop() {
						break
					}
					if x.ind == ind {
						r = x
						break
					}
				}
				if r.it == nil {
					continue
				}
				name := ind.ID
				if name == "" {
					name = r.name()
				}
				c.addForm(fi, r.seq, name, model.ColIndicator, &r.it.Source, []string{ind.Text},
					msg{fmt.Sprintf("一级指标 %s「%s」未标注分值，无法核对权重合计", name, clip(ind.Text)),
						fmt.Sprintf("indicator %s %q states no points, so its weights cannot be checked", name, clip(ind.Text))}, nil)
			}
		}
		covered := map[string]bool{}
		for _, t := range f.Totals {
			for _, n := range t.Categories {
				covered[squash(n)] = true
			}
		}
		withPoints := 0
		for _, cat := range f.Categories {
			if cat.Points != nil || covered[squash(cat.Name)] {
				withPoints++
			}
		}
		if withPoints == 0 {
			continue
		}
		for _, cat := range f.Categories {
			if cat.Points != nil || covered[squash(cat.Name)] {
				continue
			}
			rs := c.categoryRows(fi, []string{cat.Name})
			if len(rs) == 0 {
				continue
			}
			c.addForm(fi, rs[0].seq, squash(cat.Name), model.ColCategory, &rs[0].it.Source, []string{cat.Name},
				msg{fmt.Sprintf("项目「%s」未标注分值，也没有小计", squash(cat.Name)),
					fmt.Sprintf("category %q states no points and no subtotal covers it", squash(cat.Name))}, nil)
		}
	}
}

func groupHasPoints(cat *model.Category, id string) bool {
	for _, ind := range cat.Indicators {
		if ind.ID == id && ind.Points != nil {
			return true
		}
	}
	return false
}

// checkSections checks a form of several sections part by part, when every
// part says what it must add up to (100 in %, or the points its banner
// states), and reports whether it did.
func checkSections(c *checker, fi int, f model.Form, rs []row) bool {
	if len(f.Sections) < 2 {
		return false
	}
	type part struct {
		want  float64
		known bool
		pct   bool
		rows  []row
	}
	parts := make([]part, len(f.Sections))
	secOf := map[int]int{}
	units := map[string]bool{}
	unknown := false
	for si, s := range f.Sections {
		unit := s.WeightUnit
		if unit == "" {
			unit = f.WeightUnit
		}
		units[unit] = true
		switch {
		case unit == "%":
			parts[si] = part{want: 100, pct: true, known: true}
		case s.Points != nil:
			parts[si] = part{want: *s.Points, known: true}
		default:
			unknown = true
		}
		for _, ci := range s.Categories {
			secOf[ci] = si
		}
	}
	// Sections of one unit, some stating nothing: the form adds up as a
	// whole. Sections in different units never add up together; one in
	// points that states none is not judged.
	if unknown && len(units) == 1 {
		return false
	}
	for _, r := range rs {
		if c.stop() {
			break
		}
		si, ok := secOf[r.ci]
		if !ok {
			return false // a category outside every section: the form is checked whole
		}
		parts[si].rows = append(parts[si].rows, r)
	}
	for si, p := range parts {
		sum, _, ok := sumWeights(p.rows)
		if !p.known || !ok || len(p.rows) == 0 || almostEqual(sum, p.want) {
			continue
		}
		title := squash(f.Sections[si].Title)
		zh := fmt.Sprintf("「%s」的权重合计 %s 分，应为 %s 分", title, formatNum(sum), formatNum(p.want))
		en := fmt.Sprintf("the weights of %q add up to %s points, not %s", title, formatNum(sum), formatNum(p.want))
		if p.pct {
			zh = fmt.Sprintf("「%s」的权重合计 %s%%，应为 100%%", title, formatNum(sum))
			en = fmt.Sprintf("the weights of %q add up to %s%%, not 100%%", title, formatNum(sum))
		}
		c.addForm(fi, p.rows[len(p.rows)-1].seq, title, model.ColWeight, nil, []string{formatNum(p.want), formatNum(sum)}, msg{zh, en}, nil)
	}
	return true
}

// checkLevelWeightSum: the weights under a level of a deep form (an item's
// Levels, 三级指标 of a 一级…四级指标 form) add up to the points the level
// states. A level groups the adjacent items of one indicator whose levels
// agree down to it; its points are read once, from its first row.
func checkLevelWeightSum(c *checker) {
	for fi, rs := range c.rows {
		unit := "分"
		if c.doc.Forms[fi].WeightUnit == "%" {
			unit = "%"
		}
		for start := 0; start < len(rs); {
			if c.stop() {
				return
			}
			end := start + 1
			for end < len(rs) && rs[end].ind == rs[start].ind {
				end++
			}
			c.levelSums(fi, rs[start:end], 0, unit)
			start = end
		}
	}
}

// levelSums checks level n of the rows of one indicator, then the levels
// below it within each of its groups.
func (c *checker) levelSums(fi int, rs []row, n int, unit string) {
	for start := 0; start < len(rs); {
		if len(rs[start].it.Levels) <= n {
			start++
			continue
		}
		lv := rs[start].it.Levels[n]
		end := start + 1
		for end < len(rs) && len(rs[end].it.Levels) > n && sameLevel(rs[end].it.Levels[n], lv) {
			end++
		}
		grp := rs[start:end]
		c.levelSums(fi, grp, n+1, unit)
		start = end
		if lv.Points == nil || lv.Text == "" {
			continue
		}
		sum, vals, ok := sumWeights(grp)
		if !ok || almostEqual(sum, *lv.Points) {
			continue
		}
		name := grp[0].name()
		col := model.LevelKey(n + 1)
		p, s, v := formatNum(*lv.Points), formatNum(sum), strings.Join(vals, "+")
		c.addForm(fi, grp[0].seq, name, col, &grp[0].it.Source, vals,
			msg{fmt.Sprintf("%s“%s”标注 %s%s，其下权重合计 %s%s（%s）", c.levelHeader(fi, n), lv.Text, p, unit, s, unit, v),
				fmt.Sprintf("level %d “%s” states %s%s but the weights under it add up to %s%s (%s)", n+1, lv.Text, p, unit, s, unit, v)}, nil)
	}
}

// levelHeader is the header word of level n+1 as the form prints it (三级指标).
func (c *checker) levelHeader(fi, n int) string {
	if h := c.doc.Forms[fi].Headers[model.LevelKey(n+1)]; h != "" {
		return h
	}
	return "指标"
}

// sameLevel reports whether two rows print one level cell: same text, same
// points.
func sameLevel(a, b model.Level) bool {
	if a.Text != b.Text || (a.Points == nil) != (b.Points == nil) {
		return false
	}
	return a.Points == nil || *a.Points == *b.Points
}
