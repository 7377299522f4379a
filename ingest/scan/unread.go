package scan

import (
	"image"

	"github.com/kaoping/kaoping/ingest/ocr"
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
