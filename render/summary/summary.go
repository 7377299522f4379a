// Package summary renders the summary of a batch (model/summary records) as
// a workbook for the office that collects the forms: one row per file with
// its counts, the error counts coloured so the units that still have errors
// stand out, a link to each cleaned workbook, and a sheet that totals the
// scores (得分, 自评分) across units.
package summary

import (
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model/summary"
)

// Sheet names.
const (
	filesSheet  = "汇总"
	scoresSheet = "得分汇总"
)

// Options tune the workbook.
type Options struct {
	// En writes the headers and statuses in English.
	En bool
}

// Write renders the records as an .xlsx workbook to w. Links to the
// outputs are relative, so the folder can be moved or zipped whole.
func Write(w io.Writer, recs []summary.Record, opt Options) error {
	f, err := workbook(recs, opt)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Write(w); err != nil {
		return fmt.Errorf("summary: write workbook: %w", err)
	}
	return nil
}

func say(opt Options, zh, en string) string {
	if opt.En {
		return en
	}
	return zh
}

type styles struct {
	header, text, wrap, red, amber, green, link, num int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1}, {Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	defs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("D9E1F2"), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.text, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.wrap, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.red, excelize.Style{Border: border, Fill: fill("F4B6B6"), Font: &excelize.Font{Bold: true, Color: "9C0006"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.amber, excelize.Style{Border: border, Fill: fill("FFE699"), Font: &excelize.Font{Color: "7F6000"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.green, excelize.Style{Border: border, Fill: fill("C6EFCE"), Font: &excelize.Font{Color: "006100"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.link, excelize.Style{Border: border, Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.num, excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return s, err
		}
		*d.dst = id
	}
	return s, nil
}

// workbook builds the workbook in memory, for Write and for tests that read it back.
func workbook(recs []summary.Record, opt Options) (*excelize.File, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	if err := f.SetSheetName("Sheet1", filesSheet); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	if err := files(f, st, recs, opt); err != nil {
		return nil, fmt.Errorf("summary: %s: %w", filesSheet, err)
	}
	if err := scores(f, st, recs, opt); err != nil {
		return nil, fmt.Errorf("summary: %s: %w", scoresSheet, err)
	}
	return f, nil
}

// files writes one row per input, streamed (excelize's StreamWriter), so the
// workbook of a batch of thousands of files costs memory for one row, not
// for the sheet. The link to each cleaned workbook is a HYPERLINK formula,
// which a streamed sheet can carry.
func files(f *excelize.File, st styles, recs []summary.Record, opt Options) error {
	sh := filesSheet
	heads := []struct {
		zh, en string
		width  float64
	}{
		{"文件", "file", 40}, {"状态", "status", 8}, {"原因", "reason", 40}, {"参评单位", "unit", 24},
		{"文号", "doc number", 18}, {"标题", "title", 36}, {"表数", "forms", 6}, {"条目", "items", 6},
		{"错误", "errors", 6}, {"警告", "warnings", 6}, {"表列合计", "stated total", 9}, {"计算合计", "computed total", 9},
		{"清理后表格", "cleaned workbook", 30}, {"SHA-256", "SHA-256", 18},
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, h := range heads {
		if err := sw.SetColWidth(i+1, i+1, h.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	row := make([]any, len(heads))
	for i, h := range heads {
		row[i] = excelize.Cell{StyleID: st.header, Value: say(opt, h.zh, h.en)}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for i, r := range recs {
		status, statusStyle := say(opt, "成功", "ok"), st.green
		switch r.Status {
		case summary.StatusFailed:
			status, statusStyle = say(opt, "失败", "failed"), st.red
		case summary.StatusSkipped:
			status, statusStyle = say(opt, "跳过", "skipped"), st.red
		}
		row = make([]any, len(heads))
		// A document read from several files (a 正文 and its 附件) names
		// them all: the pairing is the clerk's to check.
		file := r.File
		for _, p := range r.Parts {
			file += "\n+ " + p.File
		}
		for k, v := range []string{file, status, r.Why, r.Unit, r.DocNumber, r.Title} {
			row[k] = excelize.Cell{StyleID: st.wrap, Value: v}
		}
		row[1] = excelize.Cell{StyleID: statusStyle, Value: status}
		for k := 6; k < 12; k++ {
			row[k] = excelize.Cell{StyleID: st.num}
		}
		if r.Status == summary.StatusOK {
			counts := st.num
			if r.Forms == 0 {
				counts = st.amber // a notice without its 考评表: read, but nothing to collect
			}
			row[6] = excelize.Cell{StyleID: counts, Value: r.Forms}
			row[7] = excelize.Cell{StyleID: counts, Value: r.Items}
			row[8] = excelize.Cell{StyleID: pick(r.Errors > 0, st.red, st.green), Value: r.Errors}
			row[9] = excelize.Cell{StyleID: pick(r.Warnings > 0, st.amber, st.green), Value: r.Warnings}
			totals := st.num
			if r.Stated != nil && r.Computed != nil && !near(*r.Stated, *r.Computed) {
				totals = st.amber
			}
			for k, v := range []*float64{r.Stated, r.Computed} {
				c := excelize.Cell{StyleID: totals}
				if v != nil {
					c.Value = *v
				}
				row[10+k] = c
			}
		}
		row[12] = excelize.Cell{StyleID: st.text}
		for _, o := range r.Outputs {
			if path.Ext(o) == ".xlsx" {
				row[12] = excelize.Cell{StyleID: st.link, Value: o, Formula: "HYPERLINK(" + quote(o) + "," + quote(o) + ")"}
				break
			}
		}
		row[13] = excelize.Cell{StyleID: st.text, Value: r.SHA256}
		if err := sw.SetRow(cell(0, i+2), row); err != nil {
			return err
		}
	}
	// a table over the rows gives the header its filter buttons, which a
	// streamed sheet cannot get from AutoFilter
	show := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + cell(len(heads)-1, max(len(recs)+1, 2)), Name: "Files", ShowRowStripes: &show}); err != nil {
		return err
	}
	return sw.Flush()
}

// quote is s as a string literal of a formula.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// scores writes the score sheet: one row per unit whose forms carry a score
// column, the sum of each column and its sum by category, a total row
// across units at the bottom. Without any score column the sheet says so.
func scores(f *excelize.File, st styles, recs []summary.Record, opt Options) error {
	sh := scoresSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	var cols []string             // score columns in first-seen order
	cats := map[string][]string{} // column → its categories, first-seen order
	for _, r := range recs {
		for _, s := range r.Scores {
			if _, ok := cats[s.Column]; !ok {
				cols = append(cols, s.Column)
			}
			if !slices.Contains(cats[s.Column], s.Category) {
				cats[s.Column] = append(cats[s.Column], s.Category)
			}
		}
	}
	if len(cols) == 0 {
		if err := f.SetCellStr(sh, "A1", say(opt, "各表均无得分或自评分列", "no form has a score column (得分, 自评分)")); err != nil {
			return err
		}
		return f.SetColWidth(sh, "A", "A", 40)
	}
	heads := []string{say(opt, "参评单位", "unit"), say(opt, "文件", "file")}
	type key struct{ col, cat string }
	var keys []key
	for _, c := range cols {
		heads = append(heads, c+say(opt, "合计", " total"))
		keys = append(keys, key{c, ""})
		for _, cat := range cats[c] {
			heads = append(heads, c+"·"+cat)
			keys = append(keys, key{c, cat})
		}
	}
	for i, h := range heads {
		if err := f.SetCellStr(sh, cell(i, 1), h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		w := 14.0
		if i < 2 {
			w = 30
		}
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A1", cell(len(heads)-1, 1), st.header); err != nil {
		return err
	}
	row := 2
	for _, r := range recs {
		if len(r.Scores) == 0 {
			continue
		}
		unit := r.Unit
		if unit == "" {
			unit = say(opt, "（未写单位）", "(no unit)")
		}
		if err := f.SetCellStr(sh, cell(0, row), unit); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cell(1, row), r.File); err != nil {
			return err
		}
		for k, kk := range keys {
			v, ok := 0.0, false
			for _, s := range r.Scores {
				if s.Column == kk.col && (kk.cat == "" || s.Category == kk.cat) {
					v += s.Value
					ok = true
				}
			}
			if ok {
				if err := f.SetCellFloat(sh, cell(2+k, row), v, -1, 64); err != nil {
					return err
				}
			}
		}
		row++
	}
	if err := f.SetCellStyle(sh, "A2", cell(1, row-1), st.wrap); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cell(2, 2), cell(len(heads)-1, row), st.num); err != nil {
		return err
	}
	if err := f.SetCellStr(sh, cell(0, row), say(opt, "合计", "total")); err != nil {
		return err
	}
	for k := range keys {
		col, _ := excelize.ColumnNumberToName(3 + k)
		if err := f.SetCellFormula(sh, cell(2+k, row), fmt.Sprintf("SUM(%s2:%s%d)", col, col, row-1)); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, cell(0, row), cell(len(heads)-1, row), st.header); err != nil {
		return err
	}
	if err := f.AutoFilter(sh, "A1:"+cell(len(heads)-1, row-1), nil); err != nil {
		return err
	}
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"})
}

// cell is the A1 name of 0-based column col in 1-based row.
func cell(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row)
	return n
}

func pick(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

func near(a, b float64) bool { d := a - b; return d < 0.005 && d > -0.005 }
