// Package grid lays a 考评表 out as a grid of merged cells, the way the
// original form is printed: a two-level header (目标内容 / 责任分解 over their
// columns), each 项目 merged down its rows, 文件依据 and 一级指标 merged over the
// rows of their indicator, subtotal and total rows after the categories they
// add up. The xlsx and pdf renderers draw the same grid, so both outputs agree
// on what is merged where and which cell carries which finding.
package grid

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

// Kind says what a cell holds, which decides its alignment and font.
type Kind int

const (
	KindHeader     Kind = iota // a header cell
	KindCategory               // a 项目, written vertically
	KindText                   // running text: basis, indicator, item
	KindShort                  // a short centred value: 序号, 完成时限, names
	KindNumber                 // a 权重
	KindTotalLabel             // the label of a subtotal or total row
	KindTotal                  // the sum of a subtotal or total row
	KindBand                   // a heading row over several categories (职能工作目标)
	KindNote                   // the notes under an item (待核对：…), to check, not a field
)

// Cell is one cell of the grid at its top-left position with its spans.
type Cell struct {
	Row, Col         int // 0-based, header rows first
	RowSpan, ColSpan int
	Text             string
	Kind             Kind
	// Num is the number of a weight or the stated value of a total.
	Num *float64
	// Sum lists the grid rows whose weight cells a total adds, for a formula.
	Sum []int
	// Computed is what the items add up to, for a total.
	Computed float64
	// Suffix is text printed after a weight (分 of a weight written 2分), kept
	// so the number stays a number for the totals.
	Suffix string
	// Findings are indexes into Document.Findings that point at this cell.
	Findings []int
	// Of says which part of the form the cell shows, so an editor can write
	// a change of it back into the model.
	Of Of
	// Mark is a change a diff shows on the cell (nil for none).
	Mark *Mark
}

// Of names a part of a form by position: indexes into Categories, their
// Indicators and Items, and Totals; -1 where the cell is not about one. A
// 项目 cell has only Category, a 一级指标 or 文件依据 cell Category and
// Indicator, an item's cells all three, a total's cells only Total. A band
// (职能工作目标) names the first category under it. Exported as the type
// of Cell.Of, which the renderers and the page read.
type Of struct{ Category, Indicator, Item, Total int }

// none is the Of of a cell about no part (a header).
var none = Of{-1, -1, -1, -1}

// column is one column of the form.
type column struct {
	Key    string // a model.Col* key, or "extra:" + the printed header
	Header string
	Group  string // 目标内容 or 责任分解 in the two-level header, else ""
}

// Row kinds.
const (
	rowHeader = iota
	rowItem
	rowTotal
	rowBand
	rowNote // the notes of the item above (待核对：…)
)

// Grid is one form laid out for printing.
type Grid struct {
	Form       int    // index of the form in the document
	Attachment string // 附件 or 附件2
	Title      string
	Unit       string // 参评单位（盖章）：… line
	Date       string // the form's date as printed (2023年9月26日)
	Columns    []column
	HeaderRows int
	Rows       int    // header and body rows
	RowKinds   []int  // per row: RowHeader, RowItem, RowTotal
	Groups     []int  // per row: the indicator group it belongs to (-1 for none), for keeping groups on a page
	Cells      []Cell // in row order, then column order
	Signatures string
	// WeightCol is the column of 权重, or -1.
	WeightCol int
	// Unplaced are findings about this form that point at no cell.
	Unplaced []int
}

// defaultSignatures is the signature row printed when the form states none.
var defaultSignatures = []string{"单位主要领导：", "分管领导：", "科室负责人：", "经办人：", "联系电话：", "日期："}

var groupOf = map[string]string{
	model.ColItem: "目标内容", model.ColWeight: "目标内容", model.ColDeadline: "目标内容",
	model.ColLeaders: "责任分解", model.ColDepartments: "责任分解", model.ColOwners: "责任分解",
}

