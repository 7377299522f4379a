package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model"
)

// parseID is a 序号 (1-2-3, 4.1) the audit accepts: model.ParseSeq's
// grammar in its canonical spelling (ASCII separators, positive numbers
// without leading zeros).
func parseID(s string) ([]int, bool) {
	q, ok := model.ParseSeq(s)
	return q.Levels, ok && q.Canonical()
}

func validID(s string) bool { _, ok := parseID(s); return ok }

// groupOf is the 序号 of the 一级指标 a three-level item belongs to (1-2 for
// 1-2-3); "" for ids of other depths.
func groupOf(id string) string {
	q, ok := model.ParseSeq(id)
	if !ok || !q.Canonical() || len(q.Levels) != 3 {
		return ""
	}
	return q.Group()
}

func checkIDFormat(c *checker) { c.emitFields() }

func checkMissingCell(c *checker) { c.emitFields() }

// checkIDDuplicate: the second and later rows of a form with the same 序号.
//
// A 序号 of one level (1, 2, 3) counts within its category — 业务考核指标
// forms number each 项目 from 1 — and within its section; one of several
// levels (1-2-1) is unique in the whole form.
func checkIDDuplicate(c *checker) {
	for fi, rs := range c.rows {
		first := map[string]row{}
		secOf := map[int]int{}
		for si, s := range c.doc.Forms[fi].Sections {
			for _, ci := range s.Categories {
				secOf[ci] = si + 1
			}
		}
		for _, r := range rs {
			id := strings.TrimSpace(r.it.ID)
			if id == "" {
				continue
			}
			key := id
			if !strings.ContainsAny(id, "-－.．") {
				key = fmt.Sprintf("%d\x00%d\x00%s", secOf[r.ci], r.ci, id)
			}
			if f, ok := first[key]; ok {
				c.addRow(r, model.ColID, []string{id},
					msg{fmt.Sprintf("序号 %s 重复（第 %d 行已使用）", id, f.seq+1),
						fmt.Sprintf("number %s repeats (already used on row %d)", id, f.seq+1)}, nil)
				continue
			}
			first[key] = r
		}
	}
}

// checkIDSequence: within one top-level number, each 序号 must follow the one
// before it by one step (1-2-1, 1-2-2, 1-3-1). Changes of depth or of the
// top-level number are not judged: a form may skip a whole category (无动态
// 工作目标).
func checkIDSequence(c *checker) {
	for _, rs := range c.rows {
		var prev []int
		for _, r := range rs {
			cur, ok := parseID(r.it.ID)
			if !ok {
				prev = nil
				continue
			}
			p := prev
			prev = cur
			if p == nil || len(p) != len(cur) || p[0] != cur[0] {
				continue
			}
			k := 0
			for k < len(cur) && cur[k] == p[k] {
				k++
			}
			good := k < len(cur) && cur[k] == p[k]+1
			for j := k + 1; good && j < len(cur); j++ {
				good = cur[j] == 1
			}
			if good {
				continue
			}
			what, whatEn := "跳号", "skips"
			if k == len(cur) || cur[k] < p[k] {
				what, whatEn = "倒退", "steps back"
			}
			c.addRow(r, model.ColID, []string{joinID(p), r.it.ID},
				msg{fmt.Sprintf("序号 %s 紧接 %s，编号%s", r.it.ID, joinID(p), what),
					fmt.Sprintf("number %s after %s %s", r.it.ID, joinID(p), whatEn)}, nil)
		}
	}
}

