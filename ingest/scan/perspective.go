package scan

import (
	"image"
	"math"
	"slices"
)

// A phone photo is taken at an angle: the page is seen in perspective, and
// after deskew (one rotation for the whole page) the table's rules are
// still not axis-parallel. Lines of one direction converge towards a
// vanishing point, so a column's rule leans one way at the left of the
// table and the other way at the right, and its x drifts by tens of pixels
// from the top of the table to the bottom. The ruling finder (rulings.go)
// opens the ink along rows and columns and the grid (lattice.Find) takes a
// rule at one x, so such a table comes out with columns merged or missing.
//
// So the page is rectified first: the long straight lines of both
// directions are found with a small slope allowed (lineFits), each
// direction's vanishing point is fitted from them (family), and the
// homography that sends both vanishing points to infinity along the axes
// is applied (rectify), fixing the page's centre. The rest of the pipeline
// then sees a fronto-parallel page. A page with no long lines (a notice),
// or whose lines are already parallel to the axes within what the ruling
// finder bridges, is left as deskew made it.

// A lineFit is one long straight line found in the ink: pos = at + slope·t
// in centred coordinates (the page's centre is 0), where t runs along the
// line and pos across it; for a horizontal line t is x and pos is y.
type lineFit struct {
	at, slope float64
	from, to  float64 // its extent along t
}

func (l lineFit) length() float64 { return l.to - l.from }

