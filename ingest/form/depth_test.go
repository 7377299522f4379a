package form

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
)

// TestDepth reads forms of four and five indicator levels: 一级 is the
// category, 二级 the indicator, the levels between it and the deepest (the
// item) ride on each item, a merged cell repeated on the rows it spans.
func TestDepth(t *testing.T) {
	span := func(col int, s string, rows int) flow.Cell { return flow.Cell{Col: col, Text: s, RowSpan: rows} }
	for _, tc := range []struct {
		name   string
		blocks []flow.Block
		cols   []string
		levels [][]model.Level
	}{{
		name: "four",
		blocks: []flow.Block{
			text("某局2024年度绩效指标表"),
			cells(c(0, "一级指标"), c(1, "二级指标"), c(2, "三级指标"), c(3, "四级指标"), c(4, "分值")),
			cells(span(0, "产出指标", 3), span(1, "数量指标", 3), span(2, "培训覆盖（3分）", 2), c(3, "培训人次"), c(4, "1")),
			cells(c(3, "培训场次"), c(4, "2")),
			cells(c(2, "宣传活动"), c(3, "宣传次数"), c(4, "4")),
		},
		cols: []string{model.ColCategory, model.ColIndicator, "level1", model.ColItem, model.ColWeight},
		levels: [][]model.Level{
			{{Text: "培训覆盖", Points: model.Float(3)}},
			{{Text: "培训覆盖", Points: model.Float(3)}},
			{{Text: "宣传活动"}},
		},
	}, {
		name: "five",
		blocks: []flow.Block{
			text("某局2024年度绩效指标表"),
			cells(c(0, "一级指标"), c(1, "二级指标"), c(2, "三级指标"), c(3, "四级指标"), c(4, "五级指标"), c(5, "分值")),
			cells(span(0, "产出指标", 2), span(1, "数量指标", 2), span(2, "培训", 2), c(3, "线上"), c(4, "课程数"), c(5, "1")),
			cells(c(3, "线下"), c(4, "场次"), c(5, "2")),
		},
		cols: []string{model.ColCategory, model.ColIndicator, "level1", "level2", model.ColItem, model.ColWeight},
		levels: [][]model.Level{
			{{Text: "培训"}, {Text: "线上"}},
			{{Text: "培训"}, {Text: "线下"}},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			forms, _, err := Build(flow.Flow{ExactSpans: true, Blocks: tc.blocks}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(forms) != 1 {
				t.Fatalf("%d forms", len(forms))
			}
			f := forms[0]
			if diff := cmp.Diff(tc.cols, f.Columns); diff != "" {
				t.Errorf("columns (-want +got):\n%s", diff)
			}
			if f.Headers["level1"] != "三级指标" {
				t.Errorf("header of level1 = %q", f.Headers["level1"])
			}
			var got [][]model.Level
			for _, cat := range f.Categories {
				if cat.Name != "产出指标" {
					t.Errorf("category %q", cat.Name)
				}
				for _, ind := range cat.Indicators {
					if ind.Text != "数量指标" {
						t.Errorf("indicator %q", ind.Text)
					}
					for _, it := range ind.Items {
						got = append(got, it.Levels)
					}
				}
			}
			if diff := cmp.Diff(tc.levels, got); diff != "" {
				t.Errorf("levels (-want +got):\n%s", diff)
			}
		})
	}
}
