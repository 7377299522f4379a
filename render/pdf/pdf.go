// Package pdf renders a document's 考评表 forms as a printable A4 landscape
// PDF following the habits of GB/T 9704: the 附件 label top left in a 黑体
// face, the title centred, page numbers — 1 — at the outer corner, the header
// repeated on every page, merged cells drawn merged, and a 一级指标 kept on one
// page when it fits. Text is broken by render/linebreak, because fpdf's own
// wrapping drops a character at every break in CJK text.
package pdf

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/grid"
)

// defaultFont is WenQuanYi Micro Hei subset to GBK (see font/README.md).
//
//go:embed font/wqy-microhei-gbk.ttf
var defaultFont []byte

// Options tune the PDF.
type Options struct {
	// Font is a glyf-based TrueType font (the office's 仿宋 or 宋体) for the
	// table text; nil uses the embedded font.
	Font []byte
	// Clean leaves out the finding markers, fills and the list of findings.
	Clean bool
	// Date is the PDF's creation date; zero takes it from the source (see
	// sourceDate), so two renders of one document are the same bytes.
	Date time.Time
	// Diff are the changes a diff shows on the form (model/diff.Overlay):
	// cells filled by kind, removed rows struck through, each old value
	// numbered in its cell and listed after the forms. Shown even when Clean.
	Diff []diff.Mark

	// uncompressed writes the streams plain, for tests that compare PDFs.
	uncompressed bool
}

// Page geometry in millimetres: A4 landscape.
const (
	pageW, pageH   = 297.0, 210.0
	marginL        = 15.0
	marginR        = 15.0
	marginT        = 18.0
	marginB        = 20.0 // the page number sits in it
	bodySize       = 10.5 // 五号
	headSize       = 11.0
	ptMM           = 25.4 / 72
	lineGap        = 1.3 // line height over font size
	padX, padY     = 1.2, 1.0
	tableW         = pageW - marginL - marginR
	heiFamily      = "hei"
	bodyFamily     = "body"
	pageNumberSize = 14.0 // 四号
)

// Write renders doc as a PDF to w.
func Write(ctx context.Context, w io.Writer, doc *model.Document, opt Options) error {
	return write(ctx, w, doc, opt, wanted)
}

// write renders doc with the fonts cut to the runes cut gives; nil hands
// fpdf the fonts whole, the way it was done before, for the tests that check
// the two give the same bytes.
func write(ctx context.Context, w io.Writer, doc *model.Document, opt Options, cut func(*model.Document, []*grid.Grid) *runeSet) (err error) {
	defer func() {
		// fpdf panics on some malformed fonts; a bad --font is an error.
		if p := recover(); p != nil {
			if c, ok := p.(cancelled); ok {
				err = c.err
				return
			}
			err = fmt.Errorf("pdf: %v", p)
		}
	}()
	fonts := map[string][]byte{heiFamily: defaultFont}
	if opt.Font != nil {
		fonts[bodyFamily] = opt.Font
	}
	faces := map[string]*face{}
	for family, font := range fonts {
		f, err := readFace(font)
		if err != nil {
			if family == heiFamily {
				return fmt.Errorf("pdf: embedded font: %w", err)
			}
			continue // fpdf reads it whole and says what is wrong
		}
		faces[family] = f
	}
	sh, grids, err := lay(ctx, doc, opt, fonts, faces)
	if err != nil {
		return err
	}
	var want *runeSet
	if cut != nil {
		want = cut(doc, grids)
		// fpdf writes the width of every rune below 256 its font has, used
		// or not: with them all in the cut, so does a render from the cut
		for r := range rune(0x100) {
			want.add(r)
		}
	}
	// A rune drawn that want lacks (a text this package builds that wanted
	// does not know of) would print as a blank box: the pen notes it, and
	// the document is emitted again with it. Each pass adds runes, so this
	// ends.
	for {
		p, err := newPen(doc, opt, fonts, faces, want)
		if err != nil {
			return err
		}
		if err := sh.emit(ctx, p); err != nil {
			return err
		}
		if err := closeDoc(ctx, p); err != nil {
			return err
		}
		if p.Err() {
			return fmt.Errorf("pdf: %w", p.Error())
		}
		if p.missed {
			for i := range want {
				want[i] |= p.miss[i]
			}
			continue
		}
		if err := p.Output(w); err != nil {
			return fmt.Errorf("pdf: write: %w", err)
		}
		return nil
	}
}

