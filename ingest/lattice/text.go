package lattice

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// fillText gives each cell of t the text of the glyphs whose centre lies in
// it. pad is the producer's inner cell padding (see padding); it tells a line
// that wrapped because the next word did not fit from a line the writer ended.
func fillText(t *Table, glyphs []page.Glyph, pad float64) {
	nr, nc := t.NRows(), t.NCols()
	if nr == 0 || nc == 0 {
		return
	}
	owner := make([]int, nr*nc)
	for i, c := range t.Cells {
		for r := c.Row; r < c.Row+c.RowSpan && r < nr; r++ {
			for k := c.Col; k < c.Col+c.ColSpan && k < nc; k++ {
				owner[r*nc+k] = i
			}
		}
	}
	// Each glyph's cell (-1: none), then the glyphs' indices bucketed by
	// cell in one array, in page order within a cell: one allocation, not
	// a growing slice per cell, and of indices, not copies of the glyphs
	// (each cell's are gathered in turn into one buffer to be read).
	cell := make([]int32, len(glyphs))
	count := make([]int, len(t.Cells)+1)
	for k, g := range glyphs {
		cell[k] = -1
		if !in(t.Box, g.Box) {
			for _, o := range t.Overflow {
				if in(o.Box, g.Box) && o.Cell >= 0 && o.Cell < len(t.Cells) {
					cell[k] = int32(o.Cell)
					break
				}
			}
		} else {
			cx, cy := (g.Box.X0+g.Box.X1)/2, (g.Box.Y0+g.Box.Y1)/2
			c := slot(t.Cols, cx)
			r := slot(t.Rows, cy)
			if r >= 0 && c >= 0 {
				cell[k] = int32(owner[r*nc+c])
			}
		}
		if cell[k] >= 0 {
			count[cell[k]+1]++
		}
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	all := make([]int32, count[len(count)-1])
	per := cellGlyphs{page: glyphs, idx: make([][]int32, len(t.Cells))}
	for i := range per.idx {
		per.idx[i] = all[count[i]:count[i]:count[i+1]]
	}
	for k := range glyphs {
		if i := cell[k]; i >= 0 {
			per.idx[i] = append(per.idx[i], int32(k))
		}
	}
	spillAcross(t, &per, pad)
	var tb TextBuf
	var gs []page.Glyph
	for i := range t.Cells {
		gs = per.glyphs(i, gs[:0])
		t.Cells[i].Text = cellText(&tb, gs, t.Cells[i].Box, pad)
	}
}

// cellGlyphs are the glyphs of each cell of a table: indices into the
// page's glyphs, or, for a cell spillAcross changed, the glyphs themselves.
type cellGlyphs struct {
	page  []page.Glyph
	idx   [][]int32
	moved [][]page.Glyph // a cell's glyphs after spillAcross, when set (set[i])
	set   []bool
}

// glyphs appends cell i's glyphs to buf.
func (c *cellGlyphs) glyphs(i int, buf []page.Glyph) []page.Glyph {
	if c.set != nil && c.set[i] {
		return append(buf, c.moved[i]...)
	}
	for _, k := range c.idx[i] {
		buf = append(buf, c.page[k])
	}
	return buf
}

// len is the number of cell i's glyphs.
func (c *cellGlyphs) len(i int) int {
	if c.set != nil && c.set[i] {
		return len(c.moved[i])
	}
	return len(c.idx[i])
}

// lowest is the bottom of the lowest of cell i's glyphs.
func (c *cellGlyphs) lowest(i int) float64 {
	if c.set != nil && c.set[i] {
		return lowest(c.moved[i])
	}
	y := math.Inf(-1)
	for _, k := range c.idx[i] {
		y = max(y, c.page[k].Box.Y1)
	}
	return y
}

// put sets cell i's glyphs.
func (c *cellGlyphs) put(i int, gs []page.Glyph) {
	if c.set == nil {
		c.set = make([]bool, len(c.idx))
		c.moved = make([][]page.Glyph, len(c.idx))
	}
	c.set[i], c.moved[i] = true, gs
}

// findOverflow claims for each cell left open at the table's top or bottom
// the lines of text that continue it beyond the edge (see Beyond).
func findOverflow(t *Table, glyphs []page.Glyph) {
	// The lines beyond an edge are the same for every cell open there:
	// grouped once per edge, not once per cell.
	var below, above *edgeLines
	for i, c := range t.Cells {
		if c.OpenBottom {
			if below == nil {
				below = linesBeyond(glyphs, t.Box.Y1, true)
			}
			if box, ok := below.claim(c.Box.X0, c.Box.X1); ok {
				t.Overflow = append(t.Overflow, Overflow{Cell: i, Box: box})
			}
		}
		if c.OpenTop {
			if above == nil {
				above = linesBeyond(glyphs, t.Box.Y0, false)
			}
			if box, ok := above.claim(c.Box.X0, c.Box.X1); ok {
				t.Overflow = append(t.Overflow, Overflow{Cell: i, Box: box})
			}
		}
	}
}

// pageNumber matches the page numbers that stand in a margin beside a
// table's clipped overflow: "— 2 —" (GB/T 9704 puts even pages' numbers on
// the left, under the 项目 column), "-2-", "第 2 页", "2 / 5". A bare number
// is not taken for one: stacked text such as （6分） has lines of one digit.
var pageNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页.*|\d{1,4}\s*/\s*\d{1,4})$`)
})

// Beyond finds the lines of text in columns [x0, x1] beyond a table edge at
// y=edge (below it when down, else above): the clipped rest of a cut merged
// cell, which a producer that centres text in the whole merged area may draw
// anywhere between the edge and the page's. Lines are taken outwards from
// the edge while they lie wholly in the columns; lines wholly elsewhere (a
// page number under another column) are passed over; the first line that
// crosses the columns is running text and ends the search. It returns the
// region the taken lines cover.
func Beyond(glyphs []page.Glyph, x0, x1, edge float64, down bool) (model.Box, bool) {
	return linesBeyond(glyphs, edge, down).claim(x0, x1)
}

// edgeLines are the lines of text beyond a table edge, outwards from it,
// for Beyond to claim from for any columns.
type edgeLines struct {
	ls   []textLine
	edge float64
	down bool
	// number caches whether each line is a page number: 0 not known yet,
	// 1 it is, 2 it is not.
	number []uint8
}

func linesBeyond(glyphs []page.Glyph, edge float64, down bool) *edgeLines {
	var cand []page.Glyph
	for _, g := range glyphs {
		if layout.Blank(g) {
			continue
		}
		cy := (g.Box.Y0 + g.Box.Y1) / 2
		if down && cy > edge || !down && cy < edge {
			cand = append(cand, g)
		}
	}
	e := &edgeLines{edge: edge, down: down}
	if len(cand) == 0 {
		return e
	}
	e.ls = groupLines(cand)
	if !down {
		slices.Reverse(e.ls)
	}
	e.number = make([]uint8, len(e.ls))
	return e
}

// claim is Beyond for the columns [x0, x1].
func (e *edgeLines) claim(x0, x1 float64) (model.Box, bool) {
	if len(e.ls) == 0 {
		return model.Box{}, false
	}
	box := model.Box{X0: x0, X1: x1, Y0: e.edge, Y1: e.edge}
	for k, l := range e.ls {
		inside, outside := 0, 0
		for _, g := range l.Glyphs {
			if cx := (g.Box.X0 + g.Box.X1) / 2; cx >= x0 && cx <= x1 {
				inside++
			} else {
				outside++
			}
		}
		if inside > 0 && e.number[k] == 0 {
			e.number[k] = 2
			if pageNumber().MatchString(lineText(l)) {
				e.number[k] = 1
			}
		}
		switch {
		case inside == 0 || e.number[k] == 1:
			continue
		case outside > 0:
			return box, box.Y1 > box.Y0
		}
		if e.down {
			box.Y1 = l.Box.Y1
		} else {
			box.Y0 = l.Box.Y0
		}
	}
	return box, box.Y1 > box.Y0
}

// slot returns the index of the interval of bounds holding v, or -1.
func slot(bounds []float64, v float64) int {
	if len(bounds) < 2 || v < bounds[0] || v > bounds[len(bounds)-1] {
		return -1
	}
	i := sort.SearchFloat64s(bounds, v) - 1
	return min(max(i, 0), len(bounds)-2)
}

// padding estimates the producer's inner cell padding from the gap between
// each cell's left edge and its leftmost glyph, over the cells of all tables
// of the page. Office suites use one padding for the whole table and most
// cells are left-aligned, so a low quantile of the gaps is the padding; the
// minimum is not, since an ID too wide for its column is drawn over the
// padding, and centred cells give larger gaps.
func padding(ts []Table, glyphs []page.Glyph) float64 {
	var gaps []float64
	for _, t := range ts {
		nc := t.NCols()
		if nc == 0 || t.NRows() == 0 {
			continue
		}
		owner := make([]int, t.NRows()*nc)
		for i, c := range t.Cells {
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				for k := c.Col; k < c.Col+c.ColSpan; k++ {
					owner[r*nc+k] = i
				}
			}
		}
		minGap := make([]float64, len(t.Cells))
		for i := range minGap {
			minGap[i] = math.Inf(1)
		}
		for _, g := range glyphs {
			if !in(t.Box, g.Box) || layout.Blank(g) {
				continue
			}
			c := slot(t.Cols, (g.Box.X0+g.Box.X1)/2)
			r := slot(t.Rows, (g.Box.Y0+g.Box.Y1)/2)
			if c < 0 || r < 0 {
				continue
			}
			i := owner[r*nc+c]
			if d := g.Box.X0 - t.Cells[i].Box.X0; d >= 0 && d < minGap[i] {
				minGap[i] = d
			}
		}
		for _, d := range minGap {
			if !math.IsInf(d, 1) {
				gaps = append(gaps, d)
			}
		}
	}
	if len(gaps) == 0 {
		return 0
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/5]
}

// textLine is one line of glyphs inside a cell: layout's line, its Box
// spanning the printing glyphs along it and every glyph across.
type textLine = layout.Line

// CellText reads the glyphs of one cell: lines by baseline, glyphs left to
// right, lines joined as the writer most likely typed them (see joinLines).
func CellText(gs []page.Glyph, box model.Box, pad float64) string {
	return cellText(&TextBuf{}, gs, box, pad)
}

// TextBuf holds what CellTextBuf reads a cell in, for the next cell: the
// copy of its glyphs the lines are sorted in, the lines, and the bytes of
// the text. A caller reading many cells keeps one; the zero value is ready.
type TextBuf struct {
	glyphs []page.Glyph
	lines  []layout.Line
	text   []byte
	line   []byte
}

// CellTextBuf is CellText reading in b's buffers: for a caller reading
// many cells.
func CellTextBuf(b *TextBuf, gs []page.Glyph, box model.Box, pad float64) string {
	return cellText(b, gs, box, pad)
}

// cellText is CellTextBuf.
func cellText(b *TextBuf, gs []page.Glyph, box model.Box, pad float64) string {
	if len(gs) == 0 {
		return ""
	}
	ls := groupLinesBuf(b, gs)
	if vertical(gs, ls) {
		return verticalText(gs)
	}
	return joinLines(b, ls, box, pad)
}

// groupLines clusters glyphs into lines (layout.Lines by the Extent rule,
// spaces kept).
func groupLines(gs []page.Glyph) []textLine {
	return layout.Lines(gs, layout.Extent, true)
}

// groupLinesBuf is groupLines in b's buffers (layout.LinesBuf).
func groupLinesBuf(b *TextBuf, gs []page.Glyph) []textLine {
	b.lines, b.glyphs = layout.LinesBuf(b.lines, b.glyphs, gs, layout.Extent, true)
	return b.lines
}

// lineText joins a line's glyphs. Space glyphs the producer drew are kept;
// a gap is a space the producer positioned instead of drawing one as a
// cell's text sets it (layout.Space: gaps next to CJK glyphs are
// letter-spacing, 表头 such as 项 目, not word breaks). White space is
// collapsed as strings.Fields and strings.Join with one space would.
func lineText(l textLine) string {
	return string(appendLineText(nil, l))
}

// appendLineText appends lineText(l) to dst.
func appendLineText(dst []byte, l textLine) []byte {
	// Runs of white space become one space, none at either end: a space
	// is written only before the next printing character.
	start, pending := len(dst), false
	put := func(s string) {
		for i := 0; i < len(s); {
			c := s[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					pending = len(dst) > start
				} else {
					if pending {
						dst = append(dst, ' ')
						pending = false
					}
					dst = append(dst, c)
				}
				i++
				continue
			}
			r, w := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				pending = len(dst) > start
			} else {
				if pending {
					dst = append(dst, ' ')
					pending = false
				}
				dst = append(dst, s[i:i+w]...)
			}
			i += w
		}
	}
	for i, g := range l.Glyphs {
		if i > 0 && layout.Space(l.Glyphs[i-1], g, layout.Cell) {
			pending = len(dst) > start
		}
		put(g.Text)
	}
	return dst
}

// asciiSpace is the white space among ASCII bytes, as unicode.IsSpace has it.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// joinLines joins a cell's lines. A line that stops although the next word
// would have fitted was ended by the writer (a list of names, one per line):
// it is kept apart with a newline. Otherwise the line wrapped: CJK text joins
// without a space, Latin words with one. The text is built in b's bytes and
// copied out once.
func joinLines(b *TextBuf, ls []textLine, box model.Box, pad float64) string {
	inner := box.X1 - box.X0 - 2*pad
	out := b.text[:0]
	for i, l := range ls {
		t := appendLineText(b.line[:0], l)
		b.line = t
		if len(t) == 0 {
			continue
		}
		if len(out) > 0 {
			switch {
			case !wraps(ls[i-1], l, inner):
				out = append(out, '\n')
			case cjkEndBytes(out) || cjkStartBytes(t):
			case (out[len(out)-1] == '-') != (t[0] == '-'):
				// A word or 序号 broken at its hyphen (1-10-/1, 1-10/-1).
			default:
				out = append(out, ' ')
			}
		}
		out = append(out, t...)
	}
	b.text = out
	// Every line's text is collapsed (no white space at its ends), so the
	// cell's needs no trimming.
	return string(out)
}

// wraps reports whether line prev, in a cell inner wide, stopped because the
// first word of next did not fit after it: the line wrapped and next goes on
// with it. A line that stops although the word would have fitted was ended by
// the writer.
func wraps(prev, next textLine, inner float64) bool {
	slack := inner - (prev.Box.X1 - prev.Box.X0)
	return slack < firstWordWidth(next)*1.05+prevSize(prev)/4
}

// Wraps reports whether the text of glyphs next goes on from the last line of
// glyphs above, in a cell of box read with padding pad: the line above was
// full, and next's first word had to start a new line. A table split by a
// page break asks this of a cell's two parts.
func Wraps(above, next []page.Glyph, box model.Box, pad float64) bool {
	if len(above) == 0 || len(next) == 0 {
		return false
	}
	a, n := groupLines(above), groupLines(next)
	if len(a) == 0 || len(n) == 0 {
		return false
	}
	if vertical(above, a) {
		// Stacked one glyph a line: every line is full.
		return true
	}
	return wraps(a[len(a)-1], n[0], box.X1-box.X0-2*pad)
}

func prevSize(l textLine) float64 {
	if len(l.Glyphs) == 0 {
		return 0
	}
	s := l.Glyphs[len(l.Glyphs)-1].Size
	if s <= 0 {
		s = l.Box.Y1 - l.Box.Y0
	}
	return s
}

// firstWordWidth is the width the next line's first break unit needs: for
// CJK one ideograph (text breaks between any two) with the closing
// punctuation that may not begin a line (禁则: a producer moves 作 down with
// its ，); an opening bracket takes what it opens; Latin words and numbers go
// whole.
func firstWordWidth(l textLine) float64 {
	var x0, x1 float64
	started, open := false, false
	for _, g := range l.Glyphs {
		blank := layout.Blank(g)
		if !started {
			if blank {
				continue
			}
			x0, x1, started = g.Box.X0, g.Box.X1, true
			open = noEnd(g.Text) || !cjkStart(g.Text)
			continue
		}
		if blank {
			break
		}
		ideo := cjkStart(g.Text) && !noStart(g.Text) && !noEnd(g.Text)
		if ideo && !open {
			break
		}
		x1 = g.Box.X1
		open = noEnd(g.Text) || !cjkStart(g.Text)
	}
	return x1 - x0
}

// noEnd reports whether s begins with punctuation that may not end a line
// (opening brackets and quotes).
func noEnd(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("（《「『【〔‘“([{", r)
}

// noStart reports whether s begins with punctuation that may not start a
// line in Chinese typesetting.
func noStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("，。、；：？！）》」』】〕’”…—·%）,.;:?!)]}", r)
}

// vertical reports whether the glyphs are set in a vertical writing mode, or
// stacked one per line as 项目 labels in narrow columns are — in one column,
// or in several side by side (a group label next to the category), which a
// producer centres each on its own so that their lines interleave. ls are
// gs grouped in lines (groupLines).
func vertical(gs []page.Glyph, ls []textLine) bool {
	all := true
	for _, g := range gs {
		if !g.Vertical {
			all = false
			break
		}
	}
	if all {
		return true
	}
	if len(ls) < 2 {
		return false
	}
	single := true
	for _, l := range ls {
		n := 0
		for _, g := range l.Glyphs {
			if !layout.Blank(g) {
				n += utf8.RuneCountInString(g.Text)
			}
		}
		if n > 1 {
			single = false
			break
		}
	}
	if single {
		return true
	}
	// Side-by-side stacks: columns of glyphs with a gap between them.
	// Running text has touching glyphs; a letter-spaced header wraps to two
	// lines at most.
	if len(ls) < 3 || touching(ls) {
		return false
	}
	cols := layout.Stacks(gs, layout.Extent)
	if len(cols) < 2 {
		return false
	}
	// The stacks come right to left.
	for i, c := range cols {
		if len(c.Glyphs) < 2 {
			return false
		}
		if i > 0 && cols[i-1].Box.X0-c.Box.X1 < layout.Em(cols[i-1].Glyphs[0])/10 {
			return false
		}
	}
	return true
}

// verticalText reads stacked glyphs top to bottom, columns right to left
// (the order of vertical Chinese: a group label stands right of its
// category), columns joined by a newline.
// touching reports whether a line holds two glyphs side by side closer
// than a tenth of an em: running text, not stacks, whose glyphs on one line
// belong to different stacks and so stand the stacks' gap apart. It spares
// vertical the stacking of every cell of running text.
func touching(ls []textLine) bool {
	for _, l := range ls {
		var prev *page.Glyph
		for i := range l.Glyphs {
			g := &l.Glyphs[i]
			if layout.Blank(*g) {
				continue
			}
			if prev != nil && g.Box.X0-prev.Box.X1 < layout.Em(*prev)/10 {
				return true
			}
			prev = g
		}
	}
	return false
}

func verticalText(gs []page.Glyph) string {
	var parts []string
	for _, c := range layout.Stacks(gs, layout.Extent) {
		var b strings.Builder
		for _, g := range c.Glyphs {
			b.WriteString(g.Text)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "\n")
}

func cjkEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, unicode.IsSpace))
	return r != utf8.RuneError && cjk.Wide(r)
}

// cjkEndBytes and cjkStartBytes are cjkEnd and cjkStart of text being built.
func cjkEndBytes(s []byte) bool {
	r, _ := utf8.DecodeLastRune(bytes.TrimRightFunc(s, unicode.IsSpace))
	return r != utf8.RuneError && cjk.Wide(r)
}

func cjkStartBytes(s []byte) bool {
	r, _ := utf8.DecodeRune(bytes.TrimLeftFunc(s, unicode.IsSpace))
	return r != utf8.RuneError && cjk.Wide(r)
}

func cjkStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace))
	return r != utf8.RuneError && cjk.Wide(r)
}
