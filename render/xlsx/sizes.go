package xlsx

import (
	"math"

	"github.com/kaoping/kaoping/render/grid"
	"github.com/kaoping/kaoping/render/linebreak"
)

// columnWidths are the grid widths in Excel units (the width of a '0').
func columnWidths(g *grid.Grid) []float64 {
	w := make([]float64, len(g.Columns))
	for i, c := range g.Columns {
		w[i] = grid.Width(c.Key)
	}
	return w
}

// Sizes of the body font in pixels and points, as Excel lays them out at 96 dpi.
const (
	charPx   = bodySize * 96 / 72 // one CJK character
	padPx    = 8                  // cell margins
	linePt   = bodySize * 1.35    // one line of wrapped text
	padPt    = 6                  // above and below the text
	minRowPt = 20
)

// pixels converts an Excel column width to pixels.
func pixels(w float64) float64 { return math.Trunc(w*7 + 5) }

// lines counts the wrapped lines of text in a cell w units wide, with the
// same breaker the PDF uses.
func lines(text string, w float64) int {
	if text == "" {
		return 1
	}
	avail := pixels(w) - padPx
	return len(linebreak.Lines(text, avail, linebreak.Fixed(charPx)))
}

// rowHeights computes the height of every table row so each wrapped line
// shows: Excel does not fit rows to merged cells, so a merged cell's need is
// spread over the rows it spans when they are not tall enough already.
func rowHeights(g *grid.Grid, widths []float64) []float64 {
	h := make([]float64, g.Rows)
	for i := range h {
		h[i] = minRowPt
	}
	need := func(c grid.Cell) float64 {
		if c.Kind == grid.KindCategory {
			// Stacked characters, one under another. LibreOffice stacks all
			// lines in one column, so count every rune, a line break as one.
			n := len([]rune(c.Text))
			return float64(n)*bodySize*1.4 + 2*padPt
		}
		w := 0.0
		for k := c.Col; k < c.Col+c.ColSpan; k++ {
			w += widths[k]
		}
		return float64(lines(c.Text, w))*linePt + padPt
	}
	for _, c := range g.Cells {
		if c.RowSpan == 1 {
			h[c.Row] = max(h[c.Row], need(c))
		}
	}
	for _, c := range g.Cells {
		if c.RowSpan == 1 {
			continue
		}
		have := 0.0
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			have += h[r]
		}
		if n := need(c); n > have {
			add := (n - have) / float64(c.RowSpan)
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				h[r] += add
			}
		}
	}
	for i := range h {
		h[i] = math.Min(math.Ceil(h[i]), maxRowHeight)
	}
	return h
}

// maxRowHeight is Excel's limit on a row's height in points; excelize
// refuses a taller one (and with it the whole workbook). A taller text is
// kept whole in its cell, shown clipped as Excel shows it.
const maxRowHeight = 409
