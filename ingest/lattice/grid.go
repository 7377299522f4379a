package lattice

import (
	"cmp"
	"math"
	"slices"

	"github.com/kaoping/kaoping/model"
)

// maxLines bounds the rulings considered on one page: a vector drawing with
// tens of thousands of hatch strokes is not a form, and the intersection
// search is quadratic.
const maxLines = 4000

// maxCells bounds the grid of one table: a 考评表 has a few thousand grid
// cells at most; more is hatching, not a form.
const maxCells = 1 << 14

// components groups the lines that touch or cross into connected sets: each
// set is a candidate table. Rulings of one table always meet; a table's lines
// never touch another table's.
func components(hs, vs []line, t tol) [][2][]line {
	if len(hs)+len(vs) > maxLines || len(hs) == 0 || len(vs) == 0 {
		return nil
	}
	n := len(hs) + len(vs)
	uf := newUnionFind(n)
	for i, h := range hs {
		for j, v := range vs {
			if v.pos >= h.a-t.snap && v.pos <= h.b+t.snap && h.pos >= v.a-t.snap && h.pos <= v.b+t.snap {
				uf.union(i, len(hs)+j)
			}
		}
	}
	groups := map[int]int{}
	var out [][2][]line
	for i := 0; i < n; i++ {
		r := uf.find(i)
		k, ok := groups[r]
		if !ok {
			k = len(out)
			groups[r] = k
			out = append(out, [2][]line{})
		}
		if i < len(hs) {
			out[k][0] = append(out[k][0], hs[i])
		} else {
			out[k][1] = append(out[k][1], vs[i-len(hs)])
		}
	}
	return out
}

// buildGrid reads one connected set of rulings as a table. Column boundaries
// are the distinct x of its vertical lines, row boundaries the distinct y of
// its horizontal lines; a boundary with no stroke between two grid cells joins
// them, and the joined groups are the table's cells.
func buildGrid(comp [2][]line, t tol) (Table, bool) {
	hs, vs := comp[0], comp[1]
	rows, hAt := boundaries(hs, t)
	cols, vAt := boundaries(vs, t)
	rows, hAt = closeOpenEnds(rows, hAt, vs, t)
	cols, vAt = closeOpenEnds(cols, vAt, hs, t)
	nr, nc := len(rows)-1, len(cols)-1
	if nr < 1 || nc < 1 || nr*nc < 2 || nr*nc > maxCells {
		return Table{}, false
	}
	uf := newUnionFind(nr * nc)
	id := func(r, c int) int { return r*nc + c }
	for r := 0; r < nr; r++ {
		for c := 1; c < nc; c++ {
			if !covered(vAt[c], rows[r], rows[r+1]) {
				uf.union(id(r, c-1), id(r, c))
			}
		}
	}
	for r := 1; r < nr; r++ {
		for c := 0; c < nc; c++ {
			if !covered(hAt[r], cols[c], cols[c+1]) {
				uf.union(id(r-1, c), id(r, c))
			}
		}
	}
	rects := rectangles(uf, nr, nc)
	if len(rects) < 2 {
		return Table{}, false
	}
	tb := Table{
		Box:  model.Box{X0: cols[0], Y0: rows[0], X1: cols[nc], Y1: rows[nr]},
		Cols: cols,
		Rows: rows,
	}
	for _, rc := range rects {
		c := Cell{
			Row: rc.r0, Col: rc.c0, RowSpan: rc.r1 - rc.r0, ColSpan: rc.c1 - rc.c0,
			Box: model.Box{X0: cols[rc.c0], Y0: rows[rc.r0], X1: cols[rc.c1], Y1: rows[rc.r1]},
		}
		c.OpenTop = rc.r0 == 0 && !covered(hAt[0], c.Box.X0, c.Box.X1)
		c.OpenBottom = rc.r1 == nr && !covered(hAt[nr], c.Box.X0, c.Box.X1)
		tb.Cells = append(tb.Cells, c)
	}
	return tb, true
}

// closeOpenEnds adds a boundary where the table's rulings of the other
// direction run on past its last (or first) one: rows, given the vertical
// rulings, or columns, given the horizontal ones.
//
// Rows: a producer that lets a row break across pages (Chromium, WPS) draws
// the cut row's side borders to the page's bottom margin and no bottom rule
// there: without the boundary the cut row, and the text in it, would fall
// outside the table. The new boundary has no stroke, so the cells there are
// open and the cross-page join continues them on the next page.
//
// Columns: the rows' rules run on to a right (or left) border that is not
// there — a hairline too faint to survive a scan (a web page printed to PDF
// draws its last border as a sliver), or a border the producer left out.
// Without the boundary the last column, header and all, would fall outside
// the table and be read as lines of running text, its values lost from the
// form without a word; the rules' common end is where the table ends.
func closeOpenEnds(bounds []float64, at [][]line, across []line, t tol) ([]float64, [][]line) {
	if len(bounds) == 0 {
		return bounds, at
	}
	// A cut row holds at least a line of text, a column a character:
	// several units, far more than a stroke's cap or a snapping error.
	gap := 4*t.unit + t.snap
	first, last := bounds[0], bounds[len(bounds)-1]
	after, before := 0, 0
	lo, hi := first, last
	for _, l := range across {
		if l.b > last+gap {
			after++
			hi = math.Max(hi, l.b)
		}
		if l.a < first-gap {
			before++
			lo = math.Min(lo, l.a)
		}
	}
	// Both outer borders at least: one stray vertical is not a row, one
	// rule drawn on past the last column not a column.
	if after >= 2 {
		bounds = append(bounds, hi)
		at = append(at, nil)
	}
	if before >= 2 {
		bounds = append([]float64{lo}, bounds...)
		at = append([][]line{nil}, at...)
	}
	return bounds, at
}