// lineFits finds the long straight lines of one direction in a w×h ink
// mask, read along rows (a vertical line's pixels are ink[y*w+x] for y
// along it): the lines whose t is y. The mask is cut into bands of half an
// inch along t; within a band a line is a straight run of ink across nearly
// all of the band's rows at a slope within ±maxSkew, found by counting, for
// each slope, the rows where the line's pixel or a neighbour is ink (a
// Hough transform over a few angles). A band's peaks are linked to the
// previous band's along their slope into chains of at least three bands,
// and each chain is fitted by least squares. Text never fills a half-inch
// band straight through (lines of text are broken by their leading), and a
// wide dark block is not a pen line (maxThick).
func lineFits(ink []bool, w, h int, dpi float64) []lineFit {
	band := max(8, int(dpi/2))
	maxThick := max(2, dpi/30)
	step := 2 / float64(band) // a slope error of half a step drifts half a pixel over the band
	smax := math.Tan(maxSkew * math.Pi / 180)
	ns := int(smax / step)
	// The mask widened by a pixel across the line: a one-pixel rule whose
	// slope is between two of the slopes tried still counts every row.
	dil := make([]uint8, w*h)
	for y := range h {
		row, out := ink[y*w:(y+1)*w], dil[y*w:(y+1)*w]
		for x := range w {
			if row[x] || (x > 0 && row[x-1]) || (x+1 < w && row[x+1]) {
				out[x] = 1
			}
		}
	}
	type peak struct {
		pos, slope float64 // pos at the band's middle row, pixels from the left
		mid        float64 // the band's middle along t
	}
	var bands [][]peak
	best := make([]int32, w)
	bestS := make([]float64, w)
	wide := make([]int32, w)
	pre := make([]int32, w+1)
	need := int32(float64(band) * 0.85)
	// A line at any slope tried stays within reach of its middle column
	// over the band: a position where fewer rows than need have ink within
	// reach holds no line, and the slopes are tried only at the others.
	reach := int(smax*float64(band)/2) + 1
	offs := make([]int, band)
	var cand []int
	for y0 := 0; y0+band <= h; y0 += band {
		mid := float64(y0) + float64(band)/2
		clear(wide)
		for y := y0; y < y0+band; y++ {
			row := dil[y*w : (y+1)*w]
			for x, v := range row {
				pre[x+1] = pre[x] + int32(v)
			}
			for x := range w {
				if pre[min(w, x+reach+1)] > pre[max(0, x-reach)] {
					wide[x]++
				}
			}
		}
		cand = cand[:0]
		for x, c := range wide {
			best[x] = 0
			if c >= need {
				cand = append(cand, x)
			}
		}
		for si := -ns; si <= ns; si++ {
			s := float64(si) * step
			for i := range offs {
				offs[i] = int(math.Round(s * (float64(y0+i) + 0.5 - mid)))
			}
			for _, x := range cand {
				var c int32
				for i, o := range offs {
					if xo := x + o; xo >= 0 && xo < w {
						c += int32(dil[(y0+i)*w+xo])
					}
				}
				if c > best[x] {
					best[x], bestS[x] = c, s
				}
			}
		}
		// Peaks: groups of neighbouring positions that fill the band, no
		// wider than a pen line and the widening.
		var ps []peak
		for x := 0; x < w; {
			if best[x] < need {
				x++
				continue
			}
			x1 := x
			var sw, sx float64
			top := x
			for x1 < w && best[x1] >= need {
				sw += float64(best[x1])
				sx += float64(best[x1]) * float64(x1)
				if best[x1] > best[top] {
					top = x1
				}
				x1++
			}
			if float64(x1-x) <= maxThick+2 {
				ps = append(ps, peak{pos: sx/sw + 0.5, slope: bestS[top], mid: mid})
			}
			x = x1
		}
		bands = append(bands, ps)
	}
	// Chains: each peak continues the chain whose last peak, one band or
	// two back (a seal or a merged cell may hide a band), predicts it
	// best, within the widening and a pixel per band.
	type chain struct {
		ps   []peak
		last int // the band of its last peak
	}
	var chains []*chain
	tol := max(2, dpi/60)
	for k, ps := range bands {
		taken := map[*chain]bool{}
		for _, p := range ps {
			var bestC *chain
			bestD := math.Inf(1)
			for _, c := range chains {
				if c.last < k-2 || c.last == k || taken[c] {
					continue
				}
				q := c.ps[len(c.ps)-1]
				d := math.Abs(q.pos + q.slope*(p.mid-q.mid) - p.pos)
				if d <= tol*float64(k-c.last) && d < bestD {
					bestC, bestD = c, d
				}
			}
			if bestC == nil {
				bestC = &chain{}
				chains = append(chains, bestC)
			}
			bestC.ps = append(bestC.ps, p)
			bestC.last = k
			taken[bestC] = true
		}
	}
	cx, cy := float64(w)/2, float64(h)/2
	var out []lineFit
	for _, c := range chains {
		if len(c.ps) < 3 {
			continue
		}
		// pos = a + b·(mid − m), least squares over the band peaks.
		var m float64
		for _, p := range c.ps {
			m += p.mid
		}
		m /= float64(len(c.ps))
		var sxx, sxy, sy float64
		for _, p := range c.ps {
			sxx += (p.mid - m) * (p.mid - m)
			sxy += (p.mid - m) * p.pos
			sy += p.pos
		}
		a, b := sy/float64(len(c.ps)), sxy/sxx
		// A chain that bends is not one straight rule (two rules linked,
		// or a curve): its peaks stray from the fit by more than the
		// widening.
		var worst float64
		for _, p := range c.ps {
			worst = max(worst, math.Abs(a+b*(p.mid-m)-p.pos))
		}
		if worst > tol {
			continue
		}
		// Centred: pos − cx = (a − cx + b·(cy − m)) + b·(t − cy).
		out = append(out, lineFit{
			at: a - cx + b*(cy-m), slope: b,
			from: c.ps[0].mid - float64(band)/2 - cy, to: c.ps[len(c.ps)-1].mid + float64(band)/2 - cy,
		})
	}
	return out
}

// transpose returns the w×h mask turned about its diagonal (h×w), so that
// lineFits reads horizontal lines as it reads vertical ones.
func transpose(ink []bool, w, h int) []bool {
	out := make([]bool, len(ink))
	for y := range h {
		for x, v := range ink[y*w : (y+1)*w] {
			out[x*h+y] = v
		}
	}
	return out
}

