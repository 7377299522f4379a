package stream

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// block is the text of one column standing together: chunks whose vertical
// gaps are no wider than the table's in-cell leading. Outside group columns
// a block is a cell; in a group column it is a label over several rows.
type block struct {
	chunks         []chunk
	y0, y1, x0, x1 float64
}

func (b block) cy() float64 { return (b.y0 + b.y1) / 2 }
func (b block) cx() float64 { return (b.x0 + b.x1) / 2 }

// part is one page's part of a table.
type part struct {
	page   int
	blocks [][]block // by column, top to bottom
	top    float64   // where the body starts (after the header), for the group-column test
	memo   *rowsMemo // the last rows read, with what they were read from
}

// rowsMemo is what grid.rows returned for a part, and the state of the
// grid it depends on (the 序号 column, the group columns, the header's
// height): read, offCentreGroups, groupHeaders and table each ask for a
// part's rows, mostly with nothing changed in between.
type rowsMemo struct {
	key     int
	hdrH    float64
	group   []bool
	rows    []row
	h, body int
}

// grid is what a table's parts share: the columns and the measures.
type grid struct {
	cols   []float64 // column borders, outer ones at the text's edges
	bx     []float64 // the same, outer ones moved out by half a river: for centring
	ext    []span    // each column's text extent over the whole table
	em     float64
	tau    float64 // the largest gap between two lines of one cell
	group  []bool  // group (label) columns
	key    int     // the 序号 column, -1 if none
	nc     int
	parts  []part
	rowGap float64
	// hdrH is the height of the header on the pages that have one.
	hdrH float64
	// centred: the table centres a cell's text vertically (else it sets it
	// at the top), as its single-row cells show.
	centred bool
}

// read reads the regions of one table (one per page) with the columns of
// all of them.
func read(regs []region) ([]lattice.Table, bool) {
	em := 0.0
	var lines [][]span
	for _, r := range regs {
		for _, l := range r.core {
			em = math.Max(em, l.size)
			var ss []span
			for _, ch := range l.chunks {
				ss = append(ss, span{ch.x0, ch.x1})
			}
			lines = append(lines, ss)
		}
	}
	// First the rivers that hold on all but one line in fifty (and never
	// closed by one line alone), to know which lines belong to the table;
	// then, on the lines whose every chunk keeps to those columns, the
	// rivers that hold on all but one in a hundred.
	cols := findColumns(lines, em, max(1, len(lines)/50))
	if len(cols)-1 < minCols {
		return nil, false
	}
	for i := range regs {
		regs[i].place(cols, em, i > 0)
	}
	var clean [][]span
	for _, r := range regs {
		for _, l := range r.lines {
			if !fits(l, cols, em/4) {
				continue
			}
			var ss []span
			for _, ch := range l.chunks {
				ss = append(ss, span{ch.x0, ch.x1})
			}
			clean = append(clean, ss)
		}
	}
	if c2 := findColumns(clean, em, len(clean)/100); len(c2)-1 >= minCols {
		cols = c2
		for i := range regs {
			regs[i].place(cols, em, i > 0)
		}
	}
	g := &grid{cols: cols, em: em, nc: len(cols) - 1, key: -1}
	g.measure(regs)
	for _, r := range regs {
		p := part{page: r.page, blocks: make([][]block, g.nc), top: math.Inf(-1)}
		for c := range g.nc {
			p.blocks[c] = blocks(r.lines, cols, c, g.tau)
		}
		g.parts = append(g.parts, p)
	}
	// Group columns and the 序号 column decide each other: find the group
	// columns on everything, then the 序号 column, then the group columns
	// again on the body only (a two-row header cell stands over the white
	// space between the header rows as a label does).
	g.group = g.groupColumns()
	g.key = g.keyColumn()
	for i := range g.parts {
		rows, h, _ := g.rows(&g.parts[i])
		if h > 0 && h < len(rows) {
			g.parts[i].top = rows[h].lo
			g.hdrH = math.Max(g.hdrH, rows[h].lo-rows[0].lo)
		}
	}
	g.group = g.groupColumns()
	g.key = g.keyColumn()
	g.offCentreGroups()
	var out []lattice.Table
	for i := range g.parts {
		if t, ok := g.table(&g.parts[i]); ok {
			out = append(out, t)
		}
	}
	return out, len(out) > 0
}

