package scan

import (
	"image"
)

// A ruling is a table line found in the ink mask by a morphological
// opening along one direction: runs of ink at least minLen long, linked
// across neighbouring rows (a slightly sloping line is a staircase of runs),
// kept only if thin. The thin-line filter is what keeps a dense row of text
// out: its strokes merge into long runs only where characters touch, and
// such a band is as thick as the text, not as a pen line.
type ruling struct {
	horizontal bool
	// Along is the extent along the line, Across its centre line and
	// thickness across, in pixels.
	from, to  int
	centre    float64
	thickness float64
	runs      []run // the ink runs that make it, to erase them before recognition
}

type run struct{ line, from, to int } // row (or column) and extent along it, to inclusive

// rulingParams derives the lengths from the resolution: a table line is at
// least a quarter inch (a cell of one short line), a pen line at most
// 1/30 inch (2.4 pt) thick, and breaks of 1/60 inch from noise or JPEG
// are bridged.
type rulingParams struct {
	minLen, maxGap int
	maxThick       float64
	// resampled: the page's pixels are not the ones it came with — it was
	// shrunk (a page above maxSide) or turned level (Page) — so a rule as
	// thin as a pixel may fall across two (findRulings).
	resampled bool
}

func paramsFor(dpi float64) rulingParams {
	return rulingParams{minLen: int(dpi / 4), maxGap: max(1, int(dpi/60)), maxThick: dpi / 30}
}

// findRulings returns the horizontal and vertical rulings of g, whose ink
// is darker than t.
//
// On a resampled page (shrunk from a finer grid, or turned level) a rule
// about a pixel wide falls across two pixel rows, each part dark and
// perhaps paler than t, though the two together hold a pixel's worth of
// ink: a box filter or an interpolation keeps ink, not darkness (the
// 300-dpi hairlines of a Calc form shrunk to 205 dpi read 181 and 164
// against a threshold of 174). So there a pixel is a rule's ink when it
// and the darker of its neighbours across the rule's direction hold as
// much ink as one pixel at the threshold, it holds at least half of that
// (the darker half of a split rule always does; the pale fringe of a dark
// rule does not), and the pair has paper on both sides (a blurred stroke's
// grey goes on: a phone photo's lines of text must not become bands).
// Across, not along: a horizontal rule's mask thickens strokes vertically
// only, so the gaps between the characters of a line of text, which keep
// their strokes' runs short, stay open.
func findRulings(g *image.Gray, t uint8, p rulingParams) (hs, vs []ruling) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	need := 255 - int(t)
	// dark is the ink of a pixel, 255 − grey, 0 outside the page.
	dark := func(x, y int) int {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		return 255 - int(g.Pix[y*g.Stride+x])
	}
	rule := func(x, y, dx, dy int) bool {
		d := 255 - int(g.Pix[y*g.Stride+x])
		if d >= need {
			return true
		}
		if 2*d < need {
			return false
		}
		// The pair p, q (q the darker neighbour) must hold a pixel's
		// worth, and stand on paper: a rule split in two has light on
		// both sides, a blurred stroke's grey goes on.
		a, b := dark(x-dx, y-dy), dark(x+dx, y+dy)
		if b < a {
			dx, dy, a, b = -dx, -dy, b, a
		}
		return d+b >= need && 2*a < need && 2*dark(x+2*dx, y+2*dy) < need
	}
	across := func(dx, dy int) []bool {
		m := make([]bool, w*h)
		for y := range h {
			for x := range w {
				m[y*w+x] = rule(x, y, dx, dy)
			}
		}
		return m
	}
	inkH, inkV := binarize(g, t), []bool(nil)
	if p.resampled {
		inkH, inkV = across(0, 1), across(1, 0)
	} else {
		inkV = inkH
	}
	hs = scanRuns(func(line, i int) bool { return inkH[line*w+i] }, h, w, p, true)
	vs = scanRuns(func(line, i int) bool { return inkV[i*w+line] }, w, h, p, false)
	return connected(hs, vs, p), connected(vs, hs, p)
}

