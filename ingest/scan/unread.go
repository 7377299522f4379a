package scan

import (
	"image"
	"slices"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/model/cjk"
)

// unreadConf is the confidence a line's end character gets when ink lies
// beside it that no character was read from: the detector's box stops
// short of a small trailing mark (the 。 closing a cell, a ， before a
// wrap), and the recogniser, which never saw it, is sure of what it read.
// Low enough for a low-confidence finding: the clerk checks the paper.
const unreadConf = 0.5

// unreadInk lowers the confidence of the first or last character of a line
// when ink of a mark's size lies in the line's ink rows [top, bottom)
// within an em past it, outside every other line's box and short of the next
// vertical rule (a cell's border is not text). boxes are all lines' boxes;
// ink is the page's mask, w wide.
func unreadInk(cs []ocr.Char, own image.Rectangle, boxes []image.Rectangle, vs []ruling, ink, ruled []bool, w, top, bottom int) []ocr.Char {
	em := bottom - top
	if len(cs) == 0 || em < 4 {
		return cs
	}
	h := len(ink) / w
	// A mark's ink: a 、 or 。 of a 五号 character holds about a
	// fiftieth of its em square.
	minInk := max(3, em*em/50)
	count := func(x0, x1 int) int {
		n := 0
		for y := max(0, top); y < min(h, bottom); y++ {
		next:
			for x := max(0, x0); x < min(w, x1); x++ {
				if !ink[y*w+x] || ruled[y*w+x] {
					continue
				}
				p := image.Pt(x, y)
				for _, b := range boxes {
					if b != own && p.In(b) {
						continue next
					}
				}
				n++
			}
		}
		return n
	}
	// ruleAt is where the nearest vertical rule crossing the band from x
	// in direction d (one x may already stand on) stops the search, or
	// limit.
	ruleAt := func(x, d, limit int) int {
		mid := float64(top+bottom) / 2
		for _, v := range vs {
			c := int(v.centre)
			if float64(v.from) > mid || float64(v.to) < mid {
				continue
			}
			half := int(v.thickness/2) + 2
			if d > 0 && c+half > x && c-half < limit {
				limit = c - half
			}
			if d < 0 && c-half < x && c+half > limit {
				limit = c + half
			}
		}
		return limit
	}
	var out []ocr.Char
	lower := func(i int) {
		if cs[i].Conf <= unreadConf {
			return
		}
		if out == nil {
			out = append([]ocr.Char(nil), cs...)
		}
		out[i].Conf = unreadConf
	}
	last := cs[len(cs)-1].Box
	if x0 := last.Max.X; count(x0, ruleAt(x0, 1, max(x0, own.Max.X)+em)) >= minInk {
		lower(len(cs) - 1)
	}
	first := cs[0].Box
	if x1 := first.Min.X; count(ruleAt(x1, -1, min(x1, own.Min.X)-em), x1) >= minInk {
		lower(0)
	}
	if out == nil {
		return cs
	}
	return out
}

// ruleMask marks the pixels of the rules, a pixel wider on each side as
// erase paints them: their ink is not a character's.
func ruleMask(w, h int, rs ...[]ruling) []bool {
	m := make([]bool, w*h)
	for _, set := range rs {
		rulePixels(w, h, set, func(px, py int) { m[py*w+px] = true })
	}
	return m
}

// lostRoom is the least distance, in ems, between the middles of two
// full-width characters read side by side that leaves room for one the
// recogniser lost between them, half way between the two cases: with
// nothing between, they stand an em apart; with the narrowest character
// between (a digit, a half-width mark: half an em), an em and a half.
// Closer, what the recogniser half saw there is its neighbours' ink seen
// once more (the 丨 of 引 as a |, in 大力招引龙头企业).
const lostRoom = 1.25

// lostChars lowers to 1 − Lost the confidence of the two characters on
// either side of a blank where the recogniser put probability on a
// character it did not read (ocr.Char.Lost), when the blank has room for
// one. em is the line's ink height, the font size. Beside a character
// that is not full-width (a digit, a Latin letter) the widths are the
// font's and not known here, so the recogniser's probability alone tells.
func lostChars(cs []ocr.Char, em float64) []ocr.Char {
	wide := func(c ocr.Char) bool {
		r := []rune(c.Text)
		return len(r) == 1 && cjk.Wide(r[0])
	}
	var out []ocr.Char
	for i := 1; i < len(cs); i++ {
		lost := cs[i].Lost
		if lost <= 0 || wide(cs[i-1]) && wide(cs[i]) && cs[i].X-cs[i-1].X < lostRoom*em {
			continue
		}
		if out == nil {
			out = slices.Clone(cs)
		}
		out[i-1].Conf = min(out[i-1].Conf, 1-lost)
		out[i].Conf = min(out[i].Conf, 1-lost)
	}
	if out == nil {
		return cs
	}
	return out
}
