package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf"
)

// PDFPages reads the pages of a PDF (glyphs with boxes, ruling segments),
// with failures as *Error: the PDF branch of Read, and what `kaoping text`
// prints.
func PDFPages(ctx context.Context, name string, data []byte) ([]page.Page, error) {
	pages, err := pdf.Pages(ctx, name, data)
	if err != nil {
		return nil, pdfError(name, err)
	}
	return pages, nil
}

func pdfError(name string, err error) error {
	var pe *pdf.Error
	if !errors.As(err, &pe) {
		return err // the context's
	}
	kinds := map[pdf.Kind]Kind{
		pdf.Corrupt: KindCorrupt, pdf.Empty: KindEmpty, pdf.Truncated: KindTruncated,
		pdf.Encrypted: KindEncrypted, pdf.Scanned: KindScanned, pdf.TooLarge: KindTooLarge,
	}
	e := &Error{File: name, Kind: kinds[pe.Kind], Err: err}
	switch {
	// The PDF library's own words are English; the Chinese message marks
	// them as technical detail for whoever the clerk asks for help.
	case pe.Page > 0:
		e.Detail = fmt.Sprintf("第 %d 页，技术细节：%v", pe.Page, pe.Err)
		e.DetailEn = fmt.Sprintf("page %d: %v", pe.Page, pe.Err)
	case pe.Kind == pdf.Corrupt || pe.Kind == pdf.TooLarge:
		e.Detail = "技术细节：" + pe.Err.Error()
		e.DetailEn = pe.Err.Error()
	}
	return e
}
