package ingest

import (
	"testing"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

func TestFlagLowConfidence(t *testing.T) {
	box := func(x0, y0, x1, y1 float64) *model.Box { return &model.Box{X0: x0, Y0: y0, X1: x1, Y1: y1} }
	glyph := func(s string, x, y, conf float64) page.Glyph {
		return page.Glyph{Text: s, Box: model.Box{X0: x, Y0: y, X1: x + 10, Y1: y + 10}, Conf: conf}
	}
	pages := []page.Page{{Number: 1, Glyphs: []page.Glyph{
		glyph("完", 10, 10, 0.99), glyph("成", 20, 10, 0.98), // item cell, sure
		glyph("8", 110, 10, 0.55),                         // weight cell, unsure
		glyph("合", 10, 60, 0.99), glyph("计", 20, 60, 0.4), // a totals row: no item
	}}}
	fl := flow.Flow{Blocks: []flow.Block{
		{Cells: []flow.Cell{{Col: 0, Text: "完成", Box: box(5, 5, 100, 25)}, {Col: 1, Text: "8", Box: box(100, 5, 150, 25)}}, Ref: model.Ref{Page: model.Int(1), Box: box(5, 5, 150, 25)}},
		{Cells: []flow.Cell{{Col: 0, Text: "合计", Box: box(5, 55, 100, 75)}}, Ref: model.Ref{Page: model.Int(1), Box: box(5, 55, 150, 75)}},
	}}
	w := 8.0
	doc := &model.Document{Forms: []model.Form{{Categories: []model.Category{{Name: "重点", Indicators: []model.Indicator{{Text: "x", Items: []model.Item{
		{ID: "1-1", Text: "完成", Weight: &w, Source: model.Ref{Page: model.Int(1), Box: box(5, 5, 100, 25)}},
	}}}}}}}}
	flagLowConfidence(doc, fl, pages)
	if len(doc.Findings) != 2 {
		t.Fatalf("findings %+v, want the weight cell and the totals cell", doc.Findings)
	}
	f := doc.Findings[0]
	if f.Rule != model.RuleLowConfidence || f.At.Form == nil || f.At.Row != "1-1" || f.At.Column != model.ColWeight || f.Values[0] != "8" || f.Values[1] != "0.55" {
		t.Errorf("weight finding %+v", f)
	}
	if g := doc.Findings[1]; g.At.Form != nil || g.At.Page == nil || g.Values[0] != "计" {
		t.Errorf("totals finding %+v: on its page and box, no row", g)
	}
	if f.Origin != model.OriginIngest || f.Message == f.MessageEn {
		t.Errorf("finding %+v: ingest's, in Chinese and English", f)
	}
}
