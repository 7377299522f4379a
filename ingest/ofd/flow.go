package ofd

import (
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/lines"
)

// Flow turns the pages into lines of text in reading order with the same
// code as for PDF (ingest/lines), so an OFD notice reaches the notice parser
// exactly as its PDF twin would.
func Flow(d *Doc) flow.Flow {
	if d == nil {
		return flow.Flow{}
	}
	return lines.Flow(d.Pages)
}
