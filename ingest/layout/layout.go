// Package layout groups the glyphs of a page model into text lines, the
// step that ruled cells (ingest/lattice), unruled tables (ingest/stream) and
// the cross-page joiner (ingest/tables) all start from. It was written three
// times, with slightly different rules for white space; here it is once.
package layout

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// Line is the glyphs of one text line, left to right. Box spans its
// printing glyphs horizontally (X0 +Inf, X1 -Inf when it has none) and every
// glyph that joined it vertically.
type Line struct {
	Glyphs []page.Glyph
	Box    model.Box
}

// Blank reports a glyph that prints nothing (a drawn space).
func Blank(g page.Glyph) bool { return strings.TrimSpace(g.Text) == "" }

// CenterY is the vertical centre of g's box.
func CenterY(g page.Glyph) float64 { return (g.Box.Y0 + g.Box.Y1) / 2 }

// Lines clusters glyphs into lines: taken by vertical centre, a glyph joins
// the line above when its centre falls within that line's vertical extent,
// which grows to hold it; otherwise it starts a line. The extent, not a
// baseline, is what a cell's lines share whatever their font sizes (a
// superscript, a smaller 注). With spaces, blank glyphs are kept (their
// gaps are the producer's word spaces) and join the line above when their
// centre is at most half a line below it; without, they are dropped.
func Lines(gs []page.Glyph, spaces bool) []Line {
	gs = slices.Clone(gs)
	if !spaces {
		gs = slices.DeleteFunc(gs, Blank)
	}
	slices.SortStableFunc(gs, func(a, b page.Glyph) int { return cmp.Compare(CenterY(a), CenterY(b)) })
	var ls []Line
	for _, g := range gs {
		cy := CenterY(g)
		if n := len(ls); n > 0 {
			l := &ls[n-1]
			if cy <= l.Box.Y1 && cy >= l.Box.Y0 || (Blank(g) && cy <= l.Box.Y1+(l.Box.Y1-l.Box.Y0)/2) {
				l.Glyphs = append(l.Glyphs, g)
				// The extent follows the union, so a stray small glyph
				// does not narrow it.
				l.Box.Y0, l.Box.Y1 = math.Min(l.Box.Y0, g.Box.Y0), math.Max(l.Box.Y1, g.Box.Y1)
				continue
			}
		}
		ls = append(ls, Line{Glyphs: []page.Glyph{g}, Box: g.Box})
	}
	for i := range ls {
		l := &ls[i]
		slices.SortStableFunc(l.Glyphs, func(a, b page.Glyph) int { return cmp.Compare(a.Box.X0, b.Box.X0) })
		l.Box.X0, l.Box.X1 = math.Inf(1), math.Inf(-1)
		for _, g := range l.Glyphs {
			if !Blank(g) {
				l.Box.X0, l.Box.X1 = math.Min(l.Box.X0, g.Box.X0), math.Max(l.Box.X1, g.Box.X1)
			}
		}
	}
	return ls
}
