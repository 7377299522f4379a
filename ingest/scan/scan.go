// Package scan reads a page image — a scanned or photographed 文件, an
// image-only PDF page rendered — into the page model the PDF and OFD
// readers produce: glyphs with boxes, text and the recogniser's confidence,
// and the ruling segments of its tables, so that lines, tables, the notice
// parser and the form builder work on a scan as on a born-digital PDF.
//
// Before recognition the image is cleaned in Go, each stage in its file:
// seal.go (grey conversion that drops the red ink of seals, and their
// boxes), light.go (uneven light and grey paper), deskew.go (tilt by
// row-projection variance), binarize.go, rulings.go (table lines by
// morphology, a thin-line filter, erased before recognition), bands.go
// (a detected box cut into its lines of text and at the rules through it).
// assemble.go turns the recogniser's lines into glyphs, cut at vertical
// rulings so that no text crosses a cell border; punct.go reads the width
// of brackets, commas and dashes from the page, and unread.go marks a line
// whose box missed a mark beside it and the characters beside one the
// recogniser lost. render.go rasterises PDF pages.
//
// The scan corpus (ingest's TestOCRCorpus) scores all of it:
//
//	KAOPING_OCR_REQUIRED=1 go test ./ingest -run OCRCorpus -ocr.corpus -ocr.variants 6 -v -timeout 2h
//
// OCR_CORPUS_ONLY=calc-kaoping OCR_CORPUS_VARIANT=phone (substrings of a
// fixture path and of variant names, comma-separated) run one case of it;
// OCR_CORPUS_CACHE=dir keeps each case's OCR'd pages there and reads them
// back on the next run, so that what comes after recognition is rerun in
// seconds; OCR_CORPUS_DUMP=file writes every item field, right or wrong,
// with its cell's glyphs, to calibrate the low-confidence threshold on.
package scan

import (
	"context"
	"image"
	"slices"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/ingest/page"
)

// Recognizer finds and reads the lines of text of a grey page (ocr.Engine).
type Recognizer interface {
	Detect(ctx context.Context, img *image.Gray) ([]image.Rectangle, error)
	Read(ctx context.Context, img *image.Gray, boxes []image.Rectangle) ([]ocr.Line, error)
}

// maxSide is the longest side the page is worked at: 2400 px is 205 dpi on
// A4, where 五号 text is 30 px high — the recogniser reads at 48 px, and
// more resolution only costs time.
const maxSide = 2400

// minLinePt is the lowest ink height of a line of text, in points: a 小五
// (9 pt) character's ink is about 7 pt, a digit's 6.
const minLinePt = 5

