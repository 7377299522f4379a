package web

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
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
	}
	for _, c := range cases {
		t.Run(c.col+"="+c.value, func(t *testing.T) {
			it := model.Item{Text: "原文", Weight: model.Float(20), Deadline: "12月底前", Due: "2023-12-31",
				Leaders: []string{"甲"}, Departments: []string{"乙"}, Owners: []string{"丙"}, Raw: map[string]string{model.ColWeight: "20分"}}
			setCell(&it, c.col, c.value, 2023)
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
	if err := ApplyEdits(doc, []Edit{e}); err != nil {
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
	for name, e := range map[string]Edit{
		"utf8":   {Form: ok.Form, Category: ok.Category, Ind: ok.Ind, Item: ok.Item, Column: model.ColItem, Value: "\xff"},
		"long":   {Form: ok.Form, Category: ok.Category, Ind: ok.Ind, Item: ok.Item, Column: model.ColItem, Value: strings.Repeat("字", maxEditRunes+1)},
		"column": {Form: ok.Form, Category: ok.Category, Ind: ok.Ind, Item: ok.Item, Column: "extra:备注"},
		"range":  {Form: -1},
	} {
		var ee *EditError
		if err := ApplyEdits(doc, []Edit{e}); !errors.As(err, &ee) || ee.Zh == "" || ee.En == "" {
			t.Errorf("%s: %v, want an EditError", name, err)
		}
	}
}

// TestItemRows: every grid row the page makes editable shows the item the
// edit would change (its 序号 and text), on a form with placeholders too.
func TestItemRows(t *testing.T) {
	doc := seedDoc(t)
	// an indicator without items and a category without indicators take
	// rows of their own that must not shift the rows after them
	f := &doc.Forms[0]
	f.Categories[0].Indicators = append([]model.Indicator{{Text: "空指标", Items: []model.Item{}}}, f.Categories[0].Indicators...)
	f.Categories = append([]model.Category{{Name: "空项目", Indicators: []model.Indicator{}}}, f.Categories...)
	g := grid.Build(doc, 0)
	rows := itemRows(f, g)
	items := 0
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			items += len(ind.Items)
		}
	}
	if len(rows) != items {
		t.Fatalf("%d editable rows for %d items", len(rows), items)
	}
	col := map[string]int{}
	for i, c := range g.Columns {
		col[c.Key] = i
	}
	for r, e := range rows {
		it := f.Categories[e.Category].Indicators[e.Ind].Items[e.Item]
		for key, want := range map[string]string{model.ColID: it.ID, model.ColItem: it.Text} {
			if c := g.At(r, col[key]); c < 0 || g.Cells[c].Text != want {
				t.Errorf("row %d %s: grid shows %q, the edit names %q", r, key, g.Cells[c].Text, want)
			}
		}
	}
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
		if got := FileName(doc, Formats["xlsx"]); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
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
	if err := ApplyEdits(doc, []Edit{moved}); err != nil {
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
	var ee *EditError
	if err := ApplyEdits(doc, []Edit{moved}); !errors.As(err, &ee) {
		t.Errorf("unknown 序号: %v", err)
	}
}

// TestViewKinds: every cell of the seed's view has a kind the page styles.
func TestViewKinds(t *testing.T) {
	v, err := BuildView(ViewRequest{Document: reviewedDoc(t)})
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