// scanRuns finds the rulings along lines of length n, nLines of them.
func scanRuns(at func(line, i int) bool, nLines, n int, p rulingParams, horizontal bool) []ruling {
	type open struct {
		r    *ruling
		last run // its run on the previous line
	}
	var done []*ruling
	var active []open
	for line := range nLines {
		var runs []run
		for i := 0; i < n; {
			if !at(line, i) {
				i++
				continue
			}
			from, to := i, i
			for j := i + 1; j < n && j <= to+p.maxGap+1; j++ {
				if at(line, j) {
					to = j
				}
			}
			if to-from+1 >= p.minLen {
				runs = append(runs, run{line, from, to})
			}
			i = to + 1
		}
		var next []open
		used := make([]bool, len(active))
		for _, r := range runs {
			linked := false
			for k, a := range active {
				if used[k] || !overlapHalf(a.last, r) {
					continue
				}
				used[k], linked = true, true
				a.r.runs = append(a.r.runs, r)
				a.r.from, a.r.to = min(a.r.from, r.from), max(a.r.to, r.to)
				next = append(next, open{a.r, r})
				break
			}
			if !linked {
				nr := &ruling{horizontal: horizontal, from: r.from, to: r.to, runs: []run{r}}
				done = append(done, nr)
				next = append(next, open{nr, r})
			}
		}
		active = next
	}
	var out []ruling
	for _, r := range done {
		var count, sum float64
		for _, x := range r.runs {
			l := float64(x.to - x.from + 1)
			count += l
			sum += l * float64(x.line)
		}
		r.centre = sum / count
		r.thickness = count / float64(r.to-r.from+1)
		if r.thickness <= p.maxThick {
			out = append(out, *r)
		}
	}
	return out
}

func overlapHalf(a, b run) bool {
	o := min(a.to, b.to) - max(a.from, b.from) + 1
	return o*2 >= min(a.to-a.from+1, b.to-b.from+1)
}

// connected keeps the rulings that are long (an inch or more: a table's
// outer frame, a 版记 rule) or meet a ruling of the other direction (a
// cell's side): a lone short stroke is a character's.
func connected(rs, others []ruling, p rulingParams) []ruling {
	var out []ruling
	tol := float64(p.maxGap) + p.maxThick
	for _, r := range rs {
		if r.to-r.from+1 >= 4*p.minLen {
			out = append(out, r)
			continue
		}
		for _, o := range others {
			// o's centre line must fall within r's extent, and r's centre
			// within o's.
			if o.centre >= float64(r.from)-tol && o.centre <= float64(r.to)+tol &&
				r.centre >= float64(o.from)-tol && r.centre <= float64(o.to)+tol {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// erase paints the rulings' ink white in g, one pixel wider on each side,
// so that the recogniser does not read a cell's border as 丨 or 一.
func erase(g *image.Gray, rs []ruling) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	rulePixels(w, h, rs, func(px, py int) { g.Pix[py*g.Stride+px] = 255 })
}

// rulePixels calls f with every pixel of the rulings' ink in a w×h image,
// one pixel wider on each side (the pixels erase paints, the ones ruleMask
// marks).
func rulePixels(w, h int, rs []ruling, f func(px, py int)) {
	for _, r := range rs {
		for _, x := range r.runs {
			for d := -1; d <= 1; d++ {
				l := x.line + d
				for i := max(0, x.from-1); i <= x.to+1; i++ {
					px, py := i, l
					if !r.horizontal {
						px, py = l, i
					}
					if px >= 0 && py >= 0 && px < w && py < h {
						f(px, py)
					}
				}
			}
		}
	}
}

// outsideText drops the rulings that stay within the band of a line of
// text: strokes of large or bold characters, long and thin enough to pass
// as rules. A table's rule runs past the text it borders (a column's rule
// through many rows, a row's rule across many columns); a stroke ends
// within its character's line, give or take a quarter of its height, and
// may sit at a box's edge when the detector cut the line there.
func outsideText(rs []ruling, boxes []image.Rectangle) []ruling {
	var out []ruling
next:
	for _, r := range rs {
		for _, b := range boxes {
			h := b.Dy()
			if r.horizontal {
				if r.centre >= float64(b.Min.Y-h/4) && r.centre <= float64(b.Max.Y+h/4) &&
					r.from >= b.Min.X-h/2 && r.to <= b.Max.X+h/2 {
					continue next
				}
			} else if r.centre >= float64(b.Min.X-h/2) && r.centre <= float64(b.Max.X+h/2) &&
				r.from >= b.Min.Y-h/4 && r.to <= b.Max.Y+h/4 {
				continue next
			}
		}
		out = append(out, r)
	}
	return out
}
