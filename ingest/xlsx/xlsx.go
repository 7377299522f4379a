// Package xlsx reads a 考评表 workbook (ours, or one a clerk edited in Excel
// or WPS) into a flow. Merges are exact in a sheet, so each merged cell
// appears once at its top-left position with its spans (ExactSpans), and the
// form builder needs no guessing. Lines outside the table (附件, title,
// 参评单位, date, signatures) become text blocks; each sheet's table is a
// table of its own, so several sheets give several forms.
package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// Limits on what a workbook may unpack to, so a zip bomb is refused.
const (
	MaxFile  = 64 << 20
	MaxUnzip = 256 << 20
	MaxXML   = 64 << 20
	MaxRows  = 20000
)

// Read returns the flow of the workbook data. Sheets are read in
// order; hidden sheets and sheets without a 考评表 header are skipped. Block refs give the sheet number as the
// page and the sheet row as the line. Errors are *readerr.Error, or the
// context's.
func Read(ctx context.Context, data []byte) (fl flow.Flow, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return fl, readerr.New(readerr.Empty, nil, "", "")
	}
	if len(data) > MaxFile {
		return fl, readerr.New(readerr.TooLarge, fmt.Errorf("%d bytes", len(data)), "", "")
	}
	defer func() {
		// excelize has panicked on damaged archives; a bad file is an
		// error, never a crash.
		if p := recover(); p != nil {
			fl = flow.Flow{}
			err = readerr.New(readerr.Corrupt, fmt.Errorf("excelize: %v", p), "", "")
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzip, UnzipXMLSizeLimit: MaxXML})
	if err != nil {
		return fl, classify(err)
	}
	defer f.Close()
	fl.ExactSpans = true
	table := 0
	for si, sh := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return flow.Flow{}, err
		}
		if v, err := f.GetSheetVisible(sh); err == nil && !v {
			continue
		}
		blocks, tables, err := readSheet(f, sh, si+1, table)
		if err != nil {
			return flow.Flow{}, readerr.Newf(readerr.Corrupt, err, "工作表“%s”", "sheet “%s”", sh)
		}
		if tables == 0 {
			continue // a sheet without a 考评表 (our 审核意见, notes)
		}
		fl.Blocks = append(fl.Blocks, blocks...)
		table += tables
	}
	if table == 0 {
		return fl, readerr.New(readerr.NoForm, errors.New("no 考评表 header in any sheet"), "", "")
	}
	return fl, nil
}

// classify tells excelize's open errors apart.
func classify(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "size limit") || strings.Contains(msg, "exceeds"):
		return readerr.New(readerr.TooLarge, err, "", "")
	case strings.Contains(msg, "password") || strings.Contains(msg, "encrypt"):
		return readerr.New(readerr.Encrypted, err, "", "")
	}
	return readerr.New(readerr.Corrupt, err, "", "")
}

// span is a merge seen from its top-left cell.
type span struct{ rows, cols int }

// grid is one sheet's cells by position, merges resolved.
type sheetGrid struct {
	text    [][]string
	spans   map[[2]int]span // top-left (row, col) → span
	covered map[[2]int]bool // positions inside a merge, not its top-left
}

func load(f *excelize.File, sh string) (*sheetGrid, error) {
	rows, err := f.GetRows(sh)
	if err != nil {
		return nil, err
	}
	if len(rows) > MaxRows {
		rows = rows[:MaxRows]
	}
	g := &sheetGrid{text: rows, spans: map[[2]int]span{}, covered: map[[2]int]bool{}}
	merges, err := f.GetMergeCells(sh)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 < r0 || c1 < c0 || r1-r0 > MaxRows {
			continue
		}
		g.spans[[2]int{r0 - 1, c0 - 1}] = span{r1 - r0 + 1, c1 - c0 + 1}
		for r := r0 - 1; r < r1 && r < len(rows); r++ {
			for c := c0 - 1; c < c1; c++ {
				if r != r0-1 || c != c0-1 {
					g.covered[[2]int{r, c}] = true
				}
			}
		}
	}
	return g, nil
}

func (g *sheetGrid) at(r, c int) string {
	if r < len(g.text) && c < len(g.text[r]) {
		return strings.TrimSpace(g.text[r][c])
	}
	return ""
}

// isHeader reports whether row r is a 考评表 header row, by the one lexicon
// of ingest/columns.
func (g *sheetGrid) isHeader(r int) bool {
	cells := make([]string, len(g.text[r]))
	for c := range g.text[r] {
		cells[c] = g.at(r, c)
	}
	return columns.IsHeader(cells)
}

