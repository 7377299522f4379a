package pdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/grid"
)

// mark is a finding drawn as a marker in a cell, for the list at the end.
type mark struct {
	finding int
	page    int
}

// markRGB are the fills of a diff's changes, as in the workbook.
var markRGB = map[string][3]int{
	diff.Changed: {0xFF, 0xE6, 0x99},
	diff.Added:   {0xC6, 0xEF, 0xCE},
	diff.Moved:   {0xBD, 0xD7, 0xEE},
	diff.Removed: {0xE7, 0xE6, 0xE6},
}

// fill colours by severity, as in the workbook.
var fillRGB = map[model.Severity][3]int{
	model.SevError:   {0xFF, 0xC7, 0xCE},
	model.SevWarning: {0xFF, 0xEB, 0x9C},
	model.SevInfo:    {0xDD, 0xEB, 0xF7},
}

// form draws one form on as many pages as it needs.
func (r *renderer) form(g *grid.Grid) []mark {
	p := r.p
	g, ex, l := r.fit(g)
	r.g = g
	var marks []mark
	onPage := cellsByPage(g, l.pages)
	for pi, rows := range l.pages {
		r.checkCtx()
		p.AddPage()
		y := marginT
		if pi == 0 {
			y = r.preamble(g, l)
		}
		if rows[0] < rows[1] {
			// header rows, then the page's body rows
			rowY := map[int]float64{}
			for k := 0; k < g.HeaderRows; k++ {
				rowY[k] = y
				y += l.h[k]
			}
			for k := rows[0]; k < rows[1]; k++ {
				rowY[k] = y
				y += l.h[k]
			}
			for _, i := range onPage[pi] {
				c := g.Cells[i]
				e := extraOf(ex, i)
				if c.Row < g.HeaderRows {
					marks = append(marks, r.cell(l, c, e, c.Row, c.Row+c.RowSpan, rowY)...)
					continue
				}
				from, to := max(c.Row, rows[0]), min(c.Row+c.RowSpan, rows[1])
				if from < to {
					marks = append(marks, r.cell(l, c, e, from, to, rowY)...)
				}
			}
		}
		if pi == len(l.pages)-1 {
			r.signatures(g, y)
		}
	}
	for i := range marks {
		if marks[i].page == 0 {
			marks[i].page = p.PageNo()
		}
	}
	return marks
}

// preamble draws 附件, the title, 参评单位 and the date, each broken to its
// width, going on to a new page where a line would pass the bottom (a title
// of a thousand characters is printed whole, not run off the page); it
// returns the y where the table starts, as layout computes it (l.top).
func (r *renderer) preamble(g *grid.Grid, l *geometry) float64 {
	p := r.p
	pre := r.preambleLines(g)
	y := marginT
	next := func(h float64) bool {
		var page bool
		if y, page = flowY(y, marginT, h); page {
			p.AddPage()
		}
		return page
	}
	p.SetTextColor(0, 0, 0)
	p.SetFont(heiFamily, "", 16) // 三号黑体
	for _, t := range pre.attach {
		next(attachH)
		p.SetXY(marginL, y)
		p.CellFormat(tableW, attachH, t, "", 0, "LM", false, 0, "")
		y += attachH
	}
	p.SetFont(heiFamily, "", titleSize)
	// a 0.3 pt outline over the fill thickens the strokes, as 小标宋 prints
	p.SetTextRenderingMode(2)
	p.SetLineWidth(0.3 * ptMM)
	for _, t := range pre.title {
		if next(titleH) {
			p.SetTextRenderingMode(2) // a new page's text is filled only
		}
		p.SetXY(marginL, y)
		p.CellFormat(tableW, titleH, t, "", 0, "CM", false, 0, "")
		y += titleH
	}
	p.SetTextRenderingMode(0)
	p.SetFont(r.body, "", 12)
	for i := range max(len(pre.unit), len(pre.date)) {
		next(unitH)
		if i < len(pre.unit) {
			p.SetXY(marginL, y)
			p.CellFormat(tableW*2/3, unitH, pre.unit[i], "", 0, "LM", false, 0, "")
		}
		if i < len(pre.date) {
			p.SetXY(marginL+tableW*2/3, y)
			p.CellFormat(tableW/3, unitH, pre.date[i], "", 0, "RM", false, 0, "")
		}
		y += unitH
	}
	if l.tableBreak {
		p.AddPage()
		y = marginT
	}
	return y
}

// signatures draws the signature line(s) below the table from y, going on
// to a new page where a line would pass the bottom.
func (r *renderer) signatures(g *grid.Grid, y float64) {
	p := r.p
	p.SetFont(r.body, "", 12)
	p.SetTextColor(0, 0, 0)
	y += 3
	for _, t := range r.signatureLines(g) {
		var page bool
		if y, page = flowY(y, marginT+3, signH-3); page {
			p.AddPage()
		}
		p.SetXY(marginL, y)
		p.CellFormat(tableW, signH-3, t, "", 0, "LM", false, 0, "")
		y += signH - 3
	}
}

