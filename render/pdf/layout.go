package pdf

import (
	"strings"

	"github.com/kaoping/kaoping/render/grid"
	"github.com/kaoping/kaoping/render/linebreak"
)

// Heights of the lines above the table on a form's first page, in mm.
const (
	attachH   = 10.0
	titleH    = 14.0
	titleSize = 22.0 // 二号
	unitH     = 9.0
	signH     = 12.0
	minRow    = 7.0
)

// geometry is a form's layout: column x positions and widths, row heights,
// and which rows go on which page.
type geometry struct {
	x, w        []float64
	h           []float64 // per grid row
	pages       [][2]int  // body row ranges [start, end) per page
	top         float64   // y of the header on the form's first page
	first, rest float64   // height for body rows on the first and later pages
	// tableBreak: the preamble leaves no room for the header and a row, and
	// the table begins on a page of its own
	tableBreak bool
}

func lineH(size float64) float64 { return size * ptMM * lineGap }

// textLines breaks a cell's text, printed in family, for the cell's inner
// width.
// A form is laid out more than once (each split of a tall row lays it out
// again) and drawn after, so the lines are kept: breaking the cells' texts
// was a quarter of the seed's render.
func (r *renderer) textLines(family, text string, w, size float64) []string {
	k := lineKey{family, text, w, size}
	if ls, ok := r.lines[k]; ok {
		return ls
	}
	ls := linebreak.Lines(r.printable(family, text), w-2*padX, r.measure(family, size))
	ls = ls[:len(ls):len(ls)] // shared: an append copies
	r.lines[k] = ls
	return ls
}

// lineKey is what a text's lines depend on.
type lineKey struct {
	family, text string
	w, size      float64
}

// titleLines breaks the title to the table width.
func (r *renderer) titleLines(t string) []string {
	return unblank(linebreak.Lines(r.printable(heiFamily, t), tableW*0.9, r.measure(heiFamily, titleSize)))
}

// unblank drops the blank lines of a text printed above or below a table
// (a title of line breaks printed a blank page); a text of none keeps one,
// the line the layout reserves for it.
func unblank(lines []string) []string {
	out := lines[:0:0]
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return lines[:min(len(lines), 1)]
	}
	return out
}

// preLines are the lines above a form's table: 附件, the title, and
// 参评单位 and the date side by side, each broken to its width.
type preLines struct{ attach, title, unit, date []string }

func (r *renderer) preambleLines(g *grid.Grid) preLines {
	// a form is laid out again for each split of a tall row, and drawn
	k := [4]string{g.Attachment, g.Title, g.Unit, g.Date}
	if pre, ok := r.pre[k]; ok {
		return pre
	}
	pre := preLines{
		attach: unblank(linebreak.Lines(r.printable(heiFamily, g.Attachment), tableW, r.quietMeasure(heiFamily, 16))),
		title:  r.titleLines(g.Title),
		unit:   unblank(linebreak.Lines(r.printable(r.body, g.Unit), tableW*2/3, r.quietMeasure(r.body, 12))),
		date:   unblank(linebreak.Lines(r.printable(r.body, g.Date), tableW/3, r.quietMeasure(r.body, 12))),
	}
	r.pre[k] = pre
	return pre
}

// signatureLines breaks the line of signatures below a form to the table
// width. Each layout of the form (one for each split of a tall row) asks for
// them, and breaking them again was a fifth of the line breaking of a form
// split a few times.
func (r *renderer) signatureLines(g *grid.Grid) []string {
	if ls, ok := r.sigs[g.Signatures]; ok {
		return ls
	}
	ls := unblank(linebreak.Lines(r.printable(r.body, g.Signatures), tableW, r.quietMeasure(r.body, 12)))
	ls = ls[:len(ls):len(ls)] // shared: an append copies
	r.sigs[g.Signatures] = ls
	return ls
}

// flowY is where a line of height h goes when the page's next free y is y:
// there, or at the top of a new page when it would pass the bottom (a line
// at the top of a page stays, however tall); and whether a page is begun.
// The preamble and the signatures are laid out and drawn by this rule.
func flowY(y, top, h float64) (float64, bool) {
	if y+h > pageH-marginB+0.01 && y > top {
		return marginT, true
	}
	return y, false
}

// style returns the font size, family and horizontal alignment of a cell's
// text; layout and drawing must agree on them.
func (r *renderer) style(c grid.Cell) (size float64, family, align string) {
	size, family, align = bodySize, r.body, "C"
	switch c.Kind {
	case grid.KindHeader:
		size, family = headSize, heiFamily
	case grid.KindBand:
		family, align = heiFamily, "L"
	case grid.KindText, grid.KindNote:
		align = "L"
	}
	return size, family, align
}