// readSheet returns the blocks of one sheet and how many tables it holds.
func readSheet(f *excelize.File, sh string, page, table int) ([]flow.Block, int, error) {
	g, err := load(f, sh)
	if err != nil {
		return nil, 0, err
	}
	var out []flow.Block
	tables := 0
	in := false // inside a table
	left, width := 0, 0
	for r := range g.text {
		ref := model.Ref{Page: model.Int(page), Line: model.Int(r + 1)}
		if g.isHeader(r) && !in {
			in, tables = true, tables+1
			left, width = g.extent(r)
		}
		if in && g.endsTable(r, left, width) {
			in = false
		}
		if !in {
			for c := range g.text[r] {
				if t := g.at(r, c); t != "" && !g.covered[[2]int{r, c}] {
					out = append(out, flow.Block{Text: t, Ref: ref})
				}
			}
			continue
		}
		cells := g.row(r, left)
		if len(cells) == 0 && !g.coveredRow(r, left, width) {
			continue // a blank row inside the table
		}
		if cells == nil {
			cells = []flow.Cell{}
		}
		out = append(out, flow.Block{Cells: cells, Table: table + tables - 1, Ref: ref})
	}
	return out, tables, nil
}

// extent returns the first column and the width of the table whose header
// is row r, merges included.
func (g *sheetGrid) extent(r int) (left, width int) {
	left, right := -1, -1
	for c := range g.text[r] {
		if g.at(r, c) == "" && !g.covered[[2]int{r, c}] {
			continue
		}
		if left < 0 {
			left = c
		}
		end := c
		if s, ok := g.spans[[2]int{r, c}]; ok {
			end = c + s.cols - 1
		}
		right = max(right, end)
	}
	for k, s := range g.spans {
		if k[0] == r || k[0] == r-1 {
			right = max(right, k[1]+s.cols-1)
		}
	}
	return max(left, 0), right - max(left, 0) + 1
}

// endsTable reports whether row r is a line below the table: a signature
// line, or one text merged across (nearly) the whole table width with no
// table row after it (else it is a heading row inside the table, 职能工作目标).
func (g *sheetGrid) endsTable(r, left, width int) bool {
	var texts []string
	wide := false
	for c := range g.text[r] {
		t := g.at(r, c)
		if t == "" || g.covered[[2]int{r, c}] {
			continue
		}
		texts = append(texts, t)
		if s, ok := g.spans[[2]int{r, c}]; ok && s.rows == 1 && s.cols >= width-1 && c <= left+1 {
			wide = true
		}
	}
	if len(texts) == 0 {
		return false
	}
	if len(texts) == 1 && wide {
		return !g.rowsFollow(r + 1)
	}
	sig := 0
	for _, t := range texts {
		if strings.Contains(t, "领导：") || strings.Contains(t, "经办人") || strings.Contains(t, "联系电话") {
			sig++
		}
	}
	return sig > 0 && sig == len(texts)
}

// rowsFollow reports whether a table row (three or more cells) comes at or
// after row r, before the next header.
func (g *sheetGrid) rowsFollow(r int) bool {
	for ; r < len(g.text); r++ {
		if g.isHeader(r) {
			return false
		}
		n := 0
		for c := range g.text[r] {
			if g.at(r, c) != "" && !g.covered[[2]int{r, c}] {
				n++
			}
		}
		if n >= 3 {
			return true
		}
	}
	return false
}

// row returns the cells of table row r: every non-empty cell and every
// merge's top-left, columns counted from the table's first column.
func (g *sheetGrid) row(r, left int) []flow.Cell {
	var cells []flow.Cell
	n := len(g.text[r])
	for k := range g.spans {
		if k[0] == r {
			n = max(n, k[1]+1)
		}
	}
	for c := left; c < n; c++ {
		if g.covered[[2]int{r, c}] {
			continue
		}
		t := g.at(r, c)
		s, merged := g.spans[[2]int{r, c}]
		if t == "" && !merged {
			continue
		}
		cell := flow.Cell{Col: c - left, Text: t, RowSpan: 1, ColSpan: 1}
		if merged {
			cell.RowSpan, cell.ColSpan = s.rows, s.cols
		}
		cells = append(cells, cell)
	}
	return cells
}

// coveredRow reports whether a merge from above reaches into row r.
func (g *sheetGrid) coveredRow(r, left, width int) bool {
	for c := left; c < left+width; c++ {
		if g.covered[[2]int{r, c}] {
			return true
		}
	}
	return false
}