// cell draws the part of c on rows [from, to) of this page: border, fill,
// text (repeated in full on each page a merged cell continues on, but for a
// short cell of a split row) and marker.
func (r *renderer) cell(l *geometry, c grid.Cell, e extra, from, to int, rowY map[int]float64) []mark {
	p := r.p
	x, y := l.x[c.Col], rowY[from]
	w, h := l.width(c), 0.0
	mute := e.once && from != c.Row
	for k := from; k < to; k++ {
		h += l.h[k]
	}
	sev := model.Severity("")
	var nums []string
	var marks []mark
	if !r.opt.Clean && !mute {
		for _, fi := range c.Findings {
			if s := r.doc.Findings[fi].Severity; s.Rank() > sev.Rank() {
				sev = s
			}
			nums = append(nums, strconv.Itoa(fi+1))
			marks = append(marks, mark{finding: fi, page: p.PageNo()})
		}
	}
	p.SetLineWidth(0.2)
	p.SetDrawColor(0, 0, 0)
	style := "D"
	if rgb, ok := fillRGB[sev]; ok {
		p.SetFillColor(rgb[0], rgb[1], rgb[2])
		style = "FD"
	}
	if c.Mark != nil {
		if rgb, ok := markRGB[c.Mark.Kind]; ok {
			p.SetFillColor(rgb[0], rgb[1], rgb[2])
			style = "FD"
		}
	}
	p.Rect(x, y, w, h, style)
	p.SetTextColor(0, 0, 0)
	if c.Mark != nil && c.Mark.Strike {
		p.SetTextColor(0x7F, 0x7F, 0x7F)
	}
	switch {
	case mute:
	case c.Kind == grid.KindCategory:
		r.vertical(c.Text, x, y, w, h)
	default:
		size, family, align := r.style(c)
		lines := r.cellLines(l, c, e)
		// a continued piece shorter than its text shrinks the text to fit
		// (a piece of a split row fits by construction)
		for e.lines == nil && size > 6 && float64(len(lines))*lineH(size)+2*padY > h+0.01 {
			size -= 0.5
			lines = r.textLines(family, c.Text, w, size)
		}
		lh := lineH(size)
		ty := y + (h-float64(len(lines))*lh)/2
		p.SetFont(family, "", size)
		for _, t := range lines {
			p.SetXY(x+padX, ty)
			p.CellFormat(w-2*padX, lh, t, "", 0, align+"M", false, 0, "")
			if c.Mark != nil && c.Mark.Strike && t != "" {
				r.strike(t, x, w, ty, lh, align)
			}
			ty += lh
		}
		p.SetTextColor(0, 0, 0)
	}
	if c.Mark != nil && c.Mark.Note != "" && !mute {
		r.noteMarker(c, x, y, w)
	}
	if len(nums) > 0 {
		p.SetFont(heiFamily, "", 6.5)
		p.SetTextColor(0xC0, 0, 0)
		m := "[" + strings.Join(nums, ",") + "]"
		if p.GetStringWidth(m) > w-1 {
			m = "[" + nums[0] + "+]" // the list at the end has them all
		}
		mw := p.GetStringWidth(m)
		p.Text(x+w-mw-0.6, y+2.6, m)
		p.SetTextColor(0, 0, 0)
	}
	return marks
}

// vertical draws a 项目 label top to bottom, one column per line, the first
// line rightmost as vertical Chinese reads.
func (r *renderer) vertical(text string, x, y, w, h float64) {
	p := r.p
	cols := stacked(r.printable(r.body, text))
	n := 0
	for _, c := range cols {
		n = max(n, len(c))
	}
	size := bodySize
	step := func() float64 { return size * ptMM * 1.15 }
	for size > 5 && (float64(n)*step()+2*padY > h || float64(len(cols))*size*ptMM*1.2 > w) {
		size -= 0.5
	}
	p.SetFont(r.body, "", size)
	colW := size * ptMM * 1.2
	x0 := x + (w+float64(len(cols))*colW)/2 - colW
	for ci, col := range cols {
		cy := y + (h-float64(len(col))*step())/2
		for _, ch := range col {
			s := string(ch)
			p.SetXY(x0-float64(ci)*colW, cy)
			p.CellFormat(colW, step(), s, "", 0, "CM", false, 0, "")
			cy += step()
		}
	}
}

// findings adds the numbered list of findings after the forms, the numbers
// matching the markers in the cells.
func (r *renderer) findings(marks []mark) {
	if len(r.doc.Findings) == 0 {
		return
	}
	pageOf := map[int]int{}
	for _, m := range marks {
		if _, ok := pageOf[m.finding]; !ok {
			pageOf[m.finding] = m.page
		}
	}
	rows, fills := findingRows(r.doc, pageOf)
	r.list(findingsTitle, findingsHeads, []float64{14, 18, 60, tableW - 92}, rows, fills)
}