// widths are relative column widths, about the width of a digit each: wide
// for running text, narrow for numbers and names. Both renderers use them, so
// the xlsx and the PDF wrap a cell's text alike.
var widths = map[string]float64{
	model.ColCategory: 6, model.ColID: 8, model.ColBasis: 20, model.ColIndicator: 24,
	model.ColItem: 34, model.ColWeight: 6.5, model.ColDeadline: 10, model.ColLeaders: 10.5,
	model.ColDepartments: 12, model.ColOwners: 10,
	model.ColCriteria: 22, model.ColTarget: 10, model.ColMethod: 10, model.ColPartners: 12,
	model.ColRemarks: 10, model.ColSelfScore: 6.5, model.ColScore: 6.5,
}

// Width returns the relative width of the column with key; 10 for a column
// the contract does not name.
func Width(key string) float64 {
	if w, ok := widths[key]; ok {
		return w
	}
	return 10
}

// ExtraPrefix marks a column key the contract does not name.
const ExtraPrefix = "extra:"

// Build lays out form fi of doc.
func Build(doc *model.Document, fi int) *Grid {
	f := &doc.Forms[fi]
	g := &Grid{Form: fi, Title: f.Title, WeightCol: -1}
	g.Attachment = attachmentLabel(doc, f)
	if f.Unit != "" {
		g.Unit = "参评单位（盖章）：" + f.Unit
	} else {
		g.Unit = "参评单位（盖章）："
	}
	g.Date = dateText(f.Date)
	sigs := f.Signatures
	if len(sigs) == 0 {
		sigs = defaultSignatures
	}
	g.Signatures = strings.Join(sigs, "　　　　")
	g.columns(f)
	g.header()
	b := builder{g: g, col: map[string]int{}}
	for i, c := range g.Columns {
		b.col[c.Key] = i
	}
	b.body(f)
	g.placeFindings(doc, b)
	return g
}

func (g *Grid) columns(f *model.Form) {
	keys := f.Columns
	if len(keys) == 0 {
		keys = model.Columns
	}
	// The form's columns in its order, with its header words; a column of
	// its own (x:佐证材料) where the form printed it.
	seen := map[string]bool{}
	for _, k := range keys {
		if h, ok := strings.CutPrefix(k, model.ExtraKey); ok {
			if !seen[ExtraPrefix+h] {
				seen[ExtraPrefix+h] = true
				g.Columns = append(g.Columns, column{Key: ExtraPrefix + h, Header: h})
			}
			continue
		}
		h := unspace(f.Headers[k])
		if h == "" {
			h = model.ColumnLabel(k, false) // the form keeps none of its own
		}
		if h == "" {
			h = k
		}
		g.Columns = append(g.Columns, column{Key: k, Header: h, Group: groupOf[k]})
	}
	// Extra columns some item has that the form's list lacks (a document
	// edited by a program) are printed too: a column with values is never
	// left out.
	extra := map[string]bool{}
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			for _, it := range ind.Items {
				for h := range it.Extra {
					extra[h] = true
				}
			}
		}
	}
	var hs []string
	for h := range extra {
		if !seen[ExtraPrefix+h] {
			hs = append(hs, h)
		}
	}
	// 第4列 before 第10列: numbers inside headers compare as numbers.
	sort.Slice(hs, func(i, j int) bool { return naturalLess(hs[i], hs[j]) })
	for _, h := range hs {
		g.Columns = append(g.Columns, column{Key: ExtraPrefix + h, Header: h})
	}
	for i, c := range g.Columns {
		if c.Key == model.ColWeight {
			g.WeightCol = i
		}
	}
}

// header adds the one- or two-level header rows. A group label spans its
// columns only where they stand next to each other.
func (g *Grid) header() {
	two := false
	for _, c := range g.Columns {
		if c.Group != "" {
			two = true
		}
	}
	g.HeaderRows = 1
	if two {
		g.HeaderRows = 2
	}
	for i := 0; i < len(g.Columns); {
		c := g.Columns[i]
		if !two || c.Group == "" {
			g.Cells = append(g.Cells, Cell{Row: 0, Col: i, RowSpan: g.HeaderRows, ColSpan: 1, Text: c.Header, Kind: KindHeader, Of: none})
			i++
			continue
		}
		j := i
		for j < len(g.Columns) && g.Columns[j].Group == c.Group {
			j++
		}
		g.Cells = append(g.Cells, Cell{Row: 0, Col: i, RowSpan: 1, ColSpan: j - i, Text: c.Group, Kind: KindHeader, Of: none})
		for k := i; k < j; k++ {
			g.Cells = append(g.Cells, Cell{Row: 1, Col: k, RowSpan: 1, ColSpan: 1, Text: g.Columns[k].Header, Kind: KindHeader, Of: none})
		}
		i = j
	}
	g.Rows = g.HeaderRows
	for range g.HeaderRows {
		g.RowKinds = append(g.RowKinds, rowHeader)
		g.Groups = append(g.Groups, -1)
	}
}

