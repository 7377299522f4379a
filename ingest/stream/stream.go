// Package stream reads tables drawn without rulings, the fallback when a
// producer exports a 考评表 with its borders off. Nothing on the page says
// where a cell ends, so everything comes from the text's alignment, and from
// the alignment of the whole table, over all its pages: a page of a long
// table may hold only short cells in one column, and its own white space
// would then put the column border elsewhere than the next page's.
//
// The axes on which unruled tables vary, and what this package does about
// each (the producer matrix's unruled forms, fixtures/matrix, cover them):
//
//   - Column alignment: left (text), centred (序号, 权重, names), right
//     (amounts). Columns are the vertical strips of white space ("rivers")
//     that hold on nearly every line of the table; a cell's alignment does
//     not matter for them, only that no text crosses the strip (columns.go).
//   - Wrapped cells: a cell's lines stand closer than one row to the next
//     (cell padding on both sides of the row border); the in-cell leading is
//     measured on the table itself (rows.go).
//   - Empty cells: a column without text on a row is an empty cell, not a
//     reason to shift the row's cells.
//   - Multi-line, two-level headers: the rows above the first 序号 are read
//     apart, with the spans their centring implies (目标内容 over three
//     columns, 序号 over two header rows).
//   - Page breaks inside groups: the columns are those of the whole table;
//     each page's part is a table of its own with the same columns, joined by
//     ingest/tables, which knows the repeated header and the cut merged cell.
//   - Merged-looking group labels (项目, 一级指标 printed once, centred or
//     top-aligned on the rows they group): a column whose labels stand over
//     the white space between rows is a group column, and its labels get the
//     row spans that tile the column and fit their position best.
//   - Numbers and text columns: the key column is the one whose cells read as
//     序号; a line without text there continues the row above.
//   - Font sizes: every tolerance is a fraction of the table's font size or
//     of the line spacing measured on it, never a fixed distance.
//
// Where the reading is unsure — text crossing a column border, a label whose
// place fits no span — the cell carries a Doubt, which the form builder turns
// into a reading-doubt finding.
package stream

import (
	"math"
	"slices"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
)

// minCols and minRows bound what is called a table: two aligned columns over
// two lines is any indented list; a 考评表 fragment has more.
const (
	minCols = 3
	minRows = 3
)

// chunk is a run of glyphs on one line, separated from its neighbours by a
// gap no text inside a cell leaves.
type chunk struct {
	gs             []page.Glyph
	x0, x1, y0, y1 float64
}

func (c chunk) cy() float64 { return (c.y0 + c.y1) / 2 }
func (c chunk) cx() float64 { return (c.x0 + c.x1) / 2 }

// tline is one text line across the whole page width.
type tline struct {
	x0, x1 float64
	y0, y1 float64
	size   float64
	chunks []chunk
	wide   int // runs of glyphs apart by half an em or more
}

// find returns the unruled tables of p. Glyphs inside ruled tables must have
// been removed by the caller.
func find(p page.Page) []lattice.Table { return FindPages([]page.Page{p})[0] }

// FindPages returns the unruled tables of each page (out[i] belongs to
// pages[i]). A table that ends one page and one that starts the next, over
// the same width, are read with the columns of both together, so that
// ingest/tables can join them; each is still a table of its own page.
func FindPages(pages []page.Page) [][]lattice.Table {
	out := make([][]lattice.Table, len(pages))
	var regs []region
	for i, p := range pages {
		ls := pageLines(p.Glyphs)
		for k, run := range candidateRuns(ls) {
			// A run of few table lines is a table only as the start of
			// a page that continues one (its 合计 under the repeated
			// header).
			weak := countWide(run) < minRows
			if weak && (k > 0 || len(regs) == 0 || regs[len(regs)-1].page != i-1) {
				continue
			}
			regs = append(regs, region{page: i, core: run, all: ls, weak: weak})
		}
	}
	for a := 0; a < len(regs); {
		b := a + 1
		for b < len(regs) && regs[b].page == regs[b-1].page+1 && lastOnPage(regs, b-1) && firstOnPage(regs, b) && sameWidth(regs[b-1], regs[b]) {
			b++
		}
		group := regs[a:b]
		if len(group) == 1 && group[0].weak {
			a = b
			continue
		}
		ts, ok := read(group)
		if !ok && len(group) > 1 {
			// The parts do not read as one table: read each alone.
			ts = nil
			for k := range group {
				if group[k].weak {
					continue
				}
				t, _ := read(group[k : k+1])
				ts = append(ts, t...)
			}
		}
		for _, t := range ts {
			i := t.Page
			t.Page = pages[i].Number
			out[i] = append(out[i], t)
		}
		a = b
	}
	return out
}

