package scantest

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Encoding is a way a PDF producer stores an image XObject; TilesPDF cycles
// through them so that one page exercises each decoder path.
type Encoding string

// The encodings TilesPDF writes.
const (
	JPEG        Encoding = "jpeg"      // DCTDecode, DeviceRGB (scanners, img2pdf)
	JPEGGray    Encoding = "jpeg-gray" // DCTDecode, DeviceGray
	FlateRGB    Encoding = "flate-rgb" // FlateDecode with PNG predictors (all five row filters), DeviceRGB
	FlateGray   Encoding = "flate-gray"
	Bilevel     Encoding = "bilevel"  // 1 bit DeviceGray, as a fax-like scan
	Indexed     Encoding = "indexed"  // 4-bit Indexed over DeviceRGB
	CMYK        Encoding = "cmyk"     // 8-bit DeviceCMYK, Flate
	Inverted    Encoding = "inverted" // DeviceGray samples inverted, /Decode [1 0]
	LZW         Encoding = "lzw"      // LZWDecode /EarlyChange 0, DeviceGray
	HexFlate    Encoding = "hex"      // [/ASCIIHexDecode /FlateDecode], DeviceRGB
	Stencil     Encoding = "stencil"  // /ImageMask true, black ink over a white page
	Gray16      Encoding = "gray16"   // 16 bits per component
	ICCGray     Encoding = "icc-gray" // [/ICCBased <</N 1>>]
	Unsupported Encoding = "jpx"      // a JPXDecode stream Go does not decode: the page goes to pdftoppm
)

// Encodings is every encoding Go composes.
var Encodings = []Encoding{JPEG, JPEGGray, FlateRGB, FlateGray, Bilevel, Indexed, CMYK, Inverted, LZW, HexFlate, Stencil, Gray16, ICCGray}

// TilePage is one page of TilesPDF: its pixels, and the encodings its
// tiles are stored in, tile i as Encs[i % len(Encs)].
type TilePage struct {
	Img  *image.RGBA
	Encs []Encoding
}

// TilesPDF writes an image-only PDF whose pages are the given images at dpi,
// each cut into tiles of tw × th pixels placed side by side, as some print
// drivers and web-to-PDF converters write a page (a real 4-page file had
// 1,107 tiles).
func TilesPDF(pages []TilePage, dpi, tw, th int) ([]byte, error) {
	var w pdfWriter
	catalog, tree := w.reserve(), w.reserve()
	// A profile stream without a profile: readers fall back on /N and
	// /Alternate, which is what is tested.
	icc := fmt.Sprintf("%d 0 R", w.add("<< /N 1 /Alternate /DeviceGray", []byte{}))
	var kids []string
	for _, pg := range pages {
		img, encs := pg.Img, pg.Encs
		b := img.Bounds()
		wpt, hpt := float64(b.Dx())*72/float64(dpi), float64(b.Dy())*72/float64(dpi)
		var content strings.Builder
		var xobjs strings.Builder
		i := 0
		for y := 0; y < b.Dy(); y += th {
			for x := 0; x < b.Dx(); x += tw {
				r := image.Rect(x, y, min(x+tw, b.Dx()), min(y+th, b.Dy()))
				dict, data, err := encodeImage(img, r, encs[i%len(encs)])
				if err != nil {
					return nil, err
				}
				dict = strings.Replace(dict, "ICCREF", icc, 1)
				id := w.add(dict, data)
				fmt.Fprintf(&xobjs, "/T%d %d 0 R ", i, id)
				// The tile's box in points, PDF's y up.
				sx, sy := float64(r.Dx())*72/float64(dpi), float64(r.Dy())*72/float64(dpi)
				ox, oy := float64(r.Min.X)*72/float64(dpi), hpt-float64(r.Max.Y)*72/float64(dpi)
				if encs[i%len(encs)] == Stencil {
					content.WriteString("0 g ")
				}
				fmt.Fprintf(&content, "q %.4f 0 0 %.4f %.4f %.4f cm /T%d Do Q\n", sx, sy, ox, oy, i)
				i++
			}
		}
		cid := w.add("", []byte(content.String()))
		kids = append(kids, fmt.Sprintf("%d 0 R", w.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f] /Contents %d 0 R /Resources << /XObject << %s>> >> >>", tree, wpt, hpt, cid, xobjs.String()), nil)))
	}
	w.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree), nil)
	w.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)), nil)
	return w.bytes(catalog), nil
}

