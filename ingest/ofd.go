package ingest

import (
	"context"

	"github.com/kaoping/kaoping/ingest/ofd"
	"github.com/kaoping/kaoping/ingest/page"
)

// OFDPages reads the pages of an OFD (glyphs with boxes, ruling segments),
// with failures as *Error: the OFD branch of Read, and what `kaoping text`
// prints.
func OFDPages(ctx context.Context, name string, data []byte) ([]page.Page, error) {
	d, err := readOFD(ctx, name, data)
	if err != nil {
		return nil, err
	}
	return d.Pages, nil
}

func readOFD(ctx context.Context, name string, data []byte) (*ofd.Doc, error) {
	d, err := ofd.Read(ctx, name, data)
	if err != nil {
		return nil, zipError(name, err)
	}
	return d, nil
}
