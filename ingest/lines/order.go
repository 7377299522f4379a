package lines

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// unit is what the XY-cut moves around: one line, or a whole ruled table
// whose lines are already in order.
type unit struct {
	box   model.Box
	size  float64
	lines []Line
}

// order puts a page's lines in reading order.
//
// Lines inside a ruled table are first gathered per table and read cell by
// cell: cells by the ruling above them, then left to right, each cell's
// lines top to bottom. A merged cell thus comes with the first row it
// spans, which is how a person reads 考评表. Then the tables and the other
// lines are ordered by recursive XY-cut: a region is cut at its widest
// horizontal gap (top part first), or at a vertical gutter (left part
// first) when the gutter is clearly wider than the gaps between lines, as
// between text columns.
func order(ls []Line, segs []page.Segment) []Line {
	units := tableUnits(ls, segs)
	var out []Line
	for _, u := range xycut(units, nil, 0) {
		out = append(out, u.lines...)
	}
	return out
}

const maxCutDepth = 100

func xycut(us []unit, out []unit, depth int) []unit {
	if len(us) <= 1 || depth > maxCutDepth {
		return append(out, leafOrder(us)...)
	}
	med := medianSize(us)
	hAt, hGap := widestGap(us, func(u unit) (float64, float64) { return u.box.Y0, u.box.Y1 })
	vAt, vGap := widestGap(us, func(u unit) (float64, float64) { return u.box.X0, u.box.X1 })
	switch {
	case vGap > 0 && vGap >= med && vGap > 2*hGap:
		return cut(us, out, depth, func(u unit) bool { return u.box.X0 < vAt })
	case hGap > 0:
		return cut(us, out, depth, func(u unit) bool { return u.box.Y0 < hAt })
	case vGap > 0:
		return cut(us, out, depth, func(u unit) bool { return u.box.X0 < vAt })
	}
	return append(out, leafOrder(us)...)
}

func cut(us []unit, out []unit, depth int, first func(unit) bool) []unit {
	var a, b []unit
	for _, u := range us {
		if first(u) {
			a = append(a, u)
		} else {
			b = append(b, u)
		}
	}
	if len(a) == 0 || len(b) == 0 {
		return append(out, leafOrder(us)...)
	}
	out = xycut(a, out, depth+1)
	return xycut(b, out, depth+1)
}

// widestGap projects the units on one axis and returns the end of the
// widest empty interval between them and its width (0 when none).
func widestGap(us []unit, span func(unit) (float64, float64)) (at, gap float64) {
	type iv struct{ lo, hi float64 }
	ivs := make([]iv, len(us))
	for i, u := range us {
		lo, hi := span(u)
		ivs[i] = iv{lo, hi}
	}
	slices.SortFunc(ivs, func(a, b iv) int { return cmp.Compare(a.lo, b.lo) })
	reach := ivs[0].hi
	for _, v := range ivs[1:] {
		if g := v.lo - reach; g > gap {
			gap, at = g, v.lo
		}
		reach = math.Max(reach, v.hi)
	}
	return at, gap
}

// leafOrder sorts units that no cut separates: by row, then left to right.
func leafOrder(us []unit) []unit {
	s := make([]unit, len(us))
	copy(s, us)
	slices.SortStableFunc(s, func(u, v unit) int {
		a, b := u.box, v.box
		ca, cb := (a.Y0+a.Y1)/2, (b.Y0+b.Y1)/2
		if !layout.SameLine(ca, cb, math.Max(u.size, v.size)) {
			return cmp.Compare(ca, cb)
		}
		return cmp.Compare(a.X0, b.X0)
	})
	return s
}

func medianSize(us []unit) float64 {
	s := make([]float64, len(us))
	for i, u := range us {
		s[i] = u.size
	}
	sort.Float64s(s)
	return s[len(s)/2]
}

// maxTableLines bounds the lines read as table cells on one page.
const maxTableLines = 5000

// cell is the ruled rectangle around a line.
type cell struct {
	x0, y0, x1, y1 float64
}