// encodeImage stores the r part of img as enc: the XObject's dictionary
// (without /Length) and its stream.
func encodeImage(img *image.RGBA, r image.Rectangle, enc Encoding) (string, []byte, error) {
	w, h := r.Dx(), r.Dy()
	head := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d", w, h)
	grey := func(x, y int) uint8 {
		c := img.RGBAAt(x, y)
		return uint8((299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000)
	}
	flat := func(n int, f func(x, y int, out []byte)) []byte {
		out := make([]byte, 0, w*h*n)
		px := make([]byte, n)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				f(x, y, px)
				out = append(out, px...)
			}
		}
		return out
	}
	rgb := func(x, y int, o []byte) { c := img.RGBAAt(x, y); o[0], o[1], o[2] = c.R, c.G, c.B }
	gray := func(x, y int, o []byte) { o[0] = grey(x, y) }
	switch enc {
	case JPEG, JPEGGray:
		var src image.Image = img.SubImage(r)
		cs := "/DeviceRGB"
		if enc == JPEGGray {
			g := image.NewGray(r)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					g.SetGray(x, y, color.Gray{grey(x, y)})
				}
			}
			src, cs = g, "/DeviceGray"
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, src, &jpeg.Options{Quality: 92}); err != nil {
			return "", nil, err
		}
		return fmt.Sprintf("<< %s /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode", head, cs), b.Bytes(), nil
	case FlateRGB:
		return fmt.Sprintf("<< %s /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns %d >>", head, w),
			deflate(pngPredict(flat(3, rgb), 3*w, 3)), nil
	case FlateGray:
		return fmt.Sprintf("<< %s /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", head), deflate(flat(1, gray)), nil
	case ICCGray:
		// ICCREF is replaced by TilesPDF with the profile stream's reference.
		return fmt.Sprintf("<< %s /ColorSpace [/ICCBased ICCREF] /BitsPerComponent 8 /Filter /FlateDecode", head), deflate(flat(1, gray)), nil
	case Gray16:
		return fmt.Sprintf("<< %s /ColorSpace /DeviceGray /BitsPerComponent 16 /Filter /FlateDecode", head),
			deflate(flat(2, func(x, y int, o []byte) { o[0], o[1] = grey(x, y), 0x80 })), nil
	case Inverted:
		return fmt.Sprintf("<< %s /ColorSpace /DeviceGray /BitsPerComponent 8 /Decode [1 0] /Filter /FlateDecode", head),
			deflate(flat(1, func(x, y int, o []byte) { o[0] = 255 - grey(x, y) })), nil
	case LZW:
		var b bytes.Buffer
		lw := lzw.NewWriter(&b, lzw.MSB, 8)
		lw.Write(flat(1, gray))
		lw.Close()
		return fmt.Sprintf("<< %s /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>", head), b.Bytes(), nil
	case HexFlate:
		return fmt.Sprintf("<< %s /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter [/ASCIIHexDecode /FlateDecode]", head),
			[]byte(hex.EncodeToString(deflate(flat(3, rgb))) + ">"), nil
	case CMYK:
		return fmt.Sprintf("<< %s /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode", head),
			deflate(flat(4, func(x, y int, o []byte) {
				c := img.RGBAAt(x, y)
				k := 255 - max(c.R, c.G, c.B)
				o[3] = k
				if k == 255 {
					o[0], o[1], o[2] = 0, 0, 0
					return
				}
				for i, v := range []uint8{c.R, c.G, c.B} {
					o[i] = uint8((255*int(255-v-k) + int(255-k)/2) / int(255-k))
				}
			})), nil
	case Bilevel, Stencil:
		row := (w + 7) / 8
		out := make([]byte, row*h)
		for y := range h {
			for x := range w {
				white := grey(r.Min.X+x, r.Min.Y+y) >= 128
				if enc == Stencil {
					white = !white // 1 = ink with /Decode [1 0]
				}
				if white {
					out[y*row+x/8] |= 0x80 >> (x % 8)
				}
			}
		}
		if enc == Stencil {
			return fmt.Sprintf("<< %s /ImageMask true /Decode [1 0] /Filter /FlateDecode", head), deflate(out), nil
		}
		return fmt.Sprintf("<< %s /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode", head), deflate(out), nil
	case Indexed:
		// Sixteen greys with a tinge, packed two to a byte.
		var pal bytes.Buffer
		for i := range 16 {
			v := uint8(i * 17)
			pal.Write([]byte{v, v, uint8(min(255, int(v)+8))})
		}
		row := (w + 1) / 2
		out := make([]byte, row*h)
		for y := range h {
			for x := range w {
				out[y*row+x/2] |= (grey(r.Min.X+x, r.Min.Y+y) / 16) << (4 * (1 - x%2))
			}
		}
		return fmt.Sprintf("<< %s /ColorSpace [/Indexed /DeviceRGB 15 <%s>] /BitsPerComponent 4 /Filter /FlateDecode", head, hex.EncodeToString(pal.Bytes())), deflate(out), nil
	case Unsupported:
		return fmt.Sprintf("<< %s /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /JPXDecode", head), []byte("not a JPEG 2000 codestream"), nil
	}
	return "", nil, fmt.Errorf("unknown encoding %q", enc)
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	zw := zlib.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// pngPredict filters rows of stride bytes with PNG's five row filters in
// turn (None, Sub, Up, Average, Paeth), as a PNG encoder picks them.
func pngPredict(data []byte, stride, bpp int) []byte {
	out := make([]byte, 0, len(data)+len(data)/stride)
	prev := make([]byte, stride)
	for y := 0; y+stride <= len(data); y += stride {
		cur := data[y : y+stride]
		ft := byte((y / stride) % 5)
		out = append(out, ft)
		for x := range cur {
			var a, b, c int
			if x >= bpp {
				a, c = int(cur[x-bpp]), int(prev[x-bpp])
			}
			b = int(prev[x])
			var p int
			switch ft {
			case 1:
				p = a
			case 2:
				p = b
			case 3:
				p = (a + b) / 2
			case 4:
				p = paeth(a, b, c)
			}
			out = append(out, cur[x]-byte(p))
		}
		prev = cur
	}
	return out
}

