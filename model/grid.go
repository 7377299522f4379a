package model

// Grids are the tables of any document as grids with spans: what `kaoping
// tables` writes, for a 考评表 or not (what Camelot and Tabula give, with the
// merged cells kept).
type Grids struct {
	Tables []Grid `json:"tables"`
}

// Grid is one table. A table continued over pages is one Grid; Page is the
// page it starts on (null for formats without pages), and each cell has its
// own.
type Grid struct {
	Page *int `json:"page"`
	Rows int  `json:"rows"`
	Cols int  `json:"cols"`
	// HeaderRows is how many of the first rows are the table's header (by
	// its words, or repeated on every page, where it is printed once); 0
	// when nothing tells a header from the body.
	HeaderRows int        `json:"headerRows"`
	Cells      []GridCell `json:"cells"`
}

// GridCell is a cell at its top-left position with its spans; the positions
// a merged cell covers have no cell of their own.
type GridCell struct {
	Row     int    `json:"row"`
	Col     int    `json:"col"`
	RowSpan int    `json:"rowSpan"`
	ColSpan int    `json:"colSpan"`
	Text    string `json:"text"`
	Page    *int   `json:"page,omitempty"`
	Box     *Box   `json:"box,omitempty"`
}
