package pdf

import (
	"math"

	"github.com/kaoping/kaoping/ingest/page"
)

// path collects the current path in user space transformed by the CTM at
// construction time (cm cannot occur inside a path, so this equals applying
// it at paint time). Curves only move the current point: table rulings are
// straight.
type path struct {
	subs [][]pt
	cur  []pt
	// rects marks subpaths made by "re", which are always closed.
	closed []bool
}

type pt struct{ x, y float64 }

func (p *path) move(x, y float64) {
	p.flush(false)
	p.cur = append(p.cur[:0:0], pt{x, y})
}

func (p *path) line(x, y float64) {
	if len(p.cur) == 0 {
		p.cur = append(p.cur, pt{x, y})
		return
	}
	p.cur = append(p.cur, pt{x, y})
}

// curveTo keeps the end point only, breaking straight runs.
func (p *path) curveTo(x, y float64) {
	p.flush(false)
	p.cur = append(p.cur[:0:0], pt{x, y})
}

func (p *path) close() {
	if len(p.cur) > 1 {
		p.cur = append(p.cur, p.cur[0])
	}
	first := pt{}
	if len(p.cur) > 0 {
		first = p.cur[0]
	}
	p.flush(true)
	p.cur = append(p.cur[:0:0], first)
}

func (p *path) flush(closed bool) {
	if len(p.cur) > 1 {
		p.subs = append(p.subs, p.cur)
		p.closed = append(p.closed, closed)
	}
	p.cur = nil
}

func (p *path) reset() {
	p.subs, p.cur, p.closed = nil, nil, nil
}

// maxSegments bounds the ruling segments of one page.
const maxSegments = 200000

// thinFill is the largest thickness (points) of a filled rectangle that is
// still read as a ruling line rather than a shaded area.
const thinFill = 3.0

// stroke turns every straight, axis-aligned piece of the path into a segment.
func (p *path) stroke(width float64, out []page.Segment, conv func(float64, float64) (float64, float64)) []page.Segment {
	p.flush(false)
	for _, sp := range p.subs {
		for i := 0; i+1 < len(sp) && len(out) < maxSegments; i++ {
			x0, y0 := conv(sp[i].x, sp[i].y)
			x1, y1 := conv(sp[i+1].x, sp[i+1].y)
			if x0 == x1 && y0 == y1 {
				continue
			}
			if !axisAligned(x0, y0, x1, y1) {
				continue
			}
			out = append(out, page.Segment{X0: x0, Y0: y0, X1: x1, Y1: y1, Width: width})
		}
	}
	return out
}

// fill reads thin closed rectangles as ruling lines along their long axis.
func (p *path) fill(out []page.Segment, conv func(float64, float64) (float64, float64)) []page.Segment {
	p.flush(false)
	for _, sp := range p.subs {
		if len(out) >= maxSegments {
			break
		}
		pts := sp
		if n := len(pts); n == 5 && pts[0] == pts[4] {
			pts = pts[:4]
		}
		if len(pts) != 4 {
			continue
		}
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, q := range pts {
			x, y := conv(q.x, q.y)
			minX, maxX = math.Min(minX, x), math.Max(maxX, x)
			minY, maxY = math.Min(minY, y), math.Max(maxY, y)
		}
		// Four corners of an axis-aligned rectangle: every point on the bounding box corners.
		if !rectCorners(pts, conv, minX, minY, maxX, maxY) {
			continue
		}
		w, h := maxX-minX, maxY-minY
		switch {
		case h <= thinFill && w > h:
			y := (minY + maxY) / 2
			out = append(out, page.Segment{X0: minX, Y0: y, X1: maxX, Y1: y, Width: h})
		case w <= thinFill && h > w:
			x := (minX + maxX) / 2
			out = append(out, page.Segment{X0: x, Y0: minY, X1: x, Y1: maxY, Width: w})
		}
	}
	return out
}

func rectCorners(pts []pt, conv func(float64, float64) (float64, float64), minX, minY, maxX, maxY float64) bool {
	const eps = 0.01
	for _, q := range pts {
		x, y := conv(q.x, q.y)
		if !(near(x, minX, eps) || near(x, maxX, eps)) || !(near(y, minY, eps) || near(y, maxY, eps)) {
			return false
		}
	}
	return true
}

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func axisAligned(x0, y0, x1, y1 float64) bool {
	dx, dy := math.Abs(x1-x0), math.Abs(y1-y0)
	return dx <= 0.01*dy+0.05 || dy <= 0.01*dx+0.05
}
