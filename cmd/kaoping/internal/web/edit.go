package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"

	"github.com/kaoping/kaoping/render/grid"
)

// edit is one change the clerk made to a cell of the page. The part of the
// form it changes is named by position in the document the edits start from
// (form, category, indicator, item, total), so an edit still finds its row
// when a 序号 is missing or duplicated — the very rows a clerk is most likely
// to correct. Column says which cell of that part:
//
//   - an item's columns (序号 id, 二级指标 item, weight, deadline, the three
//     name lists, extra:… columns): Category, Indicator and Item; Item -1 on
//     the row of an indicator without items gives it its first item;
//   - 一级指标 indicator (its text, （属…） citation and （N分） points as
//     printed) and 文件依据 basis: Category and Indicator, one edit for the
//     merged cell;
//   - a level column (level1 … of a form deeper than three levels, its
//     text and （N分） points as printed): Category, Indicator and the first
//     Item of the merged cell, one edit for every item under it;
//   - 项目 category (name and （N分） points) and group (the 职能工作目标 band
//     over it and the categories after it that share it): Category;
//   - a subtotal's or total's stated value total and its label total-label:
//     Total.
//
// ID, when set, is the 序号 the clerk saw in that row. The page lays out the
// document after the certain fixes, and a fix may move a row to the group its
// 序号 names; an edit whose position holds another 序号 goes to the row with
// this one.
type edit struct {
	Form     int    `json:"form"`
	Category int    `json:"category"`
	Ind      int    `json:"indicator"`
	Item     int    `json:"item"`
	Total    int    `json:"total,omitempty"`
	ID       string `json:"id,omitempty"`
	Column   string `json:"column"`
	Value    string `json:"value"`
}

// Columns of an edit that are not item columns.
const (
	editGroup      = "group"
	editTotal      = "total"
	editTotalLabel = "total-label"
)

// itemColumns are the columns an item's cells show; extra:… columns too.
var itemColumns = map[string]bool{model.ColID: true, model.ColItem: true, model.ColWeight: true, model.ColDeadline: true,
	model.ColLeaders: true, model.ColDepartments: true, model.ColOwners: true}

func isItemColumn(col string) bool {
	return itemColumns[col] || (strings.HasPrefix(col, grid.ExtraPrefix) && len(col) > len(grid.ExtraPrefix))
}

// maxEditRunes bounds one edited value; a 二级指标 is a sentence or two.
const maxEditRunes = 2000

// editError is an edit that names no cell or carries an unusable value.
type editError struct{ Zh, En string }

func (e *editError) Error() string { return e.En }

// applyEdits applies edits in order to doc, the way ingest would have read the
// new text: a weight is parsed as a number (kept in Raw when it is not one), a
// deadline gets its Due day in the form's year, a list is split on its
// separators, an indicator's points come off its text. Totals are recomputed
// from the items afterwards, so the page shows what the edited weights add up to.
func applyEdits(doc *model.Document, edits []edit) error {
	touched := map[int]bool{}
	for i, e := range edits {
		if utf8.RuneCountInString(e.Value) > maxEditRunes {
			return &editError{fmt.Sprintf("第 %d 处修改超过 %d 字", i+1, maxEditRunes), fmt.Sprintf("edit %d is over %d characters", i+1, maxEditRunes)}
		}
		if !utf8.ValidString(e.Value) {
			return &editError{fmt.Sprintf("第 %d 处修改不是有效的 UTF-8 文本", i+1), fmt.Sprintf("edit %d is not valid UTF-8", i+1)}
		}
		if err := apply(doc, e, strings.TrimSpace(e.Value)); err != nil {
			return fmt.Errorf("edit %d: %w", i+1, err)
		}
		touched[e.Form] = true
	}
	for fi := range touched {
		doc.Forms[fi].RecomputeTotals()
	}
	return nil
}

func bad(what string) error {
	return &editError{"修改的单元格不存在（" + what + "）", "the edited cell does not exist (" + what + ")"}
}

