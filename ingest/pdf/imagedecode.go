package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"

	lpdf "github.com/ledongthuc/pdf"
)

// maxImagePixels bounds one image: a 600-dpi A3 scan is 70 million pixels.
const maxImagePixels = 150_000_000

// colorSpace is an image's colour space reduced to what a page canvas
// needs: how many components a sample has and how they become RGB.
type colorSpace struct {
	n       int          // components per sample
	family  string       // "gray", "rgb", "cmyk", "indexed"
	palette []color.RGBA // indexed: the colours of the indices 0…hival
}

// decodeImage decodes an image XObject into an image whose pixels are
// its colours (or, for a stencil mask, black ink over transparency).
// Samples of 1, 2, 4, 8 or 16 bits; DeviceGray, DeviceRGB, DeviceCMYK,
// Cal*, ICCBased by its component count, and Indexed over them; /Decode.
//
// An image's /SMask (a soft mask: grey samples are its opacity) or /Mask
// (a stencil stream, or colour-key ranges of sample values) makes the
// image transparent there (masked), so that the page composes it onto
// white as a viewer does, instead of painting what the producer hid: a
// web print's images carry their page's background under a soft mask.
//
// BUG: Separation, DeviceN and Lab colour spaces, JPXDecode and
// JBIG2Decode data are not decoded, and a page with them is rendered by
// pdftoppm. A stencil mask is painted black: the walker does not track the
// fill colour. A soft mask's /Matte (colours premultiplied by it) is
// ignored, and a colour key on DCT data is not applied: its samples are
// not the ones written.
func decodeImage(x lpdf.Value, src source, budget *int64) (image.Image, error) {
	img, err := decodeSamples(x, src, budget, false)
	if err != nil || img == nil {
		return img, err
	}
	return masked(x, img, src, budget)
}

// masked applies the image's /SMask or stencil /Mask: the image as
// *image.NRGBA with their opacity as its alpha, the mask's pixel nearest to
// each image pixel (a mask may be finer or coarser than its image). An
// image without either comes back as it is.
func masked(x lpdf.Value, img image.Image, src source, budget *int64) (image.Image, error) {
	mv := x.Key("SMask")
	soft := mv.Kind() == lpdf.Stream
	if !soft {
		if mv = x.Key("Mask"); mv.Kind() != lpdf.Stream {
			return img, nil
		}
	}
	m, err := decodeSamples(mv, src, budget, soft)
	if err != nil {
		return nil, fmt.Errorf("mask: %w", err)
	}
	if m == nil {
		return img, nil
	}
	b, mb := img.Bounds(), m.Bounds()
	if need := int64(b.Dx()) * int64(b.Dy()) * 4; need > *budget {
		return nil, fmt.Errorf("masked image: %w", errLimit)
	} else {
		*budget -= need
	}
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		my := mb.Min.Y + y*mb.Dy()/b.Dy()
		o := out.Pix[y*out.Stride:]
		for x := range b.Dx() {
			mx := mb.Min.X + x*mb.Dx()/b.Dx()
			var a uint8
			if soft {
				g, _, _, _ := m.At(mx, my).RGBA()
				a = uint8(g >> 8)
			} else {
				_, _, _, al := m.At(mx, my).RGBA()
				a = uint8(al >> 8)
			}
			r, g, bl, al := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			o[4*x], o[4*x+1], o[4*x+2] = uint8(r>>8), uint8(g>>8), uint8(bl>>8)
			o[4*x+3] = uint8(uint32(a) * (al >> 8) / 255)
		}
	}
	return out, nil
}

// decodeSamples decodes an image XObject's samples, without its soft or
// stencil mask; a colour key (/Mask [min max …]) is applied here, on the
// samples as written. soft: the stream is a soft mask, grey whatever
// /ColorSpace says.
func decodeSamples(x lpdf.Value, src source, budget *int64, soft bool) (image.Image, error) {
	w, h := int(x.Key("Width").Int64()), int(x.Key("Height").Int64())
	if w <= 0 || h <= 0 || int64(w)*int64(h) > maxImagePixels {
		return nil, fmt.Errorf("image of %d × %d pixels", w, h)
	}
	mask := x.Key("ImageMask").Bool()
	bpc := intOr(x.Key("BitsPerComponent"), 8)
	cs := colorSpace{n: 1, family: "gray"}
	if mask {
		bpc = 1
	}
	names, params := filterChain(x)
	if !mask && !soft {
		var err error
		if cs, err = parseColorSpace(x.Key("ColorSpace"), budget, 0); err != nil {
			if !(len(names) > 0 && names[len(names)-1] == "DCTDecode" && x.Key("ColorSpace").Kind() == lpdf.Null) {
				return nil, err
			}
		}
	}
	switch bpc {
	case 1, 2, 4, 8, 16:
	default:
		return nil, fmt.Errorf("%d bits per component", bpc)
	}
	row := (w*cs.n*bpc + 7) / 8
	need := int64(row) * int64(h)
	raw, err := rawStream(x, src)
	if err != nil {
		return nil, err
	}
	data, isJPEG, err := unfilter(raw, names, params, need+int64(h)+4096, w, h)
	if err != nil {
		return nil, err
	}
	decode := numbers(x.Key("Decode"))
	if isJPEG {
		return decodeJPEG(data, decode, budget)
	}
	if int64(len(data)) < need {
		return nil, fmt.Errorf("image data %d bytes, %d × %d needs %d", len(data), w, h, need)
	}
	if need > *budget {
		return nil, fmt.Errorf("image data: %w", errLimit)
	}
	*budget -= need
	if mask {
		return stencil(data, w, h, row, decode), nil
	}
	var key []int
	if k := x.Key("Mask"); !soft && k.Kind() == lpdf.Array && k.Len() >= 2*cs.n {
		for i := range 2 * cs.n {
			key = append(key, int(k.Index(i).Int64()))
		}
	}
	img, err := samples(data, w, h, row, bpc, cs, decode)
	if err != nil || key == nil {
		return img, err
	}
	return colourKey(img, data, w, h, row, bpc, cs.n, key), nil
}

