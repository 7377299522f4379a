package lattice

import (
	"cmp"
	"math"
	"slices"

	"github.com/kaoping/kaoping/ingest/page"
)

// tol holds the distances under which two positions are the same line.
type tol struct {
	// unit is the page's resolution: a thousandth of its diagonal (about 1pt on
	// A4). Producers round coordinates to far less; a gap under a unit is noise.
	unit float64
	// snap is how far apart two strokes may lie and still be one ruling: the
	// typical stroke width on both sides plus a unit. Producers that draw a
	// border per cell offset neighbours' strokes by up to their width.
	snap float64
}

func tolerance(p page.Page) tol {
	unit := math.Hypot(p.Width, p.Height) / 1000
	if unit <= 0 || math.IsNaN(unit) || math.IsInf(unit, 0) {
		unit = 1 // a page without a size: assume points at A4 resolution
	}
	ws := make([]float64, 0, len(p.Segments))
	for _, s := range p.Segments {
		if w := s.Width; w > 0 && !math.IsInf(w, 0) {
			ws = append(ws, w)
		}
	}
	w := 0.0
	if len(ws) > 0 {
		slices.Sort(ws)
		w = ws[len(ws)/2]
	}
	// A "line" wider than a few units is a filled bar, not a stroke; do not
	// let one fat rule blow the tolerance up to row heights.
	w = math.Min(w, 4*unit)
	return tol{unit: unit, snap: 2*w + unit}
}

// line is an axis-parallel ruling: pos is its y (horizontal) or x (vertical),
// [a, b] its extent along the other axis.
type line struct {
	pos, a, b, w float64
}

// normalize splits segments into horizontal and vertical lines, dropping
// diagonals, points and non-finite coordinates.
func normalize(segs []page.Segment, t tol) (hs, vs []line) {
	for _, s := range segs {
		if !finite(s.X0) || !finite(s.X1) || !finite(s.Y0) || !finite(s.Y1) {
			continue
		}
		dx, dy := math.Abs(s.X1-s.X0), math.Abs(s.Y1-s.Y0)
		w := s.Width
		if !finite(w) || w < 0 {
			w = 0
		}
		switch {
		case dy <= t.snap && dx > t.snap:
			hs = append(hs, line{pos: (s.Y0 + s.Y1) / 2, a: math.Min(s.X0, s.X1), b: math.Max(s.X0, s.X1), w: w})
		case dx <= t.snap && dy > t.snap:
			vs = append(vs, line{pos: (s.X0 + s.X1) / 2, a: math.Min(s.Y0, s.Y1), b: math.Max(s.Y0, s.Y1), w: w})
		}
	}
	return hs, vs
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// mergeLines joins collinear lines that overlap or touch (gaps up to snap)
// into one. Strokes within snap of each other across the line are the same
// ruling (a double border, or one border drawn by both neighbouring cells).
func mergeLines(ls []line, t tol) []line {
	if len(ls) == 0 {
		return nil
	}
	slices.SortFunc(ls, func(x, y line) int { return cmp.Compare(x.pos, y.pos) })
	var out []line
	for i := 0; i < len(ls); {
		j := i + 1
		for j < len(ls) && ls[j].pos-ls[j-1].pos <= t.snap {
			j++
		}
		out = append(out, mergeCluster(ls[i:j], t)...)
		i = j
	}
	slices.SortFunc(out, func(x, y line) int {
		if c := cmp.Compare(x.pos, y.pos); c != 0 {
			return c
		}
		return cmp.Compare(x.a, y.a)
	})
	return out
}

// mergeCluster merges the intervals of lines at (nearly) one position. Each
// merged line takes the length-weighted mean position of its parts.
func mergeCluster(c []line, t tol) []line {
	c = slices.Clone(c)
	slices.SortFunc(c, func(x, y line) int { return cmp.Compare(x.a, y.a) })
	var out []line
	cur := c[0]
	sum, wsum := cur.pos*(cur.b-cur.a), cur.b-cur.a
	flush := func() {
		if wsum > 0 {
			cur.pos = sum / wsum
		}
		out = append(out, cur)
	}
	for _, l := range c[1:] {
		if l.a <= cur.b+t.snap {
			cur.b = math.Max(cur.b, l.b)
			cur.w = math.Max(cur.w, l.w)
			sum += l.pos * (l.b - l.a)
			wsum += l.b - l.a
			continue
		}
		flush()
		cur = l
		sum, wsum = l.pos*(l.b-l.a), l.b-l.a
	}
	flush()
	return out
}
