package form

import (
	"strings"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model/cell"

	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/model"
)

// synonyms maps a header as printed (white space removed) to its column key.
// Offices name the same column many ways; the contract names it once.
var synonyms = map[string]string{
	"项目": model.ColCategory, "项目类别": model.ColCategory, "类别": model.ColCategory, "考评项目": model.ColCategory, "指标类型": model.ColCategory, "类型": model.ColCategory,
	"序号": model.ColID, "编号": model.ColID,
	"文件依据": model.ColBasis, "依据": model.ColBasis, "政策依据": model.ColBasis, "目标依据": model.ColBasis,
	"一级指标": model.ColIndicator,
	"二级指标": model.ColItem, "考评内容": model.ColItem, "目标内容": model.ColItem, "工作目标": model.ColItem, "具体目标": model.ColItem, "指标内容": model.ColItem, "目标任务": model.ColItem, "工作任务": model.ColItem,
	"权重": model.ColWeight, "分值": model.ColWeight, "分数": model.ColWeight, "权重分值": model.ColWeight, "权重(分)": model.ColWeight, "权重（分）": model.ColWeight, "分值（分）": model.ColWeight,
	"完成时限": model.ColDeadline, "时限": model.ColDeadline, "完成时间": model.ColDeadline, "时间节点": model.ColDeadline,
	"分管领导": model.ColLeaders, "牵头领导": model.ColLeaders, "责任领导": model.ColLeaders, "挂钩领导": model.ColLeaders,
	"责任部门": model.ColDepartments, "责任单位": model.ColDepartments, "牵头单位": model.ColDepartments, "责任科室": model.ColDepartments, "牵头部门": model.ColDepartments,
	"责任人": model.ColOwners, "联系人": model.ColOwners, "具体责任人": model.ColOwners,
}

// groupHeaders are headers over several columns (目标内容 over 二级指标, 权重 and
// 完成时限; 责任分解 over the people). In a two-row header they name no column.
var groupHeaders = map[string]bool{"目标内容": true, "责任分解": true, "考评内容": true}

// extraHeaders are columns the contract does not name but forms often have;
// they are kept under their header in Item.Extra.
var extraHeaders = map[string]bool{"评分标准": true, "备注": true, "配合单位": true, "配合部门": true, "考评标准": true, "计分方法": true, "考评方法": true, "佐证材料": true, "完成情况": true}

// headerWords counts the cells of a row that are column headers.
func headerWords(cells []string) int {
	n := 0
	for _, c := range cells {
		h := notice.Normalize(c)
		if synonyms[h] != "" || groupHeaders[h] || extraHeaders[h] {
			n++
		}
	}
	return n
}

// isHeader reports whether a row is (the first row of) a table header: three
// or more header words and no 序号 value.
func isHeader(cells []string) bool {
	if headerWords(cells) < 3 {
		return false
	}
	for _, c := range cells {
		if isID(c) {
			return false
		}
	}
	return true
}

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

// makeLayout builds the layout from one or two header rows. The lower row
// wins where both name a column (目标内容 above 二级指标); a group header
// names a column only when nothing below names it and no other position has
// that key.
func makeLayout(top, bottom []string) (layout, map[string]string) {
	n := max(len(top), len(bottom))
	l := make(layout, n)
	printed := map[string]string{}
	used := map[string]bool{}
	at := func(cells []string, i int) string {
		if i < len(cells) {
			return notice.Normalize(cells[i])
		}
		return ""
	}
	// asPrinted keeps the header as the document prints it (letter-spacing
	// included) for Form.Headers: the spaced-text rule reads it there.
	asPrinted := func(cells []string, i int) string {
		return strings.Join(strings.Fields(cells[i]), " ")
	}
	for i := 0; i < n; i++ {
		if h := at(bottom, i); h != "" {
			k := synonyms[h]
			switch {
			case k != "" && !groupHeaders[h] && !used[k]:
				l[i], used[k], printed[k] = k, true, asPrinted(bottom, i)
			case k != "" && !groupHeaders[h]:
				// A second column under a header already taken (a
				// cleaned form prints set-aside 一级指标 texts so) is an
				// extra column of that name.
				l[i], printed["x:"+h] = "x:"+h, h
			case extraHeaders[h] || (k == "" && !groupHeaders[h]):
				l[i], printed["x:"+h] = "x:"+h, h
			}
		}
	}
	for i := 0; i < n; i++ {
		if l[i] != "" {
			continue
		}
		h := at(top, i)
		if h == "" {
			continue
		}
		k := synonyms[h]
		switch {
		case k != "" && !used[k] && !(groupHeaders[h] && len(bottom) > 0):
			l[i], used[k], printed[k] = k, true, asPrinted(top, i)
		case k == "" && !groupHeaders[h]:
			l[i], printed["x:"+h] = "x:"+h, h
		}
	}
	return l, printed
}

// inferLayout fills the positions an incomplete header leaves unnamed from
// the rows below it (up to the next header or total): a position where most
// cells are numbers is 权重, deadlines 完成时限, departments 责任部门, and
// personal names 分管领导 (the first such position) then 责任人. Positions
// holding sentences stay unnamed: which text is which cannot be told.
func inferLayout(l layout, blocks []flow.Block) layout {
	counts := map[int]map[cell.Kind]int{}
	rows := 0
	for _, b := range blocks {
		if !b.IsRow() {
			continue
		}
		texts := cellTexts(b)
		if isHeader(texts) || isTotalTexts(texts) {
			break
		}
		rows++
		for i, t := range texts {
			if counts[i] == nil {
				counts[i] = map[cell.Kind]int{}
			}
			counts[i][cell.Classify(t)]++
		}
	}
	n := len(l)
	for i := range counts {
		n = max(n, i+1)
	}
	out := make(layout, n)
	copy(out, l)
	for i := 0; i < n; i++ {
		if out[i] != "" {
			continue
		}
		best, bestN := cell.Empty, 0
		for k, c := range counts[i] {
			if k != cell.Empty && (c > bestN || (c == bestN && k < best)) {
				best, bestN = k, c
			}
		}
		if bestN*2 <= rows {
			continue
		}
		key := naturalKey(best)
		if key == model.ColLeaders && out.has(model.ColLeaders) {
			key = model.ColOwners
		}
		if key != "" && !out.has(key) {
			out[i] = key
		}
	}
	return out
}
