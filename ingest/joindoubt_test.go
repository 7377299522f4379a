package ingest

import (
	"slices"
	"testing"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// TestFlagJoinDoubts: a cell the table reader joined across a page on the
// text alone becomes a reading-doubt finding on the item's row and column,
// which the CLI, the Excel and the page list; a doubted cell no item field
// came from is reported on its page and box. Cells without the flag raise
// nothing.
func TestFlagJoinDoubts(t *testing.T) {
	rowBox := model.Box{X0: 50, Y0: 500, X1: 400, Y1: 530}
	itemBox := model.Box{X0: 114, Y0: 500, X1: 178, Y1: 530}
	otherBox := model.Box{X0: 178, Y0: 500, X1: 242, Y1: 530}
	doc := &model.Document{Forms: []model.Form{{Categories: []model.Category{{Name: "行政能力", Indicators: []model.Indicator{{
		Items: []model.Item{{ID: "3", Text: "完成文明城市创建工作", Source: model.Ref{Page: model.Int(1), Box: &rowBox}}},
	}}}}}}}
	fl := flow.Flow{Blocks: []flow.Block{
		{Text: "附件"},
		{Ref: model.Ref{Page: model.Int(1), Box: &rowBox}, Cells: []flow.Cell{
			{Col: 0, Text: "3", RowSpan: 1, ColSpan: 1, Box: &rowBox},
			{Col: 1, Text: "完成文明城市\n创建工作", RowSpan: 1, ColSpan: 1, Box: &itemBox, Doubt: true},
			{Col: 2, Text: "另有说明", RowSpan: 1, ColSpan: 1, Box: &otherBox, Doubt: true},
		}},
	}}
	flagJoinDoubts(doc, fl)
	if len(doc.Findings) != 2 {
		t.Fatalf("%d findings, want 2: %+v", len(doc.Findings), doc.Findings)
	}
	f := doc.Findings[0]
	if f.Rule != model.RuleReadingDoubt || f.Origin != model.OriginIngest || f.At.Form == nil || *f.At.Form != 0 ||
		f.At.Row != "3" || f.At.Column != model.ColItem || f.At.Page == nil || *f.At.Page != 1 {
		t.Errorf("finding %+v, want reading-doubt from ingest on form 0, row 3, item, page 1", f)
	}
	if g := doc.Findings[1]; g.At.Form != nil || g.At.Page == nil || g.At.Box == nil || *g.At.Box != otherBox {
		t.Errorf("unplaced doubt at %+v, want its page and box only", g.At)
	}
	if got := audit.Doubts(doc.Findings, "zh"); !slices.Contains(got, "第 1 页 3 二级指标") {
		t.Errorf("listed doubts %q, want 第 1 页 3 二级指标", got)
	}
	clean := &model.Document{Forms: doc.Forms}
	fl.Blocks[1].Cells[1].Doubt, fl.Blocks[1].Cells[2].Doubt = false, false
	if flagJoinDoubts(clean, fl); len(clean.Findings) != 0 {
		t.Errorf("findings without doubted cells: %+v", clean.Findings)
	}
}
