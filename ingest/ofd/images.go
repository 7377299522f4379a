package ofd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the image formats OFD scanners write
	_ "image/png"
	"strings"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"

	"github.com/kaoping/kaoping/ingest/raster"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
)

// xImageObject is a page's ImageObject: the resource it draws and where.
type xImageObject struct {
	Boundary   string `xml:"Boundary,attr"`
	CTM        string `xml:"CTM,attr"`
	ResourceID string `xml:"ResourceID,attr"`
}

// placedImage is an ImageObject on its page: M maps the image's unit
// square (top-left origin, as OFD's image space is) to page mm.
type placedImage struct {
	res string
	m   matrix
}

// maxImagesPerPage bounds the ImageObjects one page may draw.
const maxImagesPerPage = 20000

// maxImagePixels bounds one image: a 600-dpi A3 scan is 70 million pixels.
const maxImagePixels = 150_000_000

// imageAt places an ImageObject: its CTM maps the unit square into the
// Boundary's space, whose origin is the Boundary's top-left corner on the
// page. Without a CTM the image fills its Boundary.
func imageAt(o xImageObject) placedImage {
	bd := parseBox(o.Boundary)
	m := matrix{bd.w, 0, 0, bd.h, 0, 0}
	if o.CTM != "" {
		m = parseCTM(o.CTM)
	}
	m.e += bd.x
	m.f += bd.y
	return placedImage{res: strings.Clone(o.ResourceID), m: m} // not the page's whole text
}

// ImagePage is one page of an OFD without a text layer, as the images it
// draws, for OCR (ingest/raster composes them).
type ImagePage struct {
	Number        int
	Total         int     // the document's page count
	Width, Height float64 // points
	Images        []raster.Placed
}

// ImagePages reads the OFD again keeping its ImageObjects, decodes their
// image resources (JPEG, PNG, BMP, TIFF) and hands each page to f in order;
// memory holds one page's images at a time. It is meant for an OFD that
// Read found to have no text (readerr.Scanned).
//
// BUG: image formats Go does not decode (JBIG2, JPEG 2000) are refused
// with readerr.Unsupported; there is no renderer for OFD to fall back on.
func ImagePages(ctx context.Context, file string, data []byte, f func(ImagePage) error) error {
	return imagePages(ctx, file, data, zipsafe.DefaultLimits, f)
}

func imagePages(ctx context.Context, file string, data []byte, lim zipsafe.Limits, f func(ImagePage) error) error {
	zr, err := zipsafe.Open(file, data, lim)
	if err != nil {
		return err
	}
	r := &reader{file: file, zr: zr, fonts: map[string]string{}, params: map[string]xDrawParam{}, templates: map[string]xTemplateRef{},
		collect: true, media: map[string]string{}}
	doc, _, _, err := r.readPages(ctx)
	if err != nil {
		return err
	}
	cache := map[string]image.Image{}
	for i, pg := range doc.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		ip := ImagePage{Number: pg.Number, Total: len(doc.Pages), Width: pg.Width, Height: pg.Height}
		clear(cache)
		for _, pl := range r.placed[i] {
			img, ok := cache[pl.res]
			if !ok {
				if img, err = r.image(pl.res); err != nil {
					return err
				}
				cache[pl.res] = img
			}
			if img == nil {
				continue
			}
			m := pl.m
			ip.Images = append(ip.Images, raster.Placed{Img: img, M: [6]float64{m.a * ptPerMM, m.b * ptPerMM, m.c * ptPerMM, m.d * ptPerMM, m.e * ptPerMM, m.f * ptPerMM}})
		}
		if err := f(ip); err != nil {
			return err
		}
	}
	return nil
}

// image decodes the image resource id; nil when the resource is missing
// (a dangling reference draws nothing, as viewers do).
func (r *reader) image(id string) (image.Image, error) {
	name, ok := r.media[id]
	if !ok || !r.zr.Has(name) {
		return nil, nil
	}
	b, err := r.zr.ReadFile(name)
	if err != nil {
		return nil, err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, readerr.New(readerr.Unsupported, err,
			fmt.Sprintf("页面图像 %s 的格式无法识别（支持 JPEG、PNG、BMP、TIFF）", name),
			fmt.Sprintf("page image %s is in a format not read here (JPEG, PNG, BMP, TIFF are)", name))
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return nil, readerr.Newf(readerr.TooLarge, nil, "页面图像 %d × %d 像素，超过上限", "page image of %d × %d pixels, over the limit", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		var ie *readerr.Error
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, r.corrupt(err, fmt.Sprintf("页面图像 %s（%s）已损坏", name, format), fmt.Sprintf("page image %s (%s) is damaged", name, format))
	}
	return img, nil
}
