package pdf

import (
	"fmt"
	"strconv"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/grid"
)

// strike draws a line through one printed line of text, the way a removed
// row is shown.
func (r *renderer) strike(t string, x, w, ty, lh float64, align string) {
	p := r.p
	tw := min(p.GetStringWidth(t), w-2*padX)
	x0 := x + padX
	switch align {
	case "C":
		x0 = x + (w-tw)/2
	case "R":
		x0 = x + w - padX - tw
	}
	p.SetDrawColor(0x40, 0x40, 0x40)
	p.SetLineWidth(0.25)
	p.Line(x0, ty+lh/2, x0+tw, ty+lh/2)
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
}

// noteMarker numbers a diff's note in the cell's corner (once per note,
// however many pages the cell is drawn on) for the list of changes.
func (r *renderer) noteMarker(c grid.Cell, x, y, w float64) {
	p := r.p
	n, ok := r.noteOf[c.Mark]
	if !ok {
		row := ""
		if r.g != nil {
			for i, col := range r.g.Columns {
				if col.Key == model.ColID {
					if ci := r.g.At(c.Row, i); ci >= 0 {
						row = r.g.Cells[ci].Text
					}
				}
			}
		}
		r.notes = append(r.notes, note{row: row, text: c.Mark.Note, kind: c.Mark.Kind, page: p.PageNo()})
		n = len(r.notes)
		r.noteOf[c.Mark] = n
	}
	p.SetFont(heiFamily, "", 6.5)
	p.SetTextColor(0, 0x33, 0x99)
	m := "Δ" + strconv.Itoa(n)
	p.Text(x+w-p.GetStringWidth(m)-0.6, y+2.6, m)
	p.SetTextColor(0, 0, 0)
}

// kindText names a kind of change for the list.
var kindText = map[string]string{diff.Changed: "修改", diff.Added: "新增", diff.Moved: "移动", diff.Removed: "删除"}

// changes adds the numbered list of a diff's notes after the forms.
func (r *renderer) changes() {
	if len(r.notes) == 0 {
		return
	}
	rows := make([][]string, 0, len(r.notes))
	fills := make([]*[3]int, 0, len(r.notes))
	for i, n := range r.notes {
		rows = append(rows, []string{"Δ" + strconv.Itoa(i+1), kindText[n.kind], fmt.Sprintf("%s（第%d页）", n.row, n.page), n.text})
		rgb := markRGB[n.kind]
		fills = append(fills, &rgb)
	}
	r.list(changesTitle, changesHeads, []float64{14, 18, 40, tableW - 72}, rows, fills)
}
