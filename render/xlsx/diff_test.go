package xlsx

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/grid"
)

// TestDiffMarks: the workbook of a diff is the new form with the changed
// cell filled and the old value in its comment, the removed row put back
// struck through, the added row filled.
func TestDiffMarks(t *testing.T) {
	old := sample(t)
	nd := sample(t)
	ind := &nd.Forms[0].Categories[0].Indicators[1] // 1-2 with three items
	ind.Items[0].Weight = model.Float(*ind.Items[0].Weight + 1)
	removed := ind.Items[2]
	ind.Items = ind.Items[:2]
	added := model.Item{ID: "1-1-3", Text: "新增：开展专项督查并通报整改情况。", Weight: model.Float(1), Deadline: "12月底前",
		Leaders: []string{"洪武强"}, Departments: []string{"综合办"}, Owners: []string{"王丽华"}}
	first := &nd.Forms[0].Categories[0].Indicators[0]
	first.Items = append(first.Items, added)
	res := diff.Compare(old, nd)
	ov, marks := diff.Overlay(old, nd, res)
	f, err := workbook(context.Background(), ov, Options{Clean: true, Diff: marks})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := grid.Build(ov, 0)
	col := func(key string) int {
		for i, c := range g.Columns {
			if c.Key == key {
				return i
			}
		}
		t.Fatalf("no column %s", key)
		return -1
	}
	sh := SheetName(0, 1)
	comments, err := f.GetComments(sh)
	if err != nil {
		t.Fatal(err)
	}
	commentAt := func(cell string) string {
		for _, c := range comments {
			if c.Cell == cell {
				return c.Text
			}
		}
		return ""
	}
	fill := func(cell string) (string, bool) {
		id, err := f.GetCellStyle(sh, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		c := ""
		if len(st.Fill.Color) > 0 {
			c = st.Fill.Color[0]
		}
		return strings.ToUpper(c), st.Font != nil && st.Font.Strike
	}
	// the weight of 1-2-1
	row := -1
	for r := range g.Rows {
		if ci := g.At(r, col(model.ColID)); ci >= 0 && g.Cells[ci].Text == "1-2-1" {
			row = r
		}
	}
	wc := cell(row, col(model.ColWeight))
	if c, _ := fill(wc); c != markFills[diff.Changed] {
		t.Errorf("changed weight %s filled %q, want %q", wc, c, markFills[diff.Changed])
	}
	if got := commentAt(wc); !strings.Contains(got, "原为：") {
		t.Errorf("changed weight comment %q does not give the old value", got)
	}
	// the removed row is back, struck through, its text kept
	r, ok := -1, false
	for rr := range g.Rows {
		if ci := g.At(rr, col(model.ColItem)); ci >= 0 && g.Cells[ci].Text == removed.Text {
			r, ok = rr, true
		}
	}
	if !ok {
		t.Fatal("the removed row is not in the workbook")
	}
	if c, strike := fill(cell(r, col(model.ColItem))); c != markFills[diff.Removed] || !strike {
		t.Errorf("removed row filled %q, struck %v", c, strike)
	}
	// the added row
	for rr := range g.Rows {
		if ci := g.At(rr, col(model.ColItem)); ci >= 0 && g.Cells[ci].Text == added.Text {
			if c, _ := fill(cell(rr, col(model.ColItem))); c != markFills[diff.Added] {
				t.Errorf("added row filled %q", c)
			}
		}
	}
	kinds := []string{}
	for _, c := range res.Changes {
		kinds = append(kinds, c.Kind+" "+c.Row+" "+c.Field)
	}
	want := []string{"added 1-1-3 ", "changed 1-2-1 weight", "removed 1-2-3 "}
	slices.Sort(kinds)
	if !slices.Equal(kinds, want) {
		t.Errorf("changes %v, want %v", kinds, want)
	}
}
