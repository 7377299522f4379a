// Package lines turns the glyphs of paged documents (PDF, OFD) into lines of
// text in reading order, and marks page furniture: page numbers and the
// running headers and footers repeated on the pages. Flow hands the lines to
// the notice parser as a flow.Flow.
//
// One file per stage: rows.go (glyphs → lines on a page), order.go (reading
// order across columns), furniture.go, flow.go.
package lines

import (
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// Line is one line of text on a page.
type Line struct {
	Page int // 1-based
	Text string
	Box  model.Box
	// Glyphs are the line's glyphs left to right (top to bottom for
	// vertical text).
	Glyphs []page.Glyph
	// Size is the largest glyph size on the line, in points.
	Size float64
	// Furniture marks page numbers and running headers and footers.
	Furniture bool
}

// Document returns every page's lines in reading order, furniture marked.
func Document(pages []page.Page) [][]Line {
	out := make([][]Line, len(pages))
	for i, p := range pages {
		out[i] = ofPage(p)
	}
	markFurniture(pages, out)
	for i := range out {
		out[i] = furnitureOutside(out[i], pages[i].Height)
	}
	return out
}

// furnitureOutside puts a page's running headers first and its footers
// (page numbers) last. The reading order places a footer by its column, so
// a page number under the left half of a 版记 row would otherwise stand
// between the row's two halves.
func furnitureOutside(ls []Line, height float64) []Line {
	var top, body, bottom []Line
	for _, l := range ls {
		switch {
		case !l.Furniture:
			body = append(body, l)
		case (l.Box.Y0+l.Box.Y1)/2 < height/2:
			top = append(top, l)
		default:
			bottom = append(bottom, l)
		}
	}
	out := append(top, body...)
	return append(out, bottom...)
}

// ofPage returns the lines of one page in reading order. Furniture that
// needs other pages to tell (running headers) is not marked here.
func ofPage(p page.Page) []Line {
	p.Segments = usableRulings(p)
	ls := rows(p)
	return order(ls, p.Segments)
}

// maxRulingWork bounds glyphs × rulings on a page: the ruling tests are
// quadratic, and a real page has a few thousand of each at most. A hostile
// page over the bound is read as if it had no rulings.
const maxRulingWork = 50_000_000

func usableRulings(p page.Page) []page.Segment {
	if len(p.Glyphs)*len(p.Segments) > maxRulingWork {
		return nil
	}
	return p.Segments
}
