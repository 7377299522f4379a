package scan

import (
	"image"
	"slices"
)

// Text lines inside one detected box. In a table cell set solid (single
// line spacing, as Writer and Calc print a wrapped cell) the detector's
// kernels of two lines touch and it returns one box for both; read as one
// line, the recogniser interleaves their characters (实施产业“链长制”，落实
// 领导挂钩 / 服务重点项目机制。 came out as 链长制服”务，重落点实…). A
// box also crosses a table's horizontal rule when text sits close to it on
// both sides. So each box is cut at the horizontal rulings through it and
// at the blank rows between lines of ink, and each line is read alone.

// A band is a run of rows of a box that hold ink, top to bottom exclusive.
type band struct{ top, bottom int }

// splitLines cuts box b of the grey page g (ink darker than t) into its
// lines of text. minLine is the smallest height, in pixels, a line of text
// has (a few points at the page's dpi): a band lower than that is a stroke
// of a character — the two bars of 二 are apart by blank rows — or a mark,
// and stays with its neighbour.
func splitLines(g *image.Gray, t uint8, b image.Rectangle, hs []ruling, minLine int) []image.Rectangle {
	b = b.Intersect(g.Rect)
	if b.Dy() < 2*minLine {
		return []image.Rectangle{b}
	}
	var out []image.Rectangle
	for _, part := range cutAtRules(b, hs) {
		out = append(out, lineBands(g, t, part, minLine)...)
	}
	return out
}

// cutAtRules cuts b at the horizontal rulings that cross it through the
// middle half of its width and lie inside it, away from its edges.
func cutAtRules(b image.Rectangle, hs []ruling) []image.Rectangle {
	mid0, mid1 := b.Min.X+b.Dx()/4, b.Max.X-b.Dx()/4
	var cuts []int
	for _, r := range hs {
		y := int(r.centre + 0.5)
		half := int(r.thickness/2) + 1
		if r.from <= mid0 && r.to >= mid1 && y-half > b.Min.Y+2 && y+half < b.Max.Y-2 {
			cuts = append(cuts, y)
		}
	}
	if len(cuts) == 0 {
		return []image.Rectangle{b}
	}
	var out []image.Rectangle
	for _, s := range segments(b.Min.Y, b.Max.Y, cuts) {
		out = append(out, image.Rect(b.Min.X, s[0], b.Max.X, s[1]))
	}
	return out
}

// segments cuts [lo, hi] at each of cuts, leaving the rule's own ink (a
// pixel before a cut, two after) out of both pieces and dropping pieces of
// three pixels or less; a box is cut at horizontal rules (cutAtRules) and
// at vertical ones (splitter) the same way.
func segments(lo, hi int, cuts []int) [][2]int {
	slices.Sort(cuts)
	var out [][2]int
	a := lo
	for _, c := range cuts {
		if c-a > 3 {
			out = append(out, [2]int{a, c - 1})
		}
		a = c + 2
	}
	if hi-a > 3 {
		out = append(out, [2]int{a, hi})
	}
	return out
}

// lineBands splits b at blank rows into lines at least minLine high; a
// box holding one line (or no ink) is returned as it is.
func lineBands(g *image.Gray, t uint8, b image.Rectangle, minLine int) []image.Rectangle {
	if b.Dy() < 2*minLine {
		return []image.Rectangle{b}
	}
	dark := func(x, y int) bool { return g.Pix[(y-g.Rect.Min.Y)*g.Stride+x-g.Rect.Min.X] <= t }
	bands, lo, hi, dropped := textBands(dark, b, minLine, 0)
	if len(bands) == 1 && dropped {
		bd := bands[0]
		h := bd.bottom - bd.top
		return []image.Rectangle{image.Rect(b.Min.X, max(lo, bd.top-h/4), b.Max.X, min(hi, bd.bottom+h/4))}
	}
	if len(bands) < 2 {
		return []image.Rectangle{b}
	}
	return bandBoxes(g, t, b, bands, lo, hi)
}

