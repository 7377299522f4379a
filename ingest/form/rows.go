package form

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

type rowKind int

const (
	rowData   rowKind = iota // an item (with or without 序号)
	rowTotal                 // 合计, 项目小计, 绩效目标考评得分
	rowLabel                 // only a 项目 label (or a fragment of one)
	rowBanner                // a section banner across the table (一、共性指标（30分）, Part Ⅲ：行为价值观考评)
	rowNote                  // the note kaoping prints under an item (待核对：…), read back onto that item
)

// bannerRE is how a section banner starts: 一、, （一）, 第一部分, Part Ⅲ, A、.
var bannerRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十\d]{1,3}(?:部分|篇|类)|(?i:part)\s*[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩIVX\d]{1,4}|[A-H]\s*[、.．])`)
})

// row is one physical table row after its cells are under their columns.
type row struct {
	kind  rowKind
	id    string
	cells map[string]string // column key → text, as read
	boxes map[string]*model.Box
	extra []extraCell
	ref   model.Ref
	// moved records the cells alignment put under another column.
	moved []move
	// label is the 项目 text of a label-only row.
	label string
	// total row
	totalLabel string
	stated     *float64
	// unit is the weight unit its header states (分, %), "" where it says none.
	unit string
	// doubt is why the reader was unsure of a cell of the row, and the
	// cell's column ("" when the doubt is on the whole row).
	doubt, doubtCol string
	// markers are kaoping's own finding markers taken out of the cells.
	markers []marker
}

type extraCell struct {
	header, text string
	// unnamed is true for a cell under a position no header names: the
	// builder could not tell its column, and a finding says so.
	unnamed bool
}

type move struct {
	text     string
	from, to string // column keys ("" for a position without header)
}

func isID(s string) bool { return model.IsSeq(s) }

// newRow puts the texts of one physical row under their columns. With
// realign (text dumps) cells are aligned by their kinds; otherwise each cell
// stays at its position. Positions the header leaves unnamed take the key
// their cell's kind suggests when the row has no value for it yet, else the
// cell is kept in extra under its column number.
func newRow(texts []string, bx map[int]*model.Box, ref model.Ref, l layout, realign bool, kinds kindOf) *row {
	// The maps sized for the row's columns at once: past eight keys a
	// map grown by inserts is allocated twice.
	r := &row{cells: make(map[string]string, len(l)), ref: ref}
	if columns.IsTotalRow(texts) {
		realign = false // a total row has no columns to fit
	}
	var cells []placed
	if realign {
		cells = align(texts, l, kinds)
	} else {
		cells = make([]placed, 0, len(texts))
		for i, t := range texts {
			if strings.TrimSpace(t) != "" {
				cells = append(cells, placed{text: t, from: i, to: i})
			}
		}
	}
	var unnamed []placed
	for _, c := range cells {
		key := ""
		if c.to < len(l) {
			key = l[c.to]
		}
		if key == "" {
			unnamed = append(unnamed, c)
			continue
		}
		r.put(key, c, l, bx)
	}
	for _, c := range unnamed {
		key := naturalKey(kinds.of(c.text))
		if key != "" && r.cells[key] == "" && !l.has(key) {
			r.put(key, c, l, bx)
			continue
		}
		if key == model.ColLeaders && r.cells[model.ColOwners] == "" && !l.has(model.ColOwners) {
			r.put(model.ColOwners, c, l, bx)
			continue
		}
		r.extra = append(r.extra, extraCell{header: fmt.Sprintf("第%d列", c.to+1), text: c.text, unnamed: true})
	}
	r.classify(kinds)
	return r
}

func (r *row) put(key string, c placed, l layout, bx map[int]*model.Box) {
	if strings.HasPrefix(key, "x:") {
		r.extra = append(r.extra, extraCell{header: strings.TrimPrefix(key, "x:"), text: c.text})
		return
	}
	if old := r.cells[key]; old != "" {
		r.extra = append(r.extra, extraCell{header: key, text: c.text})
		return
	}
	r.cells[key] = strings.TrimSpace(c.text)
	if bx != nil && bx[c.from] != nil {
		if r.boxes == nil {
			r.boxes = make(map[string]*model.Box, len(l))
		}
		r.boxes[key] = bx[c.from]
	}
	if c.from != c.to {
		fromKey := ""
		if c.from < len(l) {
			fromKey = l[c.from]
		}
		r.moved = append(r.moved, move{text: c.text, from: fromKey, to: key})
	}
}

// naturalKey is the column a cell of kind k belongs to when the header does
// not say.
func naturalKey(k cell.Kind) string {
	switch k {
	case cell.ID:
		return model.ColID
	case cell.Number:
		return model.ColWeight
	case cell.Deadline:
		return model.ColDeadline
	case cell.Persons:
		return model.ColLeaders
	case cell.Orgs:
		return model.ColDepartments
	}
	return ""
}

// classify decides the row's kind from its cells.
func (r *row) classify(kinds kindOf) {
	if r.cells[model.ColWeight] == "" && r.cells[model.ColID] == "" {
		for _, t := range r.texts() {
			if strings.HasPrefix(strings.TrimSpace(t), model.NotePrefix) {
				r.kind, r.label = rowNote, strings.TrimPrefix(strings.TrimSpace(t), model.NotePrefix)
				return
			}
		}
	}
	if t := r.texts(); len(t) == 1 && r.cells[model.ColWeight] == "" && bannerRE().MatchString(t[0]) {
		// A banner merged across the table lands in its first column,
		// whichever that is.
		r.kind, r.label = rowBanner, notice.Normalize(t[0])
		return
	}
	r.id = strings.TrimSpace(r.cells[model.ColID])
	if r.id != "" && !isID(r.id) && columns.IsTotalRow(r.texts()) {
		// 合计 merged across the first columns lands in the 序号 column.
		r.id = ""
	}
	if r.id != "" && !isID(r.id) {
		if !columns.HasTotalWord(r.id) {
			// Something in the 序号 column that is not a 序号: keep it as read.
			r.kind = rowData
			return
		}
		// A form whose first column is 序号 prints its 合计 label there
		// (合计 over 序号 … 二级指标, then the sum under 分值): the row is
		// the total, not an item numbered 合计.
		r.id = ""
	}
	if r.id != "" {
		r.kind = rowData
		return
	}
	texts := r.texts()
	var label string
	var number *float64
	for _, t := range texts {
		n := notice.Normalize(t)
		// A total in % prints its unit (合计 100%).
		if v, ok := cell.ParseNumber(strings.TrimRight(n, "%％")); ok && number == nil {
			number = &v
			continue
		}
		if label == "" && columns.HasTotalWord(n) {
			label = n
		}
	}
	if label != "" && number != nil && len(texts) <= 3 {
		r.kind, r.totalLabel, r.stated = rowTotal, label, number
		return
	}
	if len(texts) == 1 && r.cells[model.ColWeight] == "" {
		k := kinds.of(texts[0])
		if k == cell.Label || (k == cell.Points && isCategoryLabel(texts[0])) {
			r.kind, r.label = rowLabel, texts[0]
			return
		}
	}
	r.kind = rowData
}

// expandSpans turns an exact grid's merged cells into copies on every row
// they cover, so every reader's rows look alike from here
// on: each row carries its 项目, 文件依据 and 一级指标.
func expandSpans(blocks []flow.Block) []flow.Block {
	type carry struct {
		cell flow.Cell
		left int
	}
	out := make([]flow.Block, len(blocks))
	carries := map[int]map[int]*carry{} // table → col → carry
	for i, b := range blocks {
		out[i] = b
		if !b.IsRow() {
			continue
		}
		cs := carries[b.Table]
		if cs == nil {
			cs = map[int]*carry{}
			carries[b.Table] = cs
		}
		have := map[int]bool{}
		for _, c := range b.Cells {
			for k := 0; k < max(1, c.ColSpan); k++ {
				have[c.Col+k] = true
			}
		}
		// A copy with room for the cells carried down (nil stays nil).
		var cells []flow.Cell
		if len(b.Cells) > 0 {
			cells = make([]flow.Cell, len(b.Cells), len(b.Cells)+len(cs))
			copy(cells, b.Cells)
		}
		for col, c := range cs {
			if c.left > 0 && !have[col] {
				cp := c.cell
				cp.RowSpan = 1
				cells = append(cells, cp)
				c.left--
			}
		}
		for _, c := range b.Cells {
			if c.RowSpan > 1 {
				cs[c.Col] = &carry{cell: c, left: c.RowSpan - 1}
			} else {
				delete(cs, c.Col)
			}
		}
		out[i].Cells = cells
	}
	return out
}

// markerRE is the finding marker kaoping's own annotated PDF prints at the
// top right of a flagged cell (render/pdf): [3], [3,7], or [3+] when the
// list does not fit. The reader puts it at the start of the cell's text
// (it sits above or on the first line), or inside a 项目 label printed
// vertically one character a line. A clerk may feed that PDF back, and the
// marker is not part of the cell.
var markerRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[\d{1,4}(?:,\d{1,4})*\+?\]\s*`) })

