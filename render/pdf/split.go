package pdf

import (
	"math"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/render/grid"
)

// extra is what the PDF adds to a grid cell when a row taller than a page is
// split into pieces, one piece a page.
type extra struct {
	// lines are the text lines of one piece of a split cell; nil: the cell's
	// text, broken for its width.
	lines []string
	// once marks a short cell of a split row (序号, 权重, names), merged over
	// the pieces: its text is printed on the first piece only, so that no
	// line of any cell is printed twice.
	once bool
}

// extraOf returns the extra of cell i; ex may be shorter than the cells.
func extraOf(ex []extra, i int) extra {
	if i < len(ex) {
		return ex[i]
	}
	return extra{}
}

// fit lays g out and, while a page is overflowed by a row taller than the
// room left for it, splits that row at the page break: grid.Paginate cannot
// break a row, and a row running off the bottom of the page loses its text
// in print. The grid is copied, never changed.
func (r *renderer) fit(g *grid.Grid) (*grid.Grid, []extra, *geometry) {
	var ex []extra
	l := r.layout(g, ex)
	for range 10000 { // each split prints at least one line; a bound all the same
		k, budget := l.overflow()
		if k < 0 {
			break
		}
		ng, nex, ok := r.split(g, ex, l, k, budget)
		if !ok {
			break
		}
		g, ex = ng, nex
		l = r.layout(g, ex)
	}
	return g, ex, l
}

// overflow finds the first row that runs past the bottom of its page and the
// height a first piece of it may take; k is -1 when every row fits. A row
// that starts a page is, where the page before has room for a few lines,
// begun there instead, as a word processor breaks a table row.
func (l *geometry) overflow() (k int, budget float64) {
	for pi, rows := range l.pages {
		room := l.rest
		if pi == 0 {
			room = l.first
		}
		for k := rows[0]; k < rows[1]; k++ {
			if l.h[k] <= room+0.01 {
				room -= l.h[k]
				continue
			}
			budget = room
			if k == rows[0] && pi > 0 && l.pages[pi-1][1] == k {
				prev := l.rest
				if pi == 1 {
					prev = l.first
				}
				for j := l.pages[pi-1][0]; j < k; j++ {
					prev -= l.h[j]
				}
				if prev >= 3*lineH(bodySize)+2*padY && prev >= minRow {
					budget = prev
				}
			}
			return k, budget
		}
	}
	return -1, 0
}

// split cuts row k of g in two: every cell of the row whose lines do not fit
// in budget keeps the lines that do and passes the rest to a new row below;
// the row's other cells are merged over both rows (text on the first); cells
// merged across row k grow by one row. It reports false when no cell of the
// row can be cut (its text has one line each, or the room is under a line).
func (r *renderer) split(g *grid.Grid, ex []extra, l *geometry, k int, budget float64) (*grid.Grid, []extra, bool) {
	cut := func(c grid.Cell) int {
		size, _, _ := r.style(c)
		return int(math.Floor((budget - 2*padY + 0.01) / lineH(size)))
	}
	possible := false
	for i, c := range g.Cells {
		if c.Row == k && c.RowSpan == 1 && c.Kind != grid.KindCategory {
			if n := cut(c); n >= 1 && len(r.cellLines(l, c, extraOf(ex, i))) > n {
				possible = true
			}
		}
	}
	if !possible {
		// the room is under a line: cut for a whole page instead, the piece
		// then starting on the next one
		if budget < l.rest {
			return r.split(g, ex, l, k, l.rest)
		}
		return nil, nil, false
	}
	ng := *g
	ng.Rows++
	ng.Groups = slices.Insert(slices.Clone(g.Groups), k+1, g.Groups[k])
	if len(g.RowKinds) > k {
		ng.RowKinds = slices.Insert(slices.Clone(g.RowKinds), k+1, g.RowKinds[k])
	}
	ng.Cells = make([]grid.Cell, 0, len(g.Cells)+2)
	nex := make([]extra, 0, len(g.Cells)+2)
	var rest []grid.Cell
	var restEx []extra
	for i, c := range g.Cells {
		e := extraOf(ex, i)
		switch {
		case c.Row > k:
			c.Row++
		case c.Row+c.RowSpan > k+1 || c.Row < k:
			if c.Row+c.RowSpan > k { // merged across row k
				c.RowSpan++
			}
		default: // on row k alone
			lines := r.cellLines(l, c, e)
			n := cut(c)
			if c.Kind == grid.KindCategory || len(lines) <= n {
				c.RowSpan, e.once = 2, true
				break
			}
			b := c
			b.Row, b.Findings = k+1, nil
			b.Text = strings.Join(lines[n:], "")
			rest = append(rest, b)
			restEx = append(restEx, extra{lines: lines[n:]})
			c.Text = strings.Join(lines[:n], "")
			e.lines = lines[:n]
		}
		ng.Cells = append(ng.Cells, c)
		nex = append(nex, e)
	}
	ng.Cells = append(ng.Cells, rest...)
	nex = append(nex, restEx...)
	return &ng, nex, true
}
