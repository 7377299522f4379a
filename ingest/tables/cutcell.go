package tables

import (
	"strings"

	"github.com/kaoping/kaoping/model"
)

// continues decides whether cell d, first below the page break, continues
// the merged cell c above it. Producers mark the cut three ways: Calc leaves
// c open at the page edge; Writer closes it and leaves d empty; our own
// render/pdf closes it and prints the label again. An empty or repeated
// cell is a continuation in the first column (the 项目: two categories are
// never adjacent under one name); further right, adjacent groups often
// share a 文件依据 or leave it empty, so there the 序号 must say that the
// rows on both sides of the break belong to one group (1-5-1 / 1-5-2).
//
// A table without 序号 on either side of the break has its own evidence
// (unnumbered): d is empty in a column whose other merged cells all have
// text, or d's text goes on from c's, which filled its part (flows).
func continues(c, d Cell, cells []Cell, row int, flows func() bool) bool {
	_, _, okA := idGroup(cells, row-1)
	_, _, okB := idGroup(cells, row)
	switch {
	case c.OpenBottom:
		return true
	case !okA && !okB:
		return unnumbered(c, d, cells, row, flows)
	case model.IsSeq(squash(d.Text)) && squash(d.Text) != squash(c.Text):
		// A 序号 of its own (2-2 under 2-1) numbers a row; no cell goes
		// on with one.
		return false
	case sameGroup(c, cells, row):
		// Writer also flows the cut cell's text on: 「…主体责」 above the
		// break, 「任（7.5分）」 below. The 序号 say it is one cell.
		return true
	case squash(d.Text) != "" && squash(d.Text) != squash(c.Text):
		return false
	case sameColumnGroup(c, cells, row):
		return true
	}
	return c.Col == 0
}

// sameColumnGroup reports whether the rows on both sides of the break share
// the part of their 序号 that the cells of c's column stand for. A 项目类别
// cut after four rows of one indicator (2-1-1 … 2-1-4 above, 2-2-1 below)
// shows no common part of its own; its column's other cells, each over
// whole groups of one category (1-1-1 … 1-5-3 under 1), say that the
// column groups by the first part, and 2-1 and 2-2 share it. An 一级指标
// column's cells stand for two parts (2-1), which 2-1 and 2-2 do not share.
func sameColumnGroup(c Cell, cells []Cell, row int) bool {
	a, _, okA := idGroup(cells, row-1)
	b, _, okB := idGroup(cells, row)
	if !okA || !okB {
		return false
	}
	n := columnLevel(c, cells, row)
	pa := strings.Split(a, "-")
	if n <= 0 || n >= len(pa) {
		return false
	}
	p := strings.Join(pa[:n], "-")
	return b == p || strings.HasPrefix(b, p+"-")
}

// columnLevel is how many leading parts of the 序号 the merged cells of c's
// column share over their rows, the most common count, the deeper one on a
// tie; 0 when no such cell says. The parts of the cut cell (c, and the one
// starting at row, below the break) do not vote.
func columnLevel(c Cell, cells []Cell, row int) int {
	votes := map[int]int{}
	for _, e := range cells {
		if e.Col != c.Col || e.ColSpan != c.ColSpan || e.RowSpan < 2 || e.Row == c.Row || e.Row == row {
			continue
		}
		p, ok := "", false
		for r := e.Row; r < e.Row+e.RowSpan; r++ {
			g, _, has := idGroup(cells, r)
			if !has {
				ok = false
				break
			}
			if !ok {
				p, ok = g, true
				continue
			}
			p = commonParts(p, g)
		}
		if ok && p != "" {
			votes[len(strings.Split(p, "-"))]++
		}
	}
	best, bestN := 0, 0
	for n, v := range votes {
		if v > bestN || v == bestN && n > best {
			best, bestN = n, v
		}
	}
	return best
}

// unnumbered decides continues for a table without 序号 at the break:
// Writer leaves the part below empty, in a column where no group goes
// without a name, or flows the text on from a part it filled.
func unnumbered(c, d Cell, cells []Cell, row int, flows func() bool) bool {
	if squash(d.Text) != "" {
		return squash(d.Text) == squash(c.Text) || squash(c.Text) != "" && flows()
	}
	if c.Col == 0 {
		return true
	}
	n := 0
	for _, e := range cells {
		if e.Col != c.Col || e.ColSpan != c.ColSpan || e.Row == c.Row || e.Row == row || e.RowSpan < 2 {
			continue
		}
		if squash(e.Text) == "" {
			return false
		}
		n++
	}
	return n >= 2 && squash(c.Text) != ""
}

// parallel reports whether cut cell c, with d below the break empty or
// repeating it, spans the same rows on both sides of the break as a cell
// further left that was found to continue: the 分值 of a category beside
// its name (党的建设 | 45%) is cut where the name is, and goes on with it.
func parallel(c, d Cell, joined [][3]int) bool {
	if squash(d.Text) != "" && squash(d.Text) != squash(c.Text) {
		return false
	}
	for _, j := range joined {
		if j == [3]int{c.Row, c.RowSpan, d.RowSpan} {
			return true
		}
	}
	return false
}

// sameGroup reports whether the rows on both sides of the break belong to
// the group cell c stands for: by the 序号 of the row above (1-5 of 1-5-2)
// for a cell over one group, by the common part of the numbers it spans for
// a cell over several.
func sameGroup(c Cell, cells []Cell, row int) bool {
	a, _, okA := idGroup(cells, row-1)
	b, _, okB := idGroup(cells, row)
	if !okA || !okB {
		return false
	}
	if a == b {
		return true
	}
	// A cell over several groups (a 项目 over 3-1-1 … 3-2-4) is a group of
	// the numbers' common part (3): it continues when the row below the
	// break has that part too.
	p := a
	for r := c.Row; r < row-1; r++ {
		if g, _, ok := idGroup(cells, r); ok {
			p = commonParts(p, g)
		}
	}
	return p != a && p != "" && (b == p || strings.HasPrefix(b, p+"-"))
}

// commonParts is the longest common run of leading parts of two 序号 groups
// (3 of 3-1 and 3-2).
func commonParts(a, b string) string {
	pa, pb := strings.Split(a, "-"), strings.Split(b, "-")
	n := 0
	for n < len(pa) && n < len(pb) && pa[n] == pb[n] {
		n++
	}
	return strings.Join(pa[:n], "-")
}

// joinText joins the parts of a cell printed on two pages. Calc centres a
// merged cell's text in the whole merged area, so usually one part is empty.
func joinText(a, b string) string {
	sa, sb := squash(a), squash(b)
	switch {
	case sa == "":
		return b
	case sb == "", strings.Contains(sa, sb):
		return a
	case strings.Contains(sb, sa):
		return b
	}
	return concatText(a, b)
}