// leadRE is markerRE at the start of a cell.
var leadRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*` + markerRE().String()) })

// marker is a finding marker taken out of a cell: its column and the cell
// as read, for the repair that records it.
type marker struct {
	pos               int
	col, marker, text string
}

// ownMarkers takes kaoping's finding markers out of the texts of one row of
// a file kaoping rendered (the caller knows it by the file's Creator): at
// the start of a cell, and anywhere in the 项目 column, whose label
// render/pdf prints vertically. Everywhere else, and in every other file,
// a bracketed number is what a person wrote (泉委办[2018]84号) and stays.
func ownMarkers(texts []string, l layout) ([]string, []marker) {
	var out []string
	var ms []marker
	for i, t := range texts {
		col := ""
		if i < len(l) {
			col = l[i]
		}
		re := leadRE()
		if col == model.ColCategory {
			re = markerRE()
		}
		found := re.FindAllString(t, -1)
		if len(found) == 0 {
			continue
		}
		if out == nil {
			out = append([]string(nil), texts...)
		}
		out[i] = re.ReplaceAllString(t, "")
		for _, m := range found {
			ms = append(ms, marker{pos: i, col: col, marker: strings.TrimSpace(m), text: t})
		}
	}
	if out == nil {
		return texts, nil
	}
	return out, ms
}

// texts is every cell of the row, in column order, extras last.
func (r *row) texts() []string {
	var out []string
	for _, k := range allKeys {
		if t := r.cells[k]; t != "" {
			out = append(out, t)
		}
	}
	for n := 1; r.cells[model.LevelKey(n)] != "" || n == 1; n++ {
		if t := r.cells[model.LevelKey(n)]; t != "" {
			out = append(out, t)
		}
	}
	for _, e := range r.extra {
		out = append(out, e.text)
	}
	return out
}

// allKeys are the contract's column keys in their canonical order.
var allKeys = append(append([]string(nil), model.Columns...), model.RoleColumns...)
