package pdf

import (
	"context"
	"fmt"
	"iter"

	"codeberg.org/go-pdf/fpdf"
)

// Why a sheet: the layout (what goes where on which page, measured with the
// fonts' own metrics) is decided apart from fpdf, and fpdf is handed the
// result. The renderer draws on a sheet, which keeps each drawing call in
// order with its arguments and measures text from the fonts' hmtx (see
// face.advances); emit then makes the same calls on fpdf. So the layout can
// be run and checked on its own (FuzzLayout: every string inside its page,
// no text lost, no cells overlapping) without fpdf's fixed cost per document
// (its font set-up and a zlib writer a stream, milliseconds), and a render
// whose font cut lacks a rune is emitted again, not laid out again.

// opKind names a drawing call.
type opKind uint8

const (
	opPage opKind = iota
	opFont
	opTextColor
	opFillColor
	opDrawColor
	opLineWidth
	opRenderMode
	opXY
	opCell
	opRect
	opText
	opLine
)

// op is one drawing call and its arguments: x, y the position (the pen's
// for a cell, set by the opXY before it), w, h the size (a line's end for
// opLine), s the text (a font's family, a rectangle's style), s2 a cell's
// alignment (a font's style), n a colour, a rendering mode or a cell's
// line-break argument.
type op struct {
	kind opKind
	fill bool // a cell's fill argument
	// colours (0–255), a rendering mode, a cell's ln (0–2): int32 keeps them
	// in the eight bytes kind and fill start, 88 bytes an op, not 104
	n          [3]int32
	x, y, w, h float64
	s, s2      string
	// a cell's border and link arguments, passed through; nil when they
	// are "", 0 and "", as every cell of the renderer's has them. Out of
	// line, they kept the op a third smaller: appending ops was seven
	// tenths of the bytes a layout allocates.
	link *cellLink
}

// cellLink is a cell's border and link arguments.
type cellLink struct {
	border, linkStr string
	link            int
}

// sheet records the drawing calls of a render, with the pen's state a layout
// asks for: the page number, the font and size, the position.
type sheet struct {
	blocks [][]op // the calls recorded, in blocks of opBlock (see add)
	pages  int
	family string
	size   float64
	x, y   float64
	// widths measures a string in a family's font in thousandths of an em,
	// as fpdf sums its glyph widths.
	widths map[string]func(string) int
}

// scaleMM is fpdf's points per millimetre, for a font size in the page's
// unit as fpdf divides it (the same constant expression, the same float).
const scaleMM = 72.0 / 25.4

// newSheet measures with each family's face, or where a --font could not be
// read here (faces lacks it), with fpdf's own reading of it whole; an error
// is fpdf's, about that font.
func newSheet(fonts map[string][]byte, faces map[string]*face) (*sheet, error) {
	s := &sheet{widths: map[string]func(string) int{}}
	for family, font := range fonts {
		if f := faces[family]; f != nil {
			s.widths[family] = f.advances()
			continue
		}
		m := fpdf.New("L", "mm", "A4", "")
		m.AddUTF8FontFromBytes(family, "", font)
		m.SetFont(family, "", bodySize)
		if m.Err() {
			return nil, fmt.Errorf("pdf: font: %w", m.Error())
		}
		s.widths[family] = m.GetStringSymbolWidth
	}
	return s, nil
}

// opBlock is the number of ops a block of the sheet holds.
const opBlock = 256

// add records o. The ops are kept in blocks filled in turn, never copied:
// a slice grown by append allocated three and a half times the ops' bytes
// for a layout of two thousand ops (to 4,332 places for 1,839), seven
// tenths of the bytes a layout allocated.
func (s *sheet) add(o op) {
	if n := len(s.blocks); n == 0 || len(s.blocks[n-1]) == opBlock {
		s.blocks = append(s.blocks, make([]op, 0, opBlock))
	}
	b := &s.blocks[len(s.blocks)-1]
	*b = append(*b, o)
}

// ops yields the recorded calls in order, numbered from 0.
func (s *sheet) ops() iter.Seq2[int, op] {
	return func(yield func(int, op) bool) {
		i := 0
		for _, b := range s.blocks {
			for _, o := range b {
				if !yield(i, o) {
					return
				}
				i++
			}
		}
	}
}