func paeth(a, b, c int) int {
	p := a + b - c
	pa, pb, pc := max(p-a, a-p), max(p-b, b-p), max(p-c, c-p)
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

// pdfWriter writes numbered objects and a cross-reference table.
type pdfWriter struct {
	objs []pdfObj
}

type pdfObj struct {
	dict   string
	stream []byte
}

func (w *pdfWriter) reserve() int { w.objs = append(w.objs, pdfObj{}); return len(w.objs) }

func (w *pdfWriter) set(id int, dict string, stream []byte) { w.objs[id-1] = pdfObj{dict, stream} }

// add appends an object; a dict left open ("<< …" without ">>") is a
// stream's, closed here with its /Length; "" is a plain stream.
func (w *pdfWriter) add(dict string, stream []byte) int {
	id := w.reserve()
	w.set(id, dict, stream)
	return id
}

func (w *pdfWriter) bytes(root int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(w.objs))
	for i, o := range w.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		switch {
		case o.stream == nil:
			b.WriteString(o.dict)
		case o.dict == "":
			fmt.Fprintf(&b, "<< /Length %d >>", len(o.stream))
		default:
			fmt.Fprintf(&b, "%s /Length %d >>", o.dict, len(o.stream))
		}
		if o.stream != nil {
			b.WriteString("\nstream\n")
			b.Write(o.stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, root, x)
	return b.Bytes()
}

// FpdfTilesPDF writes one page of tiles with go-pdf/fpdf, a real PDF
// library, as its users place images: each tile registered as a PNG (fpdf
// re-encodes it as Flate with PNG predictors) or, every other one, a JPEG.
func FpdfTilesPDF(img *image.RGBA, dpi, tw, th int) ([]byte, error) {
	b := img.Bounds()
	pt := func(px int) float64 { return float64(px) * 72 / float64(dpi) }
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pt(b.Dx()), Ht: pt(b.Dy())}})
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	i := 0
	for y := 0; y < b.Dy(); y += th {
		for x := 0; x < b.Dx(); x += tw {
			r := image.Rect(x, y, min(x+tw, b.Dx()), min(y+th, b.Dy()))
			var buf bytes.Buffer
			kind := "PNG"
			var err error
			if i%2 == 1 {
				kind = "JPG"
				err = jpeg.Encode(&buf, img.SubImage(r), &jpeg.Options{Quality: 92})
			} else {
				err = png.Encode(&buf, img.SubImage(r))
			}
			if err != nil {
				return nil, err
			}
			name := fmt.Sprintf("t%d", i)
			opt := fpdf.ImageOptions{ImageType: kind}
			doc.RegisterImageOptionsReader(name, opt, &buf)
			doc.ImageOptions(name, pt(r.Min.X), pt(r.Min.Y), pt(r.Dx()), pt(r.Dy()), false, opt, 0, "")
			i++
		}
	}
	var out bytes.Buffer
	if err := doc.Output(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
