package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	"github.com/kaoping/kaoping/render/grid"
)

// reviewSheet is the name of the sheet listing the findings.
const reviewSheet = "审核意见"

// review adds the 审核意见 sheet: one row per finding, its place linked to
// the cell it is about.
func review(f *excelize.File, st *styles, doc *model.Document, refs []cellRef) error {
	if _, err := f.NewSheet(reviewSheet); err != nil {
		return err
	}
	heads := []string{"编号", "级别", "规则", "位置", "审核意见", "建议修改"}
	widths := []float64{6, 8, 20, 18, 60, 20}
	for i, h := range heads {
		c, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(reviewSheet, c, h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(reviewSheet, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(reviewSheet, "A1", "F1", st.header); err != nil {
		return err
	}
	for i, fd := range doc.Findings {
		r := i + 2
		rs := strconv.Itoa(r)
		fix := ""
		if fd.Fix != nil {
			fix = fd.Fix.From + " → " + fd.Fix.To
			if fd.Fixed {
				fix += "（已改）"
			}
		}
		vals := []string{strconv.Itoa(i + 1), grid.SeverityText(fd.Severity), fd.Rule, where(fd.At, refs[i]), fd.Message, fix}
		for k, v := range vals {
			c, _ := excelize.CoordinatesToCellName(k+1, r)
			if err := f.SetCellStr(reviewSheet, c, v); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(reviewSheet, "A"+rs, "F"+rs, st.wrap); err != nil {
			return err
		}
		if err := f.SetCellStyle(reviewSheet, "B"+rs, "B"+rs, st.cell(grid.KindHeader, fd.Severity, "")); err != nil {
			return err
		}
		if ref := refs[i]; ref.sheet != "" {
			if err := f.SetCellHyperLink(reviewSheet, "D"+rs, "'"+ref.sheet+"'!"+ref.cell, "Location"); err != nil {
				return err
			}
			if err := f.SetCellStyle(reviewSheet, "D"+rs, "D"+rs, st.link); err != nil {
				return err
			}
		}
		lines := max(1, (len([]rune(fd.Message))+29)/30)
		if err := f.SetRowHeight(reviewSheet, r, min(float64(lines)*15+6, maxRowHeight)); err != nil {
			return err
		}
	}
	// The places where the table may have been misread, under the list:
	// the clerk checks them against the original before anything else.
	if places := audit.Doubts(doc.Findings, "zh"); len(places) > 0 {
		r := len(doc.Findings) + 3
		rs := strconv.Itoa(r)
		if err := f.SetCellStr(reviewSheet, "A"+rs, audit.DoubtBanner); err != nil {
			return err
		}
		if err := f.SetCellStr(reviewSheet, "E"+rs, strings.Join(places, "；")); err != nil {
			return err
		}
		if err := f.SetCellStyle(reviewSheet, "A"+rs, "F"+rs, st.cell(grid.KindHeader, model.SevWarning, "")); err != nil {
			return err
		}
		if err := f.MergeCell(reviewSheet, "A"+rs, "D"+rs); err != nil {
			return err
		}
	}
	a4, land, one, zero, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(reviewSheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &land, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(reviewSheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPanes(reviewSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// where says in words where a finding is.
func where(at model.Location, ref cellRef) string {
	var parts []string
	if ref.sheet != "" {
		parts = append(parts, ref.sheet+"!"+ref.cell)
	} else if at.Form != nil {
		parts = append(parts, fmt.Sprintf("表%d", *at.Form+1))
	}
	if at.Row != "" && ref.sheet == "" {
		parts = append(parts, at.Row)
	}
	if at.Element != "" {
		parts = append(parts, "通知·"+model.ElementLabel(at.Element, false))
	}
	if at.Page != nil {
		parts = append(parts, fmt.Sprintf("第%d页", *at.Page))
	}
	if at.Line != nil {
		parts = append(parts, fmt.Sprintf("第%d行", *at.Line))
	}
	return strings.Join(parts, " ")
}
