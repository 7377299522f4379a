// Package xlsx renders a document's 考评表 forms as an Excel workbook a clerk
// keeps editing in Excel or WPS: one sheet per form laid out like the printed
// form, totals as live SUM formulas, findings as comments and fills, and a
// 审核意见 sheet listing every finding with a link to its cell.
package xlsx

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/grid"
)

// Options tune the workbook.
type Options struct {
	// Clean leaves out comments, fills and the 审核意见 sheet.
	Clean bool
	// Diff are the changes a diff shows on the form (model/diff.Overlay):
	// changed cells filled with the old value in a comment, added and moved
	// rows filled, removed rows struck through. Shown even when Clean.
	Diff []diff.Mark
}

// topRows is the number of sheet rows above the table: 附件, title, unit and date.
const topRows = 3

// Heights in points of the rows above the table and of the signature row.
const (
	topHeight  = 24 + 36 + 24
	signHeight = 30
)

// Write renders doc as an .xlsx workbook to w.
func Write(ctx context.Context, w io.Writer, doc *model.Document, opt Options) error {
	f, err := workbook(ctx, doc, opt)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write workbook: %w", err)
	}
	return nil
}

// SheetName is the name of the sheet of form i of n.
func SheetName(i, n int) string {
	if n == 1 {
		return "考评表"
	}
	return "考评表" + strconv.Itoa(i+1)
}

// workbook builds the workbook in memory, for Write and for tests that read it back.
func workbook(ctx context.Context, doc *model.Document, opt Options) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetDefaultFont(fallbackFont); err != nil {
		return nil, fmt.Errorf("xlsx: default font: %w", err)
	}
	st := newStyles(f)
	refs := make([]cellRef, len(doc.Findings)) // where each finding landed, for the 审核意见 sheet
	for i := range doc.Forms {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := SheetName(i, len(doc.Forms))
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, fmt.Errorf("xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		g := grid.Build(doc, i)
		g.ApplyMarks(opt.Diff)
		s := sheet{f: f, name: name, st: st, g: g, doc: doc, opt: opt}
		if err := s.render(refs); err != nil {
			return nil, fmt.Errorf("xlsx: sheet %s: %w", name, err)
		}
	}
	if len(doc.Forms) == 0 {
		if err := f.SetSheetName("Sheet1", SheetName(0, 1)); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
	}
	if !opt.Clean && len(doc.Findings) > 0 {
		if err := review(f, st, doc, refs); err != nil {
			return nil, fmt.Errorf("xlsx: 审核意见: %w", err)
		}
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	title := "绩效目标考评表"
	if len(doc.Forms) > 0 {
		title = doc.Forms[0].Title
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "kaoping", Subject: doc.Source.File}); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return f, nil
}

// cellRef is a finding's cell: sheet and A1 name.
type cellRef struct{ sheet, cell string }

// sheet renders one form.
type sheet struct {
	f    *excelize.File
	name string
	st   *styles
	g    *grid.Grid
	doc  *model.Document
	opt  Options
}

// cell returns the A1 name of grid position (row, col).
func cell(row, col int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row+topRows+1)
	return n
}

func (s *sheet) render(refs []cellRef) error {
	g, f, sh := s.g, s.f, s.name
	ncol := len(g.Columns)
	last, _ := excelize.ColumnNumberToName(ncol)
	widths := columnWidths(g)
	for i, w := range widths {
		c, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, c, c, w); err != nil {
			return err
		}
	}
	// 附件, title, unit and date
	if err := s.text("A1", "A1", g.Attachment, s.st.attach); err != nil {
		return err
	}
	if err := s.text("A2", last+"2", g.Title, s.st.title); err != nil {
		return err
	}
	mid := ncol * 2 / 3
	if mid < 1 {
		mid = 1
	}
	midName, _ := excelize.ColumnNumberToName(mid)
	if err := s.text("A3", midName+"3", g.Unit, s.st.unit); err != nil {
		return err
	}
	if mid < ncol {
		next, _ := excelize.ColumnNumberToName(mid + 1)
		if err := s.text(next+"3", last+"3", g.Date, s.st.date); err != nil {
			return err
		}
	}
	// the table
	for _, c := range g.Cells {
		if err := s.cell(c, refs); err != nil {
			return err
		}
	}
	// signatures below the table
	sr := g.Rows + topRows + 1
	if err := s.text("A"+strconv.Itoa(sr), last+strconv.Itoa(sr), g.Signatures, s.st.sign); err != nil {
		return err
	}
	heights := rowHeights(g, widths)
	for r, h := range heights {
		if err := f.SetRowHeight(sh, r+topRows+1, h); err != nil {
			return err
		}
	}
	for r, h := range map[int]float64{1: 24, 2: 36, 3: 24, sr: signHeight} {
		if err := f.SetRowHeight(sh, r, h); err != nil {
			return err
		}
	}
	if err := s.breaks(heights, widths, signHeight); err != nil {
		return err
	}
	if err := s.validation(); err != nil {
		return err
	}
	return s.page()
}

