// Package gridout writes the tables of a document (model.Grids, what
// `kaoping tables` reads) as JSON, CSV, an Excel workbook with the merges
// kept, or an HTML page with rowspan and colspan.
package gridout

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/jsonout"
)

// Formats are the output formats, in the order the CLI lists them.
var Formats = []string{"json", "csv", "xlsx", "html"}

// Write writes g in format f.
func Write(w io.Writer, g model.Grids, f string) error {
	switch f {
	case "json":
		return writeJSON(w, g)
	case "csv":
		return writeCSV(w, g)
	case "xlsx":
		return writeXLSX(w, g)
	case "html":
		return writeHTML(w, g)
	}
	return fmt.Errorf("gridout: unknown format %q", f)
}

// writeJSON writes g indented, without HTML escaping (the texts are Chinese).
func writeJSON(w io.Writer, g model.Grids) error {
	return jsonout.NewEncoder(w).Encode(g)
}

// matrix places each cell's text at its top-left position; the positions a
// merged cell covers stay empty.
func matrix(t model.Grid) [][]string {
	m := make([][]string, t.Rows)
	for r := range m {
		m[r] = make([]string, t.Cols)
	}
	for _, c := range t.Cells {
		if c.Row >= 0 && c.Row < t.Rows && c.Col >= 0 && c.Col < t.Cols {
			m[c.Row][c.Col] = c.Text
		}
	}
	return m
}

// writeCSV writes every table's rows, one table after another with an empty row
// between, each row as wide as the widest table so that a spreadsheet opens
// the file with one column count. A merged cell's text is at its top-left
// position. The UTF-8 byte order mark makes Excel read the Chinese right.
func writeCSV(w io.Writer, g model.Grids) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	width := 0
	for _, t := range g.Tables {
		width = max(width, t.Cols)
	}
	for i, t := range g.Tables {
		if i > 0 {
			if err := cw.Write(make([]string, width)); err != nil {
				return err
			}
		}
		for _, row := range matrix(t) {
			rec := make([]string, width)
			copy(rec, row)
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeXLSX writes one sheet per table (表1, 表2 …) with its merged cells merged.
func writeXLSX(w io.Writer, g model.Grids) error {
	f := excelize.NewFile()
	defer f.Close()
	wrap, err := f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border: []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
			{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}},
	})
	if err != nil {
		return err
	}
	if len(g.Tables) == 0 {
		if err := f.SetSheetName("Sheet1", "表1"); err != nil {
			return err
		}
	}
	for i, t := range g.Tables {
		name := fmt.Sprintf("表%d", i+1)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if t.Rows == 0 || t.Cols == 0 {
			continue
		}
		for _, c := range t.Cells {
			tl, err := excelize.CoordinatesToCellName(c.Col+1, c.Row+1)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(name, tl, c.Text); err != nil {
				return err
			}
			if c.RowSpan > 1 || c.ColSpan > 1 {
				br, err := excelize.CoordinatesToCellName(c.Col+c.ColSpan, c.Row+c.RowSpan)
				if err != nil {
					return err
				}
				if err := f.MergeCell(name, tl, br); err != nil {
					return err
				}
			}
		}
		last, err := excelize.CoordinatesToCellName(t.Cols, t.Rows)
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(name, "A1", last, wrap); err != nil {
			return err
		}
		lastCol, _ := excelize.ColumnNumberToName(t.Cols)
		if err := f.SetColWidth(name, "A", lastCol, 16); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// writeHTML writes a page with one <table> per table, merged cells as rowspan and
// colspan, the header rows as its <thead>, and each table's first page in its caption.
func writeHTML(w io.Writer, g model.Grids) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>表格</title>\n" +
		"<style>table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #000;padding:2px 4px;vertical-align:middle;white-space:pre-wrap}th{font-weight:normal;background:#eee}caption{text-align:left}</style>\n</head><body>\n")
	for i, t := range g.Tables {
		cap := fmt.Sprintf("表%d", i+1)
		if t.Page != nil {
			cap += fmt.Sprintf("（第 %d 页）", *t.Page)
		}
		fmt.Fprintf(&b, "<table>\n<caption>%s</caption>\n", html.EscapeString(cap))
		byRow := make([][]model.GridCell, t.Rows)
		for _, c := range t.Cells {
			if c.Row >= 0 && c.Row < t.Rows {
				byRow[c.Row] = append(byRow[c.Row], c)
			}
		}
		for r, cells := range byRow {
			slices.SortFunc(cells, func(a, b model.GridCell) int { return a.Col - b.Col })
			// The header rows (by their words, or repeated on every page)
			// are the table's head, their cells header cells.
			tag := "td"
			if r < t.HeaderRows {
				tag = "th"
			}
			if r == 0 && t.HeaderRows > 0 {
				b.WriteString("<thead>\n")
			}
			if r == t.HeaderRows && t.HeaderRows > 0 {
				b.WriteString("</thead>\n")
			}
			b.WriteString("<tr>")
			for _, c := range cells {
				b.WriteString("<" + tag)
				if c.RowSpan > 1 {
					fmt.Fprintf(&b, " rowspan=\"%d\"", c.RowSpan)
				}
				if c.ColSpan > 1 {
					fmt.Fprintf(&b, " colspan=\"%d\"", c.ColSpan)
				}
				fmt.Fprintf(&b, ">%s</%s>", html.EscapeString(c.Text), tag)
			}
			b.WriteString("</tr>\n")
		}
		if t.HeaderRows >= len(byRow) && t.HeaderRows > 0 {
			b.WriteString("</thead>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
