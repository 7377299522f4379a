package ingest

import (
	"context"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
)

// Grids reads every table of an input (PDF, OFD, DOCX, XLSX, an office file
// LibreOffice converts, a text dump's tab-separated rows) as a grid with
// spans, whether or not it is a 考评表: the same readers and the same
// cross-page joins as Read, without the form builder. Errors are
// *readerr.Error naming the file, or the context's.
func Grids(ctx context.Context, name string, data []byte) (model.Grids, error) {
	g, err := grids(ctx, name, data)
	return g, readerr.In(name, err)
}

func grids(ctx context.Context, name string, data []byte) (model.Grids, error) {
	out := model.Grids{Tables: []model.Grid{}}
	if len(data) > MaxInput {
		return out, readerr.Newf(readerr.TooLarge, nil, "%d MB", "%d MB", len(data)>>20)
	}
	r := lookup(data)
	switch {
	case r == nil, r.doc != nil:
		return out, readerr.New(readerr.Unsupported, nil, "不是可读取表格的文件", "not a file with tables to read")
	case r.convert != nil:
		conv, err := r.convert(ctx, name, data)
		if err != nil {
			return out, err
		}
		return grids(ctx, name, conv)
	}
	in, err := r.read(ctx, name, data)
	if err != nil {
		return out, err
	}
	fl := in.flow
	if r.paged {
		if fl, err = tables.Flow(ctx, in.pages); err != nil {
			return out, err
		}
	}
	out.Tables = gridsOf(fl)
	return out, ctx.Err()
}

// gridsOf groups a flow's table rows by table, numbering the rows of each
// from 0 in reading order.
func gridsOf(fl flow.Flow) []model.Grid {
	out := []model.Grid{}
	idx := map[int]int{} // flow table id → index in out
	header := map[int]int{}
	paged := map[int]bool{}
	for _, b := range fl.Blocks {
		if !b.IsRow() {
			continue
		}
		i, ok := idx[b.Table]
		if !ok {
			i = len(out)
			idx[b.Table] = i
			out = append(out, model.Grid{Page: b.Ref.Page, Cells: []model.GridCell{}})
		}
		g := &out[i]
		row := g.Rows
		g.Rows++
		if b.Ref.Page != nil {
			paged[i] = true
		}
		if b.Header && header[i] == row {
			header[i]++
		}
		for _, c := range b.Cells {
			rs, cs := max(c.RowSpan, 1), max(c.ColSpan, 1)
			g.Cells = append(g.Cells, model.GridCell{Row: row, Col: c.Col, RowSpan: rs, ColSpan: cs, Text: c.Text, Page: b.Ref.Page, Box: c.Box})
			g.Cols = max(g.Cols, c.Col+cs)
		}
	}
	for i := range out {
		g := &out[i]
		for _, c := range g.Cells {
			g.Rows = max(g.Rows, c.Row+c.RowSpan)
		}
		if header[i] == 0 && !paged[i] {
			// A reader that carries the table's structure (DOCX, XLSX)
			// does not say which rows are the header: the words do.
			header[i] = columns.HeaderRows(rowTexts(*g, 4))
		}
		g.HeaderRows = header[i]
	}
	return out
}

// rowTexts is the text of the first n rows of g by column.
func rowTexts(g model.Grid, n int) [][]string {
	rows := make([][]string, min(n, g.Rows))
	for r := range rows {
		rows[r] = make([]string, g.Cols)
	}
	for _, c := range g.Cells {
		if c.Row < len(rows) && c.Col >= 0 && c.Col < g.Cols {
			rows[c.Row][c.Col] = c.Text
		}
	}
	return rows
}
