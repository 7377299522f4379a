// Package raster makes the pixels of a page that has no text layer, for OCR:
// the images a PDF or OFD page places (a scanner's one image per page, or a
// page cut into hundreds of tiles) are drawn onto a white page canvas at
// their placement, in Go, so that such a page needs no external renderer.
// Pages whose content is not images alone (outlined text: vector glyphs)
// are rendered by poppler's pdftoppm instead (ingest/scan.RenderPDFRange).
package raster

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// Placed is an image and where a page draws it. M maps the image's unit
// square — (0, 0) its top-left corner, (1, 1) its bottom-right, whatever
// its pixel size — to page points, origin at the top left of the page, y
// down: [a b c d e f] with x' = a·u + c·v + e, y' = b·u + d·v + f. PDF and
// OFD both place images this way, each with its own flip.
type Placed struct {
	Img image.Image
	M   [6]float64
}

// maxSide bounds the canvas's longer side in pixels: a hostile page box of
// 200 inches must not allocate gigabytes. The recogniser works at well
// under this (ingest/scan shrinks larger pages).
const maxSide = 10000

// canvasSize returns the canvas size in pixels for a page of w × h points at
// dpi, and the resolution it is really made at, lower than dpi when the
// page would exceed maxSide.
func canvasSize(w, h, dpi float64) (int, int, float64) {
	if !(w > 0 && h > 0 && dpi > 0) || math.IsInf(w+h+dpi, 0) {
		return 1, 1, dpi
	}
	if s := max(w, h) * dpi / 72; s > maxSide {
		dpi *= maxSide / s
	}
	return max(1, int(math.Round(w*dpi/72))), max(1, int(math.Round(h*dpi/72))), dpi
}

// Compose draws the placed images, in order (later ones over earlier), on a
// white canvas for a page of w × h points at dpi, and returns the canvas and
// its resolution (see Size). Each image is resampled bilinearly, which
// widens its filter when it shrinks, so a 300-dpi scan composed at 200 dpi
// keeps its thin strokes instead of dropping every third pixel row.
func Compose(w, h, dpi float64, placed []Placed) (*image.RGBA, float64) {
	pw, ph, dpi := canvasSize(w, h, dpi)
	canvas := image.NewRGBA(image.Rect(0, 0, pw, ph))
	draw.Draw(canvas, canvas.Rect, image.NewUniform(color.White), image.Point{}, draw.Src)
	k := dpi / 72
	for _, p := range placed {
		b := p.Img.Bounds()
		if b.Empty() {
			continue
		}
		sw, sh := float64(b.Dx()), float64(b.Dy())
		m := p.M
		// pixel (x, y) of the image → unit square → page points → canvas.
		s2d := f64.Aff3{
			k * m[0] / sw, k * m[2] / sh, k * (m[4] - (m[0]*float64(b.Min.X)/sw + m[2]*float64(b.Min.Y)/sh)),
			k * m[1] / sw, k * m[3] / sh, k * (m[5] - (m[1]*float64(b.Min.X)/sw + m[3]*float64(b.Min.Y)/sh)),
		}
		if !sane(s2d, b) {
			continue // a degenerate or absurd placement paints nothing
		}
		if s2d[1] == 0 && s2d[3] == 0 && s2d[0] > 0 && s2d[4] > 0 {
			upright(canvas, s2d, p.Img, b)
			continue
		}
		draw.BiLinear.Transform(canvas, s2d, p.Img, b, draw.Over, nil)
	}
	return canvas, dpi
}

// Resolution is the resolution, in pixels per inch of the page, of the
// placed image that covers the most of it (the lower of its two axes'): a
// scanner's page image is at the resolution it was scanned at. 0 when
// nothing is placed.
func Resolution(placed []Placed) float64 {
	best, area := 0.0, 0.0
	for _, p := range placed {
		b := p.Img.Bounds()
		m := p.M
		u, v := math.Hypot(m[0], m[1]), math.Hypot(m[2], m[3])
		a := math.Abs(m[0]*m[3] - m[1]*m[2])
		if b.Empty() || !(u > 0 && v > 0) || !(a > area) || math.IsInf(a, 0) {
			continue
		}
		best, area = min(float64(b.Dx())*72/u, float64(b.Dy())*72/v), a
	}
	return best
}

// upright draws an image placed without rotation or mirroring, nearly
// always the case (a scanner's page, a grid of tiles): copied where it
// lands at its own size on whole pixels, else scaled, whose separable
// filter is several times faster than a general transform. Edges are
// rounded to whole pixels, the same way for the shared edge of two tiles,
// so tiles meet without a seam.
func upright(canvas *image.RGBA, s2d f64.Aff3, src image.Image, b image.Rectangle) {
	x0, y0 := s2d[2]+s2d[0]*float64(b.Min.X), s2d[5]+s2d[4]*float64(b.Min.Y)
	x1, y1 := s2d[2]+s2d[0]*float64(b.Max.X), s2d[5]+s2d[4]*float64(b.Max.Y)
	dr := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
	if dr.Empty() {
		return
	}
	if dr.Size() == b.Size() {
		draw.Draw(canvas, dr, src, b.Min, draw.Over)
		return
	}
	draw.BiLinear.Scale(canvas, dr, src, b, draw.Over, nil)
}

// sane reports whether the placement is invertible and lands within a
// million pixels of the canvas: the resampler's rectangle arithmetic is in
// ints, and a hostile matrix must not overflow it.
func sane(a f64.Aff3, b image.Rectangle) bool {
	for _, v := range a {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	if a[0]*a[4]-a[1]*a[3] == 0 {
		return false
	}
	for _, p := range []image.Point{b.Min, b.Max, {b.Min.X, b.Max.Y}, {b.Max.X, b.Min.Y}} {
		x := a[0]*float64(p.X) + a[1]*float64(p.Y) + a[2]
		y := a[3]*float64(p.X) + a[4]*float64(p.Y) + a[5]
		if math.Abs(x) > 1e6 || math.Abs(y) > 1e6 {
			return false
		}
	}
	return true
}
