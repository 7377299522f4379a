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
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// Limits on what a workbook may unpack to, so a zip bomb is refused, and on
// one sheet, applied while it is read. A 考评表 has tens of rows, a dozen
// columns and a few dozen merges; the caps are a hundred times that and
// still keep a hostile file to seconds and a few hundred MB.
const (
	maxFile  = 64 << 20
	maxUnzip = 128 << 20
	maxXML   = 32 << 20 // one worksheet's XML
	maxSST   = 8 << 20  // the shared-strings table's XML (excelize holds it whole)

	maxRows      = 20000   // rows with content, by position
	maxCols      = 1024    // columns with content in a row, by position
	maxCells     = 200_000 // cells in a sheet
	maxMerges    = 10_000  // merged ranges in a sheet
	maxMergeRows = 200_000 // rows reached by all merges together, clipped to the content
	// maxMergeCells bounds the cells all merges of a sheet cover as
	// written, before clipping. A title merged by selecting its whole row
	// (A1:XFD1) covers 16,384 cells, so sixty of those pass; A3:XFD20000,
	// a few KB that cover 327 million cells, is a merge bomb and refused
	// like a sheet over the row or cell cap, not read half.
	maxMergeCells = 1_000_000
)

// Read returns the flow of the workbook data. Sheets are read in
// order; hidden sheets and sheets without a 考评表 header are skipped. Block refs give the sheet number as the
// page and the sheet row as the line. Errors are *readerr.Error, or the
// context's.
func Read(ctx context.Context, data []byte) (fl flow.Flow, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return fl, readerr.New(readerr.Empty, nil, "", "")
	}
	if len(data) > maxFile {
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
	data, err = checkParts(data)
	if err != nil {
		return fl, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxXML})
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
		blocks, tables, err := readSheet(ctx, f, sh, si+1, table)
		switch {
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded), readerr.KindOf(err) == readerr.TooLarge:
			return flow.Flow{}, err
		case err != nil:
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

// merge is a merged range, 0-based and inclusive, clipped to the sheet's
// content.
type merge struct{ r0, c0, r1, c1 int }

// sheetGrid is one sheet's cells by position, with its merges kept as
// ranges: a merge bomb (A1:XFD20000 in a few hundred bytes) costs one
// entry, never one per cell.
type sheetGrid struct {
	text   [][]string
	spans  map[[2]int]span // top-left (row, col) → span
	byRow  [][]merge       // the merges reaching into each row, by first column
	header []int8          // isHeader memo: 0 unknown, 1 yes, -1 no
	follow []int8          // rowsFollow memo
}

// covered reports whether (r, c) lies inside a merge but is not its
// top-left cell.
func (g *sheetGrid) covered(r, c int) bool {
	if r >= len(g.byRow) {
		return false
	}
	ms := g.byRow[r]
	k := sort.Search(len(ms), func(i int) bool { return ms[i].c0 > c }) - 1
	if k < 0 {
		return false
	}
	m := ms[k]
	return c <= m.c1 && (r != m.r0 || c != m.c0)
}

