// Package stream reads tables drawn without rulings, the fallback when a
// producer exports a 考评表 with its borders off: columns come from the
// vertical strips of white space that every line of the table leaves free,
// rows from baselines, and a line whose first column is empty continues the
// row above (a multi-line cell without a 序号 of its own).
package stream

import (
	"cmp"
	"math"
	"slices"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// minCols and minRows bound what is called a table: two aligned columns over
// two lines is any indented list; a 考评表 fragment has more.
const (
	minCols = 3
	minRows = 3
)

// tline is one text line across the whole page width.
type tline struct {
	gs         []page.Glyph
	x0, x1     float64
	y0, y1     float64
	size       float64
	chunks     [][2]float64 // x extents of runs of glyphs separated by column-wide gaps
	chunkGlyph [][]page.Glyph
}

// Find returns the unruled tables of p. Glyphs inside ruled tables must have
// been removed by the caller.
func Find(p page.Page) []lattice.Table {
	ls := pageLines(p.Glyphs)
	var out []lattice.Table
	for _, run := range candidateRuns(ls) {
		if t, ok := build(run, ls); ok {
			t.Page = p.Number
			out = append(out, t)
		}
	}
	return out
}

func pageLines(gs []page.Glyph) []tline {
	var ls []tline
	for _, pl := range layout.Lines(gs, layout.Extent, false) {
		ls = append(ls, tline{gs: pl.Glyphs, x0: pl.Box.X0, x1: pl.Box.X1, y0: pl.Box.Y0, y1: pl.Box.Y1})
	}
	for i := range ls {
		l := &ls[i]
		var sizes []float64
		for _, g := range l.gs {
			s := g.Size
			if s <= 0 {
				s = g.Box.Y1 - g.Box.Y0
			}
			sizes = append(sizes, s)
		}
		slices.Sort(sizes)
		l.size = sizes[len(sizes)/2]
		// A gap of half an em never occurs inside CJK text, and is wider
		// than a Latin word space; cell padding on both sides of a column
		// border is at least that.
		start := 0
		for j := 1; j <= len(l.gs); j++ {
			if j == len(l.gs) || l.gs[j].Box.X0-l.gs[j-1].Box.X1 > l.size/2 {
				x0, x1 := l.gs[start].Box.X0, l.gs[start].Box.X1
				for _, g := range l.gs[start:j] {
					x1 = math.Max(x1, g.Box.X1)
				}
				l.chunks = append(l.chunks, [2]float64{x0, x1})
				l.chunkGlyph = append(l.chunkGlyph, l.gs[start:j])
				start = j
			}
		}
	}
	return ls
}

// candidateRuns returns the runs of consecutive lines that may be a table:
// from a line with at least minCols chunks to the last such line, lines in
// between allowed (the continuation lines of multi-line cells), as long as the
// line spacing stays that of one block of text.
func candidateRuns(ls []tline) [][]tline {
	var runs [][]tline
	i := 0
	for i < len(ls) {
		if len(ls[i].chunks) < minCols {
			i++
			continue
		}
		last := i
		for j := i + 1; j < len(ls); j++ {
			gap := ls[j].y0 - ls[j-1].y1
			if gap > 2.5*ls[j-1].size {
				break
			}
			if len(ls[j].chunks) >= minCols {
				last = j
			}
		}
		run := ls[i : last+1]
		multi := 0
		for _, l := range run {
			if len(l.chunks) >= minCols {
				multi++
			}
		}
		if multi >= minRows {
			runs = append(runs, run)
		}
		i = last + 1
	}
	return runs
}

// build reads one run of lines as a table: separators are the x strips no
// glyph of any line covers; rows start at wide line gaps or where a line
// brings a first-column value while the row already has one.
func build(run, all []tline) (lattice.Table, bool) {
	var iv [][2]float64
	size := 0.0
	for _, l := range run {
		iv = append(iv, l.chunks...)
		size = math.Max(size, l.size)
	}
	slices.SortFunc(iv, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	cols := []float64{iv[0][0]}
	end := iv[0][1]
	for _, x := range iv[1:] {
		if x[0]-end > size/2 {
			cols = append(cols, (x[0]+end)/2)
		}
		end = math.Max(end, x[1])
	}
	cols = append(cols, end)
	nc := len(cols) - 1
	if nc < minCols {
		return lattice.Table{}, false
	}
	run = extendRun(run, all, cols, size)
	col := func(x float64) int {
		c, _ := slices.BinarySearch(cols[1:], x)
		return min(c, nc-1)
	}
	// Rows. Lines of one cell stand closer than a line's own height (the
	// leading of a paragraph); cell padding puts more than half an em
	// between rows. Vertically centred cells interleave their lines with
	// the neighbours', so rows are the blocks of overlapping or nearly
	// touching lines, not single lines. A block holding two first-column
	// values (a producer without padding) is cut before the second.
	type row struct {
		lines []int
		first bool // has a first-column value
		y1    float64
	}
	var rows []row
	for i, l := range run {
		hasFirst := false
		for _, ch := range l.chunks {
			if col((ch[0]+ch[1])/2) == 0 {
				hasFirst = true
			}
		}
		newRow := i == 0
		if i > 0 {
			cur := &rows[len(rows)-1]
			switch {
			case l.y0-cur.y1 > size/2:
				newRow = true
			case hasFirst && cur.first:
				newRow = true
			}
		}
		if newRow {
			rows = append(rows, row{y1: l.y1})
		}
		cur := &rows[len(rows)-1]
		cur.lines = append(cur.lines, i)
		cur.first = cur.first || hasFirst
		cur.y1 = math.Max(cur.y1, l.y1)
	}
	if len(rows) < minRows {
		return lattice.Table{}, false
	}
	t := lattice.Table{Cols: cols}
	// Row boundaries: half way between one row's last line and the next
	// row's first line, the table's first and last lines at the ends.
	rowsB := []float64{run[rows[0].lines[0]].y0}
	for ri := 1; ri < len(rows); ri++ {
		rowsB = append(rowsB, (rows[ri-1].y1+run[rows[ri].lines[0]].y0)/2)
	}
	rowsB = append(rowsB, rows[len(rows)-1].y1)
	// Without rulings the cell edges are unknown; the widest text of a
	// column is its inner width, which is what line joining needs.
	ext := make([][2]float64, nc)
	for c := range ext {
		ext[c] = [2]float64{math.Inf(1), math.Inf(-1)}
	}
	for _, l := range run {
		for _, ch := range l.chunks {
			c := col((ch[0] + ch[1]) / 2)
			ext[c][0], ext[c][1] = math.Min(ext[c][0], ch[0]), math.Max(ext[c][1], ch[1])
		}
	}
	for ri, r := range rows {
		per := make([][]page.Glyph, nc)
		for _, li := range r.lines {
			for k, ch := range run[li].chunks {
				c := col((ch[0] + ch[1]) / 2)
				per[c] = append(per[c], run[li].chunkGlyph[k]...)
			}
		}
		for c := 0; c < nc; c++ {
			box := model.Box{X0: cols[c], Y0: rowsB[ri], X1: cols[c+1], Y1: rowsB[ri+1]}
			t.Cells = append(t.Cells, lattice.Cell{
				Row: ri, Col: c, RowSpan: 1, ColSpan: 1, Box: box,
				Text: lattice.CellText(per[c], model.Box{X0: ext[c][0], X1: ext[c][1]}, 0),
			})
		}
	}
	t.Box = model.Box{X0: cols[0], Y0: rowsB[0], X1: cols[nc], Y1: rowsB[len(rowsB)-1]}
	t.Rows = rowsB
	return t, true
}

// extendRun adds the lines right below the run that continue its last row:
// close to the line above, and with every chunk inside one column. The last
// multi-line cell of a table ends in such lines; the body text after the
// table starts at the margin and crosses the column gaps.
func extendRun(run, all []tline, cols []float64, size float64) []tline {
	end := -1
	for i := range all {
		if all[i].y0 == run[len(run)-1].y0 && all[i].x0 == run[len(run)-1].x0 {
			end = i
			break
		}
	}
	if end < 0 {
		return run
	}
	out := run
	for i := end + 1; i < len(all); i++ {
		l := all[i]
		if l.y0-all[i-1].y1 > size/2 {
			break
		}
		for _, ch := range l.chunks {
			inside := false
			for c := 0; c+1 < len(cols); c++ {
				if ch[0] >= cols[c] && ch[1] <= cols[c+1] {
					inside = true
				}
			}
			if !inside {
				return out
			}
		}
		out = append(out[:len(out):len(out)], l)
	}
	return out
}