// colourKey masks the pixels whose every sample lies in key's range for its
// component ([min0 max0 min1 max1 …], in sample values as written).
func colourKey(img image.Image, data []byte, w, h, row, bpc, n int, key []int) *image.NRGBA {
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r := data[y*row:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			in := true
			for j := range n {
				v := sampleAt(r, x*n+j, bpc)
				if bpc == 16 {
					v = v<<8 | int(r[2*(x*n+j)+1])
				}
				in = in && v >= key[2*j] && v <= key[2*j+1]
			}
			cr, cg, cb, _ := img.At(x, y).RGBA()
			o[4*x], o[4*x+1], o[4*x+2] = uint8(cr>>8), uint8(cg>>8), uint8(cb>>8)
			if !in {
				o[4*x+3] = 255
			}
		}
	}
	return out
}

// parseColorSpace reads an image's /ColorSpace.
func parseColorSpace(v lpdf.Value, budget *int64, depth int) (colorSpace, error) {
	if depth > 2 {
		return colorSpace{}, fmt.Errorf("colour space nested too deep")
	}
	name := v.Name()
	if v.Kind() == lpdf.Array && v.Len() > 0 {
		name = v.Index(0).Name()
	}
	switch name {
	case "DeviceGray", "G", "CalGray":
		return colorSpace{n: 1, family: "gray"}, nil
	case "DeviceRGB", "RGB", "CalRGB":
		return colorSpace{n: 3, family: "rgb"}, nil
	case "DeviceCMYK", "CMYK":
		return colorSpace{n: 4, family: "cmyk"}, nil
	case "ICCBased":
		switch v.Index(1).Key("N").Int64() {
		case 1:
			return colorSpace{n: 1, family: "gray"}, nil
		case 3:
			return colorSpace{n: 3, family: "rgb"}, nil
		case 4:
			return colorSpace{n: 4, family: "cmyk"}, nil
		}
		if alt := v.Index(1).Key("Alternate"); alt.Kind() != lpdf.Null {
			return parseColorSpace(alt, budget, depth+1)
		}
		return colorSpace{}, fmt.Errorf("ICC colour space with %d components: %w", v.Index(1).Key("N").Int64(), errUnsupported)
	case "Indexed", "I":
		if v.Len() < 4 {
			return colorSpace{}, fmt.Errorf("indexed colour space without its table")
		}
		base, err := parseColorSpace(v.Index(1), budget, depth+1)
		if err != nil {
			return colorSpace{}, err
		}
		if base.family == "indexed" {
			return colorSpace{}, fmt.Errorf("indexed over indexed")
		}
		hival := int(v.Index(2).Int64())
		if hival < 0 || hival > 255 {
			return colorSpace{}, fmt.Errorf("indexed hival %d", hival)
		}
		var table []byte
		switch t := v.Index(3); t.Kind() {
		case lpdf.String:
			table = []byte(t.RawString())
		case lpdf.Stream:
			if table, err = readStreamMax(t, budget, 4*256, nil); err != nil {
				return colorSpace{}, err
			}
		}
		pal := make([]color.RGBA, hival+1)
		for i := range pal {
			c := make([]float64, base.n)
			for j := range c {
				if k := i*base.n + j; k < len(table) {
					c[j] = float64(table[k]) / 255
				}
			}
			pal[i] = toRGBA(base.family, c)
		}
		return colorSpace{n: 1, family: "indexed", palette: pal}, nil
	}
	return colorSpace{}, fmt.Errorf("colour space %q: %w", name, errUnsupported)
}

// toRGBA turns components in [0, 1] into a colour. CMYK is converted
// naively, as viewers do without a colour profile.
func toRGBA(family string, c []float64) color.RGBA {
	b := func(f float64) uint8 { return uint8(math.Round(255 * min(1, max(0, f)))) }
	switch family {
	case "gray":
		g := b(c[0])
		return color.RGBA{g, g, g, 255}
	case "rgb":
		return color.RGBA{b(c[0]), b(c[1]), b(c[2]), 255}
	case "cmyk":
		k := 1 - c[3]
		return color.RGBA{b((1 - c[0]) * k), b((1 - c[1]) * k), b((1 - c[2]) * k), 255}
	}
	return color.RGBA{0, 0, 0, 255}
}

