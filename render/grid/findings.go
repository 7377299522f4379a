package grid

import "github.com/kaoping/kaoping/model"

// placeFindings attaches each finding about this form to the cell it names:
// the row by its 序号 (item, indicator) or total label, the column by its key.
// A finding naming a row but no column marks the 序号 cell.
func (g *Grid) placeFindings(doc *model.Document, b builder) {
	for i, f := range doc.Findings {
		if f.At.Form == nil || *f.At.Form != g.Form {
			continue
		}
		if ci := g.findCell(f.At, b); ci >= 0 {
			g.Cells[ci].Findings = append(g.Cells[ci].Findings, i)
		} else {
			g.Unplaced = append(g.Unplaced, i)
		}
	}
}

func (g *Grid) findCell(at model.Location, b builder) int {
	row := -1
	col := -1
	if r, ok := b.itemRow[at.Row]; ok && at.Row != "" {
		row = r
	} else if r, ok := b.indRow[at.Row]; ok && at.Row != "" {
		row = r
		if at.Column == "" {
			at.Column = model.ColIndicator
		}
	} else if r, ok := b.totalRow[at.Row]; ok && at.Row != "" {
		row = r
		col = g.WeightCol
	}
	if row < 0 {
		return -1
	}
	if c, ok := b.col[at.Column]; ok {
		col = c
	}
	if col < 0 {
		if c, ok := b.col[model.ColID]; ok {
			col = c
		} else {
			col = 0
		}
	}
	return g.At(row, col)
}

// At returns the index of the cell covering (row, col), or -1.
func (g *Grid) At(row, col int) int {
	for i, c := range g.Cells {
		if row >= c.Row && row < c.Row+c.RowSpan && col >= c.Col && col < c.Col+c.ColSpan {
			return i
		}
	}
	return -1
}

// SeverityText names a severity in Chinese, as both renderers print it.
func SeverityText(s model.Severity) string {
	switch s {
	case model.SevError:
		return "错误"
	case model.SevWarning:
		return "警告"
	case model.SevInfo:
		return "提示"
	}
	return string(s)
}
