package form

import (
	"testing"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
)

// TestFindingMarkers: kaoping's finding markers ([3], [3,7], [3+]) are taken
// out of a cell only in a file kaoping rendered (the flow's Creator), only
// where render/pdf prints them (a cell's start, the vertical 项目 label),
// and every removal is a fixed finding-marker repair. A bracketed number a
// person typed (泉委办[2018]84号) stays, in every file.
func TestFindingMarkers(t *testing.T) {
	tests := []struct {
		name     string
		creator  string
		exact    bool
		cat      string
		item     string
		wantCat  string
		wantItem string
		removed  []string // the markers recorded, in order
	}{
		{"xlsx doc number", "", true, "重点工作目标", "依据泉委办[2018]84号文件开展", "重点工作目标", "依据泉委办[2018]84号文件开展", nil},
		{"xlsx leading year", "", true, "重点工作目标", "[2018]84号文件落实", "重点工作目标", "[2018]84号文件落实", nil},
		{"text flow doc number", "", false, "重点工作目标", "落实泉委办[2018]84号", "重点工作目标", "落实泉委办[2018]84号", nil},
		{"other pdf marker-like", "WPS Office", true, "重点[12]工作目标", "[3]任务一", "重点[12]工作目标", "[3]任务一", nil},
		{"kaoping leading marker", model.Creator, true, "重点工作目标", "[3] 任务一", "重点工作目标", "任务一", []string{"[3]"}},
		{"kaoping list and plus", model.Creator, true, "重点工作目标", "[3,7]任务一", "重点工作目标", "任务一", []string{"[3,7]"}},
		{"kaoping vertical label", model.Creator, true, "重点[12+]工作目标", "任务一", "重点工作目标", "任务一", []string{"[12+]"}},
		{"kaoping doc number mid-cell", model.Creator, true, "重点工作目标", "依据泉委办[2018]84号文件", "重点工作目标", "依据泉委办[2018]84号文件", nil},
		{"kaoping marker then doc number", model.Creator, true, "重点工作目标", "[5][2018]84号文件", "重点工作目标", "[2018]84号文件", []string{"[5]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fl := flow.Flow{ExactSpans: tt.exact, Creator: tt.creator, Blocks: []flow.Block{
				text("某局2024年度绩效目标考评表"),
				cells(flow.Cell{Col: 0, Text: "项目", RowSpan: 2}, flow.Cell{Col: 1, Text: "序号", RowSpan: 2}, flow.Cell{Col: 2, Text: "一级指标", RowSpan: 2},
					flow.Cell{Col: 3, Text: "目标内容", ColSpan: 3}, flow.Cell{Col: 6, Text: "责任分解", ColSpan: 2}),
				cells(c(3, "二级指标"), c(4, "分值"), c(5, "完成时限"), c(6, "责任单位"), c(7, "责任人")),
				cells(flow.Cell{Col: 0, Text: tt.cat, RowSpan: 2}, c(1, "1-1-1"), flow.Cell{Col: 2, Text: "指标甲（3分）", RowSpan: 2},
					c(3, tt.item), c(4, "1"), c(5, "12月底前"), c(6, "办公室"), c(7, "张三")),
				cells(c(1, "1-1-2"), c(3, "任务二"), c(4, "2"), c(5, "6月30日前"), c(6, "财务科"), c(7, "李四")),
			}}
			forms, findings, err := Build(fl, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(forms) != 1 || len(forms[0].Categories) == 0 || len(forms[0].Categories[0].Indicators) == 0 {
				t.Fatalf("forms %+v", forms)
			}
			cat := forms[0].Categories[0]
			if cat.Name != tt.wantCat {
				t.Errorf("category %q, want %q", cat.Name, tt.wantCat)
			}
			if got := cat.Indicators[0].Items[0].Text; got != tt.wantItem {
				t.Errorf("item %q, want %q", got, tt.wantItem)
			}
			var removed []string
			for _, f := range findings {
				if f.Rule != model.RuleFindingMarker {
					continue
				}
				removed = append(removed, f.Values[0])
				if !f.Fixed || f.Origin != model.OriginIngest || f.At.Row != "1-1-1" || len(f.Values) != 2 || f.Message == "" || f.MessageEn == "" {
					t.Errorf("repair %+v", f)
				}
			}
			if len(removed) != len(tt.removed) {
				t.Fatalf("removed %q, want %q", removed, tt.removed)
			}
			for i := range removed {
				if removed[i] != tt.removed[i] {
					t.Errorf("removed %q, want %q", removed, tt.removed)
				}
			}
		})
	}
}