// load reads a sheet row by row (excelize's iterator: the sheet XML is
// streamed, never unmarshalled whole) and its merges, refusing it as soon
// as it passes a cap.
func load(ctx context.Context, f *excelize.File, sh string) (*sheetGrid, error) {
	rows, err := f.Rows(sh)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	g := &sheetGrid{spans: map[[2]int]span{}}
	blank, cells, width := 0, 0, 0 // empty rows not yet kept, cells kept, widest row
	for r := 0; rows.Next(); r++ {
		if r%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		for len(cols) > 0 && strings.TrimSpace(cols[len(cols)-1]) == "" {
			cols = cols[:len(cols)-1]
		}
		if len(cols) == 0 {
			blank++
			continue
		}
		switch {
		case r >= maxRows:
			return nil, limitErr(sh, "行", "rows", maxRows)
		case len(cols) > maxCols:
			return nil, limitErr(sh, "列", "columns", maxCols)
		}
		if cells += len(cols); cells > maxCells {
			return nil, limitErr(sh, "个单元格", "cells", maxCells)
		}
		for ; blank > 0; blank-- {
			g.text = append(g.text, nil)
		}
		g.text = append(g.text, cols)
		width = max(width, len(cols))
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	merges, err := sheetMerges(f, sh)
	if err != nil {
		return nil, err
	}
	g.byRow = make([][]merge, len(g.text))
	reach := 0
	for _, m := range merges {
		if m.r0 >= len(g.text) {
			continue
		}
		// clip to the sheet's content: nothing lies beyond it
		m.r1 = min(m.r1, len(g.text)-1)
		m.c1 = min(m.c1, max(width, m.c0+1)-1)
		if reach += m.r1 - m.r0 + 1; reach > maxMergeRows {
			return nil, limitErr(sh, "行次的合并单元格", "merged row spans", maxMergeRows)
		}
		g.spans[[2]int{m.r0, m.c0}] = span{m.r1 - m.r0 + 1, m.c1 - m.c0 + 1}
		for r := m.r0; r <= m.r1; r++ {
			g.byRow[r] = append(g.byRow[r], m)
		}
	}
	for _, ms := range g.byRow {
		sort.Slice(ms, func(i, j int) bool { return ms[i].c0 < ms[j].c0 })
	}
	g.header = make([]int8, len(g.text))
	g.follow = make([]int8, len(g.text)+1)
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
	if g.header[r] == 0 {
		cells := make([]string, len(g.text[r]))
		for c := range g.text[r] {
			cells[c] = g.at(r, c)
		}
		g.header[r] = -1
		if columns.IsHeader(cells) {
			g.header[r] = 1
		}
	}
	return g.header[r] > 0
}

// readSheet returns the blocks of one sheet and how many tables it holds.
func readSheet(ctx context.Context, f *excelize.File, sh string, page, table int) ([]flow.Block, int, error) {
	g, err := load(ctx, f, sh)
	if err != nil {
		return nil, 0, err
	}
	var out []flow.Block
	tables := 0
	in := false // inside a table
	left, width := 0, 0
	for r := range g.text {
		if r%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
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
				if t := g.at(r, c); t != "" && !g.covered(r, c) {
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
		if g.at(r, c) == "" && !g.covered(r, c) {
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
		if t == "" || g.covered(r, c) {
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
// It is memoised from the end, so a sheet of wide merged lines costs one
// pass, not one per line.
func (g *sheetGrid) rowsFollow(r int) bool {
	if r >= len(g.text) {
		return false
	}
	if g.follow[r] == 0 {
		k := r
		for k < len(g.text) && g.follow[k] == 0 {
			k++
		}
		for k--; k >= r; k-- {
			v := int8(-1)
			switch {
			case g.isHeader(k):
			case g.tableRow(k):
				v = 1
			case k+1 < len(g.text):
				v = g.follow[k+1]
			}
			g.follow[k] = v
		}
	}
	return g.follow[r] > 0
}

// tableRow: three or more cells with text.
func (g *sheetGrid) tableRow(r int) bool {
	n := 0
	for c := range g.text[r] {
		if g.at(r, c) != "" && !g.covered(r, c) {
			n++
		}
	}
	return n >= 3
}

// row returns the cells of table row r: every non-empty cell and every
// merge's top-left, columns counted from the table's first column.
func (g *sheetGrid) row(r, left int) []flow.Cell {
	var cells []flow.Cell
	n := len(g.text[r])
	for _, m := range g.byRow[r] {
		if m.r0 == r {
			n = max(n, m.c0+1)
		}
	}
	for c := left; c < n; c++ {
		if g.covered(r, c) {
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
		if g.covered(r, c) {
			return true
		}
	}
	return false
}