// family fits the lines of one direction as lines through one vanishing
// point: a line's slope is then linear in where it crosses the page's
// centre line, slope = s0 + k·at (k = 0 when they are parallel). Each line
// weighs by its length squared (its slope's precision); a line whose
// direction strays from the fit by more than the widening over its length
// is dropped (a stroke or two rules joined) and the rest fitted again.
// The convergence is measured only across lines spread over an inch
// (spread pixels) or more; lines close together tell only their common
// direction. ok is false with no line.
func family(ls []lineFit, tol, spread float64) (s0, k float64, ok bool) {
	ls = slices.Clone(ls)
	for len(ls) > 0 {
		var sw, sa, ss, saa, sas float64
		for _, l := range ls {
			wt := l.length() * l.length()
			sw += wt
			sa += wt * l.at
			ss += wt * l.slope
			saa += wt * l.at * l.at
			sas += wt * l.at * l.slope
		}
		ma, ms := sa/sw, ss/sw
		k = 0
		if v := saa/sw - ma*ma; v > 0 && len(ls) >= 2 && math.Sqrt(v) >= spread/2 {
			k = (sas/sw - ma*ms) / v
		}
		s0 = ms - k*ma
		worst, wi := 0.0, -1
		for i, l := range ls {
			if d := math.Abs(l.slope-(s0+k*l.at)) * l.length(); d > worst {
				worst, wi = d, i
			}
		}
		if worst <= 2*tol {
			return s0, k, true
		}
		ls = slices.Delete(ls, wi, wi+1)
	}
	return 0, 0, false
}

// A homography maps the deskewed page to the rectified one, in centred
// coordinates: (x, y) ↦ A·(x, y)/(1 + l1·x + l2·y). The projective part
// sends the line through the two vanishing points to infinity; A, the
// inverse of [[1, d0], [b0, 1]], then turns the two directions (1, b0) and
// (d0, 1) into the axes. At the centre it is the identity to first order,
// so the page keeps its scale there.
type homography struct {
	l1, l2 float64
	b0, d0 float64
}

// rectifier returns the homography from the horizontal and vertical lines,
// and whether the page needs it.
func rectifier(hl, vl []lineFit, tol, dpi float64) (homography, bool) {
	b0, k, okH := family(hl, tol, dpi)
	d0, m, okV := family(vl, tol, dpi)
	if !okH && !okV {
		return homography{}, false
	}
	// The vanishing points, homogeneous: (1, b0, −k) and (d0, 1, −m); the
	// line through them is their cross product.
	lx, ly, lz := k-b0*m, m-k*d0, 1-b0*d0
	if math.Abs(lz) < 0.5 {
		return homography{}, false
	}
	return homography{l1: lx / lz, l2: ly / lz, b0: b0, d0: d0}, true
}

// inverse maps a point of the rectified page back to the deskewed one.
func (hm homography) inverse(u, v float64) (float64, float64) {
	qx, qy := u+hm.d0*v, hm.b0*u+v
	d := 1 - hm.l1*qx - hm.l2*qy
	return qx / d, qy / d
}

// forward maps a point of the deskewed page to the rectified one.
func (hm homography) forward(x, y float64) (float64, float64) {
	d := 1 + hm.l1*x + hm.l2*y
	px, py := x/d, y/d
	det := 1 - hm.b0*hm.d0
	return (px - hm.d0*py) / det, (-hm.b0*px + py) / det
}

