package ingest

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/ingest/ofd"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/ingest/raster"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/scan"
	"github.com/kaoping/kaoping/model"
)

// OCR opens the recogniser when an input first needs it and keeps it for
// the inputs after: loading the two networks takes about a second. Dir ""
// means ocr.Dir("") ($KAOPING_OCR_DIR or the user's cache folder).
type OCR struct {
	Dir string

	mu  sync.Mutex
	eng *ocr.Engine
	err error
}

// Close frees the engine, if one was opened.
func (o *OCR) Close() error {
	if o == nil {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	err := o.eng.Close()
	o.eng, o.err = nil, nil
	return err
}

func (o *OCR) recognizer() (scan.Recognizer, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.eng == nil && o.err == nil {
		o.eng, o.err = ocr.Open(ocr.Dir(o.Dir))
	}
	if o.err != nil {
		return nil, ocrMissing(ocr.Dir(o.Dir), o.err)
	}
	return o.eng, nil
}

type ocrKey struct{}

// WithOCR returns a context whose reads use o for scans and images. The
// reader table's functions take the context and the bytes only, and the
// engine is worth keeping across the inputs of a run (a batch, a server);
// without it, each read that needs OCR opens the engine and closes it.
func WithOCR(ctx context.Context, o *OCR) context.Context {
	return context.WithValue(ctx, ocrKey{}, o)
}

// withRecognizer runs f with the context's recogniser, or one opened for f.
func withRecognizer(ctx context.Context, f func(scan.Recognizer) error) error {
	o, _ := ctx.Value(ocrKey{}).(*OCR)
	if o == nil {
		o = &OCR{}
		defer o.Close()
	}
	rec, err := o.recognizer()
	if err != nil {
		return err
	}
	return f(rec)
}

// ocrMissing is the error for an input that needs OCR when the engine
// cannot be opened: the message names the command that installs it.
func ocrMissing(dir string, err error) error {
	zh := fmt.Sprintf("安装命令：%s；安装目录 %s，可用环境变量 %s 或 --ocr-dir 指定", ocr.InstallCommand, dir, ocr.EnvDir)
	en := fmt.Sprintf("install it with: %s; it is looked for in %s, set %s or --ocr-dir to change", ocr.InstallCommand, dir, ocr.EnvDir)
	if !errors.Is(err, ocr.ErrNotInstalled) {
		zh += "；技术细节：" + err.Error()
		en += "; " + err.Error()
	}
	return readerr.New(readerr.NoOCR, err, zh, en)
}

func isImage(data []byte) bool { return scan.Detect(data) != "" }

func imageFormat(data []byte) string { return scan.Detect(data) }

// readImage reads a JPEG, PNG or TIFF page image by OCR.
func readImage(ctx context.Context, _ string, data []byte) (input, error) {
	img, err := scan.Decode(data)
	if err != nil {
		if errors.Is(err, scan.ErrTooLarge) {
			return input{}, readerr.New(readerr.TooLarge, err, err.Error(), err.Error())
		}
		return input{}, readerr.New(readerr.Corrupt, err, "技术细节："+err.Error(), err.Error())
	}
	var p page.Page
	err = withRecognizer(ctx, func(rec scan.Recognizer) error {
		progress(ctx, 1, 1)
		p, err = scan.Page(ctx, rec, img, 1, 0)
		return ocrError(1, err)
	})
	if err != nil {
		return input{}, err
	}
	return ocrInput([]page.Page{p}), nil
}

// readPDF reads a PDF's text layer; one without (a scan, a print to
// images, outlined text) is read by OCR.
func readPDF(ctx context.Context, name string, data []byte) (input, error) {
	pages, err := pdf.Pages(ctx, name, data)
	if readerr.KindOf(err) != readerr.Scanned {
		return input{pages: pages}, err
	}
	err = withRecognizer(ctx, func(rec scan.Recognizer) error {
		return rasterPDF(ctx, name, data, false, func(n, total int, img *image.RGBA, dpi float64) error {
			progress(ctx, n, total)
			p, err := scan.Page(ctx, rec, img, n, dpi)
			if err != nil {
				return ocrError(n, err)
			}
			pages = append(pages, p)
			return nil
		})
	})
	switch {
	case errors.Is(err, scan.ErrNoRenderer):
		return input{}, readerr.New(readerr.Unsupported, err,
			"PDF 没有文字层，其页面需要渲染后才能做文字识别：请安装 poppler-utils（apt-get install poppler-utils）",
			"the PDF has no text layer and its pages must be rendered for OCR: install poppler-utils (apt-get install poppler-utils)")
	case err != nil:
		return input{}, err
	}
	return ocrInput(pages), nil
}

// rasterPDF hands f the pixels of every page of a PDF without a text
// layer, in order. A page that is its images alone (a scan, a print to
// images, a page of tiles) is composed in Go from its image XObjects; any
// other (outlined text, an image filter Go does not decode — see the BUG
// notes of ingest/pdf) is rendered by pdftoppm. poppler forces pdftoppm for
// every page, for comparing the two.
func rasterPDF(ctx context.Context, name string, data []byte, poppler bool, f func(n, total int, img *image.RGBA, dpi float64) error) error {
	return pdf.ImagePages(ctx, name, data, func(ip pdf.ImagePage) error {
		if ip.Render == nil && !poppler {
			img, dpi := raster.Compose(ip.Width, ip.Height, composeDPI(ip.Images), ip.Images)
			return f(ip.Number, ip.Total, img, dpi)
		}
		return scan.RenderPDFRange(ctx, data, scan.RenderDPI, ip.Number, ip.Number, func(n int, img *image.RGBA) error {
			return f(n, ip.Total, img, scan.RenderDPI)
		})
	})
}

// composeDPI is the resolution a page of images is composed at: its scan's
// own, between RenderDPI and twice that. A finer scan is not resampled down
// here but by scan.Page, after it has levelled the page: a tilted hairline
// rule shrunk first and turned after is too pale to find.
func composeDPI(placed []raster.Placed) float64 {
	return min(max(scan.RenderDPI, raster.Resolution(placed)), 2*scan.RenderDPI)
}

// readOFDScan reads an OFD whose pages are images by OCR, each page
// composed from its ImageObjects.
func readOFDScan(ctx context.Context, name string, data []byte) (input, error) {
	var pages []page.Page
	err := withRecognizer(ctx, func(rec scan.Recognizer) error {
		return ofd.ImagePages(ctx, name, data, func(ip ofd.ImagePage) error {
			progress(ctx, ip.Number, ip.Total)
			img, dpi := raster.Compose(ip.Width, ip.Height, composeDPI(ip.Images), ip.Images)
			p, err := scan.Page(ctx, rec, img, ip.Number, dpi)
			if err != nil {
				return ocrError(ip.Number, err)
			}
			pages = append(pages, p)
			return nil
		})
	})
	if err != nil {
		return input{}, err
	}
	return ocrInput(pages), nil
}

func ocrError(n int, err error) error {
	var re *readerr.Error
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &re) {
		return err
	}
	return &readerr.Error{Page: n, Err: fmt.Errorf("OCR: %w", err)}
}

// ocrInput records that the text was read by OCR, and where the red seals
// were.
func ocrInput(pages []page.Page) input {
	in := input{pages: pages, ocr: true}
	for _, p := range pages {
		for _, b := range p.Seals {
			in.sealed = append(in.sealed, model.Ref{Page: model.Int(p.Number), Box: &b})
		}
	}
	return in
}
