package ingest

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/scan"
	"github.com/kaoping/kaoping/model"
)

// OCR opens the recogniser when an input first needs it and keeps it for
// the inputs after: loading the two networks takes about a second. A nil
// *OCR, or one whose Dir is empty, uses ocr.Dir("") ($KAOPING_OCR_DIR or
// the user's cache folder).
type OCR struct {
	Dir string
	// Recognizer, when set, is used instead of the installed engine (tests).
	Recognizer scan.Recognizer

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
	o.eng = nil
	return err
}

func (o *OCR) recognizer(name string) (scan.Recognizer, error) {
	if o != nil && o.Recognizer != nil {
		return o.Recognizer, nil
	}
	if o == nil {
		return nil, errors.New("ingest: no OCR")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.eng == nil && o.err == nil {
		o.eng, o.err = ocr.Open(ocr.Dir(o.Dir))
	}
	if o.err != nil {
		return nil, ocrMissing(name, ocr.Dir(o.Dir), o.err)
	}
	return o.eng, nil
}

// ocrMissing is the error for an input that needs OCR when the engine
// cannot be opened: the message names the command that installs it.
func ocrMissing(name, dir string, err error) error {
	e := Errorf(name, KindNoOCR, err, "安装命令：%s；安装目录 %s，可用环境变量 %s 或 --ocr-dir 指定", ocr.InstallCommand, dir, ocr.EnvDir)
	e.DetailEn = fmt.Sprintf("install it with: %s; it is looked for in %s, set %s or --ocr-dir to change", ocr.InstallCommand, dir, ocr.EnvDir)
	if !errors.Is(err, ocr.ErrNotInstalled) {
		e.Detail += "；技术细节：" + err.Error()
		e.DetailEn += "; " + err.Error()
	}
	return e
}

// ImagePages reads a JPEG, PNG or TIFF page image by OCR.
func ImagePages(ctx context.Context, name string, data []byte, o *OCR) ([]page.Page, error) {
	img, err := scan.Decode(data)
	if err != nil {
		if errors.Is(err, scan.ErrTooLarge) {
			return nil, Errorf(name, KindTooLarge, err, "%s", err.Error())
		}
		e := Errorf(name, KindCorrupt, err, "技术细节：%v", err)
		e.DetailEn = err.Error()
		return nil, e
	}
	rec, err := o.recognizer(name)
	if err != nil {
		return nil, err
	}
	p, err := scan.Page(ctx, rec, img, 1, 0)
	if err != nil {
		return nil, ocrError(name, 1, err)
	}
	return []page.Page{p}, nil
}

// ScannedPDFPages reads the pages of a PDF without a text layer (scans,
// prints to images, outlined text) by rendering and OCR.
func ScannedPDFPages(ctx context.Context, name string, data []byte, o *OCR) ([]page.Page, error) {
	rec, err := o.recognizer(name)
	if err != nil {
		return nil, err
	}
	var pages []page.Page
	err = scan.RenderPDF(ctx, data, scan.RenderDPI, func(n int, img *image.RGBA) error {
		p, err := scan.Page(ctx, rec, img, n, scan.RenderDPI)
		if err != nil {
			return ocrError(name, n, err)
		}
		pages = append(pages, p)
		return nil
	})
	switch {
	case errors.Is(err, scan.ErrNoRenderer):
		e := Errorf(name, KindUnsupported, err, "PDF 没有文字层，文字识别需要先渲染页面：请安装 poppler-utils（apt-get install poppler-utils）")
		e.DetailEn = "the PDF has no text layer; rendering its pages for OCR needs poppler-utils (apt-get install poppler-utils)"
		return nil, e
	case err != nil:
		var ie *Error
		if errors.As(err, &ie) || ctx.Err() != nil {
			return nil, err
		}
		return nil, Errorf(name, KindUnknown, fmt.Errorf("render for OCR: %w", err), "")
	}
	return pages, nil
}

func ocrError(name string, n int, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	e := Errorf(name, KindUnknown, fmt.Errorf("OCR of page %d: %w", n, err), "")
	return e
}

// Pages reads the pages of a paged input: a PDF through its text layer, or
// by OCR when it has none; a page image by OCR.
func Pages(ctx context.Context, name string, data []byte, o *OCR) ([]page.Page, error) {
	return pagesOf(ctx, name, data, Detect(data), o)
}

func pagesOf(ctx context.Context, name string, data []byte, f Format, o *OCR) ([]page.Page, error) {
	switch f {
	case FormatPDF:
		pages, err := PDFPages(ctx, name, data)
		if KindOf(err) == KindScanned {
			return ScannedPDFPages(ctx, name, data, o)
		}
		return pages, err
	case FormatJPEG, FormatPNG, FormatTIFF:
		return ImagePages(ctx, name, data, o)
	case FormatOFD:
		return OFDPages(ctx, name, data)
	}
	return nil, Errorf(name, KindUnsupported, nil, "%s", f)
}

// ocrRead reports whether the pages were read by OCR.
func ocrRead(pages []page.Page) bool {
	for _, p := range pages {
		for _, g := range p.Glyphs {
			return g.Conf > 0
		}
	}
	return false
}

// markOCR records on the document that its text was read by OCR, and where
// the red seals were.
func markOCR(doc *model.Document, pages []page.Page) {
	doc.Source.OCR = true
	for _, p := range pages {
		for _, b := range p.Seals {
			b := b
			doc.Source.Sealed = append(doc.Source.Sealed, model.Ref{Page: model.Int(p.Number), Box: &b})
		}
	}
}