// builder keeps the positions needed to place totals and findings.
type builder struct {
	g        *Grid
	col      map[string]int
	catRows  map[string][]int // category name → item rows
	itemRow  map[string]int   // item ID → row
	indRow   map[string]int   // indicator ID → first row
	totalRow map[string]int   // total label → row
	at       Of               // the part the cells being added show
}

func (b *builder) body(f *model.Form) {
	g := b.g
	b.catRows, b.itemRow, b.indRow, b.totalRow = map[string][]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	// the last category each total covers decides where its row goes
	after := map[int][]int{}
	var grand []int
	catIndex := map[string]int{}
	for i, c := range f.Categories {
		catIndex[c.Name] = i
	}
	for ti, t := range f.Totals {
		last := -1
		for _, n := range t.Categories {
			if i, ok := catIndex[n]; ok && i > last {
				last = i
			}
		}
		if last < 0 {
			grand = append(grand, ti)
		} else {
			after[last] = append(after[last], ti)
		}
	}
	group := 0
	band := ""
	for ci, c := range f.Categories {
		if c.Group != "" && c.Group != band {
			b.band(c.Group, ci)
		}
		band = c.Group
		start := g.Rows
		for ii, ind := range c.Indicators {
			istart := g.Rows
			if ind.ID != "" {
				b.indRow[ind.ID] = istart
			}
			items := ind.Items
			if len(items) == 0 {
				items = []model.Item{{}}
			}
			rows := make([]int, len(items))
			for ti, it := range items {
				b.at = Of{ci, ii, ti, -1}
				if len(ind.Items) == 0 {
					b.at.Item = -1 // the row of an indicator without items
				}
				rows[ti] = g.Rows
				b.item(it, group)
				b.catRows[c.Name] = append(b.catRows[c.Name], g.Rows-1)
			}
			b.levels(ci, ii, items, rows)
			n := g.Rows - istart
			b.at = Of{ci, ii, -1, -1}
			b.put(istart, model.ColBasis, n, ind.Basis, KindText, nil)
			b.put(istart, model.ColIndicator, n, IndicatorText(ind), KindText, nil)
			group++
		}
		b.at = Of{ci, -1, -1, -1}
		if g.Rows == start { // a category without indicators still shows
			b.item(model.Item{}, -1)
		}
		b.put(start, model.ColCategory, g.Rows-start, categoryText(c), KindCategory, nil)
		for _, ti := range after[ci] {
			b.at = Of{-1, -1, -1, ti}
			b.total(f.Totals[ti], f.Totals[ti].Categories)
		}
	}
	for _, ti := range grand {
		b.at = Of{-1, -1, -1, ti}
		b.total(f.Totals[ti], nil)
	}
	sort.SliceStable(g.Cells, func(i, j int) bool {
		if g.Cells[i].Row != g.Cells[j].Row {
			return g.Cells[i].Row < g.Cells[j].Row
		}
		return g.Cells[i].Col < g.Cells[j].Col
	})
}