// apply makes one edit, value trimmed.
func apply(doc *model.Document, e edit, v string) error {
	if e.Form < 0 || e.Form >= len(doc.Forms) {
		return bad("form " + strconv.Itoa(e.Form))
	}
	f := &doc.Forms[e.Form]
	switch e.Column {
	case editTotal, editTotalLabel:
		if e.Total < 0 || e.Total >= len(f.Totals) {
			return bad("total " + strconv.Itoa(e.Total))
		}
		t := &f.Totals[e.Total]
		if e.Column == editTotalLabel {
			t.Label = v
			return nil
		}
		t.Stated = nil
		if v == "" {
			return nil
		}
		n, ok := cell.ParseNumber(v)
		if !ok {
			return &editError{"合计「" + v + "」不是数字", "the total " + strconv.Quote(v) + " is not a number"}
		}
		t.Stated = model.Float(n)
		return nil
	}
	if e.Category < 0 || e.Category >= len(f.Categories) {
		return bad("category " + strconv.Itoa(e.Category))
	}
	c := &f.Categories[e.Category]
	switch e.Column {
	case model.ColCategory:
		name, pts := form.CategoryName(v)
		if name == "" {
			return &editError{"项目名称不能为空", "a category needs a name"}
		}
		c.Points = pts
		// totals name the categories they add up
		for ti := range f.Totals {
			for k, n := range f.Totals[ti].Categories {
				if n == c.Name {
					f.Totals[ti].Categories[k] = name
				}
			}
		}
		c.Name = name
		return nil
	case editGroup:
		old := c.Group
		for ci := e.Category; ci < len(f.Categories) && f.Categories[ci].Group == old; ci++ {
			f.Categories[ci].Group = v
		}
		return nil
	}
	if e.Ind < 0 || e.Ind >= len(c.Indicators) {
		return bad("indicator " + strconv.Itoa(e.Ind))
	}
	ind := &c.Indicators[e.Ind]
	switch e.Column {
	case model.ColIndicator:
		form.SetIndicator(ind, v)
		return nil
	case model.ColBasis:
		ind.Basis = v
		return nil
	}
	if n := model.LevelIndex(e.Column); n > 0 {
		return setLevel(ind, e.Item, n, v)
	}
	if !isItemColumn(e.Column) {
		return &editError{"此列不能在页面上修改：" + e.Column, "this column cannot be edited on the page: " + e.Column}
	}
	if e.Item == -1 && len(ind.Items) == 0 {
		ind.Items = append(ind.Items, model.Item{Leaders: []string{}, Departments: []string{}, Owners: []string{}})
		e.Item = 0
	}
	if e.Item < 0 || e.Item >= len(ind.Items) {
		return bad("item " + strconv.Itoa(e.Item))
	}
	it := &ind.Items[e.Item]
	if e.ID != "" && it.ID != e.ID {
		if it = itemByID(f, e.ID); it == nil {
			return bad("序号 " + e.ID)
		}
	}
	setCell(it, e.Column, v, form.CellReader{Unit: weightUnit(f, e.Category), Year: f.Year(doc.Notice)})
	return nil
}

// setLevel writes v into level column n (三级指标 … of a deeper form) of
// the merged cell that starts at item i: every item of the run the page
// shows as that cell (grid.LevelRun) gets the level, read as ingest reads a
// level cell. An empty cell of an item without the level gives it one.
func setLevel(ind *model.Indicator, i, n int, v string) error {
	if i < 0 || i >= len(ind.Items) {
		return bad("item " + strconv.Itoa(i))
	}
	end := grid.LevelRun(ind.Items, i, n)
	for j := i; j < end; j++ {
		it := &ind.Items[j]
		for len(it.Levels) < n {
			it.Levels = append(it.Levels, model.Level{})
		}
		it.Levels[n-1] = form.LevelCell(v) // each item its own Points
	}
	return nil
}

// weightUnit is the unit the weight header over category ci states: its
// section's where that has its own, else the form's.
func weightUnit(f *model.Form, ci int) string {
	for _, s := range f.Sections {
		if s.WeightUnit != "" && slices.Contains(s.Categories, ci) {
			return s.WeightUnit
		}
	}
	return f.WeightUnit
}

// itemByID returns the one item of f with the given 序号, or nil when there is
// none or more than one.
func itemByID(f *model.Form, id string) *model.Item {
	var found *model.Item
	for ci := range f.Categories {
		for ii := range f.Categories[ci].Indicators {
			items := f.Categories[ci].Indicators[ii].Items
			for ti := range items {
				if items[ti].ID == id {
					if found != nil {
						return nil
					}
					found = &items[ti]
				}
			}
		}
	}
	return found
}

// setCell writes v into column col of it: an extra column as the page names
// it, every other through the form builder's reader of item cells.
func setCell(it *model.Item, col, v string, cr form.CellReader) {
	h, ok := strings.CutPrefix(col, grid.ExtraPrefix)
	if !ok {
		cr.Set(it, col, v)
		return
	}
	if v == "" {
		delete(it.Extra, h)
		return
	}
	if it.Extra == nil {
		it.Extra = map[string]string{}
	}
	it.Extra[h] = v
}
