package scan

import (
	"image"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// splitter cuts a detected line box at the vertical rulings that cross its
// middle: the detector sees text, not cells, and joins the texts of two
// neighbouring cells on one baseline into one box.
func splitter(vs []ruling) func(image.Rectangle) []image.Rectangle {
	return func(b image.Rectangle) []image.Rectangle {
		mid := float64(b.Min.Y+b.Max.Y) / 2
		var cuts []int
		for _, v := range vs {
			x := int(v.centre + 0.5)
			half := int(v.thickness/2) + 1
			if float64(v.from) <= mid && float64(v.to) >= mid && x-half > b.Min.X+2 && x+half < b.Max.X-2 {
				cuts = append(cuts, x)
			}
		}
		if len(cuts) == 0 {
			return []image.Rectangle{b}
		}
		var out []image.Rectangle
		for _, s := range segments(b.Min.X, b.Max.X, cuts) {
			out = append(out, image.Rect(s[0], b.Min.Y, s[1], b.Max.Y))
		}
		return out
	}
}

// ocrFont is the font name of glyphs read by OCR.
const ocrFont = "OCR"

// assemble builds the page: every recognised character a glyph, its box
// narrowed to its ink, sizes from the line height, coordinates in points.
// cellOf names the table cell of a line read cell by cell (cellLines).
func assemble(number, w, h int, dpi float64, lines []ocr.Line, hs, vs []ruling, sealed []image.Rectangle, ink []bool, cellOf map[image.Rectangle]int) page.Page {
	s := 72 / dpi
	minLine := int(dpi * minLinePt / 72)
	p := page.Page{Number: number, Width: float64(w) * s, Height: float64(h) * s}
	ruled := ruleMask(w, h, hs, vs)
	boxes := make([]image.Rectangle, len(lines))
	for i, l := range lines {
		boxes[i] = l.Box
	}
	var spans []cellSpan
	for _, l := range lines {
		var glyphs []page.Glyph
		top, bottom := l.Box.Max.Y, l.Box.Min.Y
		chars := hyphenOne(docNumberBrackets(sealResidue(l.Chars, sealed)))
		for _, c := range chars {
			b := inkBox(ink, w, c.Box)
			top, bottom = min(top, b.Min.Y), max(bottom, b.Max.Y)
		}
		if bottom <= top {
			top, bottom = l.Box.Min.Y, l.Box.Max.Y
		}
		// The line's own ink rows: its box may reach into the line above
		// or below (the next line of a wrapped cell), whose ink would
		// make the two lines overlap and be read as one, their
		// characters interleaved (12前月底 for 12月底 / 前).
		if bd, ok := ownBand(ink, w, l.Box.Intersect(image.Rect(0, 0, w, h)), minLine); ok {
			top, bottom = max(top, bd.top), min(bottom, bd.bottom)
		}
		chars = unreadInk(chars, l.Box, boxes, vs, ink, ruled, w, top, bottom)
		// lostChars after punctWidths, which gives a mark back the
		// probability of its other width: a character perhaps lost beside
		// it is a doubt the page does not settle.
		for _, c := range lostChars(punctWidths(chars, l.Box, ink, w, top, bottom), float64(bottom-top)) {
			// Across, the glyph keeps the recogniser's cell (half way to
			// its neighbours), as a font's advance does: a narrow digit
			// must not open a gap that reads as a space.
			glyphs = append(glyphs, page.Glyph{Text: c.Text, Box: box(c.Box, s), Font: ocrFont, Conf: c.Conf})
		}
		// Every glyph spans the line's ink height, as a font's glyph box
		// spans the em: a 、 or 。 keeps its line, and the font size is the
		// line's ink height (CJK ink fills about the em square).
		size := float64(bottom-top) * s
		for i := range glyphs {
			glyphs[i].Size = size
			glyphs[i].Box.Y0, glyphs[i].Box.Y1 = float64(top)*s, float64(bottom)*s
		}
		if c, ok := cellOf[l.Box]; ok {
			spans = append(spans, cellSpan{cell: c, top: top, from: len(p.Glyphs), to: len(p.Glyphs) + len(glyphs)})
		}
		p.Glyphs = append(p.Glyphs, glyphs...)
	}
	pairBrackets(p.Glyphs, spans)
	wrapCommas(p.Glyphs, spans)
	p.Segments = segmentsOf(hs, vs, s)
	for _, b := range sealed {
		p.Seals = append(p.Seals, box(b, s))
	}
	return p
}

// residueConf is the confidence under which a character read under a seal
// that is not Han is taken for what the red ink left after it was
// dropped: the ring and the star leave strokes that the recogniser reads as
// Latin letters and digits (celll, BCR) at 0.05–0.5, while the 署名 and
// date under the seal read at 0.99 and up.
const residueConf = 0.5

// sealResidue drops from cs the characters centred under a seal, not
// Han, read below residueConf: the seal's ink, not text.
func sealResidue(cs []ocr.Char, sealed []image.Rectangle) []ocr.Char {
	if len(sealed) == 0 {
		return cs
	}
	out := make([]ocr.Char, 0, len(cs))
	for _, c := range cs {
		mid := image.Pt((c.Box.Min.X+c.Box.Max.X)/2, (c.Box.Min.Y+c.Box.Max.Y)/2)
		r := []rune(c.Text)
		if c.Conf < residueConf && len(r) == 1 && !cjk.Han(r[0]) &&
			slices.ContainsFunc(sealed, func(s image.Rectangle) bool { return mid.In(s) }) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// A cellSpan is one line of a table cell read cell by cell: its cell, its
// top row, and its glyphs' range in the page's.
type cellSpan struct{ cell, top, from, to int }

// pairBrackets gives a closing bracket that ends a line of a cell the
// width of the bracket it closes. At a line's end the blank after the mark
// is the cell's, not the mark's, so punctWidths leaves it as read, and the
// recogniser reads the end of 〔2023〕2号） as ) as often as not; the
// opening bracket, read in its line, tells which the source used, and a
// source closes what it opens alike.
func pairBrackets(gs []page.Glyph, spans []cellSpan) {
	slices.SortStableFunc(spans, func(a, b cellSpan) int {
		if a.cell != b.cell {
			return a.cell - b.cell
		}
		return a.top - b.top
	})
	var open []int // glyph indexes of the cell's unclosed brackets
	for k, sp := range spans {
		if k == 0 || spans[k-1].cell != sp.cell {
			open = open[:0]
		}
		for i := sp.from; i < sp.to; i++ {
			switch gs[i].Text {
			case "(", "（":
				open = append(open, i)
			case ")", "）":
				if len(open) == 0 {
					continue
				}
				o := open[len(open)-1]
				open = open[:len(open)-1]
				if i == sp.to-1 {
					gs[i].Text = map[string]string{"(": ")", "（": "）"}[gs[o].Text]
				}
			}
		}
	}
}

// wrapCommas reads a , at the end or the start of a cell's line, between
// two Han characters of the cell's text, as ，: there too the blank beside
// it is the cell's (punctWidths leaves it as read), and Chinese text
// between Han characters takes the full-width comma. spans are sorted by
// pairBrackets.
func wrapCommas(gs []page.Glyph, spans []cellSpan) {
	han := func(i int) bool {
		r := []rune(gs[i].Text)
		return len(r) == 1 && cjk.Han(r[0])
	}
	for k, sp := range spans {
		for _, i := range []int{sp.from, sp.to - 1} {
			if i < sp.from || gs[i].Text != "," {
				continue
			}
			// The neighbours in the cell's reading order, across the wrap.
			prev, next := i-1, i+1
			if i == sp.from {
				prev = -1
				if k > 0 && spans[k-1].cell == sp.cell && spans[k-1].to > spans[k-1].from {
					prev = spans[k-1].to - 1
				}
			}
			if i == sp.to-1 {
				next = -1
				if k+1 < len(spans) && spans[k+1].cell == sp.cell && spans[k+1].to > spans[k+1].from {
					next = spans[k+1].from
				}
			}
			if prev >= 0 && next >= 0 && han(prev) && han(next) {
				gs[i].Text = "，"
			}
		}
	}
}

// inkBox narrows r to the ink inside it; r itself when it holds none.
func inkBox(ink []bool, w int, r image.Rectangle) image.Rectangle {
	h := len(ink) / w
	r = r.Intersect(image.Rect(0, 0, w, h))
	x0, y0, x1, y1 := r.Max.X, r.Max.Y, r.Min.X, r.Min.Y
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := ink[y*w:]
		for x := r.Min.X; x < r.Max.X; x++ {
			if row[x] {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x+1), max(y1, y+1)
			}
		}
	}
	if x1 <= x0 || y1 <= y0 {
		return r
	}
	return image.Rect(x0, y0, x1, y1)
}

func box(r image.Rectangle, s float64) model.Box {
	return model.Box{X0: float64(r.Min.X) * s, Y0: float64(r.Min.Y) * s, X1: float64(r.Max.X) * s, Y1: float64(r.Max.Y) * s}
}

// Brackets the recogniser confuses around the year of a 发文字号.
const (
	openBrackets  = "〔[【［(（"
	closeBrackets = "〕]】］)）"
)

// doubtfulBracket is the confidence given to a bracket of a 发文字号 that
// was read as another: low enough for a low-confidence finding.
const doubtfulBracket = 0.5

// docNumberBrackets reads the brackets around a year followed by a serial
// and 号 (泉芯管〔2023〕9号) as GB/T 9704's 〔〕. The recogniser takes 〔 for
// [ or 【 and mixes them within one number, which breaks the 发文字号 the
// notice parser looks for; a bracket it did not read as 〔 or 〕 keeps a
// confidence of doubtfulBracket, so the clerk is told to check the paper.
func docNumberBrackets(cs []ocr.Char) []ocr.Char {
	isDigit := func(c ocr.Char) bool { return len(c.Text) == 1 && c.Text[0] >= '0' && c.Text[0] <= '9' }
	for i := 0; i+5 < len(cs); i++ {
		if !strings.Contains(openBrackets, cs[i].Text) || cs[i].Text == "" {
			continue
		}
		j := i + 1
		for j < len(cs) && isDigit(cs[j]) {
			j++
		}
		if j-i-1 != 4 || j >= len(cs) || !strings.Contains(closeBrackets, cs[j].Text) || cs[j].Text == "" {
			continue
		}
		k := j + 1
		for k < len(cs) && isDigit(cs[k]) {
			k++
		}
		// The line may end after the year or the serial, the rest of the
		// number wrapped to the cell's next line (泉委办[2018]84 / 号)),
		// when the brackets are square ones the recogniser took 〔〕 for:
		// a year in parentheses ending a line is a year.
		year := cs[i+1].Text + cs[i+2].Text
		paren := strings.Contains("(（", cs[i].Text) || strings.Contains(")）", cs[j].Text)
		wrapped := k == len(cs) && !paren && (year == "19" || year == "20")
		if !wrapped && (k == j+1 || k >= len(cs) || cs[k].Text != "号") {
			continue
		}
		out := slices.Clone(cs)
		setBracket(out, i, "〔")
		setBracket(out, j, "〕")
		return out
	}
	return wrappedNumberBrackets(cs)
}

// wrappedNumberBrackets reads the brackets of a 发文字号 whose year is
// broken over two lines of a cell (泉政办〔202 / 3〕2号）): an opening
// bracket ending the line with the first digits of a year (1…, 19…, 20…),
// and a closing bracket after the last digits of one at the start of a
// line, followed by a serial and 号.
func wrappedNumberBrackets(cs []ocr.Char) []ocr.Char {
	isDigit := func(c ocr.Char) bool { return len(c.Text) == 1 && c.Text[0] >= '0' && c.Text[0] <= '9' }
	var out []ocr.Char
	set := func(i int, want string) {
		if out == nil {
			out = slices.Clone(cs)
		}
		setBracket(out, i, want)
	}
	// The opening bracket: the last one of the line, then only digits.
	if i := len(cs) - 1; i >= 1 {
		for i >= 0 && isDigit(cs[i]) {
			i--
		}
		n := len(cs) - 1 - i
		if i >= 0 && n >= 1 && n <= 3 && strings.Contains(openBrackets, cs[i].Text) && cs[i].Text != "" {
			year := cs[i+1].Text
			if n >= 2 {
				year += cs[i+2].Text
			}
			if slices.Contains([]string{"1", "2", "19", "20"}, year) {
				set(i, "〔")
			}
		}
	}
	// The closing bracket: up to three digits from the line's start.
	j := 0
	for j < len(cs) && isDigit(cs[j]) {
		j++
	}
	if j >= 1 && j <= 3 && j+2 < len(cs) && strings.Contains(closeBrackets, cs[j].Text) && cs[j].Text != "" {
		k := j + 1
		for k < len(cs) && isDigit(cs[k]) {
			k++
		}
		if k > j+1 && k < len(cs) && cs[k].Text == "号" {
			set(j, "〕")
		}
	}
	if out == nil {
		return cs
	}
	return out
}

// setBracket makes cs[i] the bracket want; a bracket read as another keeps
// a confidence of at most doubtfulBracket.
func setBracket(cs []ocr.Char, i int, want string) {
	if cs[i].Text != want {
		cs[i].Text = want
		cs[i].Conf = min(cs[i].Conf, doubtfulBracket)
	}
}

// hyphenOne reads a hyphen before a Han character, at the start of a line
// or after another Han character, as 一: the two are one stroke to the
// recogniser (-级指标, -批), and a hyphen has no place inside Chinese words.
// Between digits (1-1-2) it stays a hyphen.
func hyphenOne(cs []ocr.Char) []ocr.Char {
	han := func(i int) bool {
		if i < 0 || i >= len(cs) {
			return false
		}
		r := []rune(cs[i].Text)
		return len(r) == 1 && cjk.Han(r[0])
	}
	var out []ocr.Char
	for i, c := range cs {
		if (c.Text == "-" || c.Text == "—") && han(i+1) && (i == 0 || han(i-1)) {
			if out == nil {
				out = slices.Clone(cs)
			}
			out[i].Text = "一"
		}
	}
	if out == nil {
		return cs
	}
	return out
}
