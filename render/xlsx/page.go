package xlsx

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
)

// deadlines offered in the 完成时限 drop-down; other text stays allowed after
// a warning, since forms also say 每月10日前 or 长期.
var deadlines = []string{"3月底前", "6月底前", "9月底前", "12月底前", "全年", "长期"}

// validation adds data validation: 权重 a decimal ≥ 0, 完成时限 a choice.
func (s *sheet) validation() error {
	g := s.g
	first, last := g.HeaderRows, g.Rows-1
	if last < first {
		return nil
	}
	col := func(key string) int {
		for i, c := range g.Columns {
			if c.Key == key {
				return i
			}
		}
		return -1
	}
	if wc := g.WeightCol; wc >= 0 {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(cell(first, wc) + ":" + cell(last, wc))
		if err := dv.SetRange(0, "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "权重", "权重应为不小于 0 的数字")
		if err := s.f.AddDataValidation(s.name, dv); err != nil {
			return err
		}
	}
	if dc := col(model.ColDeadline); dc >= 0 {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(cell(first, dc) + ":" + cell(last, dc))
		if err := dv.SetDropList(deadlines); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "完成时限", "完成时限宜写作“12月底前”或具体日期")
		if err := s.f.AddDataValidation(s.name, dv); err != nil {
			return err
		}
	}
	return nil
}

// page sets up printing: A4 landscape fitted to the width, the header rows
// on every page, page numbers — 1 — at the outer corner (odd pages right,
// even pages left, as GB/T 9704 places them), and a frozen header.
func (s *sheet) page() error {
	f, sh, g := s.f, s.name, s.g
	a4, land, one, zero := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &land, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := 0.5
	top := 0.6
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &top, Bottom: &top}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		DifferentOddEven: true,
		OddFooter:        "&R— &P —",
		EvenFooter:       "&L— &P —",
	}); err != nil {
		return err
	}
	h0, h1 := topRows+1, topRows+g.HeaderRows
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + sh + "'!$" + strconv.Itoa(h0) + ":$" + strconv.Itoa(h1),
		Scope:    sh,
	}); err != nil {
		return err
	}
	return f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: h1, TopLeftCell: "A" + strconv.Itoa(h1+1), ActivePane: "bottomLeft",
	})
}

// Printable area of A4 landscape inside the margins set in page, in points.
const (
	printW = 842 - 2*0.5*72
	printH = 595 - 2*0.6*72
)

// breaks inserts manual page breaks so a 一级指标 group is not split across
// printed pages when it fits on one: Excel and LibreOffice would otherwise
// cut a merged cell at the page edge and hide the rest of its text. The
// sheet prints fitted to the page width, so the page height in row points
// is the printable height over that scale.
func (s *sheet) breaks(heights, widths []float64, signature float64) error {
	g := s.g
	tw := 0.0
	for _, w := range widths {
		tw += pixels(w) * 0.75
	}
	scale := min(1, printW/tw)
	avail := printH / scale * 0.95 // rounding in the office suites
	head := 0.0
	for k := 0; k < g.HeaderRows; k++ {
		head += heights[k]
	}
	first := avail - topHeight - head
	rest := avail - head
	pages := g.Paginate(heights, first, rest)
	for _, p := range pages[1:] {
		if err := s.f.InsertPageBreak(s.name, "A"+strconv.Itoa(p[0]+topRows+1)); err != nil {
			return err
		}
	}
	if grid.Room(heights, pages, first, rest) < signature {
		return s.f.InsertPageBreak(s.name, "A"+strconv.Itoa(g.Rows+topRows+1))
	}
	return nil
}
