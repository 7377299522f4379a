package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/model"
)

// Duplicate and near-duplicate texts within one form.

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
		if c.stop() {
			break
		}
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
		if c.stop() {
			break
		}
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
		// Each text normalized once, as runes and as a string, and its
		// head and tail keys: the comparisons below look them up often.
		norms := make([][]rune, len(spots))
		strs := make([]string, len(spots))
		headKey, tailKey := make([]string, len(spots)), make([]string, len(spots))
		byText := map[string][]int{}
		heads, tails := map[string][]int{}, map[string][]int{}
		for i, s := range spots {
			if c.stop() {
				break
			}
			t := c.normText(s.text)
			norms[i] = []rune(t)
			strs[i] = string(norms[i]) // t, made valid UTF-8 as the runes are
			if len(norms[i]) < minDupRunes {
				continue
			}
			byText[t] = append(byText[t], i)
			if n := len(norms[i]); n >= minCopyRunes {
				headKey[i], tailKey[i] = string(norms[i][:minCopyRunes]), string(norms[i][n-minCopyRunes:])
				heads[headKey[i]] = append(heads[headKey[i]], i)
				tails[tailKey[i]] = append(tails[tailKey[i]], i)
			}
		}
		for i, s := range spots {
			if c.stop() {
				break
			}
			var others, othersEn []string
			add := func(j int, zh, en string) {
				if j == i || sameGroup(s, spots[j]) {
					return
				}
				others = append(others, spots[j].r.name()+" "+colZh(spots[j].col)+zh)
				othersEn = append(othersEn, spots[j].r.name()+" "+spots[j].col+en)
			}
			for _, j := range byText[strs[i]] {
				add(j, "", "")
			}
			if n := len(norms[i]); n >= minCopyRunes {
				t := strs[i]
				for _, j := range heads[headKey[i]] {
					if o := strs[j]; len(o) != len(t) && (strings.HasPrefix(o, t) || strings.HasPrefix(t, o)) {
						add(j, "（开头相同，一处被截断）", " (same start, one is cut short)")
					}
				}
				for _, j := range tails[tailKey[i]] {
					if o := strs[j]; len(o) != len(t) && (strings.HasSuffix(o, t) || strings.HasSuffix(t, o)) {
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
			if c.stop() {
				break
			}
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