// stacked returns the columns of a vertical 项目 label: one per line.
func stacked(text string) [][]rune {
	var cols [][]rune
	for _, l := range strings.Split(text, "\n") {
		cols = append(cols, []rune(l))
	}
	return cols
}

func (r *renderer) layout(g *grid.Grid, ex []extra) *geometry {
	l := &geometry{}
	total := 0.0
	for _, c := range g.Columns {
		total += grid.Width(c.Key)
	}
	x := marginL
	for _, c := range g.Columns {
		w := grid.Width(c.Key) / total * tableW
		l.x = append(l.x, x)
		l.w = append(l.w, w)
		x += w
	}
	l.h = make([]float64, g.Rows)
	for i := range l.h {
		l.h[i] = minRow
	}
	for i, c := range g.Cells {
		if i%256 == 0 {
			r.checkCtx() // measuring the cells of 20,000 rows costs seconds
		}
		if c.RowSpan == 1 {
			l.h[c.Row] = max(l.h[c.Row], r.need(l, c, extraOf(ex, i)))
		}
	}
	for i, c := range g.Cells {
		if c.RowSpan == 1 {
			continue
		}
		have := 0.0
		for k := c.Row; k < c.Row+c.RowSpan; k++ {
			have += l.h[k]
		}
		if n := r.need(l, c, extraOf(ex, i)); n > have {
			for k := c.Row; k < c.Row+c.RowSpan; k++ {
				l.h[k] += (n - have) / float64(c.RowSpan)
			}
		}
	}
	l.top = r.preambleEnd(g, l)
	l.paginate(g, r.signatureLines(g))
	return l
}

// need is the height a cell's text takes, in mm.
func (r *renderer) need(l *geometry, c grid.Cell, e extra) float64 {
	if c.Kind == grid.KindCategory {
		n := 0
		for _, col := range stacked(c.Text) {
			n = max(n, len(col))
		}
		return float64(n)*bodySize*ptMM*1.15 + 2*padY
	}
	size, _, _ := r.style(c)
	return float64(len(r.cellLines(l, c, e)))*lineH(size) + 2*padY
}

// cellLines returns the lines of c's text as laid out: the piece's own lines
// for a piece of a split cell, else its text broken for its width.
func (r *renderer) cellLines(l *geometry, c grid.Cell, e extra) []string {
	if e.lines != nil {
		return e.lines
	}
	size, family, _ := r.style(c)
	return r.textLines(family, c.Text, l.width(c), size)
}

// width is the width of c in mm.
func (l *geometry) width(c grid.Cell) float64 {
	w := 0.0
	for k := c.Col; k < c.Col+c.ColSpan; k++ {
		w += l.w[k]
	}
	return w
}

// preambleEnd is the y where the preamble of g ends, its lines placed as
// preamble draws them; when the header and a row do not fit below it, the
// table begins on the next page (l.tableBreak).
func (r *renderer) preambleEnd(g *grid.Grid, l *geometry) float64 {
	pre := r.preambleLines(g)
	y := marginT
	for _, b := range []struct {
		n int
		h float64
	}{{len(pre.attach), attachH}, {len(pre.title), titleH}, {max(len(pre.unit), len(pre.date)), unitH}} {
		for range b.n {
			y, _ = flowY(y, marginT, b.h)
			y += b.h
		}
	}
	headH := minRow
	for k := 0; k < g.HeaderRows; k++ {
		headH += l.h[k]
	}
	if y > marginT && y+headH > pageH-marginB+0.01 {
		l.tableBreak = true
		y = marginT
	}
	return y
}

// paginate assigns body rows to pages (grid.Paginate) and puts the
// signature lines on a page of their own when the last page has no room for
// them.
func (l *geometry) paginate(g *grid.Grid, signatures []string) {
	headH := 0.0
	for k := 0; k < g.HeaderRows; k++ {
		headH += l.h[k]
	}
	bottom := pageH - marginB
	first := bottom - l.top - headH
	rest := bottom - marginT - headH
	l.first, l.rest = first, rest
	l.pages = g.Paginate(l.h, first, rest)
	if grid.Room(l.h, l.pages, first, rest) < 3+float64(len(signatures))*(signH-3) {
		l.pages = append(l.pages, [2]int{g.Rows, g.Rows})
	}
}
