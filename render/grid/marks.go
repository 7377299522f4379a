package grid

import (
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
)

// Mark is how a cell shows a change between two versions of the form.
type Mark struct {
	Kind   string // diff.Added, Removed, Moved, Changed
	Note   string // the old value, for a comment or the list of changes
	Strike bool   // a removed row, struck through
}

// ItemRow returns the grid row of item k of indicator i of category c.
func (g *Grid) ItemRow(c, i, k int) (int, bool) {
	want := Of{c, i, k, -1}
	for _, cell := range g.Cells {
		if cell.Of == want {
			return cell.Row, true
		}
	}
	return 0, false
}

// ApplyMarks puts the marks of a diff (model/diff.Overlay) that fall on this
// form on its cells: a row mark on every cell of the item row (its own
// cells, not the 项目 or 一级指标 it shares with other rows), a field mark
// on that field's cell. A cell keeps the first mark put on it, with the
// notes of the others added.
func (g *Grid) ApplyMarks(marks []diff.Mark) {
	cols := map[string]int{}
	for i, c := range g.Columns {
		cols[c.Key] = i
	}
	shared := map[string]bool{model.ColCategory: true, model.ColBasis: true, model.ColIndicator: true}
	put := func(ci int, m diff.Mark) {
		c := &g.Cells[ci]
		if c.Mark != nil {
			if m.Note != "" {
				c.Mark.Note = joinNote(c.Mark.Note, m.Note)
			}
			return
		}
		c.Mark = &Mark{Kind: m.Kind, Note: m.Note, Strike: m.Kind == diff.Removed}
	}
	for _, m := range marks {
		if m.Pos.Form != g.Form {
			continue
		}
		r, ok := g.ItemRow(m.Pos.Category, m.Pos.Indicator, m.Pos.Item)
		if !ok {
			continue
		}
		if m.Field != "" {
			if col, ok := cols[m.Field]; ok {
				if ci := g.At(r, col); ci >= 0 {
					put(ci, m)
				}
			}
			continue
		}
		first := true
		for i, c := range g.Columns {
			if shared[c.Key] {
				continue
			}
			ci := g.At(r, i)
			if ci < 0 || g.Cells[ci].Row != r || g.Cells[ci].RowSpan != 1 {
				continue
			}
			mm := m
			if !first {
				mm.Note = ""
			}
			first = false
			put(ci, mm)
		}
	}
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "；" + b
}