// findingRows are the rows of the findings list: number, severity, where
// (with the page of its first marker, from pageOf) and message, and the
// fill of each row's severity cell.
func findingRows(doc *model.Document, pageOf map[int]int) ([][]string, []*[3]int) {
	var rows [][]string
	var fills []*[3]int
	for i, f := range doc.Findings {
		where := location(f.At, doc)
		if pg, ok := pageOf[i]; ok {
			where += fmt.Sprintf("（第%d页）", pg)
		}
		msg := f.Message
		if f.Fix != nil && !f.Fixed {
			msg += "（建议改为“" + f.Fix.To + "”）"
		}
		msg += " [" + f.Rule + "]"
		rows = append(rows, []string{strconv.Itoa(i + 1), grid.SeverityText(f.Severity), where, msg})
		if fill, ok := fillRGB[f.Severity]; ok {
			fills = append(fills, &fill)
		} else {
			fills = append(fills, nil)
		}
	}
	return rows, fills
}

// list adds a titled table on new pages after the forms: the header row,
// then rows whose second cell is filled with fills[i] where not nil.
func (r *renderer) list(title string, heads []string, cols []float64, rows [][]string, fills []*[3]int) {
	p := r.p
	p.AddPage()
	p.SetFont(heiFamily, "", 16)
	p.SetXY(marginL, marginT)
	p.CellFormat(tableW, 12, title, "", 0, "CM", false, 0, "")
	y := marginT + 16
	size := bodySize
	row := func(texts []string, family string, fill *[3]int) {
		var lines [][]string
		n := 1
		for i, t := range texts {
			ls := r.textLines(family, t, cols[i], size) // a message repeated on many rows is broken once
			lines = append(lines, ls)
			n = max(n, len(ls))
		}
		lh := lineH(size)
		room := func() int { return int((pageH - marginB - y - 2*padY) / lh) }
		// A row goes to the next page when it does not fit; one taller than
		// a page is drawn in pieces, page after page: run off the bottom,
		// its lines were lost in print.
		for from := 0; from < n; {
			k := n - from
			h := float64(k)*lh + 2*padY
			if y+h > pageH-marginB {
				if h <= pageH-marginB-marginT || room() < 1 {
					p.AddPage()
					y = marginT
				}
				if y+h > pageH-marginB {
					k = max(room(), 1)
					h = float64(k)*lh + 2*padY
				}
			}
			x := marginL
			p.SetFont(family, "", size)
			for i := range texts {
				style := "D"
				if fill != nil && i == 1 {
					p.SetFillColor(fill[0], fill[1], fill[2])
					style = "FD"
				}
				p.Rect(x, y, cols[i], h, style)
				ty := y + padY
				ls := lines[i]
				for _, t := range ls[min(from, len(ls)):min(from+k, len(ls))] {
					p.SetXY(x+padX, ty)
					p.CellFormat(cols[i]-2*padX, lh, t, "", 0, "LM", false, 0, "")
					ty += lh
				}
				x += cols[i]
			}
			y += h
			from += k
		}
	}
	row(heads, heiFamily, nil)
	for i, t := range rows {
		row(t, r.body, fills[i])
	}
}

// location says in words where a finding is.
func location(at model.Location, doc *model.Document) string {
	var parts []string
	if at.Form != nil {
		if len(doc.Forms) > 1 {
			parts = append(parts, fmt.Sprintf("表%d", *at.Form+1))
		}
		if at.Row != "" {
			parts = append(parts, at.Row)
		}
		if at.Column != "" {
			parts = append(parts, columnName(at.Column, doc, *at.Form))
		}
	}
	if at.Element != "" {
		parts = append(parts, "通知 "+model.ElementLabel(at.Element, false))
	}
	// A form finding with a 序号 is found by it; one without (a row that
	// has none) only by its source line.
	if at.Line != nil && (at.Form == nil || at.Row == "") {
		parts = append(parts, fmt.Sprintf("第%d行", *at.Line))
	}
	return strings.Join(parts, " ")
}

func columnName(key string, doc *model.Document, form int) string {
	if form >= 0 && form < len(doc.Forms) {
		if h := doc.Forms[form].Headers[key]; h != "" {
			return h
		}
	}
	return model.ColumnLabel(key, false)
}

// cellsByPage lists, for each page, the cells it draws: every header cell,
// and the body cells whose rows reach into the page's range, in the grid's
// order. One pass over the cells, not one per page, which made a long form
// quadratic.
func cellsByPage(g *grid.Grid, pages [][2]int) [][]int {
	out := make([][]int, len(pages))
	for i, c := range g.Cells {
		if c.Row < g.HeaderRows {
			for pi := range pages {
				out[pi] = append(out[pi], i)
			}
			continue
		}
		// pages are in row order: find the first that ends after the cell starts
		lo := sort.Search(len(pages), func(k int) bool { return pages[k][1] > c.Row })
		for pi := lo; pi < len(pages) && pages[pi][0] < c.Row+c.RowSpan; pi++ {
			if max(c.Row, pages[pi][0]) < min(c.Row+c.RowSpan, pages[pi][1]) {
				out[pi] = append(out[pi], i)
			}
		}
	}
	return out
}
