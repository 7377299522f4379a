package web

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/output"
)

func TestSetCell(t *testing.T) {
	cases := []struct {
		col, value string
		check      func(it model.Item) bool
	}{
		{model.ColWeight, "6", func(it model.Item) bool { return it.Weight != nil && *it.Weight == 6 && it.Raw == nil }},
		{model.ColWeight, "1.5", func(it model.Item) bool { return *it.Weight == 1.5 && it.Raw == nil }},
		{model.ColWeight, "２分", func(it model.Item) bool { return *it.Weight == 2 && it.Raw[model.ColWeight] == "２分" }},
		{model.ColWeight, "若干", func(it model.Item) bool { return it.Weight == nil && it.Raw[model.ColWeight] == "若干" }},
		{model.ColWeight, "", func(it model.Item) bool { return it.Weight == nil && it.Raw == nil }},
		{model.ColDeadline, "6月底前", func(it model.Item) bool { return it.Deadline == "6月底前" && it.Due == "2023-06-30" }},
		{model.ColDeadline, "长期", func(it model.Item) bool { return it.Deadline == "长期" && it.Due == "" }},
		{model.ColDeadline, "", func(it model.Item) bool { return it.Deadline == "" && it.Due == "" }},
		{model.ColLeaders, "洪武强", func(it model.Item) bool {
			return reflect.DeepEqual(it.Leaders, []string{"洪武强"}) && it.Raw[model.ColLeaders] == "" && it.Raw[model.ColWeight] == "20分"
		}},
		{model.ColOwners, "章振明 丁少伟", func(it model.Item) bool {
			return reflect.DeepEqual(it.Owners, []string{"章振明", "丁少伟"}) && it.Raw[model.ColOwners] == "章振明 丁少伟"
		}},
		{model.ColDepartments, "", func(it model.Item) bool { return it.Departments != nil && len(it.Departments) == 0 }},
		{model.ColItem, "开展文明创建工作。", func(it model.Item) bool { return it.Text == "开展文明创建工作。" }},
		// The builder's reader, not a copy of it: a percent weight reads
		// as ingest reads it, the score columns are read too.
		{model.ColWeight, "25%", func(it model.Item) bool { return *it.Weight == 25 && it.Raw[model.ColWeight] == "25%" }},
		{model.ColScore, "优", func(it model.Item) bool { return it.Score == nil && it.Raw[model.ColScore] == "优" }},
	}
	for _, c := range cases {
		t.Run(c.col+"="+c.value, func(t *testing.T) {
			t.Parallel()
			it := model.Item{Text: "原文", Weight: model.Float(20), Deadline: "12月底前", Due: "2023-12-31",
				Leaders: []string{"甲"}, Departments: []string{"乙"}, Owners: []string{"丙"}, Raw: map[string]string{model.ColWeight: "20分"}}
			setCell(&it, c.col, c.value, form.CellReader{Year: 2023})
			if !c.check(it) {
				t.Errorf("after setting %s to %q: %+v", c.col, c.value, it)
			}
		})
	}
}