// region is one page's candidate lines: core, the run of many-chunk lines,
// and all, every line of the page.
type region struct {
	page  int
	core  []tline
	all   []tline
	lines []tline // core trimmed and extended by the table's columns
	weak  bool    // fewer than minRows table lines
}

func lastOnPage(regs []region, k int) bool  { return k+1 >= len(regs) || regs[k+1].page != regs[k].page }
func firstOnPage(regs []region, k int) bool { return k == 0 || regs[k-1].page != regs[k].page }

// sameWidth reports whether two regions stand over mostly the same x range.
func sameWidth(a, b region) bool {
	ax0, ax1 := extent(a.core)
	bx0, bx1 := extent(b.core)
	ov := math.Min(ax1, bx1) - math.Max(ax0, bx0)
	return ov > 0.8*math.Min(ax1-ax0, bx1-bx0)
}

func extent(ls []tline) (x0, x1 float64) {
	x0, x1 = math.Inf(1), math.Inf(-1)
	for _, l := range ls {
		x0, x1 = math.Min(x0, l.x0), math.Max(x1, l.x1)
	}
	return x0, x1
}

func pageLines(gs []page.Glyph) []tline {
	pls := layout.Lines(gs, layout.Extent, false)
	ls := make([]tline, 0, len(pls))
	// The chunks of all lines in one slice, each line's a piece of it
	// (ends[i] is where line i's chunks end), and one slice for the sizes: a line
	// holds a few chunks, and a slice of its own for each would be most of
	// the stage's allocations.
	var chunks []chunk
	ends := make([]int, 0, len(pls))
	var sizes []float64
	for _, pl := range pls {
		l := tline{x0: pl.Box.X0, x1: pl.Box.X1, y0: pl.Box.Y0, y1: pl.Box.Y1}
		sizes = sizes[:0]
		for _, g := range pl.Glyphs {
			sizes = append(sizes, glyphSize(g))
		}
		slices.Sort(sizes)
		l.size = sizes[len(sizes)/2]
		// A gap of a quarter em does not occur inside CJK text, and is the
		// least a Latin word space takes: cell padding on both sides of a
		// column border leaves more. The chunks split there; whether a gap is
		// a column border is for the whole table to say (findColumns). A
		// line counts as a table line by its gaps of half an em, which
		// prose never leaves.
		start := 0
		for j := 1; j <= len(pl.Glyphs); j++ {
			gap := math.Inf(1)
			if j < len(pl.Glyphs) {
				gap = pl.Glyphs[j].Box.X0 - pl.Glyphs[j-1].Box.X1
			}
			if gap > l.size/2 {
				l.wide++
			}
			if gap > l.size/4 {
				chunks = append(chunks, newChunk(pl.Glyphs[start:j]))
				start = j
			}
		}
		ls = append(ls, l)
		ends = append(ends, len(chunks))
	}
	from := 0
	for i, end := range ends {
		ls[i].chunks = chunks[from:end:end]
		from = end
	}
	return ls
}

func glyphSize(g page.Glyph) float64 {
	if g.Size > 0 {
		return g.Size
	}
	return g.Box.Y1 - g.Box.Y0
}

func newChunk(gs []page.Glyph) chunk {
	c := chunk{gs: gs, x0: math.Inf(1), x1: math.Inf(-1), y0: math.Inf(1), y1: math.Inf(-1)}
	for _, g := range gs {
		c.x0, c.x1 = math.Min(c.x0, g.Box.X0), math.Max(c.x1, g.Box.X1)
		c.y0, c.y1 = math.Min(c.y0, g.Box.Y0), math.Max(c.y1, g.Box.Y1)
	}
	return c
}

// candidateRuns returns the runs of consecutive lines that may be a table:
// from a line with at least minCols chunks to the last such line, lines in
// between allowed (the continuation lines of multi-line cells), as long as the
// line spacing stays that of one block of text. The caller decides by
// countWide whether a run has enough such lines.
func candidateRuns(ls []tline) [][]tline {
	var runs [][]tline
	i := 0
	for i < len(ls) {
		if ls[i].wide < minCols {
			i++
			continue
		}
		last := i
		for j := i + 1; j < len(ls); j++ {
			gap := ls[j].y0 - ls[j-1].y1
			if gap > 2.5*ls[j-1].size {
				break
			}
			if ls[j].wide >= minCols {
				last = j
			}
		}
		runs = append(runs, ls[i:last+1])
		i = last + 1
	}
	return runs
}

