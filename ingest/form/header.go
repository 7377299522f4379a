package form

import (
	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/model"
)

// Header rows are read by the one lexicon of ingest/columns; this file turns
// the roles it names into the layout the builder fills.

// keyCategoryPoints is the layout key of a 权重占比设定 column: the category's
// points, printed on the category's rows. It is kept as an extra column as
// well, so the form prints as it came.
const keyCategoryPoints = "categoryPoints"

// isHeader reports whether a row is (the first row of) a table header.
func isHeader(cells []string) bool { return columns.IsHeader(cells) }

// layout is the column key at each position of a table row; "" where the
// header names no column; "x:<header>" for columns the contract lacks.
type layout []string

// complete reports whether the layout names the columns an item needs. An
// incomplete header (行政能力 pages often print only 项目, 序号, 一级指标)
// leaves the other positions to be read by the type of their cells.
func (l layout) complete() bool { return l.has(model.ColItem) && l.has(model.ColWeight) }

func (l layout) has(key string) bool {
	for _, k := range l {
		if k == key {
			return true
		}
	}
	return false
}

// readLayout reads one or two header rows, and where the header leaves
// columns unnamed, the rows below it (up to the next header or total).
func readLayout(top, bottom []string, below []flow.Block) (layout, map[string]string) {
	hs := columns.Read(top, bottom)
	l, printed := toLayout(hs)
	if !l.complete() {
		var rows [][]string
		for _, b := range below {
			if !b.IsRow() {
				continue
			}
			texts := cellTexts(b)
			if isHeader(texts) || columns.IsTotalRow(texts) {
				break
			}
			rows = append(rows, texts)
		}
		l, printed = toLayout(columns.Infer(hs, rows))
	}
	return l, printed
}

// toLayout turns the roles of a header into the model's column keys. The
// hierarchy columns (category, indicators, item) are ranked by depth: the
// deepest is the item (三级指标 when there is no item column), the one above
// it the 一级指标 of the model, the one above that the category. A second
// column of a role taken already, and every role the model has no field for
// (佐证材料, 权重占比设定 …), is an extra column under its printed header.
func toLayout(hs []columns.Header) (layout, map[string]string) {
	l := make(layout, len(hs))
	printed := map[string]string{}
	extra := func(i int) {
		if h := notice.Normalize(hs[i].Printed); h != "" {
			l[i], printed["x:"+h] = "x:"+h, h
		}
	}
	// The hierarchy, outermost first.
	var hier []int
	item := -1
	seen := map[string]bool{}
	for i, h := range hs {
		if seen[h.Word] && (h.Role == columns.Category || h.Role == columns.Indicator || h.Role == columns.Item) {
			// A second column of one header (a cleaned form prints the
			// 一级指标 texts it set aside so) is an extra column.
			continue
		}
		seen[h.Word] = true
		switch h.Role {
		case columns.Category, columns.Indicator:
			hier = append(hier, i)
		case columns.Item:
			if item < 0 {
				item = i
			} else {
				hier = append(hier, item)
				item = i
			}
		}
	}
	if item < 0 && len(hier) > 0 {
		item, hier = hier[len(hier)-1], hier[:len(hier)-1]
	}
	level := map[int]string{}
	used := map[string]bool{}
	if item >= 0 {
		level[item] = model.ColItem
	}
	// From the deepest group up: 一级指标, then 项目. A category column
	// stays the category whatever stands between it and the item.
	keys := []string{model.ColIndicator, model.ColCategory}
	hasCat := false
	for _, i := range hier {
		if hs[i].Role == columns.Category {
			hasCat = true
		}
	}
	// Four levels or more: the outermost is the category (a 项目 column
	// where the form has one), the next the indicator, and every level
	// between it and the item a model.LevelKey column carried on the item.
	if len(hier) > 2 && (!hasCat || hs[hier[0]].Role == columns.Category) {
		level[hier[0]], level[hier[1]] = model.ColCategory, model.ColIndicator
		for n, i := range hier[2:] {
			level[i] = model.LevelKey(n + 1)
		}
		hier = nil
	}
	for k := len(hier) - 1; k >= 0; k-- {
		i := hier[k]
		if hs[i].Role == columns.Category && !used[model.ColCategory] {
			level[i], used[model.ColCategory] = model.ColCategory, true
			continue
		}
		for _, key := range keys {
			if key == model.ColCategory && hasCat {
				continue
			}
			if !used[key] {
				level[i], used[key] = key, true
				break
			}
		}
	}
	direct := map[columns.Role]string{
		columns.ID: model.ColID, columns.Basis: model.ColBasis, columns.Weight: model.ColWeight,
		columns.Deadline: model.ColDeadline, columns.Leaders: model.ColLeaders,
		columns.Departments: model.ColDepartments, columns.Owners: model.ColOwners,
		columns.Criteria: model.ColCriteria, columns.Target: model.ColTarget, columns.Method: model.ColMethod,
		columns.Partners: model.ColPartners, columns.Remarks: model.ColRemarks,
		columns.SelfScore: model.ColSelfScore, columns.Score: model.ColScore,
	}
	taken := map[string]bool{}
	for _, k := range level {
		taken[k] = true
	}
	for i, h := range hs {
		key := level[i]
		if key == "" && h.Role != columns.Category && h.Role != columns.Indicator && h.Role != columns.Item {
			if key = direct[h.Role]; taken[key] {
				key = ""
			}
		}
		if key == "" {
			extra(i)
			continue
		}
		l[i], taken[key], printed[key] = key, true, h.Printed
		if key == model.ColWeight && h.Unit != "" {
			printed[keyWeightUnit] = h.Unit
		}
	}
	return l, printed
}

// keyWeightUnit carries the unit the weight header states (分 or %) from the
// layout to the form.
const keyWeightUnit = "weightUnit"