func numbers(v lpdf.Value) []float64 {
	if v.Kind() != lpdf.Array {
		return nil
	}
	out := make([]float64, v.Len())
	for i := range out {
		out[i] = v.Index(i).Float64()
	}
	return out
}

// sampleAt returns the i-th sample value of a row of bpc-bit samples.
func sampleAt(row []byte, i, bpc int) int {
	switch bpc {
	case 8:
		return int(row[i])
	case 16:
		return int(row[2*i]) // the high byte is all a canvas shows
	}
	bit := i * bpc
	return int(row[bit/8]>>(8-bpc-bit%8)) & (1<<bpc - 1)
}

// samples builds the image of decoded samples: grey as *image.Gray, the
// rest as *image.RGBA (both have fast paths in x/image/draw).
func samples(data []byte, w, h, row, bpc int, cs colorSpace, decode []float64) (image.Image, error) {
	maxv := 1<<bpc - 1
	if bpc == 16 {
		maxv = 255
	}
	// One table per component from sample value to its value in [0, 1]
	// (or, for an index, to the index).
	tables := make([][]float64, cs.n)
	for j := range tables {
		lo, hi := 0.0, 1.0
		if cs.family == "indexed" {
			hi = float64(maxv)
		}
		if len(decode) >= 2*cs.n {
			lo, hi = decode[2*j], decode[2*j+1]
		}
		t := make([]float64, maxv+1)
		for v := range t {
			t[v] = lo + float64(v)*(hi-lo)/float64(maxv)
		}
		tables[j] = t
	}
	if cs.family == "gray" {
		img := image.NewGray(image.Rect(0, 0, w, h))
		lut := make([]uint8, maxv+1)
		for v := range lut {
			lut[v] = uint8(math.Round(255 * min(1, max(0, tables[0][v]))))
		}
		for y := range h {
			r := data[y*row:]
			o := img.Pix[y*img.Stride:]
			for x := range w {
				o[x] = lut[sampleAt(r, x, bpc)]
			}
		}
		return img, nil
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c := make([]float64, cs.n)
	for y := range h {
		r := data[y*row:]
		o := img.Pix[y*img.Stride:]
		for x := range w {
			var px color.RGBA
			if cs.family == "indexed" {
				i := int(math.Round(tables[0][sampleAt(r, x, bpc)]))
				px = cs.palette[min(len(cs.palette)-1, max(0, i))]
			} else {
				for j := range c {
					c[j] = tables[j][sampleAt(r, x*cs.n+j, bpc)]
				}
				px = toRGBA(cs.family, c)
			}
			o[4*x], o[4*x+1], o[4*x+2], o[4*x+3] = px.R, px.G, px.B, 255
		}
	}
	return img, nil
}

// stencil builds a stencil mask: black where it paints (samples of 0,
// or of 1 with /Decode [1 0]), transparent elsewhere.
func stencil(data []byte, w, h, row int, decode []float64) image.Image {
	paint := 0
	if len(decode) >= 2 && decode[0] > decode[1] {
		paint = 1
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r := data[y*row:]
		o := img.Pix[y*img.Stride:]
		for x := range w {
			if sampleAt(r, x, 1) == paint {
				o[4*x+3] = 255
			}
		}
	}
	return img
}

// decodeJPEG decodes DCT data. A /Decode of [1 0 …] inverts grey or
// colour; Adobe CMYK JPEGs are un-inverted by image/jpeg already.
func decodeJPEG(data []byte, decode []float64, budget *int64) (image.Image, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("DCTDecode: %w", err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return nil, fmt.Errorf("JPEG of %d × %d pixels", cfg.Width, cfg.Height)
	}
	if n := int64(cfg.Width) * int64(cfg.Height) * 3; n > *budget {
		return nil, fmt.Errorf("JPEG data: %w", errLimit)
	} else {
		*budget -= n
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("DCTDecode: %w", err)
	}
	inverted := len(decode) >= 2 && decode[0] > decode[1]
	switch m := img.(type) {
	case *image.CMYK:
		rgba := image.NewRGBA(m.Rect)
		for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
			for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
				rgba.Set(x, y, m.At(x, y))
			}
		}
		return rgba, nil
	case *image.Gray:
		if inverted {
			for i := range m.Pix {
				m.Pix[i] = 255 - m.Pix[i]
			}
		}
		return m, nil
	}
	if inverted {
		b := img.Bounds()
		rgba := image.NewRGBA(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				rgba.Set(x, y, color.RGBA{255 - uint8(r>>8), 255 - uint8(g>>8), 255 - uint8(bl>>8), 255})
			}
		}
		return rgba, nil
	}
	return img, nil
}
