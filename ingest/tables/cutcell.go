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
func continues(c, d Cell, cells []Cell, row int) bool {
	switch {
	case c.OpenBottom:
		return true
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
	}
	return c.Col == 0
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
