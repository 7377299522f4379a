package ingest

import (
	"context"

	"github.com/kaoping/kaoping/ingest/ofd"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// OFDPages reads the pages of an OFD (glyphs with boxes, ruling segments),
// with failures as *readerr.Error naming the file: the OFD branch of Read,
// and what `kaoping text` prints.
func OFDPages(ctx context.Context, name string, data []byte) ([]page.Page, error) {
	d, err := ofd.Read(ctx, name, data)
	if err != nil {
		return nil, readerr.In(name, err)
	}
	return d.Pages, nil
}
