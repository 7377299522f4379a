package ofd

import (
	"math"
	"strings"

	"github.com/kaoping/kaoping/ingest/page"
)

// thinMM is the thickness under which a filled rectangle is a ruling line
// drawn as a bar (how many producers draw table borders): 0.7 mm ≈ 2 pt.
const thinMM = 0.7

// lineWidth resolves a PathObject's stroke width in mm: its own LineWidth,
// else its DrawParam's (following Relative parents), else the layer's, else
// the standard's default.
func (r *reader) lineWidth(o xPathObject, layerParam string) float64 {
	if v := num(o.LineWidth, -1); v >= 0 {
		return v
	}
	for _, id := range []string{o.DrawParam, layerParam} {
		seen := 0
		for id != "" && seen < 16 {
			p, ok := r.params[id]
			if !ok {
				break
			}
			if v := num(p.LineWidth, -1); v >= 0 {
				return v
			}
			id = p.Relative
			seen++
		}
	}
	return defaultLineWidth
}

type pt struct{ x, y float64 }

// path turns a PathObject's straight pieces into ruling segments. Curves (Q,
// B, A) move the pen but give no segment: table rules are straight, and the
// outlines of a red 发文机关标志 drawn as paths must not become a grid. For
// the same reason a path that is only filled contributes only its thin
// rectangles (a border drawn as a bar), never its outline.
func (r *reader) path(o xPathObject, layerParam string, st *pageState) error {
	stroke := !strings.EqualFold(strings.TrimSpace(o.Stroke), "false")
	fill := strings.EqualFold(strings.TrimSpace(o.Fill), "true")
	if !stroke && !fill {
		return nil
	}
	// A filled path only counts for its thin rectangles (4 or 5 pieces per
	// subpath). Glyph outlines (a red 发文机关标志 drawn as paths) have
	// dozens of pieces per subpath and need not be parsed at all; a path of
	// many bars (all the rules of a table in one PathObject) still is.
	if !stroke {
		pieces := strings.Count(o.Data, "L") + strings.Count(o.Data, "B") + strings.Count(o.Data, "Q") + strings.Count(o.Data, "A")
		starts := strings.Count(o.Data, "M") + strings.Count(o.Data, "S")
		if pieces > 8 && pieces > 5*starts {
			return nil
		}
	}
	bd := parseBox(o.Boundary)
	m := parseCTM(o.CTM)
	lw := r.lineWidth(o, layerParam) * m.scale()
	subs := parsePath(o.Data)
	for _, sp := range subs {
		if stroke {
			for i := 1; i < len(sp.pts); i++ {
				if !sp.line[i] {
					continue
				}
				if err := r.addSeg(st, m, bd, sp.pts[i-1], sp.pts[i], lw); err != nil {
					return err
				}
			}
			// The closing edge, unless it would retrace a two-point path
			// ("S 0 0 L 156 0 C", the usual red rule under the 发文字号).
			if sp.closed && len(sp.pts) > 2 {
				if err := r.addSeg(st, m, bd, sp.pts[len(sp.pts)-1], sp.pts[0], lw); err != nil {
					return err
				}
			}
			continue
		}
		// Fill only: a thin axis-aligned rectangle becomes its centre line.
		// Its thickness is measured on the page, after the CTM: a producer
		// working in its own units writes a 0.2 mm bar as 20 units under a
		// CTM of 0.01, which before the CTM looks like a 20 mm block.
		if a, b, w, ok := thinRect(sp.transformed(m)); ok {
			if err := r.addSeg(st, identity, bd, a, b, w); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *reader) addSeg(st *pageState, m matrix, bd box, a, b pt, lw float64) error {
	if len(st.pg.Segments) >= maxSegmentsPerPage {
		return r.tooManyObjects("线段")
	}
	x0, y0 := m.apply(a.x, a.y)
	x1, y1 := m.apply(b.x, b.y)
	if x0 == x1 && y0 == y1 {
		return nil
	}
	st.pg.Segments = append(st.pg.Segments, page.Segment{
		X0: round2((bd.x + x0) * ptPerMM), Y0: round2((bd.y + y0) * ptPerMM),
		X1: round2((bd.x + x1) * ptPerMM), Y1: round2((bd.y + y1) * ptPerMM),
		Width: round2(lw * ptPerMM),
	})
	return nil
}

// subpath is one pen-down run of a path: its points, whether the piece ending
// at each point is a straight line, and whether it was closed.
type subpath struct {
	pts    []pt
	line   []bool
	closed bool
}

// transformed is sp with every point mapped through m, in place: the
// points are sp's own (parsePath made them for this path) and are not read
// again untransformed.
func (sp subpath) transformed(m matrix) subpath {
	if m == identity {
		return sp
	}
	for i, p := range sp.pts {
		x, y := m.apply(p.x, p.y)
		sp.pts[i] = pt{x, y}
	}
	return sp
}

// parsePath reads AbbreviatedData: S/M x y start a subpath, L x y a line,
// Q x1 y1 x y and B x1 y1 x2 y2 x y curves, A rx ry rot large sweep x y an
// arc, C (and the non-standard Z some producers write) close the subpath.
func parsePath(s string) []subpath {
	var out []subpath
	var cur *subpath
	var pen, start pt
	ops := 0
	pos := 0              // where the next field is looked for: the data is walked in place
	var argBuf [7]float64 // the most an operator takes (A); read before the next
	// args reads the operator's n operands; the n fields are taken whether
	// or not they are numbers, as the operator's own.
	args := func(n int) ([]float64, bool) {
		v, ok := argBuf[:n], true
		for k := 0; k < n; k++ {
			a, b := field(s, pos)
			if a == b {
				return nil, false
			}
			pos = b
			if f, good := parseNum(s[a:b]); good && ok {
				v[k] = f
			} else {
				ok = false
			}
		}
		return v, ok
	}
	// The points of all subpaths come from one slab, room for a rectangle
	// (M, three L, back to the start) for each S or M in the data; each
	// subpath's cut is capped where the next begins, so a longer one's
	// append moves it out of the slab.
	var ptSlab []pt
	var lineSlab []bool
	begin := func(p pt) {
		if len(ptSlab)+5 > cap(ptSlab) {
			n := 5 * max(1, strings.Count(s[pos:], "M")+strings.Count(s[pos:], "S"))
			ptSlab = make([]pt, 0, n)
			lineSlab = make([]bool, 0, n)
		}
		i := len(ptSlab)
		ptSlab = append(ptSlab, p, pt{}, pt{}, pt{}, pt{})
		lineSlab = append(lineSlab, false, false, false, false, false)
		out = append(out, subpath{pts: ptSlab[i : i+1 : i+5], line: lineSlab[i : i+1 : i+5]})
		cur = &out[len(out)-1]
		start = p
	}
	to := func(p pt, straight bool) {
		if cur == nil {
			begin(pen)
		}
		cur.pts = append(cur.pts, p)
		cur.line = append(cur.line, straight)
		pen = p
	}
	for ops < maxPathOps {
		a, b := field(s, pos)
		if a == b {
			break
		}
		pos = b
		ops++
		switch s[a:b] {
		case "S", "M":
			if v, ok := args(2); ok {
				pen = pt{v[0], v[1]}
				begin(pen)
			}
		case "L":
			if v, ok := args(2); ok {
				to(pt{v[0], v[1]}, true)
			}
		case "Q":
			if v, ok := args(4); ok {
				to(pt{v[2], v[3]}, false)
			}
		case "B":
			if v, ok := args(6); ok {
				to(pt{v[4], v[5]}, false)
			}
		case "A":
			if v, ok := args(7); ok {
				to(pt{v[5], v[6]}, false)
			}
		case "C", "Z", "z":
			if cur != nil {
				cur.closed = true
				pen = start
				cur = nil
			}
		}
		// anything else is a stray number or an unknown operator: skipped
	}
	return out
}

// thinRect recognises a closed (or implicitly closed) axis-aligned rectangle
// made of straight pieces whose short side is under thinMM, and returns its
// centre line and thickness.
func thinRect(sp subpath) (a, b pt, w float64, ok bool) {
	pts := sp.pts
	if len(pts) == 5 && pts[4] == pts[0] {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return
	}
	for i := 1; i < len(sp.line) && i < 5; i++ {
		if !sp.line[i] {
			return
		}
	}
	minX, maxX, minY, maxY := pts[0].x, pts[0].x, pts[0].y, pts[0].y
	for _, p := range pts[1:] {
		minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
	}
	// every corner must sit on the rectangle's corners
	for _, p := range pts {
		if (p.x != minX && p.x != maxX) || (p.y != minY && p.y != maxY) {
			return
		}
	}
	wdt, hgt := maxX-minX, maxY-minY
	switch {
	case hgt <= thinMM && wdt > hgt:
		cy := (minY + maxY) / 2
		return pt{minX, cy}, pt{maxX, cy}, hgt, true
	case wdt <= thinMM && hgt > wdt:
		cx := (minX + maxX) / 2
		return pt{cx, minY}, pt{cx, maxY}, wdt, true
	}
	return
}