// boundaries clusters line positions into grid boundaries and returns, for
// each boundary, the lines lying on it.
func boundaries(ls []line, t tol) ([]float64, [][]line) {
	ls = slices.Clone(ls)
	slices.SortFunc(ls, func(x, y line) int { return cmp.Compare(x.pos, y.pos) })
	var pos []float64
	var at [][]line
	for i := 0; i < len(ls); {
		j := i + 1
		for j < len(ls) && ls[j].pos-ls[j-1].pos <= t.snap {
			j++
		}
		sum, wsum := 0.0, 0.0
		for _, l := range ls[i:j] {
			w := l.b - l.a + t.unit
			sum += l.pos * w
			wsum += w
		}
		pos = append(pos, sum/wsum)
		at = append(at, ls[i:j])
		i = j
	}
	return pos, at
}

// covered reports whether the lines stroke most of [lo, hi]. Half is the
// threshold: a neighbour's ruling ending at a corner touches the interval
// only at its end, and a true border covers nearly all of it.
func covered(ls []line, lo, hi float64) bool {
	if hi <= lo {
		return true
	}
	iv := make([][2]float64, 0, len(ls))
	for _, l := range ls {
		a, b := math.Max(l.a, lo), math.Min(l.b, hi)
		if b > a {
			iv = append(iv, [2]float64{a, b})
		}
	}
	slices.SortFunc(iv, func(x, y [2]float64) int { return cmp.Compare(x[0], y[0]) })
	sum, end := 0.0, lo
	for _, x := range iv {
		a := math.Max(x[0], end)
		if x[1] > a {
			sum += x[1] - a
			end = x[1]
		}
	}
	return sum > (hi-lo)/2
}

type rect struct{ r0, c0, r1, c1 int } // half-open grid ranges

// rectangles turns the joined groups of grid cells into rectangles. A group
// that is not a rectangle (an L, from a missing stroke in an odd place) takes
// in everything within its bounding rectangle, so cells never overlap. A
// worklist rescans a group's rectangle only when it grew, so the cost is
// bounded by merges × grid size, not by rounds of full passes.
func rectangles(uf *unionFind, nr, nc int) []rect {
	// Each group's bounding rectangle by its root (a grid cell's index):
	// in a slice over the grid, has marking the roots that have one (a
	// root without reads as the zero rect, as a map would give).
	bb, has := make([]rect, nr*nc), make([]bool, nr*nc)
	get := func(k int) rect {
		if has[k] {
			return bb[k]
		}
		return rect{}
	}
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			k := uf.find(r*nc + c)
			b, ok := bb[k], has[k]
			if !ok {
				b = rect{r, c, r + 1, c + 1}
			}
			b.r0, b.c0 = min(b.r0, r), min(b.c0, c)
			b.r1, b.c1 = max(b.r1, r+1), max(b.c1, c+1)
			bb[k], has[k] = b, true
		}
	}
	var work []int
	for k := range has {
		if has[k] {
			work = append(work, k)
		}
	}
	for len(work) > 0 {
		k := work[len(work)-1]
		work = work[:len(work)-1]
		if uf.find(k) != k {
			continue // merged into another group, which is on the list
		}
		b := get(k)
		grew := false
		for r := b.r0; r < b.r1 && !grew; r++ {
			for c := b.c0; c < b.c1; c++ {
				j := uf.find(r*nc + c)
				if j == k {
					continue
				}
				o := get(j)
				uf.union(k, j)
				root := uf.find(k)
				nb := rect{min(b.r0, o.r0), min(b.c0, o.c0), max(b.r1, o.r1), max(b.c1, o.c1)}
				has[j], has[k] = false, false
				bb[root], has[root] = nb, true
				if nb != b {
					// The rectangle grew: scan it anew.
					work = append(work, root)
					grew = true
					break
				}
				k, b = root, nb
			}
		}
	}
	seen := make([]bool, nr*nc)
	var out []rect
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			k := uf.find(r*nc + c)
			if seen[k] {
				continue
			}
			seen[k] = true
			// The first cell met in row-major order is the group's top-left.
			out = append(out, get(k))
		}
	}
	return out
}

type unionFind struct{ p []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{p}
}

func (u *unionFind) find(x int) int {
	for u.p[x] != x {
		u.p[x] = u.p[u.p[x]]
		x = u.p[x]
	}
	return x
}

func (u *unionFind) union(a, b int) {
	if ra, rb := u.find(a), u.find(b); ra != rb {
		u.p[rb] = ra
	}
}