// measure sets the leading, the text extents and the centring borders.
func (g *grid) measure(regs []region) {
	var gaps, rivers []float64
	g.ext = make([]span, g.nc)
	for c := range g.ext {
		g.ext[c] = span{math.Inf(1), math.Inf(-1)}
	}
	for _, r := range regs {
		last := make([]float64, g.nc)
		for c := range last {
			last[c] = math.NaN()
		}
		for _, l := range r.lines {
			for _, ch := range l.chunks {
				c := column(g.cols, ch.cx())
				g.ext[c] = span{math.Min(g.ext[c].lo, ch.x0), math.Max(g.ext[c].hi, ch.x1)}
				if d := ch.y0 - last[c]; d > 0 {
					gaps = append(gaps, d)
				}
				last[c] = math.Max(ch.y1, nanMax(last[c]))
			}
		}
	}
	// Most gaps between lines of one column are between the lines of a
	// wrapped cell: the leading. A row border adds the cell padding twice.
	// A table of one-line cells has no such gaps, only row borders: the
	// leading of text is at most four tenths of an em.
	lead := 0.3 * g.em
	if len(gaps) > 0 {
		slices.Sort(gaps)
		lead = math.Min(gaps[len(gaps)/10], 0.4*g.em)
	}
	g.tau = lead + g.em/4
	for c := 1; c < g.nc; c++ {
		if d := g.ext[c].lo - g.ext[c-1].hi; d > 0 {
			rivers = append(rivers, d)
		}
	}
	half := g.em / 2
	if len(rivers) > 0 {
		slices.Sort(rivers)
		half = rivers[len(rivers)/2] / 2
	}
	g.bx = slices.Clone(g.cols)
	g.bx[0] -= half
	g.bx[g.nc] += half
}

func nanMax(x float64) float64 {
	if math.IsNaN(x) {
		return math.Inf(-1)
	}
	return x
}

// blocks returns the blocks of column c among lines.
func blocks(lines []tline, cols []float64, c int, tau float64) []block {
	// The column's chunks, counted, then gathered in one slice: a block's
	// chunks follow one another in it, so each block is a piece of it,
	// capped, so that an append to one copies it out.
	inColumn := func(yield func(chunk) bool) {
		for _, l := range lines {
			for _, ch := range l.chunks {
				if column(cols, ch.cx()) == c && !yield(ch) {
					return
				}
			}
		}
	}
	n := 0
	for range inColumn {
		n++
	}
	if n == 0 {
		return nil
	}
	chs := make([]chunk, 0, n)
	for ch := range inColumn {
		chs = append(chs, ch)
	}
	out := make([]block, 0, n)
	start := 0
	for i, ch := range chs {
		if n := len(out); n > 0 && ch.y0-out[n-1].y1 <= tau {
			b := &out[n-1]
			b.chunks = chs[start : i+1 : i+1]
			b.y0, b.y1 = math.Min(b.y0, ch.y0), math.Max(b.y1, ch.y1)
			b.x0, b.x1 = math.Min(b.x0, ch.x0), math.Max(b.x1, ch.x1)
			continue
		}
		start = i
		out = append(out, block{chunks: chs[i : i+1 : i+1], y0: ch.y0, y1: ch.y1, x0: ch.x0, x1: ch.x1})
	}
	return out
}

// groupColumns finds the label columns: peeled one at a time, the column
// whose blocks stand over most of the white space the other columns leave
// between rows. A column of 项目 bridges the gaps between the 一级指标
// groups, and once it is set aside the 一级指标 column bridges those between
// items; an item's text never bridges a gap between rows.
func (g *grid) groupColumns() []bool {
	group := make([]bool, g.nc)
	// The blocks of the columns still in play, each part's sorted once per
	// peel: a candidate's gaps are those the others leave, so it merges
	// these skipping its own (merging spans sorted by their start gives
	// the same spans whatever the order of equal starts).
	type colSpan struct {
		span
		col int
	}
	sorted := make([][]colSpan, len(g.parts))
	var m []span
	for left := g.nc; left > 2; left-- {
		for i, p := range g.parts {
			sorted[i] = sorted[i][:0]
			for k := range g.nc {
				if group[k] {
					continue
				}
				for _, b := range p.blocks[k] {
					if b.cy() >= p.top {
						sorted[i] = append(sorted[i], colSpan{span{b.y0, b.y1}, k})
					}
				}
			}
			slices.SortFunc(sorted[i], func(a, b colSpan) int { return cmp.Compare(a.lo, b.lo) })
		}
		best, bestN := -1, 0
		for c := range g.nc {
			if group[c] {
				continue
			}
			n, total := 0, 0
			for i, p := range g.parts {
				m = m[:0]
				for _, s := range sorted[i] {
					if s.col != c {
						m = joinSpan(m, s.span, g.tau)
					}
				}
				for _, b := range p.blocks[c] {
					if b.cy() < p.top {
						continue
					}
					total++
					for j := 1; j < len(m); j++ {
						if b.y0 < m[j-1].hi && b.y1 > m[j].lo {
							n++
						}
					}
				}
			}
			if n >= 2 && 4*n >= total && n > bestN {
				best, bestN = c, n
			}
		}
		if best < 0 {
			break
		}
		group[best] = true
	}
	return group
}

