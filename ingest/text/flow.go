package text

import (
	"fmt"
	"strings"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// maxLine is the longest line read. A 考评表 cell is a few hundred characters;
// a line of a megabyte is not a text dump but something else.
const maxLine = 1 << 20

// maxLines is the most lines a dump may have. A 考评表 notice is a few
// hundred lines; a 49 MB dump of a million rows cost 9.7 GB before this,
// in the blocks, the form and the audit built from them.
const maxLines = 100_000

// Flow splits a decoded dump into blocks. A line with a tab is a table row,
// its cells the tab-separated fields (Col = field index): that is how
// pdftotext and viewers export ruled tables, with a merged cell's text on one
// row of its span. A line without a tab is running text. Form feeds separate
// pages. Blank lines are dropped; every block keeps its 1-based line number.
func Flow(s string) (flow.Flow, error) {
	var fl flow.Flow
	page := 1
	paged := strings.Contains(s, "\f")
	lines := splitLines(s)
	if len(lines) > maxLines {
		return flow.Flow{}, readerr.Newf(readerr.TooLarge, fmt.Errorf("%d lines, over %d", len(lines), maxLines),
			"%d 行，上限 %d 行", "%d lines, the limit is %d", len(lines), maxLines)
	}
	for i, ln := range lines {
		if len(ln) > maxLine {
			return flow.Flow{}, readerr.Newf(readerr.TooLarge, fmt.Errorf("line %d is %d bytes, over %d", i+1, len(ln), maxLine),
				"第 %d 行超过 %d KB", "line %d is over %d KB", i+1, maxLine>>10)
		}
		for strings.HasPrefix(ln, "\f") {
			page++
			ln = ln[1:]
		}
		if strings.TrimSpace(strings.ReplaceAll(ln, "\t", "")) == "" {
			continue
		}
		ref := model.Ref{Line: model.Int(i + 1)}
		if paged {
			ref.Page = model.Int(page)
		}
		b := flow.Block{Ref: ref}
		if strings.Contains(ln, "\t") {
			fields := strings.Split(ln, "\t")
			b.Cells = make([]flow.Cell, len(fields))
			for c, f := range fields {
				b.Cells[c] = flow.Cell{Col: c, Text: strings.TrimSpace(f), RowSpan: 1, ColSpan: 1}
			}
		} else {
			b.Text = strings.TrimSpace(ln)
		}
		fl.Blocks = append(fl.Blocks, b)
	}
	if paged {
		fl.Pages = page
	}
	return fl, nil
}

// splitLines splits on \r\n, \r and \n.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}