func joinID(n []int) string { return model.Seq{Levels: n}.String() }

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
			for _, l := range r.it.Leaders {
				asLeader[l]++
			}
			for _, o := range r.it.Owners {
				asOwner[o]++
			}
		}
		for _, r := range rs {
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
			if text != "" && (c.persons[text] || reNumber.MatchString(text)) {
				kind := "person"
				if reNumber.MatchString(text) {
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

func colZh(col string) string {
	switch col {
	case model.ColCategory:
		return "项目"
	case model.ColID:
		return "序号"
	case model.ColBasis:
		return "文件依据"
	case model.ColIndicator:
		return "一级指标"
	case model.ColItem:
		return "二级指标"
	case model.ColWeight:
		return "权重"
	case model.ColDeadline:
		return "完成时限"
	case model.ColLeaders:
		return "分管领导"
	case model.ColDepartments:
		return "责任部门"
	case model.ColOwners:
		return "责任人"
	}
	return col
}

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

// texts of a form the duplicate checks compare: every 二级指标 and each
// 一级指标 once, at the first row that carries it.
type textSpot struct {
	r    row
	col  string
	text string
	// group is the 序号 group of an indicator spot: the same indicator printed
	// again on each row of its group is not a duplicate.
	group string
}

// asideTexts are texts ingest found in a cell but did not keep there: a
// conflicting merged-cell value it set aside (unfixed finding), or the
// original of a repair it made (fixed finding: a letter-spaced category label,
// 文明创建 (6分)). They are what the document says, so the text rules — and,
// for 一级指标/二级指标, the duplicate rules — read them too, at the row and
// column ingest named, with no fix to offer. The duplicate rules skip the
// originals of repairs (withFixed false): a repaired slip is explained by its
// ingest finding already.
func (c *checker) asideTexts(fi int, withFixed bool, cols ...string) []textSpot {
	var out []textSpot
	byID := map[string]row{}
	for _, r := range c.rows[fi] {
		if r.it.ID != "" {
			byID[r.it.ID] = r
		}
	}
	for _, f := range c.doc.Findings {
		if f.At.Form == nil || *f.At.Form != fi || !slices.Contains(cols, f.At.Column) || (f.Fixed && !withFixed) {
			continue
		}
		r, ok := byID[f.At.Row]
		if !ok {
			continue
		}
		var current string
		switch f.At.Column {
		case model.ColIndicator:
			current = r.ind.Text
		case model.ColItem:
			current = r.it.Text
		case model.ColBasis:
			current = r.ind.Basis
		case model.ColCategory:
			current = r.cat.Name
		}
		for _, v := range f.Values {
			same := c.normText(v) == c.normText(current)
			if withFixed {
				// The text rules see 文明创建 (6分) even though its
				// points match the category's.
				same = simplify(squash(v)) == simplify(squash(current))
			}
			if strings.TrimSpace(v) != "" && v != r.it.ID && !same {
				out = append(out, textSpot{r, f.At.Column, v, ""})
			}
		}
	}
	return out
}

func (c *checker) textSpots(fi int) []textSpot {
	if ts, ok := c.formSpots[fi]; ok {
		return ts
	}
	var out []textSpot
	defer func() { c.formSpots[fi] = out }()
	seen := map[*model.Indicator]bool{}
	for _, r := range c.rows[fi] {
		if !seen[r.ind] && strings.TrimSpace(r.ind.Text) != "" {
			seen[r.ind] = true
			g := r.ind.ID
			if g == "" {
				g = r.grp
			}
			out = append(out, textSpot{r, model.ColIndicator, r.ind.Text, g})
		}
		if strings.TrimSpace(r.it.Text) != "" {
			out = append(out, textSpot{r, model.ColItem, r.it.Text, ""})
		}
	}
	out = append(out, c.asideTexts(fi, false, model.ColIndicator, model.ColItem)...)
	return out
}

// minDupRunes: shorter texts (开展工作) repeat legitimately.
const minDupRunes = 6

// checkDuplicateText: the same text twice in one form, reported on both rows;
// and a text of at least minCopyRunes that is the start or the end of a longer
// one (a truncated copy, 2-4-2 of the seed). Copies are found through an
// index of each text's first and last minCopyRunes characters, so the check
// stays linear. A 一级指标 repeated on the rows it is merged over is one
// indicator, not two.
const minCopyRunes = 15

func checkDuplicateText(c *checker) {
	for fi := range c.rows {
		spots := c.textSpots(fi)
		norms := make([][]rune, len(spots))
		byText := map[string][]int{}
		heads, tails := map[string][]int{}, map[string][]int{}
		for i, s := range spots {
			t := c.normText(s.text)
			norms[i] = []rune(t)
			if len(norms[i]) < minDupRunes {
				continue
			}
			byText[t] = append(byText[t], i)
			if n := len(norms[i]); n >= minCopyRunes {
				heads[string(norms[i][:minCopyRunes])] = append(heads[string(norms[i][:minCopyRunes])], i)
				tails[string(norms[i][n-minCopyRunes:])] = append(tails[string(norms[i][n-minCopyRunes:])], i)
			}
		}
		for i, s := range spots {
			var others, othersEn []string
			add := func(j int, zh, en string) {
				if j == i || sameGroup(s, spots[j]) {
					return
				}
				others = append(others, spots[j].r.name()+" "+colZh(spots[j].col)+zh)
				othersEn = append(othersEn, spots[j].r.name()+" "+spots[j].col+en)
			}
			for _, j := range byText[string(norms[i])] {
				add(j, "", "")
			}
			if n := len(norms[i]); n >= minCopyRunes {
				t := string(norms[i])
				for _, j := range heads[string(norms[i][:minCopyRunes])] {
					if o := string(norms[j]); len(o) != len(t) && (strings.HasPrefix(o, t) || strings.HasPrefix(t, o)) {
						add(j, "（开头相同，一处被截断）", " (same start, one is cut short)")
					}
				}
				for _, j := range tails[string(norms[i][n-minCopyRunes:])] {
					if o := string(norms[j]); len(o) != len(t) && (strings.HasSuffix(o, t) || strings.HasSuffix(t, o)) {
						add(j, "（结尾相同，一处被截断）", " (same end, one is cut short)")
					}
				}
			}
			if len(others) == 0 {
				continue
			}
			c.addRow(s.r, s.col, append([]string{s.text}, others...),
				msg{fmt.Sprintf("%s「%s」与 %s 重复", colZh(s.col), clip(s.text), strings.Join(others, "、")),
					fmt.Sprintf("the %s %q repeats %s", s.col, clip(s.text), strings.Join(othersEn, ", "))}, nil)
		}
	}
}

// Near duplicates: two texts of the same length, at least nearMinRunes long,
// that differ in one or two characters, none of them a digit (保洁 / 保护).
// Texts of different length are not compared: 市委办公室 / 市政府办公室 are two
// offices, not a typo. The check is linear: by the pigeonhole principle two
// strings with at most two differences share one of three equal segments, so
// texts are indexed by (length, segment number, segment) and only those
// sharing a key are compared.
const (
	nearMinRunes = 8
	nearMaxDiff  = 2
)

func checkNearDuplicateText(c *checker) {
	for fi := range c.rows {
		spots := c.textSpots(fi)
		runes := make([][]rune, len(spots))
		type key struct {
			n, seg int
			s      string
		}
		index := map[key][]int{}
		pairs := map[[2]int]bool{}
		for i, s := range spots {
			rs := []rune(c.normText(s.text))
			runes[i] = rs
			if len(rs) < nearMinRunes {
				continue
			}
			n := len(rs)
			for seg := 0; seg <= nearMaxDiff; seg++ {
				lo, hi := seg*n/(nearMaxDiff+1), (seg+1)*n/(nearMaxDiff+1)
				k := key{n, seg, string(rs[lo:hi])}
				for _, j := range index[k] {
					if pairs[[2]int{j, i}] {
						continue
					}
					if d, ok := nearDiff(runes[j], rs); ok && d > 0 && !sameGroup(spots[j], s) {
						pairs[[2]int{j, i}] = true
					}
				}
				index[k] = append(index[k], i)
			}
		}
		report := func(a, b int) {
			s, o := spots[a], spots[b]
			c.addRow(s.r, s.col, []string{s.text, o.text},
				msg{fmt.Sprintf("%s「%s」与 %s 行的「%s」只差一两个字，其中一处可能是笔误", colZh(s.col), s.text, o.r.name(), o.text),
					fmt.Sprintf("the %s %q differs from row %s's %q in one or two characters: one of them is likely a typo", s.col, s.text, o.r.name(), o.text)}, nil)
		}
		keys := make([][2]int, 0, len(pairs))
		for p := range pairs {
			keys = append(keys, p)
		}
		slices.SortFunc(keys, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
		for _, p := range keys {
			report(p[0], p[1])
			report(p[1], p[0])
		}
	}
}

// nearDiff counts the differing positions of two equal-length texts, giving up
// past nearMaxDiff or at a differing digit.
func nearDiff(a, b []rune) (int, bool) {
	if len(a) != len(b) {
		return 0, false
	}
	d := 0
	for i := range a {
		if a[i] != b[i] {
			if a[i] >= '0' && a[i] <= '9' || b[i] >= '0' && b[i] <= '9' {
				return 0, false
			}
			d++
			if d > nearMaxDiff {
				return 0, false
			}
		}
	}
	return d, true
}

func sameGroup(a, b textSpot) bool {
	return a.col == model.ColIndicator && b.col == model.ColIndicator && a.group != "" && a.group == b.group
}
