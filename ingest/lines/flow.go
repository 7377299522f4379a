package lines

import (
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// Flow returns the pages' lines as text blocks in reading order, page by
// page, with furniture marked. Ref.Line is the 1-based line number on its
// page in that order; Ref.Box is the line's box. Table rows are not built
// here (see ingest/lattice): a paged reader that finds ruled tables
// replaces the lines they cover with rows.
func Flow(pages []page.Page) flow.Flow {
	f := flow.Flow{Pages: len(pages)}
	for _, ls := range Document(pages) {
		f.Blocks = append(f.Blocks, blocks(ls)...)
	}
	return f
}

// blocks converts one page's lines to flow blocks.
func blocks(ls []Line) []flow.Block {
	out := make([]flow.Block, len(ls))
	for i, l := range ls {
		box := l.Box
		out[i] = flow.Block{
			Text:      l.Text,
			Furniture: l.Furniture,
			Ref:       model.Ref{Page: model.Int(l.Page), Line: model.Int(i + 1), Box: &box},
		}
	}
	return out
}