// item adds one item row.
func (b *builder) item(it model.Item, group int) {
	g := b.g
	r := g.Rows
	g.Rows++
	g.RowKinds = append(g.RowKinds, rowItem)
	g.Groups = append(g.Groups, group)
	if it.ID != "" {
		b.itemRow[it.ID] = r
	}
	b.put(r, model.ColID, 1, it.ID, KindShort, nil)
	b.put(r, model.ColItem, 1, it.Text, KindText, nil)
	suffix := weightSuffix(it)
	wtext := FormatNum(it.Weight) + suffix
	if raw := strings.TrimSpace(it.Raw[model.ColWeight]); it.Weight == nil && raw != "" {
		wtext = raw // 六分: no number, but what the person wrote is shown (and flagged by the audit)
	}
	b.put(r, model.ColWeight, 1, wtext, KindNumber, it.Weight)
	if suffix != "" {
		b.g.Cells[len(b.g.Cells)-1].Suffix = suffix
	}
	b.put(r, model.ColDeadline, 1, it.Deadline, KindShort, nil)
	b.put(r, model.ColLeaders, 1, listText(it, model.ColLeaders, it.Leaders), KindShort, nil)
	b.put(r, model.ColDepartments, 1, listText(it, model.ColDepartments, it.Departments), KindShort, nil)
	b.put(r, model.ColOwners, 1, listText(it, model.ColOwners, it.Owners), KindShort, nil)
	b.put(r, model.ColCriteria, 1, it.Criteria, KindText, nil)
	b.put(r, model.ColTarget, 1, it.Target, KindShort, nil)
	b.put(r, model.ColMethod, 1, it.Method, KindShort, nil)
	b.put(r, model.ColPartners, 1, listText(it, model.ColPartners, it.Partners), KindShort, nil)
	b.put(r, model.ColRemarks, 1, it.Remarks, KindText, nil)
	b.put(r, model.ColSelfScore, 1, scoreText(it, model.ColSelfScore, it.SelfScore), KindNumber, it.SelfScore)
	b.put(r, model.ColScore, 1, scoreText(it, model.ColScore, it.Score), KindNumber, it.Score)
	for h, v := range it.Extra {
		b.put(r, ExtraPrefix+h, 1, v, KindText, nil)
	}
	// every column has a cell, so borders are drawn everywhere
	for i, c := range g.Columns {
		if _, ok := b.col[c.Key]; ok && !b.has(r, i) && !mergedKey(c.Key) {
			g.Cells = append(g.Cells, Cell{Row: r, Col: i, RowSpan: 1, ColSpan: 1, Kind: KindShort, Of: b.at})
		}
	}
	if len(it.Notes) > 0 {
		b.note(it, group)
	}
}

// note prints the texts of an item's row that no column could take on a row
// of their own under it, across the columns right of the merged ones (项目,
// 文件依据, 一级指标), so they take no column on every page.
func (b *builder) note(it model.Item, group int) {
	g := b.g
	r := g.Rows
	g.Rows++
	g.RowKinds = append(g.RowKinds, rowNote)
	g.Groups = append(g.Groups, group)
	merged := func(i int) bool { return mergedKey(g.Columns[i].Key) }
	// From the item's column (else the first column not merged) right, up
	// to the next merged column.
	first, ok := b.col[model.ColItem]
	if !ok {
		for first = 0; first < len(g.Columns) && merged(first); first++ {
		}
	}
	if first == len(g.Columns) {
		return
	}
	last := first
	for last+1 < len(g.Columns) && !merged(last+1) {
		last++
	}
	// Cells of the row outside the note, so borders are drawn everywhere.
	// The row shows no field of the item (Of none): an editor does not
	// offer its cells as the item's.
	for i := range g.Columns {
		if (i < first || i > last) && !merged(i) {
			g.Cells = append(g.Cells, Cell{Row: r, Col: i, RowSpan: 1, ColSpan: 1, Kind: KindShort, Of: none})
		}
	}
	g.Cells = append(g.Cells, Cell{Row: r, Col: first, RowSpan: 1, ColSpan: last - first + 1,
		Text: model.NotePrefix + strings.Join(it.Notes, "\n"), Kind: KindNote, Of: none})
}

// mergedKey reports whether the column of key is merged over the rows of
// its group (项目, 文件依据, 一级指标, the levels under it) rather than one
// cell per item row.
func mergedKey(k string) bool {
	return k == model.ColCategory || k == model.ColBasis || k == model.ColIndicator || model.LevelIndex(k) > 0
}

// scoreText prints a score, or what was written where it is no number (优).
func scoreText(it model.Item, key string, v *float64) string {
	if v == nil {
		return strings.TrimSpace(it.Raw[key])
	}
	return FormatNum(v)
}

