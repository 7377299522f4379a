package scan

import (
	"image"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/model/cjk"
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

// punctWidths sets the width of the brackets, commas and full stops of one
// line from the blank around their ink, and tells a 一字线 from a hyphen by
// its width. top and bottom are the line's ink rows, ink the page's mask (w
// wide). A mark whose blank reaches the line's box edge cannot be measured:
// what lies past the box is not known. A closing bracket there takes the
// width of the one it closes, another mark after a Han character is
// full-width, and the recogniser's doubt about it stays; where the blank
// was measured, the probability it put on the mark's other width is
// added to the mark's.
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
	// measured gives back the probability the recogniser put on the other
	// width of the mark the page has now told: its doubt was between the
	// two, and the blank around the ink settled it.
	measured := func(i int, full, half string) {
		if a := cs[i].Alt; a != cs[i].Text && (a == full || a == half) {
			if out == nil {
				out = slices.Clone(cs)
			}
			out[i].Conf = min(1, cs[i].Conf+cs[i].AltConf)
		}
	}
	text := func(i int) string {
		if out != nil {
			return out[i].Text
		}
		return cs[i].Text
	}
	han := func(i int) bool {
		if i < 0 || i >= len(cs) {
			return false
		}
		r := []rune(cs[i].Text)
		return len(r) == 1 && cjk.Han(r[0])
	}
	// opens holds the brackets opened and not yet closed, as read.
	var opens []int
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
		case ".", "。":
			// After a digit or a letter it is a decimal or list point,
			// or a URL's.
			if !han(i - 1) {
				continue
			}
			full, half = "。", "."
		case "-", "—":
			// A dash as wide as the line is high is a 一字线 (— 1 —, a
			// 公文's page number); a hyphen is a third of that. Between Han
			// characters it is 一 (hyphenOne), which is as wide.
			if x0, x1, ok := barInk(c.Box, ink, w, top, bottom); ok && !han(i-1) && !han(i+1) {
				if float64(x1-x0) >= dashWidth*em {
					set(i, "—")
				} else {
					set(i, "-")
				}
			}
			continue
		case "o", "O", "0", "°":
			if isFullStop(cs, i, ink, w, top, em) {
				set(i, "。")
				measured(i, "。", ".")
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
			if i > 0 && strings.Contains(inkLeft, text(i-1)) && text(i-1) != "" {
				need += 0.5
			}
		} else {
			n, ok = blank(x1-1, 1)
			if i+1 < len(cs) && strings.Contains(inkRight, cs[i+1].Text) && cs[i+1].Text != "" {
				need += 0.5
			}
		}
		switch {
		case ok && float64(n) >= need*em:
			set(i, full)
			measured(i, full, half)
		case ok:
			set(i, half)
			measured(i, full, half)
		case !before && full == "）" && len(opens) > 0:
			// At the box's edge: a closing bracket is as wide as the
			// one it closes.
			if text(opens[len(opens)-1]) == "（" {
				set(i, full)
			} else {
				set(i, half)
			}
		case !before && han(i-1):
			// Else a mark after a Han character is full-width.
			set(i, full)
		}
		switch {
		case before:
			opens = append(opens, i)
		case full == "）" && len(opens) > 0:
			opens = opens[:len(opens)-1]
		}
	}
	if out == nil {
		return cs
	}
	return out
}

// dashWidth is the ink width of a dash, in ems of the line's ink height,
// from which it is a 一字线 (—): a hyphen's ink is about a third of an em.
const dashWidth = 0.7

// markInk finds the columns of a mark's ink: the run of inked columns
// nearest the middle of its recogniser cell.
func markInk(b image.Rectangle, inked func(int) bool) (x0, x1 int, ok bool) {
	x, ok := nearestInk(b, inked)
	if !ok {
		return 0, 0, false
	}
	x0, x1 = inkRun(x, inked)
	return x0, x1, true
}

// nearestInk returns the inked column nearest the middle of a recogniser
// cell b, the left one first at equal distance, looking up to half the
// cell's width (and one column) either side.
func nearestInk(b image.Rectangle, inked func(int) bool) (x int, ok bool) {
	mid := (b.Min.X + b.Max.X) / 2
	for d := 0; d <= b.Dx()/2+1; d++ {
		if inked(mid - d) {
			return mid - d, true
		} else if inked(mid + d) {
			return mid + d, true
		}
	}
	return 0, false
}

// inkRun returns the columns [x0, x1) of the run around column x for which
// in holds; in(x) is assumed.
func inkRun(x int, in func(int) bool) (x0, x1 int) {
	x0, x1 = x, x+1
	for in(x0 - 1) {
		x0--
	}
	for in(x1) {
		x1++
	}
	return x0, x1
}

// barInk finds the columns of a dash's ink: from the inked column nearest
// the middle of its recogniser cell, the columns whose ink in the line
// (rows top to bottom) lies on the bar's rows only. Blur joins a hyphen to
// its neighbours (1-4: the 1's foot, the 4's stroke), so the line's
// column projection would measure the three as one dash; a neighbour's
// column has ink above or below the bar.
func barInk(b image.Rectangle, ink []bool, w, top, bottom int) (x0, x1 int, ok bool) {
	col := func(x int) (r0, r1 int) {
		r0, r1 = -1, -1
		if x < 0 || x >= w {
			return
		}
		for y := top; y < bottom; y++ {
			if ink[y*w+x] {
				if r0 < 0 {
					r0 = y
				}
				r1 = y
			}
		}
		return
	}
	inked := func(c int) bool { c0, _ := col(c); return c0 >= 0 }
	x, ok := nearestInk(b, inked)
	if !ok {
		return 0, 0, false
	}
	r0, r1 := col(x)
	bar := func(c int) bool {
		c0, c1 := col(c)
		return c0 >= 0 && c0 >= r0-1 && c1 <= r1+1
	}
	if !bar(x) {
		// The middle column is not a bar's alone: measure as any mark.
		return markInk(b, inked)
	}
	x0, x1 = inkRun(x, bar)
	return x0, x1, true
}

// isFullStop reports whether cs[i], read as a round letter or digit, is a
// 。: after a Han character, at the line's end or before Han text, and
// small and low as 。 is (a digit 0 or a letter o stands over half an em).
func isFullStop(cs []ocr.Char, i int, ink []bool, w, top int, em float64) bool {
	han := func(j int) bool {
		r := []rune(cs[j].Text)
		return len(r) == 1 && cjk.Han(r[0])
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