// textBands finds the lines of text in b: the runs of rows holding ink
// (dark), a band cut by b's edge left to the neighbouring line's box, and
// bands lower than minLine joined to their nearer neighbour — unless the
// two would make a band taller than maxLine (0: no bound), as a line of
// marks alone (the 。 a wrapped cell ends with) and the line above do. lo
// and hi bound b's own lines: half way to a band left out (dropped).
func textBands(dark func(x, y int) bool, b image.Rectangle, minLine, maxLine int) (bands []band, lo, hi int, dropped bool) {
	// A row is blank with at most one dark pixel in 400 (scanner noise).
	noise := b.Dx()/400 + 1
	open := -1
	for y := b.Min.Y; y <= b.Max.Y; y++ {
		inked := false
		if y < b.Max.Y {
			n := 0
			for x := b.Min.X; x < b.Max.X; x++ {
				if dark(x, y) {
					n++
				}
			}
			inked = n > noise
		}
		switch {
		case inked && open < 0:
			open = y
		case !inked && open >= 0:
			bands = append(bands, band{open, y})
			open = -1
		}
	}
	// A band cut by the box's top or bottom edge, apart from a taller
	// one, is the neighbouring line's: the detector's margin reaches into
	// the line above or below. It is that line's box's to read.
	tallest := 0
	for _, bd := range bands {
		tallest = max(tallest, bd.bottom-bd.top)
	}
	lo, hi = b.Min.Y, b.Max.Y
	if len(bands) > 1 && bands[0].top == b.Min.Y && bands[0].bottom-bands[0].top < tallest {
		lo, dropped = (bands[0].bottom+bands[1].top)/2, true
		bands = bands[1:]
	}
	if n := len(bands); n > 1 && bands[n-1].bottom == b.Max.Y && bands[n-1].bottom-bands[n-1].top < tallest {
		hi, dropped = (bands[n-2].bottom+bands[n-1].top+1)/2, true
		bands = bands[:n-1]
	}
	// Bands lower than a line join the nearer neighbour, until every band
	// is a line.
	alone := map[band]bool{} // short bands that stay lines of their own
	for {
		k := slices.IndexFunc(bands, func(x band) bool { return x.bottom-x.top < minLine && !alone[x] })
		if k < 0 || len(bands) < 2 {
			break
		}
		j := k - 1
		if k == 0 || (k+1 < len(bands) && bands[k+1].top-bands[k].bottom < bands[k].top-bands[k-1].bottom) {
			j = k + 1
		}
		i0, i1 := min(j, k), max(j, k)
		if maxLine > 0 && bands[i1].bottom-bands[i0].top > maxLine {
			alone[bands[k]] = true
			continue
		}
		bands[i0] = band{bands[i0].top, bands[i1].bottom}
		bands = slices.Delete(bands, i1, i1+1)
	}
	return bands, lo, hi, dropped
}

// ownBand is the tallest line of text in box b of the ink mask (w wide).
func ownBand(ink []bool, w int, b image.Rectangle, minLine int) (band, bool) {
	bands, _, _, _ := textBands(func(x, y int) bool { return ink[y*w+x] }, b, minLine, 0)
	best := -1
	for i, bd := range bands {
		if best < 0 || bd.bottom-bd.top > bands[best].bottom-bands[best].top {
			best = i
		}
	}
	if best < 0 {
		return band{}, false
	}
	return bands[best], true
}

// inkColumns is the horizontal extent of the ink in r.
func inkColumns(g *image.Gray, t uint8, r image.Rectangle) (x0, x1 int) {
	x0, x1 = r.Max.X, r.Min.X
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.Pix[(y-g.Rect.Min.Y)*g.Stride-g.Rect.Min.X:]
		for x := r.Min.X; x < r.Max.X; x++ {
			if row[x] <= t {
				x0, x1 = min(x0, x), max(x1, x+1)
			}
		}
	}
	return x0, x1
}

// dedupe drops the boxes that lie mostly (over 60% of their area) inside a
// larger one: two detected boxes reaching into each other's line may give
// the same line twice once cut into lines, and it would be read twice.
func dedupe(boxes []image.Rectangle) []image.Rectangle {
	area := func(r image.Rectangle) int { return r.Dx() * r.Dy() }
	order := make([]int, len(boxes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return area(boxes[b]) - area(boxes[a]) })
	drop := make([]bool, len(boxes))
	for k, i := range order {
		for _, j := range order[:k] {
			if !drop[j] && area(boxes[i].Intersect(boxes[j]))*10 > area(boxes[i])*6 {
				drop[i] = true
				break
			}
		}
	}
	var out []image.Rectangle
	for i, b := range boxes {
		if !drop[i] {
			out = append(out, b)
		}
	}
	return out
}
