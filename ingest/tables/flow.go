package tables

import (
	"context"
	"slices"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// Flow reads pages as one flow: the text lines outside tables (read by
// ingest/lines from the pages with the tables' glyphs removed), and every
// table row as a Block with its cells, spans and boxes, in reading
// order (page, then top to bottom). ExactSpans is set when every table was
// ruled: the spans are then the drawn ones, and the form builder need not
// reason them out of the 序号.
func Flow(ctx context.Context, pages []page.Page) (flow.Flow, error) {
	if err := ctx.Err(); err != nil {
		return flow.Flow{}, err
	}
	per := Tables(pages)
	tabs := Join(pages, per)
	stripped := make([]page.Page, len(pages))
	for i, p := range pages {
		stripped[i] = p
		stripped[i].Glyphs = outside(p.Glyphs, per[i])
	}
	text := lines.Flow(stripped)
	out := flow.Flow{Pages: len(pages), ExactSpans: len(tabs) > 0}
	if len(pages) > 0 {
		out.Creator = pages[0].Creator
	}
	var rows []flow.Block
	for _, t := range tabs {
		out.ExactSpans = out.ExactSpans && t.Ruled
		rows = append(rows, t.Rows()...)
	}
	out.Blocks = interleave(text.Blocks, rows)
	return out, nil
}

// Rows returns the table as flow rows: a merged cell once, at its top-left
// position, with its spans, the header rows marked (HeaderRows); Ref.Page
// and Box say where each row and cell was printed.
func (t *Table) Rows() []flow.Block {
	rows := make([]flow.Block, t.NRows())
	hr := t.HeaderRows()
	for r := range rows {
		box := t.RowBox[r]
		rows[r] = flow.Block{Cells: []flow.Cell{}, Table: t.ID, Header: r < hr, Ref: model.Ref{Page: model.Int(t.RowPage[r]), Box: &box}}
	}
	for _, c := range t.Cells {
		if c.Row < 0 || c.Row >= len(rows) {
			continue
		}
		box := c.Box
		if c.RowDoubt != "" && rows[c.Row].Doubt == "" {
			rows[c.Row].Doubt = c.RowDoubt
		}
		rows[c.Row].Cells = append(rows[c.Row].Cells, flow.Cell{
			Col: c.Col, Text: c.Text, RowSpan: c.RowSpan, ColSpan: c.ColSpan, Box: &box, Doubt: c.Doubt,
		})
	}
	for r := range rows {
		slices.SortFunc(rows[r].Cells, func(a, b flow.Cell) int { return a.Col - b.Col })
	}
	return rows
}

// interleave merges text lines and table rows by page and vertical position.
// Lines keep their order; a row goes before the first line of its page (or a
// later page) that starts below the row's top. Lines without a page or box
// keep their place after what precedes them.
func interleave(text, rows []flow.Block) []flow.Block {
	out := make([]flow.Block, 0, len(text)+len(rows))
	r := 0
	for _, b := range text {
		for r < len(rows) && before(rows[r], b) {
			out = append(out, rows[r])
			r++
		}
		out = append(out, b)
	}
	return append(out, rows[r:]...)
}

// before reports whether table row a comes before text line b.
func before(a, b flow.Block) bool {
	if b.Ref.Page == nil || a.Ref.Page == nil {
		return false
	}
	if *a.Ref.Page != *b.Ref.Page {
		return *a.Ref.Page < *b.Ref.Page
	}
	if b.Ref.Box == nil || a.Ref.Box == nil {
		return false
	}
	return a.Ref.Box.Y0 < b.Ref.Box.Y0
}
