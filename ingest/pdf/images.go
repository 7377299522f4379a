package pdf

import (
	"context"
	"errors"
	"fmt"
	"image"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/raster"
)

// ImagePage is one page of a PDF without a text layer, as the images it
// places: what OCR reads when the page is composed in Go (ingest/raster).
type ImagePage struct {
	Number        int
	Total         int     // the document's page count
	Width, Height float64 // points, as the page model's
	Images        []raster.Placed
	// Render, when set, says why the page is not its images alone and must
	// be rendered by a PDF renderer instead: it paints paths (outlined
	// text, rules), inline images, or an image this package cannot decode.
	Render error
}

// errRender is wrapped by every ImagePage.Render.
var errRender = errors.New("page needs a renderer")

// maxPlacements bounds the images one page may paint: the real file with
// the most tiles seen had 277 a page; a form painting one image a million
// times must not be drawn a million times.
const maxPlacements = 20000

// pageImages is what the walker collects for ImagePages.
type pageImages struct {
	placed []placement
	inline int // inline images (BI … EI), which the tokenizer cannot give us
	paths  int // painted paths
}

type placement struct {
	ctm matrix
	x   lpdf.Value
}

func (w *walker) painted() {
	if w.imgs != nil {
		w.imgs.paths++
	}
}

// ImagePages walks the pages of a PDF again, collecting the image XObjects
// each paints with their placement, decodes them, and hands each page to f
// in order; memory holds one page's images at a time. It is meant for a PDF
// that Pages found to have no text layer (readerr.Scanned).
func ImagePages(ctx context.Context, name string, data []byte, f func(ImagePage) error) error {
	return imagePages(ctx, name, data, defaultLimits(), f)
}

func imagePages(ctx context.Context, name string, data []byte, lim limits, f func(ImagePage) error) error {
	r, data, err := open(name, data, lim.MaxObjects)
	if err != nil {
		return err
	}
	nodes, err := safe(func() ([]pageNode, error) { return pageTree(r, lim.MaxPages) })
	if err != nil {
		return classify(name, data, 0, err)
	}
	d := newDoc(ctx, lim)
	// open has decrypted an encrypted file into data; a trailer that still
	// names /Encrypt would mean its streams are not.
	src := source{data: data, encrypted: r.Trailer().Key("Encrypt").Kind() != lpdf.Null}
	for i, n := range nodes {
		if err := ctx.Err(); err != nil {
			return err
		}
		ip, err := safe(func() (ImagePage, error) { return imagePage(d, src, n, i+1) })
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			// The walk itself failed: leave the page to the renderer, which
			// tolerates more damage than we do.
			ip = ImagePage{Number: i + 1, Render: fmt.Errorf("%w: %w", errRender, err)}
		}
		ip.Total = len(nodes)
		if err := f(ip); err != nil {
			return err
		}
	}
	return nil
}

func imagePage(d *doc, src source, n pageNode, num int) (ImagePage, error) {
	ctm, wd, ht := n.deviceMatrix()
	p := page.Page{Number: num, Width: wd, Height: ht}
	col := &pageImages{}
	w := &walker{d: d, pg: &p, gs: newGState(ctm), imgs: col}
	w.run(n.v.Key("Contents"), n.resources)
	ip := ImagePage{Number: num, Width: wd, Height: ht}
	switch {
	case len(p.Glyphs) > 0:
		ip.Render = fmt.Errorf("%w: %d glyphs", errRender, len(p.Glyphs))
	case col.paths > 0:
		ip.Render = fmt.Errorf("%w: %d painted paths (outlined text or rules)", errRender, col.paths)
	case col.inline > 0:
		ip.Render = fmt.Errorf("%w: %d inline images", errRender, col.inline)
	case len(col.placed) > maxPlacements:
		ip.Render = fmt.Errorf("%w: %d images painted, over %d", errRender, len(col.placed), maxPlacements)
	}
	if ip.Render != nil {
		return ip, nil
	}
	// The unit square's top edge is the image's first row: flip v.
	flip := matrix{1, 0, 0, -1, 0, 1}
	cache := map[objID]image.Image{}
	for _, pl := range col.placed {
		id := idOf(pl.x)
		img, ok := cache[id]
		if !ok || id.num == 0 {
			var err error
			img, err = decodeImage(pl.x, src, &d.budget)
			if err != nil {
				ip.Render = fmt.Errorf("%w: image %d: %w", errRender, id.num, err)
				ip.Images = nil
				return ip, nil
			}
			cache[id] = img
		}
		if img == nil {
			continue // nothing to paint (an empty mask)
		}
		ip.Images = append(ip.Images, raster.Placed{Img: img, M: flip.mul(pl.ctm)})
	}
	return ip, nil
}