// offCentreGroups adds the group columns whose labels bridge no row border:
// a short label (重点工作目标 in two lines) on a group of many rows sits
// inside one of them. Such a column is empty on most rows, like a column of
// 备注; a 备注 stands where the table puts a cell's text in its row (centred
// or at the top, as the other columns show), a label does not: it is
// centred on its group, or at the group's top in a centred table (a label
// cut by a page break).
func (g *grid) offCentreGroups() {
	type place struct {
		c                      int
		short, mid, top, first bool
		grouped                bool
	}
	var ps []place
	filled := make([]int, g.nc)
	body := 0
	for i := range g.parts {
		p := &g.parts[i]
		rows, h, n := g.rows(p)
		if len(rows) == 0 {
			continue
		}
		body += n
		rb := bounds(rows)
		seqs := g.seqs(p, rb, h, n)
		first := g.groupFirst(seqs, h, n)
		for c := range g.nc {
			if g.group[c] {
				continue
			}
			seen := map[int]bool{}
			for _, b := range p.blocks[c] {
				r, _ := slices.BinarySearch(rb[1:], b.cy())
				if r < h || r >= h+n {
					continue
				}
				if !seen[r] {
					seen[r] = true
					filled[c]++
				}
				ps = append(ps, place{c: c,
					short:   b.y1-b.y0 < rows[r].hi-rows[r].lo-g.em,
					mid:     math.Abs(b.cy()-(rb[r]+rb[r+1])/2) <= g.em/2,
					top:     math.Abs(b.y0-rows[r].lo) <= g.em/2,
					first:   first[rowAt(rb, b.y0+g.em/4)],
					grouped: g.onGroup(b, r, seqs, rows, rb, h, n)})
			}
		}
	}
	mids, tops := 0, 0
	for _, p := range ps {
		if p.short && p.mid {
			mids++
		} else if p.short && p.top {
			tops++
		}
	}
	g.centred = mids >= tops
	off, on := make([]int, g.nc), make([]int, g.nc)
	firsts, grouped, all := make([]int, g.nc), make([]int, g.nc), make([]int, g.nc)
	for _, p := range ps {
		all[p.c]++
		if p.first {
			firsts[p.c]++
		}
		if p.grouped {
			grouped[p.c]++
		}
		if !p.short || g.centred && p.mid || !g.centred && p.top {
			on[p.c]++
		} else {
			off[p.c]++
		}
	}
	named := g.groupHeaders()
	for c := range g.nc {
		if c == g.key || g.group[c] || 2*filled[c] >= body {
			continue
		}
		if named[c] {
			// Its header says it (项目类别, 一级指标), and it is empty on
			// most rows as a label column is: what the 序号 say below
			// for a table that has them.
			g.group[c] = true
			continue
		}
		// In a table set at the top of its cells, a label stands where a
		// 备注 would; the 序号 tell them apart: labels stand only on the
		// first rows of groups (1-1-1, 2-1-1), notes anywhere. And a
		// label centred on its group may happen to be centred on a row
		// too; it is still centred (or at the top) of a 序号 group.
		if off[c] > on[c] || !g.centred && all[c] >= 2 && firsts[c] == all[c] || all[c] >= 2 && grouped[c] == all[c] {
			g.group[c] = true
		}
	}
}

// groupFirst reports for each body row [h, h+n) of a part whether it is the
// first of a 序号 group: its number's group (1-2 of 1-2-1) is not the row
// above's, or it is the part's first numbered row. seqs are the part's 序号
// by row (grid.seqs).
func (g *grid) groupFirst(seqs map[int]model.Seq, h, n int) map[int]bool {
	out := map[int]bool{}
	if g.key < 0 {
		return out
	}
	for r := h; r < h+n; r++ {
		q, ok := seqs[r]
		if !ok || len(q.Levels) < 2 {
			continue
		}
		prev, ok := seqs[r-1]
		// The first row of a part may also hold the rest of a label the
		// page break cut (Writer flows it on).
		out[r] = ok && prev.Group() != q.Group() || !ok
	}
	return out
}

func blockText(b block) string {
	var s strings.Builder
	for _, ch := range b.chunks {
		for _, gl := range ch.gs {
			s.WriteString(gl.Text)
		}
	}
	return s.String()
}

// keyColumn is the leftmost column outside the groups whose blocks read as
// 序号 in at least half of the body.
func (g *grid) keyColumn() int {
	for c := range g.nc {
		if g.group[c] {
			continue
		}
		n, total := 0, 0
		var qs []model.Seq
		for _, p := range g.parts {
			for _, b := range p.blocks[c] {
				if b.cy() < p.top {
					continue
				}
				total++
				if q, ok := model.ParseSeq(blockText(b)); ok {
					n++
					qs = append(qs, q)
				}
			}
		}
		if n >= minRows && 2*n >= total && counts(qs) {
			return c
		}
	}
	return -1
}