// tableUnits finds for every line the ruled cell around it (rulings on all
// four sides), joins touching cells into tables, and returns the tables
// (lines in cell order) and the remaining lines as units.
func tableUnits(ls []Line, segs []page.Segment) []unit {
	var hs, vs []page.Segment
	for _, s := range segs {
		if s.Horizontal() {
			hs = append(hs, s)
		} else {
			vs = append(vs, s)
		}
	}
	var units []unit
	type member struct {
		l Line
		c cell
	}
	var in []member
	for _, l := range ls {
		if c, ok := cellOf(l.Box, hs, vs); ok {
			in = append(in, member{l, c})
			continue
		}
		units = append(units, unit{box: l.Box, size: l.Size, lines: []Line{l}})
	}
	if len(in) == 0 {
		return units
	}
	if len(in) > maxTableLines {
		// Joining cells is quadratic; no real page has this many.
		for _, m := range in {
			units = append(units, unit{box: m.l.Box, size: m.l.Size, lines: []Line{m.l}})
		}
		return units
	}
	// Union-find over cells that touch or overlap: one set per table.
	parent := make([]int, len(in))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	const touch = 1.5
	for i := range in {
		for j := i + 1; j < len(in); j++ {
			a, b := in[i].c, in[j].c
			if a.x0 <= b.x1+touch && b.x0 <= a.x1+touch && a.y0 <= b.y1+touch && b.y0 <= a.y1+touch {
				parent[find(i)] = find(j)
			}
		}
	}
	tables := map[int][]member{}
	var roots []int
	for i := range in {
		r := find(i)
		if tables[r] == nil {
			roots = append(roots, r)
		}
		tables[r] = append(tables[r], in[i])
	}
	for _, r := range roots {
		ms := tables[r]
		slices.SortStableFunc(ms, func(a, b member) int {
			if math.Abs(a.c.y0-b.c.y0) > 1 {
				return cmp.Compare(a.c.y0, b.c.y0)
			}
			if math.Abs(a.c.x0-b.c.x0) > 1 {
				return cmp.Compare(a.c.x0, b.c.x0)
			}
			return cmp.Compare(a.l.Box.Y0, b.l.Box.Y0)
		})
		u := unit{box: model.Box{X0: ms[0].c.x0, Y0: ms[0].c.y0, X1: ms[0].c.x1, Y1: ms[0].c.y1}}
		for _, m := range ms {
			u.box = union(u.box, model.Box{X0: m.c.x0, Y0: m.c.y0, X1: m.c.x1, Y1: m.c.y1})
			u.size = math.Max(u.size, m.l.Size)
			u.lines = append(u.lines, m.l)
		}
		units = append(units, u)
	}
	return units
}

// cellOf returns the nearest rulings around a box: vertical ones left and
// right at its height, horizontal ones above and below across its middle.
func cellOf(b model.Box, hs, vs []page.Segment) (cell, bool) {
	const slack = 1.0
	cx, cy := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
	c := cell{math.Inf(-1), math.Inf(-1), math.Inf(1), math.Inf(1)}
	for _, s := range vs {
		if math.Min(s.Y0, s.Y1) > cy || math.Max(s.Y0, s.Y1) < cy {
			continue
		}
		x := (s.X0 + s.X1) / 2
		if x <= b.X0+slack && x > c.x0 {
			c.x0 = x
		}
		if x >= b.X1-slack && x < c.x1 {
			c.x1 = x
		}
	}
	for _, s := range hs {
		if math.Min(s.X0, s.X1) > cx || math.Max(s.X0, s.X1) < cx {
			continue
		}
		y := (s.Y0 + s.Y1) / 2
		if y <= b.Y0+slack && y > c.y0 {
			c.y0 = y
		}
		if y >= b.Y1-slack && y < c.y1 {
			c.y1 = y
		}
	}
	ok := !math.IsInf(c.x0, 0) && !math.IsInf(c.x1, 0) && !math.IsInf(c.y0, 0) && !math.IsInf(c.y1, 0)
	return c, ok
}
