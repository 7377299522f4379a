// Package page is the layout model shared by the readers of paged formats (PDF,
// OFD): per page, the glyphs with their boxes and the ruling segments. Lines of
// text and ruled tables are reconstructed from it by readers-independent code.
//
// Coordinates are PDF points (1/72 in), origin at the top left of the page, y
// growing downwards, after the page's rotation has been applied.
package page

import "github.com/kaoping/kaoping/model"

// Page is one page of a paged document.
type Page struct {
	Number   int // 1-based
	Width    float64
	Height   float64
	Glyphs   []Glyph
	Segments []Segment
	// Seals are the boxes of the red seals found on a scanned page; their
	// ink was taken out before the text under them was read.
	Seals []model.Box `json:",omitempty"`
	// Creator is the application that made the document, as the file says
	// (a PDF's Info /Creator), the same on every page; "" where it says
	// none. The form builder takes finding markers out of cells only in a
	// file kaoping rendered itself (model.Creator).
	Creator string `json:",omitempty"`
}

// Glyph is one shown character.
type Glyph struct {
	Text string // usually one rune; a ligature or ToUnicode sequence may give more
	Box  model.Box
	Font string
	Size float64 // effective font size in points (text matrix and CTM applied)
	// Vertical is true for glyphs of a vertical writing mode font.
	Vertical bool
	// Conf is the recogniser's confidence in (0, 1] for a glyph read from an
	// image by OCR; 0 for a glyph of a text layer, which is what it says.
	Conf float64 `json:",omitempty"`
}

// Segment is a ruling line: a stroked line, or a thin filled rectangle reduced
// to its centre line. Width is the line's thickness.
type Segment struct {
	X0, Y0, X1, Y1 float64
	Width          float64
}

// Horizontal reports whether the segment is (nearly) horizontal.
func (s Segment) Horizontal() bool { return abs(s.Y1-s.Y0) <= abs(s.X1-s.X0) }

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
