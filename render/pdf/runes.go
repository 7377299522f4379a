package pdf

import (
	"codeberg.org/go-pdf/fpdf"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
)

// Texts this package draws of its own, besides the grid's and the lists'.
const (
	findingsTitle = "审核意见"
	changesTitle  = "变更清单"
	// page numbers, markers, page references and the replacement glyphs
	drawnMarks = "—Δ[]+,（第页）" + string(missingGlyph) + "?"
)

var (
	findingsHeads = []string{"编号", "级别", "位置", "审核意见"}
	changesHeads  = []string{"编号", "变更", "位置", "说明"}
)

// wanted is the runes a render of doc can draw, the fonts are cut to: the
// grids' texts, the findings list's rows and this package's own texts. A
// rune missing here is still drawn right (see pen); a rune here that is
// never drawn costs a glyph in the subset and nothing in the PDF.
func wanted(doc *model.Document, grids []*grid.Grid) *runeSet {
	s := &runeSet{}
	s.addString(drawnMarks)
	for _, t := range append(append([]string{findingsTitle, changesTitle}, findingsHeads...), changesHeads...) {
		s.addString(t)
	}
	for _, t := range kindText {
		s.addString(t)
	}
	for _, g := range grids {
		for _, t := range []string{g.Attachment, g.Title, g.Unit, g.Date, g.Signatures} {
			s.addString(t)
		}
		for _, c := range g.Cells {
			s.addString(c.Text)
			if c.Mark != nil {
				s.addString(c.Mark.Note)
			}
		}
	}
	rows, _ := findingRows(doc, nil)
	for _, row := range rows {
		for _, t := range row {
			s.addString(t)
		}
	}
	return s
}

// pen is fpdf's document with the calls that measure or print text checked
// against the runes the fonts were cut to (want; nil: the fonts are whole).
// A rune the font has but the cut lacks would be measured as missing and
// drawn as .notdef; the pen notes it in miss, and Write draws the document
// again with it. Text reaches fpdf only through these three methods.
type pen struct {
	*fpdf.Fpdf
	family string
	want   *runeSet
	faces  map[string]*face
	miss   runeSet
	missed bool
}

func (p *pen) SetFont(family, style string, size float64) {
	p.family = family
	p.Fpdf.SetFont(family, style, size)
}

func (p *pen) GetStringWidth(s string) float64 {
	p.check(s)
	return p.Fpdf.GetStringWidth(s)
}

func (p *pen) Text(x, y float64, s string) {
	p.check(s)
	p.Fpdf.Text(x, y, s)
}

func (p *pen) CellFormat(w, h float64, s, border string, ln int, align string, fill bool, link int, linkStr string) {
	p.check(s)
	p.Fpdf.CellFormat(w, h, s, border, ln, align, fill, link, linkStr)
}

func (p *pen) check(s string) {
	f := p.faces[p.family]
	if p.want == nil || f == nil {
		return
	}
	for _, r := range s {
		if !p.want.has(r) && !p.miss.has(r) && f.has(r) {
			p.miss.add(r)
			p.missed = true
		}
	}
}