func TestApplyEditsRecomputesTotals(t *testing.T) {
	doc := seedDoc(t)
	e := findItem(t, doc, "9-1")
	e.Column, e.Value = model.ColWeight, "6"
	var before float64
	for _, tt := range doc.Forms[0].Totals {
		if len(tt.Categories) == 0 {
			before = tt.Computed
		}
	}
	if err := applyEdits(doc, []edit{e}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range doc.Forms[0].Totals {
		if len(tt.Categories) == 0 && tt.Computed != before-14 {
			t.Errorf("grand total computed %v, want %v", tt.Computed, before-14)
		}
	}
	// Recomputing an unedited form changes nothing: the same sums as ingest.
	fresh := seedDoc(t)
	want := append([]model.Total(nil), fresh.Forms[0].Totals...)
	fresh.Forms[0].RecomputeTotals()
	if !reflect.DeepEqual(fresh.Forms[0].Totals, want) {
		t.Errorf("RecomputeTotals disagrees with ingest:\n got %+v\nwant %+v", fresh.Forms[0].Totals, want)
	}
}

func TestApplyEditsErrors(t *testing.T) {
	doc := seedDoc(t)
	ok := findItem(t, doc, "1-1-1")
	ok.Column = model.ColItem
	for name, e := range map[string]edit{
		"utf8":   {Form: ok.Form, Category: ok.Category, Ind: ok.Ind, Item: ok.Item, Column: model.ColItem, Value: "\xff"},
		"long":   {Form: ok.Form, Category: ok.Category, Ind: ok.Ind, Item: ok.Item, Column: model.ColItem, Value: strings.Repeat("字", maxEditRunes+1)},
		"column": {Form: ok.Form, Category: ok.Category, Ind: ok.Ind, Item: ok.Item, Column: "nonsense"},
		"total":  {Form: ok.Form, Total: 0, Column: editTotal, Value: "六十八"},
		"range":  {Form: -1},
	} {
		var ee *editError
		if err := applyEdits(doc, []edit{e}); !errors.As(err, &ee) || ee.Zh == "" || ee.En == "" {
			t.Errorf("%s: %v, want an EditError", name, err)
		}
	}
}

// TestEveryCellEditable: every cell of the form but the headers and the
// empty cells of total rows can be changed on the page, merged cells as one,
// on a form with placeholder rows too; a change shows in the redrawn cell.
func TestEveryCellEditable(t *testing.T) {
	doc := reviewedDoc(t)
	// an indicator without items and a category without indicators take
	// rows of their own that must not shift the rows after them
	f := &doc.Forms[0]
	f.Categories[0].Indicators = append([]model.Indicator{{Text: "空指标", Items: []model.Item{}}}, f.Categories[0].Indicators...)
	f.Categories = append([]model.Category{{Name: "空项目", Indicators: []model.Indicator{}}}, f.Categories...)
	f.Categories[2].Group = "职能工作目标"
	f.Categories[3].Group = "职能工作目标"
	f.Categories[1].Indicators[1].Items[0].Extra = map[string]string{"备注": "原"}
	base, err := buildView(context.Background(), viewRequest{Document: clone(t, doc)})
	if err != nil {
		t.Fatal(err)
	}
	fv := base.Forms[0]
	values := map[string]string{
		model.ColID: "9-9-9", model.ColItem: "改过的二级指标", model.ColWeight: "7", model.ColDeadline: "6月底前",
		model.ColLeaders: "张三", model.ColDepartments: "办公室", model.ColOwners: "李四", "extra:备注": "新备注",
		model.ColCategory: "新项目（9分）", model.ColIndicator: "新指标（3分）", model.ColBasis: "新依据",
		editGroup: "新分组", editTotal: "99", editTotalLabel: "小计甲",
	}
	seen := map[string]int{}
	seen["extra:备注"] = 0
	for _, c := range fv.Cells {
		if c.Kind == "header" {
			if c.Edit != nil {
				t.Errorf("header %q is editable", c.Text)
			}
			continue
		}
		if c.Edit == nil {
			// Notes under an item are to check, not a field to edit.
			if c.Text != "" && c.Kind != "note" {
				t.Errorf("cell %d,%d %q (%s) cannot be edited", c.Row, c.Col, c.Text, c.Kind)
			}
			continue
		}
		v, ok := values[c.Edit.Column]
		if strings.HasPrefix(c.Edit.Column, "extra:") {
			v, ok = "新备注", true
		}
		if !ok {
			t.Fatalf("no test value for column %q", c.Edit.Column)
		}
		seen[c.Edit.Column]++
		if testing.Short() && seen[c.Edit.Column] > 3 {
			continue
		}
		e := *c.Edit
		e.Value = v
		after, err := buildView(context.Background(), viewRequest{Document: clone(t, doc), Edits: []edit{e}})
		if err != nil {
			t.Errorf("cell %d,%d (%s): %v", c.Row, c.Col, e.Column, err)
			continue
		}
		got := cellAt(after.Forms[0], c.Row, c.Col)
		if got == nil || got.Text != v || got.RowSpan != c.RowSpan || got.ColSpan != c.ColSpan {
			t.Errorf("cell %d,%d (%s) edited to %q shows %+v", c.Row, c.Col, e.Column, v, got)
		}
	}
	for col := range values {
		if seen[col] == 0 && !strings.HasPrefix(col, "extra:") {
			t.Errorf("no cell edits column %q", col)
		}
	}
}

func cellAt(fv gridView, r, c int) *cellView {
	for i := range fv.Cells {
		if fv.Cells[i].Row == r && fv.Cells[i].Col == c {
			return &fv.Cells[i]
		}
	}
	return nil
}

func clone(t testing.TB, doc *model.Document) *model.Document {
	t.Helper()
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var out model.Document
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// TestInvalidWeightStays: 六分 typed as a weight stays in the cell, marked
// with its finding, and reaches the Excel as typed.
func TestInvalidWeightStays(t *testing.T) {
	doc := reviewedDoc(t)
	e := findItem(t, doc, "1-1-1")
	e.Column, e.Value = model.ColWeight, "六分"
	v, err := buildView(context.Background(), viewRequest{Document: doc, Edits: []edit{e}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range v.Forms[0].Cells {
		if c.Edit == nil || c.Edit.Column != model.ColWeight || c.Edit.ID != "1-1-1" {
			continue
		}
		if c.Text != "六分" {
			t.Errorf("the weight cell shows %q", c.Text)
		}
		found := false
		for _, i := range c.Findings {
			found = found || v.Document.Findings[i].Rule == model.RuleWeightFormat
		}
		if !found {
			t.Errorf("the weight cell 六分 has no weight-format finding: %v", c.Findings)
		}
		return
	}
	t.Error("no weight cell for 1-1-1")
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"quanxin-2023-9-notice.txt": "quanxin-2023-9-notice.xlsx",
		`C:\公文\泉芯管9号.pdf`:           "泉芯管9号.xlsx",
		"../../etc/passwd":          "passwd.xlsx",
		"a\"b\r\n.txt":              "a_b__.xlsx",
		"":                          "kaoping.xlsx",
		".hidden":                   ".hidden.xlsx",
	} {
		doc := &model.Document{Source: model.Source{File: in}}
		if got := fileName(doc, mustFormat(t, "xlsx")); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
	// a form's title names the download; a title that is all space does not
	for title, want := range map[string]string{
		"泉州半导体高新区管委会2023年度绩效目标考评表": "泉州半导体高新区管委会2023年度绩效目标考评表.xlsx",
		"2023年度 考评表/（草稿）":          "2023年度考评表_（草稿）.xlsx",
		"  ":                       "notice.xlsx",
	} {
		doc := &model.Document{Source: model.Source{File: "notice.pdf"}, Forms: []model.Form{{Title: title}}}
		if got := fileName(doc, mustFormat(t, "xlsx")); got != want {
			t.Errorf("FileName(title %q) = %q, want %q", title, got, want)
		}
	}
}

// TestEditFollowsID: an edit whose position holds another row (the page drew
// the form after a fix moved a row) goes to the row with its 序号; an unknown
// or ambiguous 序号 is refused.
func TestEditFollowsID(t *testing.T) {
	doc := seedDoc(t)
	e := findItem(t, doc, "9-1")
	moved := findItem(t, doc, "1-1-1")
	moved.ID, moved.Column, moved.Value = "9-1", model.ColWeight, "6"
	if err := applyEdits(doc, []edit{moved}); err != nil {
		t.Fatal(err)
	}
	f := doc.Forms[0]
	if w := f.Categories[e.Category].Indicators[e.Ind].Items[e.Item].Weight; w == nil || *w != 6 {
		t.Errorf("9-1 weight %v, want 6", w)
	}
	if w := f.Categories[0].Indicators[0].Items[0].Weight; w == nil || *w != 2 {
		t.Errorf("1-1-1 weight changed to %v", w)
	}
	moved.ID = "99-9"
	var ee *editError
	if err := applyEdits(doc, []edit{moved}); !errors.As(err, &ee) {
		t.Errorf("unknown 序号: %v", err)
	}
}

// TestViewKinds: every cell of the seed's view has a kind the page styles.
func TestViewKinds(t *testing.T) {
	v, err := buildView(context.Background(), viewRequest{Document: reviewedDoc(t)})
	if err != nil {
		t.Fatal(err)
	}
	css, _ := assets.ReadFile("assets/app.css")
	for _, c := range v.Forms[0].Cells {
		if c.Kind == "" {
			t.Fatalf("cell %d,%d has no kind name", c.Row, c.Col)
		}
		if c.Kind != "text" && c.Kind != "header" && !strings.Contains(string(css), "."+c.Kind) {
			t.Errorf("kind %q has no style in app.css", c.Kind)
		}
	}
}

func mustFormat(t *testing.T, name string) output.Format {
	t.Helper()
	f, ok := output.Lookup(name)
	if !ok {
		t.Fatalf("no output format %q", name)
	}
	return f
}

// TestEditReadsAsIngest: typing a cell's printed text back into the page
// leaves every item and category as ingest read it, because the page reads
// a changed cell with the form builder's own reader.
func TestEditReadsAsIngest(t *testing.T) {
	t.Parallel()
	doc := seedDoc(t)
	want := clone(t, doc)
	var edits []edit
	for fi, f := range doc.Forms {
		for ci, c := range f.Categories {
			name := c.Name
			if c.Points != nil {
				name += "（" + strconv.FormatFloat(*c.Points, 'f', -1, 64) + "分）"
			}
			edits = append(edits, edit{Form: fi, Category: ci, Column: model.ColCategory, Value: name})
			for ii, ind := range c.Indicators {
				for ti, it := range ind.Items {
					printed := map[string]string{model.ColID: it.ID, model.ColItem: it.Text, model.ColDeadline: it.Deadline,
						model.ColLeaders: strings.Join(it.Leaders, "、"), model.ColDepartments: strings.Join(it.Departments, "、"),
						model.ColOwners: strings.Join(it.Owners, "、")}
					if it.Weight != nil {
						printed[model.ColWeight] = strconv.FormatFloat(*it.Weight, 'f', -1, 64)
					}
					for col, v := range it.Raw {
						printed[col] = v
					}
					for col, v := range printed {
						edits = append(edits, edit{Form: fi, Category: ci, Ind: ii, Item: ti, ID: it.ID, Column: col, Value: v})
					}
				}
			}
		}
	}
	if err := applyEdits(doc, edits); err != nil {
		t.Fatal(err)
	}
	if len(edits) < 100 {
		t.Fatalf("only %d edits: the seed has fewer items than expected", len(edits))
	}
	if diff := cmp.Diff(want.Forms, doc.Forms); diff != "" {
		t.Errorf("retyping the printed cells changed the form (-ingest +edited):\n%s", diff)
	}
}

// TestEditCategoryAsIngest: a 项目 typed letter-spaced, as a header cell is
// often set, is named as ingest names it.
func TestEditCategoryAsIngest(t *testing.T) {
	t.Parallel()
	doc := seedDoc(t)
	if err := applyEdits(doc, []edit{{Column: model.ColCategory, Value: "重 点 工 作（20分）"}}); err != nil {
		t.Fatal(err)
	}
	if c := doc.Forms[0].Categories[0]; c.Name != "重点工作" || c.Points == nil || *c.Points != 20 {
		t.Errorf("category read as %q %v, want 重点工作 20", c.Name, c.Points)
	}
}

// TestEditLevel: a level cell of a four-level form (三级指标 over 四级指标
// items) is one merged cell on the page, and changing it changes every item
// under it, read as ingest reads a level cell; the neighbouring run keeps
// its level, and an empty level cell of an item without one gives it one.
func TestEditLevel(t *testing.T) {
	lv := func(text string) []model.Level { return []model.Level{{Text: text}} }
	f := model.Form{Title: "考评表", Headers: map[string]string{model.LevelKey(1): "三级指标"},
		Columns: []string{model.ColCategory, model.ColIndicator, model.LevelKey(1), model.ColItem, model.ColWeight},
		Categories: []model.Category{{Name: "重点工作", Indicators: []model.Indicator{{Text: "教育培训", Items: []model.Item{
			{ID: "1", Text: "培训人次", Weight: model.Float(1), Levels: lv("培训覆盖")},
			{ID: "2", Text: "培训场次", Weight: model.Float(2), Levels: lv("培训覆盖")},
			{ID: "3", Text: "宣传次数", Weight: model.Float(4), Levels: lv("宣传活动")},
			{ID: "4", Text: "其他", Weight: model.Float(3)},
		}}}}}}
	doc := &model.Document{Forms: []model.Form{f}}
	view, err := buildView(context.Background(), viewRequest{Document: clone(t, doc)})
	if err != nil {
		t.Fatal(err)
	}
	var edits []edit
	for _, c := range view.Forms[0].Cells {
		if c.Edit != nil && c.Edit.Column == model.LevelKey(1) {
			edits = append(edits, *c.Edit)
		}
	}
	if len(edits) != 3 { // 培训覆盖 over two rows, 宣传活动, and the empty cell of 其他
		t.Fatalf("level cells offered for editing: %d, want 3 (%+v)", len(edits), edits)
	}
	edits[0].Value = "培训覆盖面（3分）"
	edits[2].Value = "其他工作"
	if err := applyEdits(doc, []edit{edits[0], edits[2]}); err != nil {
		t.Fatal(err)
	}
	items := doc.Forms[0].Categories[0].Indicators[0].Items
	for i, want := range []model.Level{{Text: "培训覆盖面", Points: model.Float(3)}, {Text: "培训覆盖面", Points: model.Float(3)}, {Text: "宣传活动"}, {Text: "其他工作"}} {
		if len(items[i].Levels) != 1 || !reflect.DeepEqual(items[i].Levels[0], want) {
			t.Errorf("item %s: levels %+v, want [%+v]", items[i].ID, items[i].Levels, want)
		}
	}
	if items[0].Levels[0].Points == items[1].Levels[0].Points {
		t.Error("two items share one Points: an edit of one would change the other")
	}
	if got := form.LevelCell("培训覆盖面（3分）"); !reflect.DeepEqual(got, items[0].Levels[0]) {
		t.Errorf("the page read the cell as %+v, ingest reads it as %+v", items[0].Levels[0], got)
	}
}