// counts reports whether numbers read in order number rows: nearly every
// one follows the one before (1-2-3 after 1-2-2, 2-1-1 or 4 after 3, a
// new section at 1). A column of weights (2, 1.5, 2, 3) does not.
func counts(qs []model.Seq) bool {
	steps := 0
	for i := 1; i < len(qs); i++ {
		a, b := qs[i-1].Levels, qs[i].Levels
		if len(a) == 0 || len(b) == 0 {
			continue
		}
		last := b[len(b)-1]
		same := len(a) == len(b) && slices.Equal(a[:len(a)-1], b[:len(b)-1])
		if last == 1 || same && last == a[len(a)-1]+1 {
			steps++
		}
	}
	return 5*steps >= 4*(len(qs)-1)
}

func isSeq(b block) bool {
	_, ok := model.ParseSeq(blockText(b))
	return ok
}

// row is one table row: the extent of its text, and how it was found.
type row struct {
	lo, hi float64
	keyed  bool
}

// rows returns the rows of a part: the header rows (the first h), and the
// rest from the blocks outside the group columns, the lines of a row
// standing closer than the leading allows between rows; a row without a
// 序号 continues the row above it. body is the number of rows with a 序号
// row's extent, counted from h (the rows after are a 合计 and the like).
//
// The header is what stands above the first 序号 on the table's first part;
// on a later part, only what reads as a header (its words, or the first
// part's header repeated cell for cell): the rest above the first 序号 is a
// row the page break cut, the first body row of the part, without a 序号
// of its own, for ingest/tables to join to the row above. A table without
// 序号 finds its header by its words alone, and its body ends at the rows
// that hold a total word (合计).
func (g *grid) rows(p *part) (rows []row, h, body int) {
	if m := p.memo; m != nil && m.key == g.key && m.hdrH == g.hdrH && slices.Equal(m.group, g.group) {
		return m.rows, m.h, m.body
	}
	rows, h, body = g.readRows(p)
	p.memo = &rowsMemo{key: g.key, hdrH: g.hdrH, group: slices.Clone(g.group), rows: rows, h: h, body: body}
	return rows, h, body
}

