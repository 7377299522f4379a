package scan

import (
	"image"
	"slices"
	"strings"
	"unicode"

	"github.com/kaoping/kaoping/ingest/ocr"
)

// The recogniser tells （ from ( and ， from , badly: it learnt the shapes,
// and the two differ mostly in the room around them. A full-width mark
// fills an em: （ has its ink at the right of the em, so a wide blank
// before it; ） and ， have theirs at the left, so a wide blank after. A
// half-width one sits close to its neighbours on both sides. A source mixes
// both (（泉政办〔2023〕2号） beside (泉委办〔2018〕84号)), so the width is
// read from the page, not assumed. A 。 read as o is put back by its size.

// fullBlank is the blank beside a mark, in ems, past which it is
// full-width: a full-width mark leaves half an em or more, a half-width one
// a tenth.
const fullBlank = 0.3

// Full-width marks with their ink at the left of the em (a blank half em
// after them) and at the right (a blank half em before).
const (
	inkLeft  = "》」』】〕）〉，。、；：！？"
	inkRight = "《「『【〔（〈"
)

// punctWidths sets the width of the brackets and commas of one line from
// the blank around their ink. top and bottom are the line's ink rows, ink
// the page's mask (w wide). A mark whose blank reaches the line's box edge
// is left as read: what lies past the box is not known.
func punctWidths(cs []ocr.Char, line image.Rectangle, ink []bool, w, top, bottom int) []ocr.Char {
	em := float64(bottom - top)
	if em < 4 {
		return cs
	}
	h := len(ink) / w
	top, bottom = max(0, top), min(h, bottom)
	inked := func(x int) bool {
		if x < 0 || x >= w {
			return false
		}
		for y := top; y < bottom; y++ {
			if ink[y*w+x] {
				return true
			}
		}
		return false
	}
	// blank counts the blank columns from x in direction d, up to an em;
	// ok is false when the count reached the line box's edge first.
	blank := func(x, d int) (n int, ok bool) {
		for ; n < int(em); n++ {
			x += d
			if x < line.Min.X || x >= line.Max.X {
				return n, false
			}
			if inked(x) {
				return n, true
			}
		}
		return n, true
	}
	var out []ocr.Char
	set := func(i int, s string) {
		if cs[i].Text == s {
			return
		}
		if out == nil {
			out = slices.Clone(cs)
		}
		out[i].Text = s
	}
	for i, c := range cs {
		var full, half string
		before := false // the blank that tells is before the mark
		switch c.Text {
		case "(", "（":
			full, half, before = "（", "(", true
		case ")", "）":
			full, half = "）", ")"
		case ",", "，":
			full, half = "，", ","
		case "o", "O", "0", "°":
			if isFullStop(cs, i, ink, w, top, em) {
				set(i, "。")
			}
			continue
		default:
			continue
		}
		x0, x1, ok := markInk(c.Box, inked)
		if !ok {
			continue
		}
		var n int
		need := fullBlank
		if before {
			n, ok = blank(x0, -1)
			// After a full-width mark with its ink at the left of its
			// em (》(泉委办), the blank holds that mark's own half em.
			if i > 0 && strings.Contains(inkLeft, cs[i-1].Text) && cs[i-1].Text != "" {
				need += 0.5
			}
		} else {
			n, ok = blank(x1-1, 1)
			if i+1 < len(cs) && strings.Contains(inkRight, cs[i+1].Text) && cs[i+1].Text != "" {
				need += 0.5
			}
		}
		if !ok {
			continue
		}
		if float64(n) >= need*em {
			set(i, full)
		} else {
			set(i, half)
		}
	}
	if out == nil {
		return cs
	}
	return out
}

// markInk finds the columns of a mark's ink: the run of inked columns
// nearest the middle of its recogniser cell.
func markInk(b image.Rectangle, inked func(int) bool) (x0, x1 int, ok bool) {
	mid := (b.Min.X + b.Max.X) / 2
	x := -1
	for d := 0; d <= b.Dx()/2+1 && x < 0; d++ {
		if inked(mid - d) {
			x = mid - d
		} else if inked(mid + d) {
			x = mid + d
		}
	}
	if x < 0 {
		return 0, 0, false
	}
	x0, x1 = x, x+1
	for inked(x0 - 1) {
		x0--
	}
	for inked(x1) {
		x1++
	}
	return x0, x1, true
}

// isFullStop reports whether cs[i], read as a round letter or digit, is a
// 。: after a Han character, at the line's end or before Han text, and
// small and low as 。 is (a digit 0 or a letter o stands over half an em).
func isFullStop(cs []ocr.Char, i int, ink []bool, w, top int, em float64) bool {
	han := func(j int) bool {
		r := []rune(cs[j].Text)
		return len(r) == 1 && unicode.Is(unicode.Han, r[0])
	}
	if i == 0 || !han(i-1) || (i+1 < len(cs) && !han(i+1)) {
		return false
	}
	c := cs[i].Box
	x0, x1, ok := markInk(c, func(x int) bool {
		for y := max(0, c.Min.Y); y < min(len(ink)/w, c.Max.Y); y++ {
			if x >= 0 && x < w && ink[y*w+x] {
				return true
			}
		}
		return false
	})
	if !ok {
		return false
	}
	b := inkBox(ink, w, image.Rect(x0, c.Min.Y, x1, c.Max.Y))
	return float64(b.Dy()) < 0.45*em && float64(b.Min.Y-top) > 0.4*em
}
