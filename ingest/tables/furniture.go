package tables

import (
	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
)

// maxFurnitureLines is how many lines of text may stand between a table's
// end and its continuation on the next page: a page number, a running
// header. More text means the writer started something new.
const maxFurnitureLines = 2

// openColumns returns the x ranges of the cells left open at the table's
// bottom: a producer may draw their text again above the continuation.
func (t *Table) openColumns() [][2]float64 {
	var out [][2]float64
	for _, c := range t.Cells {
		if c.OpenBottom && c.Row+c.RowSpan == t.NRows() {
			out = append(out, [2]float64{c.Box.X0, c.Box.X1})
		}
	}
	return out
}

// notUnder returns the glyphs whose centre lies in none of the x ranges.
func notUnder(gs []page.Glyph, xs [][2]float64) []page.Glyph {
	if len(xs) == 0 {
		return gs
	}
	var out []page.Glyph
	for _, g := range gs {
		cx := (g.Box.X0 + g.Box.X1) / 2
		in := false
		for _, x := range xs {
			if cx >= x[0] && cx <= x[1] {
				in = true
				break
			}
		}
		if !in {
			out = append(out, g)
		}
	}
	return out
}

// linesBetween counts the text lines (layout.Lines) of the glyphs of gs
// whose centre lies in (y0, y1).
func linesBetween(gs []page.Glyph, y0, y1 float64) int {
	var in []page.Glyph
	for _, g := range gs {
		if cy := layout.CenterY(g); cy > y0 && cy < y1 {
			in = append(in, g)
		}
	}
	return len(layout.Lines(in, layout.Extent, false))
}
