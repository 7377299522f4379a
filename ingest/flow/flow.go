// Package flow is what every reader hands to the notice parser and the form
// builder: the document's lines of running text and its table rows, in reading
// order. A text dump, a PDF, an XLSX sheet, a DOCX and an OFD all become a Flow,
// so there is one notice parser and one form builder.
package flow

import "github.com/kaoping/kaoping/model"

// Flow is one input's content in reading order.
type Flow struct {
	Blocks []Block
	// Pages is the number of pages of a paged input, 0 for text and sheets.
	Pages int
	// ExactSpans is true when the reader knows every cell's true row and column
	// span (XLSX merges, DOCX gridSpan/vMerge, ruled PDF tables). It is false for
	// text dumps, where a merged cell's text landed on one row of its span and
	// the form builder must un-merge by reasoning over the 序号.
	ExactSpans bool
	// Creator is the application that made a paged input (page.Page's
	// Creator), "" where the file does not say or the format has none.
	Creator string `json:",omitempty"`
}

// Block is either a line of running text (Cells == nil) or one table row.
type Block struct {
	Text  string // the line, for running text
	Cells []Cell // the row's cells, for a table row
	// Table numbers the table a row belongs to (0, 1, …); rows of one table
	// continued across pages share it.
	Table int
	// Header marks a table's header rows (ingest/tables: by their words,
	// or as the rows the table repeats on every page).
	Header bool `json:",omitempty"`
	// Furniture marks page numbers and running headers/footers: kept for
	// `kaoping text`, skipped by the parsers.
	Furniture bool
	Ref       model.Ref
	// Doubt says why the reader is unsure of the row as a whole ("" when
	// it is not): text beside it outside the table, a column the table
	// may have lost. The form builder makes it a reading-doubt finding on
	// the row, which names no one cell.
	Doubt string `json:",omitempty"`
}

// IsRow reports whether the block is a table row.
func (b Block) IsRow() bool { return b.Cells != nil }

// Cell is one table cell. In a text dump Col is the tab position and spans are
// 1. In an exact grid a merged cell appears once, at its top-left position,
// with its spans; the positions it covers are absent from later rows.
type Cell struct {
	Col     int
	Text    string
	RowSpan int // 1 when not merged
	ColSpan int // 1 when not merged
	Box     *model.Box
	// Doubt says why the reader is unsure of the cell ("" when it is not);
	// the form builder makes it a reading-doubt finding.
	Doubt string `json:",omitempty"`
}