func (s *sheet) AddPage() {
	s.pages++
	s.add(op{kind: opPage})
}

// PageNo is the number of the page being drawn, from 1.
func (s *sheet) PageNo() int { return s.pages }

func (s *sheet) SetFont(family, style string, size float64) {
	s.family, s.size = family, size
	s.add(op{kind: opFont, s: family, s2: style, h: size})
}

func (s *sheet) SetTextColor(r, g, b int) {
	s.add(op{kind: opTextColor, n: [3]int32{int32(r), int32(g), int32(b)}})
}
func (s *sheet) SetFillColor(r, g, b int) {
	s.add(op{kind: opFillColor, n: [3]int32{int32(r), int32(g), int32(b)}})
}
func (s *sheet) SetDrawColor(r, g, b int) {
	s.add(op{kind: opDrawColor, n: [3]int32{int32(r), int32(g), int32(b)}})
}
func (s *sheet) SetLineWidth(w float64) { s.add(op{kind: opLineWidth, w: w}) }
func (s *sheet) SetTextRenderingMode(mode int) {
	s.add(op{kind: opRenderMode, n: [3]int32{int32(mode)}})
}

func (s *sheet) SetXY(x, y float64) {
	s.x, s.y = x, y
	s.add(op{kind: opXY, x: x, y: y})
}

// CellFormat records a cell at the pen's position; like fpdf's with ln 0,
// it moves the pen to the cell's right.
func (s *sheet) CellFormat(w, h float64, txt, border string, ln int, align string, fill bool, link int, linkStr string) {
	o := op{kind: opCell, x: s.x, y: s.y, w: w, h: h, s: txt, s2: align, n: [3]int32{int32(ln)}, fill: fill}
	if border != "" || link != 0 || linkStr != "" {
		o.link = &cellLink{border, linkStr, link}
	}
	s.add(o)
	if ln == 0 {
		s.x += w
	}
}

func (s *sheet) Rect(x, y, w, h float64, style string) {
	s.add(op{kind: opRect, x: x, y: y, w: w, h: h, s: style})
}

func (s *sheet) Text(x, y float64, txt string) { s.add(op{kind: opText, x: x, y: y, s: txt}) }

func (s *sheet) Line(x1, y1, x2, y2 float64) {
	s.add(op{kind: opLine, x: x1, y: y1, w: x2, h: y2})
}

// GetStringWidth is txt's width in mm in the current font and size, the
// float fpdf computes from the same glyph widths.
func (s *sheet) GetStringWidth(txt string) float64 { return s.width(s.family, txt, s.size) }

// width is txt's width in mm in family at size points.
func (s *sheet) width(family, txt string, size float64) float64 {
	return float64(s.widths[family](txt)) * (size / scaleMM) / 1000
}

// emit makes the recorded calls on p, in order. It looks at ctx on every
// page; fpdf draws each page's number itself (pageNumber) as it starts the
// next page and when it closes.
func (s *sheet) emit(ctx context.Context, p *pen) error {
	for _, o := range s.ops() {
		switch o.kind {
		case opPage:
			if err := ctx.Err(); err != nil {
				return err
			}
			p.AddPage()
		case opFont:
			p.SetFont(o.s, o.s2, o.h)
		case opTextColor:
			p.SetTextColor(int(o.n[0]), int(o.n[1]), int(o.n[2]))
		case opFillColor:
			p.SetFillColor(int(o.n[0]), int(o.n[1]), int(o.n[2]))
		case opDrawColor:
			p.SetDrawColor(int(o.n[0]), int(o.n[1]), int(o.n[2]))
		case opLineWidth:
			p.SetLineWidth(o.w)
		case opRenderMode:
			p.SetTextRenderingMode(int(o.n[0]))
		case opXY:
			p.SetXY(o.x, o.y)
		case opCell:
			var l cellLink
			if o.link != nil {
				l = *o.link
			}
			p.CellFormat(o.w, o.h, o.s, l.border, int(o.n[0]), o.s2, o.fill, l.link, l.linkStr)
		case opRect:
			p.Rect(o.x, o.y, o.w, o.h, o.s)
		case opText:
			p.Text(o.x, o.y, o.s)
		case opLine:
			p.Line(o.x, o.y, o.w, o.h)
		}
	}
	return nil
}