// readRows is rows, read.
func (g *grid) readRows(p *part) (rows []row, h, body int) {
	comps := g.comps(p)
	first, last := -1, -1
	for i, r := range comps {
		if r.keyed {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if g.key < 0 {
		return g.unkeyedRows(p, comps)
	}
	if first < 0 && g.hdrH > 0 && len(comps) > 0 {
		// A page of the table without a 序号 (its 合计 alone under the
		// repeated header): the header is as tall as on the other pages.
		first = len(comps)
		for i, r := range comps {
			if r.lo > comps[0].lo+g.hdrH-g.em/2 {
				first = i
				break
			}
		}
		if first == 0 {
			return comps, 0, 0
		}
		top := comps[len(comps)-1].hi + g.em
		if first < len(comps) {
			top = comps[first].lo
		}
		rows = g.headerRows(p, comps[:first], top)
		return append(rows, comps[first:]...), len(rows), 0
	}
	if first < 0 {
		return comps, 0, len(comps)
	}
	hn := first
	if !g.firstPart(p) {
		hn = min(g.headerCount(p, comps), first)
	}
	if hn > 0 {
		rows = g.headerRows(p, comps[:hn], comps[hn].lo)
	}
	h = len(rows)
	if hn < first {
		// The rest of the row the page break cut.
		rows = append(rows, row{lo: comps[hn].lo, hi: comps[first-1].hi})
	}
	for i := first; i <= last; i++ {
		if !comps[i].keyed {
			rows[len(rows)-1].hi = comps[i].hi
			continue
		}
		rows = append(rows, comps[i])
	}
	body = len(rows) - h
	return append(rows, comps[last+1:]...), h, body
}

// unkeyedRows reads the rows of a part of a table without 序号: the header
// by its words (or as the first part's repeated), the body, and after it
// the rows from the last total row (合计 and its sum) on.
func (g *grid) unkeyedRows(p *part, comps []row) (rows []row, h, body int) {
	hn := g.headerCount(p, comps)
	tail := len(comps)
	for i := len(comps) - 1; i >= hn; i-- {
		if columns.IsTotalRow(g.rowTexts(p, comps, i)) {
			tail = i
			break
		}
	}
	if hn > 0 && hn < len(comps) {
		rows = g.headerRows(p, comps[:hn], comps[hn].lo)
	} else if hn > 0 {
		rows = g.headerRows(p, comps, comps[len(comps)-1].hi+g.em)
	}
	h = len(rows)
	if hn >= len(comps) {
		return rows, h, 0
	}
	rows = append(rows, comps[hn:]...)
	return rows, h, tail - hn
}

// comps are the part's rows before the header is told from the body: the
// runs of lines outside the group columns, cut between two 序号 in one run.
func (g *grid) comps(p *part) []row {
	var ivs []span
	var keys []block
	for c := range g.nc {
		if g.group[c] {
			continue
		}
		for _, b := range p.blocks[c] {
			ivs = append(ivs, span{b.y0, b.y1})
			if c == g.key && isSeq(b) {
				keys = append(keys, b)
			}
		}
	}
	var comps []row
	for _, m := range mergeSpans(ivs, g.tau) {
		// Rows without padding touch: two 序号 in one run of lines are
		// two rows, cut half way between them.
		var in []block
		for _, k := range keys {
			if k.cy() >= m.lo && k.cy() <= m.hi {
				in = append(in, k)
			}
		}
		lo := m.lo
		for i := 1; i < len(in); i++ {
			cut := (in[i-1].y1 + in[i].y0) / 2
			comps = append(comps, row{lo: lo, hi: cut, keyed: true})
			lo = cut
		}
		comps = append(comps, row{lo: lo, hi: m.hi, keyed: len(in) > 0})
	}
	return comps
}

// headerRows splits the lines above the first 序号 into header rows: a
// border lies in the gap between two blocks of one column (目标内容 above
// 二级指标); a header cell centred over two rows (序号) crosses it.
func (g *grid) headerRows(p *part, comps []row, bodyTop float64) []row {
	if len(comps) == 0 {
		return nil
	}
	z0 := comps[0].lo
	lo, hi := z0, comps[len(comps)-1].hi
	var cuts []float64
	for c := range g.nc {
		var prev *block
		for i, b := range p.blocks[c] {
			if b.cy() < z0 || b.cy() >= bodyTop {
				continue
			}
			lo, hi = math.Min(lo, b.y0), math.Max(hi, math.Min(b.y1, bodyTop))
			if prev != nil {
				cuts = append(cuts, (prev.y1+b.y0)/2)
			}
			prev = &p.blocks[c][i]
		}
	}
	slices.Sort(cuts)
	var bs []float64
	for i := 0; i < len(cuts); {
		j := i + 1
		for j < len(cuts) && cuts[j]-cuts[j-1] <= g.em {
			j++
		}
		bs = append(bs, mean(cuts[i:j]))
		i = j
	}
	var rows []row
	for _, b := range bs {
		if b > lo && b < hi {
			rows = append(rows, row{lo: lo, hi: b})
			lo = b
		}
	}
	return append(rows, row{lo: lo, hi: hi})
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// bounds returns the row borders: half way between the text of two rows,
// the text's own edges at the ends.
func bounds(rows []row) []float64 {
	if len(rows) == 0 {
		return nil
	}
	b := []float64{rows[0].lo}
	for i := 1; i < len(rows); i++ {
		b = append(b, (rows[i-1].hi+rows[i].lo)/2)
	}
	return append(b, rows[len(rows)-1].hi)
}

// table builds the part's table.
func (g *grid) table(p *part) (lattice.Table, bool) {
	rows, h, body := g.rows(p)
	// A page of a table over several pages may hold little of it (its
	// 合计 under the repeated header).
	if len(rows) < minRows && (len(g.parts) == 1 || len(rows) == 0) {
		return lattice.Table{}, false
	}
	rb := bounds(rows)
	rowOf := func(y float64) int {
		r, _ := slices.BinarySearch(rb[1:], y)
		return min(r, len(rows)-1)
	}
	taken := make([][]bool, len(rows))
	for r := range taken {
		taken[r] = make([]bool, g.nc)
	}
	// A cell holds one block of text at least, and takes one slot of
	// the grid: room for the fewer (a sparse grid's slots can be many
	// times its text).
	nb := 0
	for c := range g.nc {
		nb += len(p.blocks[c])
	}
	cells := make([]lattice.Cell, 0, min(nb, len(rows)*g.nc))
	// One cell's glyphs at a time, in one slice, and what they are read
	// in (their lines, the text) in a lattice.TextBuf.
	var cellGlyphs []page.Glyph
	var tb lattice.TextBuf
	add := func(r, c, rs, cs int, bs []block, doubt string) {
		for i := r; i < r+rs; i++ {
			for k := c; k < c+cs; k++ {
				taken[i][k] = true
			}
		}
		gs := cellGlyphs[:0]
		for _, b := range bs {
			for _, ch := range b.chunks {
				gs = append(gs, ch.gs...)
				if doubt == "" && straddles(ch, g.cols, g.em/4) >= 0 && cs == 1 {
					doubt = "文字跨越列边界"
				}
			}
		}
		cellGlyphs = gs
		ext := span{g.ext[c].lo, g.ext[c+cs-1].hi}
		text := lattice.CellTextBuf(&tb, gs, model.Box{X0: ext.lo, X1: ext.hi}, 0)
		cells = append(cells, lattice.Cell{
			Row: r, Col: c, RowSpan: rs, ColSpan: cs,
			Box:   model.Box{X0: g.cols[c], Y0: rb[r], X1: g.cols[c+cs], Y1: rb[r+rs]},
			Text:  text,
			Doubt: doubt,
		})
	}
	// Group columns over the body: labels with the spans that tile them.
	var seqs map[int]model.Seq
	for c := range g.nc {
		if !g.group[c] || body == 0 {
			continue
		}
		if seqs == nil {
			seqs = g.seqs(p, rb, h, body)
		}
		for _, s := range g.labels(p.blocks[c], rows, rb, h, h+body, seqs) {
			add(s.row, c, s.span, 1, s.blocks, s.doubt)
		}
	}
	// Every other block: in the body, the cell of its row; in the header
	// and below the body, with the spans its centring says.
	free := make(map[[2]int][]block)
	for c := range g.nc {
		for _, b := range p.blocks[c] {
			r := rowOf(b.cy())
			if r >= h && r < h+body && g.group[c] {
				continue
			}
			free[[2]int{r, c}] = append(free[[2]int{r, c}], b)
		}
	}
	for r := range rows {
		for c := range g.nc {
			bs := free[[2]int{r, c}]
			if len(bs) == 0 || taken[r][c] {
				continue
			}
			if r >= h && r < h+body {
				add(r, c, 1, 1, bs, "")
				continue
			}
			r0, r1 := r, r
			if r < h {
				r0, r1 = g.rowSpan(bs, rows, rb, 0, h, func(i int) bool { return len(free[[2]int{i, c}]) == 0 || i == r })
			}
			isFree := func(k int) bool {
				for i := r0; i <= r1; i++ {
					if taken[i][k] || k != c && len(free[[2]int{i, k}]) > 0 {
						return false
					}
				}
				return true
			}
			// Below the body (a 合计) the outer borders are guessed from
			// the text; a header cell's centre is the surer.
			tol := g.em / 2
			if r >= h+body {
				tol = g.em
			}
			c0, c1 := g.colSpan(bs, isFree, c, tol)
			if r >= h+body && c0 == c1 && !numeric(bs) {
				// A 合计 set flush left in a summary row: its label
				// takes the blank columns up to the row's value.
				e := c1
				for e+1 < g.nc && isFree(e+1) {
					e++
				}
				if e+1 < g.nc && e > c1 {
					c1 = e
				}
			}
			add(r0, c0, r1-r0+1, c1-c0+1, bs, "")
		}
	}
	// Below the body, a row with a cell over several columns (合计 over
	// 项目 to 二级指标) is a summary row: forms merge what it leaves blank
	// after its last value into one cell.
	wide := map[int]bool{}
	for _, c := range cells {
		if c.Row >= h+body && c.ColSpan > 1 {
			wide[c.Row] = true
		}
	}
	for r := range rows {
		for c := 0; c < g.nc; c++ {
			if taken[r][c] {
				continue
			}
			e := c + 1
			if wide[r] {
				for e < g.nc && !taken[r][e] {
					e++
				}
				if e < g.nc {
					e = c + 1
				}
			}
			add(r, c, 1, e-c, nil, "")
		}
	}
	slices.SortFunc(cells, func(a, b lattice.Cell) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.Col - b.Col
	})
	return lattice.Table{
		Page: p.page, Cols: g.cols, Rows: rb, Cells: cells,
		Box: model.Box{X0: g.cols[0], Y0: rb[0], X1: g.cols[g.nc], Y1: rb[len(rb)-1]},
	}, true
}

// rowSpan returns the header rows a cell of blocks bs covers: of the runs of
// rows around its centre that its column leaves free (ok), the one whose
// middle is nearest its centre.
func (g *grid) rowSpan(bs []block, rows []row, rb []float64, from, to int, ok func(int) bool) (int, int) {
	y0, y1 := bs[0].y0, bs[len(bs)-1].y1
	cy := (y0 + y1) / 2
	r, _ := slices.BinarySearch(rb[1:], cy)
	r = min(max(r, from), to-1)
	if !g.centred {
		// At the top of its cell: it starts in its first row and takes
		// the free rows below (a header cell with nothing under it).
		r, _ = slices.BinarySearch(rb[1:], y0+g.em/4)
		r = min(max(r, from), to-1)
		b := r
		for b+1 < to && ok(b+1) {
			b++
		}
		return r, b
	}
	best, b0, b1 := math.Inf(1), r, r
	for a := r; a >= from && ok(a); a-- {
		for b := r; b < to && ok(b); b++ {
			if d := math.Abs((rb[a]+rb[b+1])/2 - cy); d < best-g.em/8 {
				best, b0, b1 = d, a, b
			}
		}
	}
	return b0, b1
}

// colSpan returns the columns a cell of blocks in column c covers: the
// widest run of free columns around c whose middle is its centre (目标内容
// centred over 二级指标, 权重 and 完成时限; a 合计 over four columns), c
// alone when none is.
func (g *grid) colSpan(bs []block, free func(int) bool, c int, tol float64) (int, int) {
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, b := range bs {
		x0, x1 = math.Min(x0, b.x0), math.Max(x1, b.x1)
	}
	cx := (x0 + x1) / 2
	b0, b1 := c, c
	for a := c; a >= 0 && (a == c || free(a)); a-- {
		for b := c; b < g.nc && (b == c || free(b)); b++ {
			if math.Abs((g.bx[a]+g.bx[b+1])/2-cx) <= tol && b-a > b1-b0 {
				b0, b1 = a, b
			}
		}
	}
	return b0, b1
}

// label is a group column's cell: blocks over span rows from row.
type label struct {
	row, span int
	blocks    []block
	doubt     string
}

// labels tiles a group column's body rows [from, to) with its labels: each
// label covers the rows around it (none is shared), and the borders between
// labels are chosen so that each label is centred on its rows or stands at
// their top, the two ways producers place a merged cell's text. Rows above
// the first label are the part of a label cut by the page break above (an
// empty cell).
func (g *grid) labels(col []block, rows []row, rb []float64, from, to int, seqs map[int]model.Seq) []label {
	type lab struct {
		bs   []block
		f, l int
	}
	rowOf := func(y float64) int {
		r, _ := slices.BinarySearch(rb[1:], y)
		return min(max(r, from), to-1)
	}
	var ls []lab
	for _, b := range col {
		if b.cy() < rb[from] || b.cy() > rb[to] {
			continue
		}
		f, l := rowOf(b.y0+g.em/4), rowOf(b.y1-g.em/4)
		l = max(l, f)
		if n := len(ls); n > 0 && f <= ls[n-1].l {
			ls[n-1].bs = append(ls[n-1].bs, b)
			ls[n-1].l = max(ls[n-1].l, l)
			continue
		}
		ls = append(ls, lab{bs: []block{b}, f: f, l: l})
	}
	var out []label
	if len(ls) == 0 {
		// A part without a label: the rest of the label above the page
		// break (ingest/tables joins it to it).
		return []label{{row: from, span: to - from}}
	}
	n := len(ls)
	// A column's labels are placed one way: centred on their rows, or at
	// their top. Taking the better of the two for each label alone would
	// fit a centred label to the top of a row it happens to begin at. In a
	// centred column the label of a group the page break cuts is at the
	// top of its part (LibreOffice), so the last label may be either.
	place := func(centred bool) func(k, s, e int) float64 {
		return func(k, s, e int) float64 { // label k over rows s..e-1
			y0, y1 := ls[k].bs[0].y0, ls[k].bs[len(ls[k].bs)-1].y1
			mid := math.Abs((rb[s]+rb[e])/2 - (y0+y1)/2)
			top := math.Abs(rows[s].lo - y0)
			// A label groups rows of one 序号 group: over rows of two
			// top-level groups (1-5-3 and 2-1-1) it is not theirs.
			apart := 0.0
			if !oneGroup(seqs, s, e) {
				apart = 10 * g.em
			}
			switch {
			case !centred:
				return top + apart
			case k == n-1 && e == to:
				return math.Min(mid, top) + apart
			}
			return mid + apart
		}
	}
	var cost func(k, s, e int) float64
	var next []map[int]int
	t, bestV := -1, math.Inf(1)
	for _, centred := range []bool{true, false} {
		c := place(centred)
		nx, t0, v := tile(len(ls), from, to, func(k int) (int, int) { return ls[k].f, ls[k].l }, c, g.em/2)
		if t0 >= 0 && v < bestV-g.em/8 {
			cost, next, t, bestV = c, nx, t0, v
		}
	}
	if t < 0 {
		// No tiling: each label on its own rows, empty cells around.
		taken := map[int]bool{}
		for _, l := range ls {
			out = append(out, label{row: l.f, span: l.l - l.f + 1, blocks: l.bs, doubt: "分组标签的位置与各行都不对应"})
			for r := l.f; r <= l.l; r++ {
				taken[r] = true
			}
		}
		for r := from; r < to; r++ {
			if !taken[r] {
				out = append(out, label{row: r, span: 1})
			}
		}
		return out
	}
	if t > from {
		out = append(out, label{row: from, span: t - from})
	}
	for k := range n {
		e := next[k][t]
		d := ""
		if cost(k, t, e) > g.em {
			d = "分组标签既不在其各行的中间也不在顶端"
		}
		out = append(out, label{row: t, span: e - t, blocks: ls[k].bs, doubt: d})
		t = e
	}
	return out
}

// tile chooses where each of n labels starts so that they tile the rows
// [from, to): label k covers at least rows f..l of span(k), starts after the
// label before it ends, and the sum of cost(k, start, end) is least. Rows
// above the first label (the part of a label cut by the page break above)
// cost emptyTop. It returns, for each label and start,
// where the next label starts, the first label's start (-1 when there is no
// tiling) and the total cost.
func tile(n, from, to int, span func(int) (int, int), cost func(k, s, e int) float64, emptyTop float64) ([]map[int]int, int, float64) {
	best := make([]map[int]float64, n+1)
	next := make([]map[int]int, n)
	best[n] = map[int]float64{to: 0}
	for k := n - 1; k >= 0; k-- {
		best[k], next[k] = map[int]float64{}, map[int]int{}
		f, l := span(k)
		lo := from
		if k > 0 {
			_, pl := span(k - 1)
			lo = pl + 1
		}
		for t := lo; t <= f; t++ {
			hiHi := to
			if k+1 < n {
				hiHi, _ = span(k + 1)
			}
			for e := l + 1; e <= hiHi; e++ {
				rest, ok := best[k+1][e]
				if !ok {
					continue
				}
				v := cost(k, t, e) + rest
				if old, ok := best[k][t]; !ok || v < old {
					best[k][t], next[k][t] = v, e
				}
			}
		}
	}
	t, bestV := -1, math.Inf(1)
	for s, v := range best[0] {
		if s > from {
			v += emptyTop
		}
		if v < bestV || v == bestV && s < t {
			t, bestV = s, v
		}
	}
	return next, t, bestV
}

// numeric reports whether the blocks read as a number (a total, a weight).
func numeric(bs []block) bool {
	var b strings.Builder
	for _, bl := range bs {
		b.WriteString(blockText(bl))
	}
	_, err := strconv.ParseFloat(strings.TrimSpace(b.String()), 64)
	return err == nil
}

// seqs returns the 序号 of each body row of a part.
func (g *grid) seqs(p *part, rb []float64, h, body int) map[int]model.Seq {
	out := map[int]model.Seq{}
	if g.key < 0 {
		return out
	}
	for _, b := range p.blocks[g.key] {
		r, _ := slices.BinarySearch(rb[1:], b.cy())
		if q, ok := model.ParseSeq(blockText(b)); ok && r >= h && r < h+body {
			out[r] = q
		}
	}
	return out
}

// oneGroup reports whether the numbered rows among [s, e) share their first
// level (rows without a 序号 do not count).
func oneGroup(seqs map[int]model.Seq, s, e int) bool {
	first := -1
	for r := s; r < e; r++ {
		q, ok := seqs[r]
		if !ok || len(q.Levels) < 2 {
			continue
		}
		switch {
		case first < 0:
			first = q.Levels[0]
		case q.Levels[0] != first:
			return false
		}
	}
	return true
}

// onGroup reports whether block b, in body row r, is centred on or stands
// at the top of a run of two or more rows around r whose 序号 share a
// leading part (the rows of 1-2, or of 1).
func (g *grid) onGroup(b block, r int, seqs map[int]model.Seq, rows []row, rb []float64, h, n int) bool {
	q, ok := seqs[r]
	if !ok {
		// The label may stand on a row without its own 序号 line: take
		// the nearest row above that has one.
		for k := r - 1; k >= h && !ok; k-- {
			q, ok = seqs[k]
		}
		if !ok {
			return false
		}
	}
	for lv := 1; lv < len(q.Levels); lv++ {
		same := func(k int) bool {
			o, ok := seqs[k]
			return ok && len(o.Levels) > lv && slices.Equal(o.Levels[:lv], q.Levels[:lv])
		}
		a, e := r, r
		for a-1 >= h && same(a-1) {
			a--
		}
		for e+1 < h+n && same(e+1) {
			e++
		}
		if e == a {
			continue
		}
		if math.Abs(b.cy()-(rb[a]+rb[e+1])/2) <= g.em/2 || math.Abs(b.y0-rows[a].lo) <= g.em/2 {
			return true
		}
	}
	return false
}

// rowAt returns the row whose borders rb hold y.
func rowAt(rb []float64, y float64) int {
	r, _ := slices.BinarySearch(rb[1:], y)
	return r
}
