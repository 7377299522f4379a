package diff

import (
	"sort"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// compareGroups compares what a form states above its rows: each 一级指标's
// text and points, each 项目's points. Indicators are matched by 序号 within
// their 项目, else by text; a 项目 by its name. An indicator that is new or
// gone shows through its rows (added, removed), so only pairs are compared.
// Totals are not compared: a workbook's total is a live SUM whose cached
// value and printed value differ by design, and the audit checks each
// version's totals against its rows.
func compareGroups(fi int, of, nf *model.Form) []Change {
	var out []Change
	type ind struct {
		cat string
		ci  int
		ii  int
		in  *model.Indicator
	}
	list := func(f *model.Form) []ind {
		var l []ind
		for ci := range f.Categories {
			c := &f.Categories[ci]
			for ii := range c.Indicators {
				if c.Indicators[ii].ID == "" && c.Indicators[ii].Text == "" {
					continue
				}
				l = append(l, ind{cjk.Squash(c.Name), ci, ii, &c.Indicators[ii]})
			}
		}
		return l
	}
	ol, nl := list(of), list(nf)
	var cands []candidate
	for i, o := range ol {
		for j, n := range nl {
			sim := textSimilarity(norm(o.in.Text), norm(n.in.Text))
			same := o.in.ID != "" && o.in.ID == n.in.ID && o.cat == n.cat
			if !same && sim < sameTextMin {
				continue
			}
			score := sim
			if same {
				score += 1
			}
			cands = append(cands, candidate{i, j, score})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	om, nm := map[int]bool{}, map[int]bool{}
	var pairs [][2]int
	for _, c := range cands {
		if !om[c.o] && !nm[c.n] {
			om[c.o], nm[c.n] = true, true
			pairs = append(pairs, [2]int{c.o, c.n})
		}
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][1] < pairs[b][1] })
	for _, p := range pairs {
		o, n := ol[p[0]], nl[p[1]]
		at := func() *Pos {
			if len(n.in.Items) == 0 {
				return nil
			}
			return &Pos{fi, n.ci, n.ii, 0}
		}
		base := Change{Kind: Changed, Form: fi, Row: n.in.ID}
		if o.in.ID != n.in.ID {
			base.OldRow = o.in.ID
		}
		if ot, nt := norm(o.in.Text), norm(n.in.Text); ot != nt {
			c := base
			c.Field, c.Old, c.New, c.Words, c.NewAt = FieldIndicator, o.in.Text, n.in.Text, wordEdits(ot, nt), at()
			out = append(out, c)
		}
		if !sameWeight(o.in.Points, n.in.Points) {
			c := base
			c.Field, c.Old, c.New, c.NewAt, c.col = FieldPoints, weight(o.in.Points), weight(n.in.Points), at(), model.ColIndicator
			out = append(out, c)
		}
	}
	for ci, c := range nf.Categories {
		for _, oc := range of.Categories {
			if cjk.Squash(oc.Name) != cjk.Squash(c.Name) {
				continue
			}
			if !sameWeight(oc.Points, c.Points) {
				ch := Change{Kind: Changed, Form: fi, Row: c.Name, Field: FieldPoints, Old: weight(oc.Points), New: weight(c.Points), col: model.ColCategory}
				if len(c.Indicators) > 0 && len(c.Indicators[0].Items) > 0 {
					ch.NewAt = &Pos{fi, ci, 0, 0}
				}
				out = append(out, ch)
			}
			break
		}
	}
	return out
}
