package ofdtest

// Cell is one cell of a ruled table, at its top-left grid position.
type Cell struct {
	Row, Col         int
	RowSpan, ColSpan int
	Text             string
}

// Layout of a ruled table on an A4 page, in mm.
type Layout struct {
	X, Y      float64   // top left of the table
	Cols      []float64 // column widths
	RowHeight float64   // height of one text line in a cell
	Size      float64   // font size
	Pad       float64   // inner padding
}

// Placed says where Form put a cell's characters: the baseline origin of
// each character, in mm, so tests can check every glyph.
type Placed struct {
	Cell  Cell
	Chars []Text // one Text per character
}

// Form draws a ruled table: every cell's borders as ruling lines and its text
// wrapped to the cell width, rows growing to fit the tallest cell. It returns
// the page and where each character went.
func Form(rows int, cells []Cell, lay Layout) (Page, []Placed) {
	if lay.Size <= 0 {
		lay.Size = 3.5
	}
	if lay.Pad <= 0 {
		lay.Pad = 1
	}
	if lay.RowHeight <= 0 {
		lay.RowHeight = lay.Size * 1.4
	}
	colX := []float64{lay.X}
	for _, w := range lay.Cols {
		colX = append(colX, colX[len(colX)-1]+w)
	}
	span := func(c Cell) float64 { return colX[min(c.Col+c.ColSpan, len(lay.Cols))] - colX[c.Col] }
	// wrap splits a cell's text into lines that fit its inner width.
	wrap := func(c Cell) [][]rune {
		inner := span(c) - 2*lay.Pad
		var out [][]rune
		var cur []rune
		w := 0.0
		for _, r := range c.Text {
			a := Advance(r, lay.Size)
			if len(cur) > 0 && w+a > inner {
				out = append(out, cur)
				cur, w = nil, 0
			}
			cur = append(cur, r)
			w += a
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		return out
	}
	lines := func(c Cell) int { return max(len(wrap(c)), 1) }
	// Row heights: a cell's lines are spread over the rows it spans.
	h := make([]float64, rows)
	for i := range h {
		h[i] = lay.RowHeight + 2*lay.Pad
	}
	for _, c := range cells {
		need := float64(lines(c))*lay.RowHeight + 2*lay.Pad
		have := 0.0
		for r := c.Row; r < c.Row+c.RowSpan && r < rows; r++ {
			have += h[r]
		}
		if need > have {
			h[c.Row+c.RowSpan-1] += need - have
		}
	}
	rowY := []float64{lay.Y}
	for _, v := range h {
		rowY = append(rowY, rowY[len(rowY)-1]+v)
	}
	var pg Page
	pg.W, pg.H = 210, 297
	seen := map[Line]bool{}
	add := func(l Line) {
		if !seen[l] {
			seen[l] = true
			pg.Lines = append(pg.Lines, l)
		}
	}
	var placed []Placed
	for _, c := range cells {
		x0, x1 := colX[c.Col], colX[min(c.Col+c.ColSpan, len(lay.Cols))]
		y0, y1 := rowY[c.Row], rowY[min(c.Row+c.RowSpan, rows)]
		add(Line{x0, y0, x1, y0, 0.25})
		add(Line{x0, y1, x1, y1, 0.25})
		add(Line{x0, y0, x0, y1, 0.25})
		add(Line{x1, y0, x1, y1, 0.25})
		pl := Placed{Cell: c}
		for li, part := range wrap(c) {
			base := y0 + lay.Pad + float64(li+1)*lay.RowHeight - (lay.RowHeight-lay.Size)/2
			t := Text{X: x0 + lay.Pad, Y: base, Size: lay.Size, Text: string(part)}
			pg.Texts = append(pg.Texts, t)
			pl.Chars = append(pl.Chars, charsOf(t)...)
		}
		placed = append(placed, pl)
	}
	return pg, placed
}