// perspective measures the perspective of a deskewed w×h page from its
// ink: the homography that rectifies it, and whether it moves any point of
// the lines' extent by more than the ruling finder bridges (maxGap) — a
// page whose rules are straight enough for it, a scan, is left alone, and
// so is a page without long rules of both directions.
func perspective(ink []bool, w, h int, dpi float64) (homography, bool) {
	tol := max(2, dpi/60)
	// Only a table's long rules are trusted with the page: a third of the
	// page's side or more. Strokes of a large bold title can line up over
	// an inch or two at a slant, and a wrong homography would ruin a page
	// that deskew alone reads well. Both directions must be seen: one rule
	// alone (a notice's 版头 rule) tells no more than deskew did.
	long := func(ls []lineFit, side int) []lineFit {
		return slices.DeleteFunc(ls, func(l lineFit) bool { return l.length() < float64(side)/3 })
	}
	vl := long(lineFits(ink, w, h, dpi), h)
	// Read transposed, a horizontal line's t is x and its pos y, centred
	// on the transposed mask's (h/2, w/2), the page's centre.
	hl := long(lineFits(transpose(ink, w, h), h, w, dpi), w)
	if len(vl) == 0 || len(hl) == 0 {
		return homography{}, false
	}
	hm, ok := rectifier(hl, vl, tol, dpi)
	if !ok {
		return hm, false
	}
	// The lines' extent: every line's ends.
	var moved float64
	check := func(x, y float64) {
		u, v := hm.inverse(x, y)
		moved = max(moved, math.Hypot(u-x, v-y))
	}
	for _, l := range vl {
		check(l.at+l.slope*l.from, l.from)
		check(l.at+l.slope*l.to, l.to)
	}
	for _, l := range hl {
		check(l.from, l.at+l.slope*l.from)
		check(l.to, l.at+l.slope*l.to)
	}
	return hm, moved > float64(paramsFor(dpi).maxGap)
}

// rectify returns the page g0 (as decoded, before deskew) turned by deg
// (skew's sign, as rotate turns it) and rectified by hm, in one bilinear
// resampling: pixel (u, v) comes from g0 at the rotation of hm's inverse
// at (u, v), what comes from outside the page is white. Along a row the
// homogeneous coordinates are affine in u, so each pixel costs one
// division.
func rectify(g0 *image.Gray, deg float64, hm homography) *image.Gray {
	w, h := g0.Rect.Dx(), g0.Rect.Dy()
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sincos(deg * math.Pi / 180)
	out := image.NewGray(image.Rect(0, 0, w, h))
	px := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(g0.Pix[y*g0.Stride+x])
	}
	for v := range h {
		row := out.Pix[v*out.Stride : v*out.Stride+w]
		cv := float64(v) + 0.5 - cy
		// At u = 0: q = M·(U, V), the inverse's projective denominator,
		// and the rotation of q (rotate's mapping); their steps per pixel.
		cu := 0.5 - cx
		qx, qy := cu+hm.d0*cv, hm.b0*cu+cv
		den := 1 - hm.l1*qx - hm.l2*qy
		nx, ny := qx*cos-qy*sin, qx*sin+qy*cos
		dden := -hm.l1 - hm.l2*hm.b0
		dnx, dny := cos-hm.b0*sin, sin+hm.b0*cos
		for u := range row {
			x, y := nx/den+cx-0.5, ny/den+cy-0.5
			nx, ny, den = nx+dnx, ny+dny, den+dden
			x0, y0 := int(math.Floor(x)), int(math.Floor(y))
			fx, fy := x-float64(x0), y-float64(y0)
			var a, b, c, d float64
			if x0 >= 0 && y0 >= 0 && x0+1 < w && y0+1 < h {
				o := y0*g0.Stride + x0
				a, b = float64(g0.Pix[o]), float64(g0.Pix[o+1])
				c, d = float64(g0.Pix[o+g0.Stride]), float64(g0.Pix[o+g0.Stride+1])
			} else {
				a, b, c, d = px(x0, y0), px(x0+1, y0), px(x0, y0+1), px(x0+1, y0+1)
			}
			row[u] = uint8((a*(1-fx)+b*fx)*(1-fy) + (c*(1-fx)+d*fx)*fy + 0.5)
		}
	}
	return out
}

// rectifyRect returns the box, in the rectified page, of r in the
// deskewed one.
func rectifyRect(r image.Rectangle, w, h int, hm homography) image.Rectangle {
	return mapRect(r, w, h, hm.forward)
}