// Page reads one page image. dpi is the image's resolution; 0 infers it
// from the page size, taking the long side as A4's (a 公文 is A4).
func Page(ctx context.Context, rec Recognizer, img *image.RGBA, number int, dpi float64) (page.Page, error) {
	if dpi <= 0 {
		dpi = float64(max(img.Rect.Dx(), img.Rect.Dy())) / 11.69
	}
	var sealed []image.Rectangle
	var g, g0 *image.Gray // g0: the level page before any turn, for rectify
	var t uint8
	var ink []bool
	a := 0.0 // the turn from g0 to g
	resampled := false
	if s := max(img.Rect.Dx(), img.Rect.Dy()); s > maxSide {
		// A page larger than we work at is levelled before it is shrunk:
		// the tilt is measured on the shrunk page, the full page turned
		// and shrunk again. Shrinking first and turning after resamples a
		// hairline rule twice — half-dark over two pixel rows, then spread
		// again by the turn — until it is too pale to be found.
		f := float64(maxSide) / float64(s)
		small := shrink(img, f)
		dpi *= f
		resampled = true
		sealed, g, t, ink = prepare(small, dpi)
		if tilt := skew(ink, small.Rect.Dx(), small.Rect.Dy()); tilt <= -0.05 || tilt >= 0.05 {
			small = shrink(rotateRGBA(img, tilt), f)
			sealed, g, t, ink = prepare(small, dpi)
		}
		img, g0 = small, g
	} else {
		sealed, g, t, ink = prepare(img, dpi)
		g0 = g
		w, h := img.Rect.Dx(), img.Rect.Dy()
		if tilt := skew(ink, w, h); tilt <= -0.05 || tilt >= 0.05 {
			a, resampled = tilt, true
			g = rotate(g, a)
			for i, s := range sealed {
				sealed[i] = rotateRect(s, w, h, a)
			}
			ink = binarize(g, t)
		}
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	// A photo's perspective (perspective.go): the deskewed page's rules
	// still converge; the page is resampled once more from g0, rotated
	// and rectified together.
	if hm, ok := perspective(ink, w, h, dpi); ok {
		g = rectify(g0, a, hm)
		for i, s := range sealed {
			sealed[i] = rectifyRect(s, w, h, hm)
		}
		ink = binarize(g, t)
		resampled = true
	}
	if err := ctx.Err(); err != nil {
		return page.Page{}, err
	}
	boxes, err := rec.Detect(ctx, g)
	if err != nil {
		return page.Page{}, err
	}
	rp := paramsFor(dpi)
	rp.resampled = resampled
	hs, vs := findRulings(g, t, rp)
	// A stroke of a large character is long and may be thin; it lies inside
	// its line's box, where a table's rule never does.
	hs, vs = outsideText(hs, boxes), outsideText(vs, boxes)
	erase(g, hs)
	erase(g, vs)
	cut := splitter(vs)
	minLine := int(dpi * minLinePt / 72)
	// A ruled table's text is read cell by cell (cells.go); a cell under
	// a seal is left to the detector's boxes, read whole as below.
	cells := slices.DeleteFunc(tableCells(hs, vs, w, h), func(c image.Rectangle) bool {
		return slices.ContainsFunc(sealed, c.Overlaps)
	})
	pieces, marks, cellOf := cellLines(g, t, cells, minLine)
	for _, b := range boxes {
		if cellAt(cells, b) >= 0 {
			continue
		}
		for _, c := range cut(b) {
			// Under a seal the red ink's residue makes bands of its own,
			// which read as digits: a box there is read whole.
			if slices.ContainsFunc(sealed, c.Overlaps) {
				pieces = append(pieces, c)
				continue
			}
			pieces = append(pieces, splitLines(g, t, c, hs, minLine)...)
		}
	}
	pieces = dedupe(pieces)
	lines, err := rec.Read(ctx, g, pieces)
	if err != nil {
		return page.Page{}, err
	}
	ml, err := readMarks(ctx, rec, g, marks)
	if err != nil {
		return page.Page{}, err
	}
	lines = append(lines, ml...)
	return assemble(number, w, h, dpi, lines, hs, vs, sealed, ink, cellOf), nil
}

// prepare finds the page's seals, greys it (their red ink dropped), evens
// its light and binarises it: the seal boxes, the grey page, its ink
// threshold and ink mask.
func prepare(img *image.RGBA, dpi float64) ([]image.Rectangle, *image.Gray, uint8, []bool) {
	sealed := seals(img, dpi)
	g := grey(img, sealed)
	flatten(g, dpi)
	t := otsu(g)
	return sealed, g, t, binarize(g, t)
}

// shrink scales img by f < 1 (box filter: every source pixel counts once).
func shrink(img *image.RGBA, f float64) *image.RGBA {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	nw, nh := max(1, int(float64(w)*f)), max(1, int(float64(h)*f))
	out := image.NewRGBA(image.Rect(0, 0, nw, nh))
	for y := range nh {
		sy0, sy1 := y*h/nh, max(y*h/nh+1, (y+1)*h/nh)
		for x := range nw {
			sx0, sx1 := x*w/nw, max(x*w/nw+1, (x+1)*w/nw)
			var s [3]int
			n := 0
			for sy := sy0; sy < sy1; sy++ {
				p := img.Pix[sy*img.Stride+4*sx0:]
				for sx := sx0; sx < sx1; sx++ {
					s[0] += int(p[0])
					s[1] += int(p[1])
					s[2] += int(p[2])
					p = p[4:]
					n++
				}
			}
			o := out.Pix[y*out.Stride+4*x:]
			o[0], o[1], o[2], o[3] = uint8(s[0]/n), uint8(s[1]/n), uint8(s[2]/n), 255
		}
	}
	return out
}
