package web

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
	"github.com/kaoping/kaoping/model/deadline"
)

// Edit is one change the clerk made to a cell of the page: the item is named by
// its position (form, category, indicator, item) in the document the edits
// start from, so an edit still finds its row when a 序号 is missing or
// duplicated — the very rows a clerk is most likely to correct.
//
// ID, when set, is the 序号 the clerk saw in that row. The page lays out the
// document after the certain fixes, and a fix may move a row to the group its
// 序号 names; an edit whose position holds another 序号 goes to the row with
// this one.
type Edit struct {
	Form     int    `json:"form"`
	Category int    `json:"category"`
	Ind      int    `json:"indicator"`
	Item     int    `json:"item"`
	ID       string `json:"id,omitempty"`
	Column   string `json:"column"`
	Value    string `json:"value"`
}

// Editable lists the columns a clerk may change on the page: the values the
// audit checks (weights, deadlines, names) and the 二级指标 text. Merged cells
// (项目, 文件依据, 一级指标) are left to the original document.
var Editable = []string{model.ColItem, model.ColWeight, model.ColDeadline, model.ColLeaders, model.ColDepartments, model.ColOwners}

// maxEditRunes bounds one edited value; a 二级指标 is a sentence or two.
const maxEditRunes = 2000

// EditError is an edit that names no cell or carries an unusable value.
type EditError struct{ Zh, En string }

func (e *EditError) Error() string { return e.En }

// ApplyEdits applies edits in order to doc, the way ingest would have read the
// new text: a weight is parsed as a number (kept in Raw when it is not one), a
// deadline gets its Due day in the form's year, a list is split on its
// separators. Totals are recomputed from the items afterwards, so the page
// shows what the edited weights add up to.
func ApplyEdits(doc *model.Document, edits []Edit) error {
	touched := map[int]bool{}
	for i, e := range edits {
		it, err := itemAt(doc, e)
		if err != nil {
			return fmt.Errorf("edit %d: %w", i+1, err)
		}
		if utf8.RuneCountInString(e.Value) > maxEditRunes {
			return &EditError{fmt.Sprintf("第 %d 处修改超过 %d 字", i+1, maxEditRunes), fmt.Sprintf("edit %d is over %d characters", i+1, maxEditRunes)}
		}
		if !utf8.ValidString(e.Value) {
			return &EditError{fmt.Sprintf("第 %d 处修改不是有效的 UTF-8 文本", i+1), fmt.Sprintf("edit %d is not valid UTF-8", i+1)}
		}
		setCell(it, e.Column, strings.TrimSpace(e.Value), formYear(doc, e.Form))
		touched[e.Form] = true
	}
	for fi := range touched {
		doc.Forms[fi].RecomputeTotals()
	}
	return nil
}

func itemAt(doc *model.Document, e Edit) (*model.Item, error) {
	bad := func(what string) error {
		return &EditError{"修改的单元格不存在（" + what + "）", "the edited cell does not exist (" + what + ")"}
	}
	if e.Form < 0 || e.Form >= len(doc.Forms) {
		return nil, bad("form " + strconv.Itoa(e.Form))
	}
	f := &doc.Forms[e.Form]
	if e.Category < 0 || e.Category >= len(f.Categories) {
		return nil, bad("category " + strconv.Itoa(e.Category))
	}
	c := &f.Categories[e.Category]
	if e.Ind < 0 || e.Ind >= len(c.Indicators) {
		return nil, bad("indicator " + strconv.Itoa(e.Ind))
	}
	ind := &c.Indicators[e.Ind]
	if e.Item < 0 || e.Item >= len(ind.Items) {
		return nil, bad("item " + strconv.Itoa(e.Item))
	}
	it := &ind.Items[e.Item]
	if e.ID != "" && it.ID != e.ID {
		if it = itemByID(f, e.ID); it == nil {
			return nil, bad("序号 " + e.ID)
		}
	}
	editable := false
	for _, k := range Editable {
		editable = editable || k == e.Column
	}
	if !editable {
		return nil, &EditError{"此列不能在页面上修改：" + e.Column, "this column cannot be edited on the page: " + e.Column}
	}
	return it, nil
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

// setCell writes v into column col of it.
func setCell(it *model.Item, col, v string, year int) {
	delete(it.Raw, col)
	switch col {
	case model.ColItem:
		it.Text = v
	case model.ColWeight:
		it.Weight = nil
		if v == "" {
			break
		}
		if n, ok := cell.ParseNumber(v); ok {
			it.Weight = model.Float(n)
			if strconv.FormatFloat(n, 'f', -1, 64) != v {
				setRaw(it, col, v)
			}
		} else {
			setRaw(it, col, v)
		}
	case model.ColDeadline:
		it.Deadline, it.Due = v, ""
		if v != "" {
			it.Due = deadline.Parse(v, year).ISO()
		}
	case model.ColLeaders, model.ColDepartments, model.ColOwners:
		l := cell.SplitList(v)
		if l == nil {
			l = []string{}
		}
		if len(l) > 1 {
			setRaw(it, col, v)
		}
		switch col {
		case model.ColLeaders:
			it.Leaders = l
		case model.ColDepartments:
			it.Departments = l
		default:
			it.Owners = l
		}
	}
	if len(it.Raw) == 0 {
		it.Raw = nil
	}
}

func setRaw(it *model.Item, col, v string) {
	if it.Raw == nil {
		it.Raw = map[string]string{}
	}
	it.Raw[col] = v
}

var yearRE = regexp.MustCompile(`(\d{4})\s*年`)

// formYear is the assessment year deadlines are read in, found as ingest finds
// it: the form title (2023年度), else the form's date, else the notice's.
func formYear(doc *model.Document, fi int) int {
	f := doc.Forms[fi]
	if m := yearRE.FindStringSubmatch(f.Title); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	for _, d := range []string{f.Date, noticeDate(doc)} {
		if len(d) >= 4 {
			if n, err := strconv.Atoi(d[:4]); err == nil {
				return n
			}
		}
	}
	return 0
}

func noticeDate(doc *model.Document) string {
	if doc.Notice == nil {
		return ""
	}
	return doc.Notice.Date
}