func (b *builder) has(r, c int) bool {
	for i := len(b.g.Cells) - 1; i >= 0 && b.g.Cells[i].Row == r; i-- {
		if b.g.Cells[i].Col == c {
			return true
		}
	}
	return false
}

// put adds a cell in the column of key when the form has that column.
func (b *builder) put(r int, key string, span int, text string, k Kind, num *float64) {
	c, ok := b.col[key]
	if !ok {
		return
	}
	b.g.Cells = append(b.g.Cells, Cell{Row: r, Col: c, RowSpan: span, ColSpan: 1, Text: text, Kind: k, Num: num, Of: b.at})
}

// total adds a subtotal or total row: the label over the columns before 权重,
// the sum under 权重, the rest merged empty.
func (b *builder) total(t model.Total, cats []string) {
	g := b.g
	r := g.Rows
	g.Rows++
	g.RowKinds = append(g.RowKinds, rowTotal)
	g.Groups = append(g.Groups, -1)
	b.totalRow[t.Label] = r
	var rows []int
	if cats == nil {
		for i, k := range g.RowKinds {
			if k == rowItem {
				rows = append(rows, i)
			}
		}
	} else {
		for _, n := range cats {
			rows = append(rows, b.catRows[n]...)
		}
		sort.Ints(rows)
	}
	wc := g.WeightCol
	if wc < 0 {
		g.Cells = append(g.Cells, Cell{Row: r, Col: 0, RowSpan: 1, ColSpan: len(g.Columns), Text: t.Label + " " + FormatNum(t.Stated), Kind: KindTotalLabel, Of: b.at})
		return
	}
	if wc > 0 {
		g.Cells = append(g.Cells, Cell{Row: r, Col: 0, RowSpan: 1, ColSpan: wc, Text: t.Label, Kind: KindTotalLabel, Of: b.at})
	}
	g.Cells = append(g.Cells, Cell{Row: r, Col: wc, RowSpan: 1, ColSpan: 1, Text: FormatNum(t.Stated), Kind: KindTotal, Num: t.Stated, Sum: rows, Computed: t.Computed, Of: b.at})
	if wc+1 < len(g.Columns) {
		g.Cells = append(g.Cells, Cell{Row: r, Col: wc + 1, RowSpan: 1, ColSpan: len(g.Columns) - wc - 1, Kind: KindShort, Of: none})
	}
}

// band adds a heading row over the categories of a group (职能工作目标): one
// cell across the table, its text starting in the 项目 column, as a form
// prints a heading that covers several 项目.
func (b *builder) band(text string, ci int) {
	g := b.g
	r := g.Rows
	g.Rows++
	g.RowKinds = append(g.RowKinds, rowBand)
	g.Groups = append(g.Groups, -1)
	g.Cells = append(g.Cells, Cell{Row: r, Col: 0, RowSpan: 1, ColSpan: len(g.Columns), Text: text, Kind: KindBand, Of: Of{ci, -1, -1, -1}})
}

// categoryText is the 项目 cell: the name with its points as （6分）.
func categoryText(c model.Category) string {
	s := c.Name
	if c.Points != nil {
		s += "（" + FormatNum(c.Points) + "分）"
	}
	return s
}

// listText prints a list of names as the form printed it when the model
// kept that (Raw) and it lists the same names, so reading our file back gives
// the same model; else joined with 、.
func listText(it model.Item, key string, names []string) string {
	if raw, ok := it.Raw[key]; ok && slices.Equal(cell.ListOf(key, raw), names) {
		return raw
	}
	return strings.Join(names, "、")
}

// weightSuffix is the unit after a weight printed as 2分: the raw text is the
// number and a suffix without digits.
func weightSuffix(it model.Item) string {
	raw, ok := it.Raw[model.ColWeight]
	if !ok || it.Weight == nil {
		return ""
	}
	n := FormatNum(it.Weight)
	if rest, found := strings.CutPrefix(strings.TrimSpace(raw), n); found && rest != "" && !strings.ContainsAny(rest, "0123456789０１２３４５６７８９.\"") {
		return rest
	}
	return ""
}