// fits reports whether every chunk of l lies inside one column.
func fits(l tline, cols []float64, tol float64) bool {
	for _, ch := range l.chunks {
		if straddles(ch, cols, tol) >= 0 {
			return false
		}
	}
	return true
}

// straddles returns the index of the inner column border ch crosses by more
// than tol on both sides, or -1. The outer borders are the table's own
// edges: text beyond them is outside it.
func straddles(ch chunk, cols []float64, tol float64) int {
	if ch.x1 < cols[0]-tol || ch.x0 > cols[len(cols)-1]+tol {
		return 0
	}
	for k := 1; k+1 < len(cols); k++ {
		if ch.x0 < cols[k]-tol && ch.x1 > cols[k]+tol {
			return k
		}
	}
	return -1
}

// spans reports whether every chunk of l either keeps to one column or is
// centred on the columns it crosses (a 合计 over 项目 to 二级指标): a line
// of the table, unlike a signature line run into it.
func spans(l tline, cols []float64, em float64) bool {
	for _, ch := range l.chunks {
		if straddles(ch, cols, em/4) < 0 {
			continue
		}
		a, b := column(cols, ch.x0+em/4), column(cols, ch.x1-em/4)
		if !centredOn(ch, l, cols, a, b, em) {
			return false
		}
	}
	return true
}

// centredOn reports whether chunk ch of line l, over columns a … b, is
// centred on them or on a wider run of columns around them that l leaves
// empty (合计 over 项目类别, 一级指标 and 二级指标 may stand on the border
// between the two narrower of them).
func centredOn(ch chunk, l tline, cols []float64, a, b int, em float64) bool {
	empty := func(k int) bool {
		for _, o := range l.chunks {
			if o.x0 != ch.x0 && column(cols, o.cx()) == k {
				return false
			}
		}
		return true
	}
	for lo := a; lo >= 0 && (lo == a || empty(lo)); lo-- {
		for hi := b; hi+1 < len(cols) && (hi == b || empty(hi)); hi++ {
			// An outer border is at the text's edge; the cell's edge,
			// which the text is centred on, lies beyond it by the
			// padding, less than an em: the centre may be off by half.
			tol := em / 2
			if lo == 0 || hi+2 == len(cols) {
				tol = em
			}
			if math.Abs(ch.cx()-(cols[lo]+cols[hi+1])/2) <= tol {
				return true
			}
		}
	}
	return false
}

// place trims the region's core to lines that fit the columns (a signature
// line run into the table's last row crosses them) and extends it by the
// lines just above (the header lines with fewer cells: 目标内容 over its
// columns) and below (the last cell's wrapped lines, a 合计) that fit them.
// On a later page of the table (cont) the line above may also be the rest
// of the row the page broke, as far from the next row as rows stand apart.
func (r *region) place(cols []float64, em float64, cont bool) {
	tol := em / 4
	core := r.core
	for len(core) > 0 && !fits(core[0], cols, tol) {
		core = core[1:]
	}
	for len(core) > 0 && !spans(core[len(core)-1], cols, em) {
		core = core[:len(core)-1]
	}
	if len(core) == 0 {
		r.lines = nil
		return
	}
	first, last := index(r.all, core[0]), index(r.all, core[len(core)-1])
	for first > 0 {
		l := r.all[first-1]
		if r.all[first].y0-l.y1 > em && !(cont && first == index(r.all, core[0]) && r.all[first].y0-l.y1 <= 2.5*em) || !fits(l, cols, tol) {
			break
		}
		first--
	}
	for last+1 < len(r.all) {
		l := r.all[last+1]
		if l.y0-r.all[last].y1 > 2.5*em || !spans(l, cols, em) {
			break
		}
		last++
	}
	r.lines = r.all[first : last+1]
}

func index(ls []tline, l tline) int {
	for i := range ls {
		if ls[i].y0 == l.y0 && ls[i].x0 == l.x0 && ls[i].y1 == l.y1 {
			return i
		}
	}
	return -1
}

// countWide counts the lines of a run with at least minCols chunks apart by
// half an em.
func countWide(run []tline) int {
	n := 0
	for _, l := range run {
		if l.wide >= minCols {
			n++
		}
	}
	return n
}