// lay lays doc out: its forms as grids, and the sheet they are drawn on
// with the lists after them, measured with fonts (read as faces where this
// package can read them). Its end in ctx unwinds as cancelled.
func lay(ctx context.Context, doc *model.Document, opt Options, fonts map[string][]byte, faces map[string]*face) (*sheet, []*grid.Grid, error) {
	grids := make([]*grid.Grid, len(doc.Forms))
	for i := range doc.Forms {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		grids[i] = grid.Build(doc, i)
		grids[i].ApplyMarks(opt.Diff)
	}
	sh, err := newSheet(fonts, faces)
	if err != nil {
		return nil, nil, err
	}
	r := newRenderer(doc, opt, sh, faces)
	r.ctx = ctx
	r.draw(grids)
	return sh, grids, nil
}

// closeDoc closes p: fpdf then draws the last page number and writes every
// page, compressed, and the fonts — over half of a long render (0.5 of 0.95 s
// for 9,750 rows), with no way to look at ctx in between. It runs beside
// the wait for ctx, so that a render past its deadline ends at the deadline
// (the server's --timeout frees the job's slot then, not a second later);
// the abandoned close ends by itself, its work bounded by the pages drawn
// before the deadline, and its result is dropped. A panic in it (fpdf on a
// malformed font, or the render cancelled while numbering pages) comes back
// to write's recover.
func closeDoc(ctx context.Context, p *pen) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		p.Close()
	}()
	select {
	case v := <-done:
		if v != nil {
			panic(v)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// draw draws the forms and the lists after them.
func (r *renderer) draw(grids []*grid.Grid) {
	p := r.p
	var marks []mark
	for _, g := range grids {
		r.checkCtx()
		marks = append(marks, r.form(g)...)
	}
	if len(grids) == 0 {
		p.AddPage()
	}
	if !r.opt.Clean {
		r.findings(marks)
	}
	r.changes()
}

// checkCtx unwinds the render as cancelled when its context has ended. It
// is called on every page drawn and every few hundred cells measured.
func (r *renderer) checkCtx() {
	if r.ctx != nil {
		if err := r.ctx.Err(); err != nil {
			panic(cancelled{err})
		}
	}
}

// newPen sets up the PDF fpdf writes: page, fonts (cut to want unless it
// is nil), metadata, page numbers.
func newPen(doc *model.Document, opt Options, fonts map[string][]byte, faces map[string]*face, want *runeSet) (*pen, error) {
	p := &pen{Fpdf: fpdf.NewCustom(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", SizeStr: "A4"}), want: want, faces: faces}
	p.SetMargins(marginL, marginT, marginR)
	p.SetAutoPageBreak(false, marginB)
	p.SetCellMargin(0)
	p.SetCompression(!opt.uncompressed)
	// fpdf writes its fonts in map order unless asked to sort: with a
	// --font the two fonts came out in either order, run to run
	p.SetCatalogSort(true)
	for _, family := range []string{heiFamily, bodyFamily} {
		font, f := fonts[family], faces[family]
		if font == nil {
			continue
		}
		if want != nil && f != nil {
			cut, err := f.subset(want)
			if err != nil {
				return nil, fmt.Errorf("pdf: font: %w", err)
			}
			font = cut
		}
		p.AddUTF8FontFromBytes(family, "", font)
	}
	if p.Err() {
		return nil, fmt.Errorf("pdf: font: %w", p.Error())
	}
	title := "绩效目标考评表"
	if len(doc.Forms) > 0 {
		title = doc.Forms[0].Title
	}
	p.SetTitle(title, true)
	p.SetCreator(model.Creator, true)
	p.SetLang("zh-CN")
	date := opt.Date
	if date.IsZero() {
		date = sourceDate(doc)
	}
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	p.SetFooterFunc(func() { pageNumber(p) })
	return p, nil
}

// newRenderer lays doc out on sh, measured with sh's fonts.
func newRenderer(doc *model.Document, opt Options, sh *sheet, faces map[string]*face) *renderer {
	body := heiFamily // the embedded face serves both, added once
	if opt.Font != nil {
		body = bodyFamily
	}
	return &renderer{p: sh, doc: doc, opt: opt, body: body, widths: map[string]*runeWidths{}, lines: map[lineKey][]string{},
		pre: map[[4]string]preLines{}, sigs: map[string][]string{}, faces: faces, noteOf: map[*grid.Mark]int{}}
}

// pageNumber prints — n — in 四号 at the outer corner: right on odd pages,
// left on even pages, as GB/T 9704 places it.
func pageNumber(p *pen) {
	n := p.PageNo()
	s := fmt.Sprintf("— %d —", n)
	p.SetFont(heiFamily, "", pageNumberSize)
	p.SetTextColor(0, 0, 0)
	w := p.GetStringWidth(s)
	x := marginL + 7
	if n%2 == 1 {
		x = pageW - marginR - 7 - w
	}
	p.Text(x, pageH-marginB+10, s)
}

// renderer draws forms on one PDF.
type renderer struct {
	p      *sheet
	doc    *model.Document
	opt    Options
	body   string                 // font family of the table text
	widths map[string]*runeWidths // family → rune → width at 1pt
	lines  map[lineKey][]string   // texts broken into lines, by textLines
	pre    map[[4]string]preLines // preambles broken into lines, by preambleLines
	sigs   map[string][]string    // signature lines by their text, by signatureLines
	faces  map[string]*face       // family → its font read; none: fpdf reads it whole
	// notes are the diff's notes drawn so far, numbered in drawing order.
	notes  []note
	noteOf map[*grid.Mark]int
	g      *grid.Grid // the form being drawn
	// ctx is checked on every page laid out; its end unwinds as cancelled.
	ctx context.Context
}

// cancelled carries the context's error out of the drawing, through the
// recover in Write.
type cancelled struct{ err error }

// note is a diff's note drawn in a cell, for the list of changes.
type note struct {
	row, text, kind string
	page            int
}

// measure returns the width in mm of r in family at size points.
func (r *renderer) measure(family string, size float64) func(rune) float64 {
	m := r.widths[family]
	if m == nil {
		m = &runeWidths{other: map[rune]float64{}}
		r.widths[family] = m
	}
	return func(c rune) float64 {
		if c >= 0 && c < 0x80 && m.known[c/64]&(1<<(c%64)) != 0 {
			return m.ascii[c] * size
		}
		w, ok := m.other[c]
		if !ok {
			// selecting the font writes a font selection into the page
			// being drawn, which the PDFs rendered so far carry: see
			// quietMeasure
			r.p.SetFont(family, "", 100)
			w = r.p.GetStringWidth(string(c)) / 100
			if c >= 0 && c < 0x80 {
				m.ascii[c] = w
				m.known[c/64] |= 1 << (c % 64)
			} else {
				m.other[c] = w
			}
		}
		return w * size
	}
}

// runeWidths are the widths at 1pt of the runes a renderer has measured in
// a family: ASCII in an array (a long Latin word is measured rune by rune,
// twice over when it is cut, and the map lookups were a sixth of breaking
// it), the rest in a map.
type runeWidths struct {
	known [2]uint64
	ascii [0x80]float64
	other map[rune]float64
}

// quietMeasure measures as measure does, to the same float, without
// selecting the font on the sheet. Measure's selections are written into the
// page (fpdf writes a Tf for each), harmless but part of every PDF's bytes,
// so the texts measured since the renderer lays them out apart from fpdf
// (the preamble's and the signatures' lines, once printed unbroken) are
// measured quietly: the PDFs of texts that fit stay byte for byte what they
// were.
func (r *renderer) quietMeasure(family string, size float64) func(rune) float64 {
	return func(c rune) float64 { return r.p.width(family, string(c), 100) / 100 * size }
}

// missingGlyph stands for a character the PDF cannot hold: 〓, the mark
// Chinese typesetting uses for a character it lacks.
const missingGlyph = '〓'

// sourceDate is the date a render of doc carries when none is given: the
// notice's 成文日期 (ISO in the model), else SOURCE_DATE_EPOCH, else the
// start of 2000. Never the clock: a PDF that differs between two runs of
// the same input cannot be checked by comparing files.
func sourceDate(doc *model.Document) time.Time {
	cst := time.FixedZone("CST", 8*3600)
	if doc.Notice != nil {
		if t, err := time.ParseInLocation("2006-01-02", doc.Notice.Date, cst); err == nil {
			return t
		}
	}
	if s, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		return time.Unix(s, 0).UTC()
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, cst)
}