// text writes a line outside the table, merged over [from, to].
func (s *sheet) text(from, to, text string, style int) error {
	if from != to {
		if err := s.f.MergeCell(s.name, from, to); err != nil {
			return err
		}
	}
	if err := s.f.SetCellStr(s.name, from, text); err != nil {
		return err
	}
	return s.f.SetCellStyle(s.name, from, to, style)
}

// cell writes one grid cell: value or formula, merge, style, comment.
func (s *sheet) cell(c grid.Cell, refs []cellRef) error {
	f, sh := s.f, s.name
	tl := cell(c.Row, c.Col)
	br := cell(c.Row+c.RowSpan-1, c.Col+c.ColSpan-1)
	if tl != br {
		if err := f.MergeCell(sh, tl, br); err != nil {
			return err
		}
	}
	switch {
	case c.Kind == grid.KindTotal:
		// The stated value is kept as the cell's cached result, so reading the
		// file back gives what the form states; Excel and LibreOffice
		// recalculate on load (fullCalcOnLoad) and show the live sum.
		if c.Num != nil {
			if err := f.SetCellFloat(sh, tl, *c.Num, -1, 64); err != nil {
				return err
			}
		}
		if err := f.SetCellFormula(sh, tl, s.sum(c.Sum)); err != nil {
			return err
		}
	case c.Num != nil:
		if err := f.SetCellFloat(sh, tl, *c.Num, -1, 64); err != nil {
			return err
		}
	case c.Text != "":
		if err := f.SetCellStr(sh, tl, c.Text); err != nil {
			return err
		}
	}
	sev := model.Severity("")
	if !s.opt.Clean {
		for _, fi := range c.Findings {
			if x := s.doc.Findings[fi].Severity; x.Rank() > sev.Rank() {
				sev = x
			}
			refs[fi] = cellRef{sh, tl}
		}
	}
	mark := ""
	var b strings.Builder
	if c.Mark != nil {
		mark = c.Mark.Kind
		b.WriteString(c.Mark.Note)
	}
	if err := f.SetCellStyle(sh, tl, br, s.st.style(c.Kind, sev, c.Suffix, mark)); err != nil {
		return err
	}
	if s.opt.Clean || len(c.Findings) == 0 {
		if b.Len() == 0 {
			return nil
		}
		return f.AddComment(sh, excelize.Comment{Cell: tl, Author: "kaoping", Text: b.String(), Width: 240, Height: 80})
	}
	for i, fi := range c.Findings {
		if i > 0 || b.Len() > 0 {
			b.WriteString("\n")
		}
		fd := s.doc.Findings[fi]
		fmt.Fprintf(&b, "【%s】%s：%s", grid.SeverityText(fd.Severity), fd.Rule, fd.Message)
		if fd.Fix != nil && !fd.Fixed {
			fmt.Fprintf(&b, "（建议改为“%s”）", fd.Fix.To)
		}
	}
	return f.AddComment(sh, excelize.Comment{Cell: tl, Author: "kaoping", Text: b.String(), Width: 300, Height: 120})
}

// sum is the SUM formula over the weight cells of rows, one range per run of
// consecutive rows.
func (s *sheet) sum(rows []int) string {
	if len(rows) == 0 {
		return "0"
	}
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		a, b := cell(rows[i], s.g.WeightCol), cell(rows[j], s.g.WeightCol)
		if a == b {
			parts = append(parts, a)
		} else {
			parts = append(parts, a+":"+b)
		}
		i = j + 1
	}
	return "SUM(" + strings.Join(parts, ",") + ")"
}
