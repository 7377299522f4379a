package ingest

import (
	"context"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// PDFPages reads the pages of a PDF (glyphs with boxes, ruling segments),
// with failures as *readerr.Error naming the file: the PDF branch of Read,
// and what `kaoping text` prints.
func PDFPages(ctx context.Context, name string, data []byte) ([]page.Page, error) {
	pages, err := pdf.Pages(ctx, name, data)
	return pages, readerr.In(name, err)
}
