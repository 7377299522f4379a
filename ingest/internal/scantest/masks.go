package scantest

import (
	"fmt"
	"image"
)

// Mask is how MaskedPDF hides part of its page image.
type Mask string

// The masks MaskedPDF writes.
const (
	SoftMask  Mask = "smask"        // /SMask: a grey image of opacity, at half the image's resolution
	StencilMk Mask = "stencil-mask" // /Mask: a 1-bit stencil stream, 1 where masked
	ColourKey Mask = "colour-key"   // /Mask [min max …]: samples of one colour masked
)

// Masks is every mask MaskedPDF writes.
var Masks = []Mask{SoftMask, StencilMk, ColourKey}

// keyColour is the colour the colour key masks: no page pixel has it.
var keyColour = [3]uint8{3, 5, 7}

// MaskedPDF writes a one-page image-only PDF at dpi of src, as a web print
// or an office suite writes an image with transparency: the image XObject
// holds src with the hidden rectangle painted over in a dark colour (what
// the producer had under the transparent part), and its mask makes that
// rectangle transparent, so that a viewer shows src with hidden white.
// The image is Flate RGB, so what is not hidden is src exactly.
func MaskedPDF(src *image.RGBA, hidden image.Rectangle, dpi int, m Mask) ([]byte, error) {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	in := func(x, y int) bool { return image.Pt(b.Min.X+x, b.Min.Y+y).In(hidden) }
	pix := make([]byte, 0, 3*w*h)
	for y := range h {
		for x := range w {
			c := src.RGBAAt(b.Min.X+x, b.Min.Y+y)
			if in(x, y) {
				c.R, c.G, c.B = keyColour[0], keyColour[1], keyColour[2]
			}
			pix = append(pix, c.R, c.G, c.B)
		}
	}
	var wr pdfWriter
	catalog, tree := wr.reserve(), wr.reserve()
	dict := fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode", w, h)
	switch m {
	case SoftMask:
		mw, mh := (w+1)/2, (h+1)/2
		alpha := make([]byte, 0, mw*mh)
		for y := range mh {
			for x := range mw {
				a := byte(255)
				if in(2*x, 2*y) {
					a = 0
				}
				alpha = append(alpha, a)
			}
		}
		id := wr.add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", mw, mh), deflate(alpha))
		dict += fmt.Sprintf(" /SMask %d 0 R", id)
	case StencilMk:
		row := (w + 7) / 8
		bits := make([]byte, row*h)
		for y := range h {
			for x := range w {
				if in(x, y) {
					bits[y*row+x/8] |= 0x80 >> (x % 8)
				}
			}
		}
		id := wr.add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ImageMask true /BitsPerComponent 1 /Filter /FlateDecode", w, h), deflate(bits))
		dict += fmt.Sprintf(" /Mask %d 0 R", id)
	case ColourKey:
		dict += fmt.Sprintf(" /Mask [%d %d %d %d %d %d]", keyColour[0], keyColour[0], keyColour[1], keyColour[1], keyColour[2], keyColour[2])
	default:
		return nil, fmt.Errorf("mask %q", m)
	}
	img := wr.add(dict, deflate(pix))
	wpt, hpt := float64(w)*72/float64(dpi), float64(h)*72/float64(dpi)
	content := fmt.Sprintf("q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q", wpt, hpt)
	cid := wr.add("", []byte(content))
	page := wr.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f] /Contents %d 0 R /Resources << /XObject << /Im0 %d 0 R >> >> >>", tree, wpt, hpt, cid, img), nil)
	wr.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree), nil)
	wr.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page), nil)
	return wr.bytes(catalog), nil
}