// levels prints the level columns (level1 …) of one indicator's items: a
// run of adjacent items that agree on a level and every level above it is
// one merged cell, as the form printed it, over their rows and the note rows
// under them; an item without the level has an empty cell of its own.
func (b *builder) levels(ci, ii int, items []model.Item, rows []int) {
	for key, col := range b.col {
		n := model.LevelIndex(key)
		if n == 0 {
			continue
		}
		for start := 0; start < len(items); {
			end := LevelRun(items, start, n)
			next := b.g.Rows
			if end < len(items) {
				next = rows[end]
			}
			text := ""
			if lv := items[start].Levels; len(lv) >= n {
				text = levelText(lv[n-1])
			}
			b.g.Cells = append(b.g.Cells, Cell{Row: rows[start], Col: col, RowSpan: next - rows[start], ColSpan: 1,
				Text: text, Kind: KindText, Of: Of{ci, ii, start, -1}})
			start = end
		}
	}
}

// LevelRun returns the end of the run of items from start that level
// column n (level1 …) prints as one merged cell: adjacent items that agree
// on the level and every level above it; start+1 where items[start] has no
// text at that level. The page's editor changes the same run.
func LevelRun(items []model.Item, start, n int) int {
	same := func(a, c model.Item) bool {
		if len(a.Levels) < n || len(c.Levels) < n || a.Levels[n-1].Text == "" {
			return false
		}
		for k := 0; k < n; k++ {
			if a.Levels[k].Text != c.Levels[k].Text {
				return false
			}
		}
		return true
	}
	end := start + 1
	for end < len(items) && same(items[start], items[end]) {
		end++
	}
	return end
}

// levelText is a level cell as printed: the cell itself where it was kept
// (Raw), else its text and points.
func levelText(l model.Level) string {
	if l.Raw != "" {
		return l.Raw
	}
	if l.Points != nil {
		return l.Text + "（" + FormatNum(l.Points) + "分）"
	}
	return l.Text
}

// IndicatorText is the 一级指标 cell: text, citation and points as printed.
func IndicatorText(ind model.Indicator) string {
	s := ind.Text
	if c := ind.Citation; c != "" {
		if !strings.HasPrefix(c, "（") && !strings.HasPrefix(c, "(") {
			c = "（" + c + "）"
		}
		s += c
	}
	if ind.Points != nil {
		s += "（" + FormatNum(ind.Points) + "分）"
	}
	return s
}

// FormatNum prints a weight as the form does: 2, 1.5, nothing for nil.
func FormatNum(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// dateText prints an ISO date as 2023年9月26日; other text is kept.
func dateText(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// attachmentLabel numbers the 附件 label when the notice lists several
// attachments and one of them is this form.
func attachmentLabel(doc *model.Document, f *model.Form) string {
	if f.Attachment > 1 {
		return "附件" + strconv.Itoa(f.Attachment)
	}
	if doc.Notice == nil || len(doc.Notice.Attachments) < 2 {
		return "附件"
	}
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, a := range doc.Notice.Attachments {
		if strip(a.Name) == strip(f.Title) {
			return "附件" + strconv.Itoa(a.Number)
		}
	}
	return "附件"
}

// unspace removes the letter-spacing a printed header may carry (完 成 时 限):
// the cleaned form prints it plain; the finding keeps the original.
func unspace(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (rs[i-1] > 0x2E80 || rs[i+1] > 0x2E80) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// naturalLess orders strings with their runs of digits compared by value.
func naturalLess(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	i, j := 0, 0
	for i < len(ra) && j < len(rb) {
		if isDigit(ra[i]) && isDigit(rb[j]) {
			si, sj := i, j
			for i < len(ra) && isDigit(ra[i]) {
				i++
			}
			for j < len(rb) && isDigit(rb[j]) {
				j++
			}
			na, nb := strings.TrimLeft(string(ra[si:i]), "0"), strings.TrimLeft(string(rb[sj:j]), "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			continue
		}
		if ra[i] != rb[j] {
			return ra[i] < rb[j]
		}
		i++
		j++
	}
	return len(ra)-i < len(rb)-j
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
