package form

import (
	"github.com/kaoping/kaoping/ingest/columns"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

func text(s string) flow.Block { return flow.Block{Text: s} }

func cells(cs ...flow.Cell) flow.Block {
	for i := range cs {
		if cs[i].RowSpan == 0 {
			cs[i].RowSpan = 1
		}
		if cs[i].ColSpan == 0 {
			cs[i].ColSpan = 1
		}
	}
	return flow.Block{Cells: cs}
}

func c(col int, s string) flow.Cell { return flow.Cell{Col: col, Text: s} }

// TestExactGrid: a grid with true spans (what the XLSX, DOCX and ruled-PDF
// readers produce) builds the model with no repair at all.
func TestExactGrid(t *testing.T) {
	fl := flow.Flow{ExactSpans: true, Blocks: []flow.Block{
		text("附件"),
		text("某局2024年度绩效目标考评表"),
		text("参评单位（盖章）：某局"),
		cells(flow.Cell{Col: 0, Text: "项目", RowSpan: 2}, flow.Cell{Col: 1, Text: "序号", RowSpan: 2}, flow.Cell{Col: 2, Text: "一级指标", RowSpan: 2},
			flow.Cell{Col: 3, Text: "目标内容", ColSpan: 3}, flow.Cell{Col: 6, Text: "责任分解", ColSpan: 2}),
		cells(c(3, "二级指标"), c(4, "分值"), c(5, "完成时限"), c(6, "责任单位"), c(7, "责任人")),
		cells(flow.Cell{Col: 0, Text: "重点工作目标", RowSpan: 3}, c(1, "1-1-1"), flow.Cell{Col: 2, Text: "指标甲（3分）", RowSpan: 2},
			c(3, "任务一"), c(4, "1"), c(5, "12月底前"), c(6, "办公室"), c(7, "张三")),
		cells(c(1, "1-1-2"), c(3, "任务二"), c(4, "2"), c(5, "6月30日前"), c(6, "财务科"), c(7, "李四")),
		cells(c(1, "1-2-1"), c(2, "指标乙（2分）"), c(3, "任务三"), c(4, "2"), c(5, "长期"), c(6, "办公室"), c(7, "张三、王五")),
		cells(flow.Cell{Col: 0, Text: "合计", ColSpan: 4}, c(4, "5")),
		text("单位主要领导： 经办人："),
	}}
	forms, findings, err := Build(fl, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Errorf("findings on a clean grid: %+v", findings)
	}
	if len(forms) != 1 {
		t.Fatalf("%d forms", len(forms))
	}
	f := forms[0]
	item := func(id, text string, w float64, dl, due string, dep, own []string) model.Item {
		it := model.Item{ID: id, Text: text, Weight: model.Float(w), Deadline: dl, Due: due, Leaders: []string{}, Departments: dep, Owners: own}
		if len(own) > 1 {
			it.Raw = map[string]string{model.ColOwners: strings.Join(own, "、")}
		}
		return it
	}
	want := model.Form{
		Title: "某局2024年度绩效目标考评表", Unit: "某局", Attachment: 1, WeightUnit: "分",
		Columns: []string{"category", "id", "indicator", "item", "weight", "deadline", "departments", "owners"},
		Headers: map[string]string{"category": "项目", "id": "序号", "indicator": "一级指标", "item": "二级指标", "weight": "分值", "deadline": "完成时限", "departments": "责任单位", "owners": "责任人"},
		Categories: []model.Category{{Name: "重点工作目标", Indicators: []model.Indicator{
			{ID: "1-1", Text: "指标甲", Points: model.Float(3), Items: []model.Item{
				item("1-1-1", "任务一", 1, "12月底前", "2024-12-31", []string{"办公室"}, []string{"张三"}),
				item("1-1-2", "任务二", 2, "6月30日前", "2024-06-30", []string{"财务科"}, []string{"李四"}),
			}},
			{ID: "1-2", Text: "指标乙", Points: model.Float(2), Items: []model.Item{
				item("1-2-1", "任务三", 2, "长期", "", []string{"办公室"}, []string{"张三", "王五"}),
			}},
		}}},
		Totals:     []model.Total{{Label: "合计", Stated: model.Float(5), Computed: 5, Categories: []string{"重点工作目标"}}},
		Signatures: []string{"单位主要领导：", "经办人："},
	}
	opts := cmp.Options{cmp.FilterPath(func(p cmp.Path) bool {
		last := p.Last().String()
		return last == ".Source" || last == ".Where" || last == ".HeaderWhere"
	}, cmp.Ignore())}
	if d := cmp.Diff(want, f, opts); d != "" {
		t.Errorf("form (-want +got):\n%s", d)
	}
}

// TestAlign: cells a dump put off their columns go back under the column
// their kind fits; cells that fit stay.
func TestAlign(t *testing.T) {
	full := layout(model.Columns)
	tests := []struct {
		name string
		in   []string
		want map[string]string // column key → text
	}{
		{
			name: "aligned row stays",
			in:   []string{"", "1-1-1", "某文件（泉政办〔2023〕2号）", "指标（4分）", "任务内容，具体要求。", "2", "12月底前", "洪武强", "经济发展科", "褚达志"},
			want: map[string]string{"id": "1-1-1", "basis": "某文件（泉政办〔2023〕2号）", "indicator": "指标（4分）", "item": "任务内容，具体要求。", "weight": "2", "deadline": "12月底前", "leaders": "洪武强", "departments": "经济发展科", "owners": "褚达志"},
		},
		{
			name: "whole row one column left",
			in:   []string{"2-7-1", "某文件（泉政办〔2023〕2号）", "指标（3分）", "任务内容，具体要求。", "1.5", "12月底前", "洪武强", "经济发展科", "褚达志"},
			want: map[string]string{"id": "2-7-1", "basis": "某文件（泉政办〔2023〕2号）", "indicator": "指标（3分）", "item": "任务内容，具体要求。", "weight": "1.5", "deadline": "12月底前", "leaders": "洪武强", "departments": "经济发展科", "owners": "褚达志"},
		},
		{
			name: "item under indicator with item empty",
			in:   []string{"", "1-5-2", "", "推动现有台企完成建设并试投产。", "", "1", "12月底前", "林嘉达", "晋江分园区办事处", "丁少伟"},
			want: map[string]string{"id": "1-5-2", "item": "推动现有台企完成建设并试投产。", "weight": "1", "deadline": "12月底前", "leaders": "林嘉达", "departments": "晋江分园区办事处", "owners": "丁少伟"},
		},
		{
			name: "right half one column left",
			in:   []string{"", "2-5-2", "", "严格执行上级有关文件精神，完成统计工作。", "1.5", "8月底前", "洪武强", "经济发展科", "褚达志", ""},
			want: map[string]string{"id": "2-5-2", "item": "严格执行上级有关文件精神，完成统计工作。", "weight": "1.5", "deadline": "8月底前", "leaders": "洪武强", "departments": "经济发展科", "owners": "褚达志"},
		},
		{
			name: "label and id one column right",
			in:   []string{"", "文明创建 (6分)", "9-1", "", "开展文明创建工作。", "20", "", "", "", ""},
			want: map[string]string{"category": "文明创建 (6分)", "id": "9-1", "item": "开展文明创建工作。", "weight": "20"},
		},
		{
			name: "persons under departments stay (no certain repair)",
			in:   []string{"", "2-4-2", "", "", "任务内容，具体要求。", "1.5", "12月底前", "戴庆加", "林嘉达 林燕斌", "丁少伟 吕全福"},
			want: map[string]string{"id": "2-4-2", "item": "任务内容，具体要求。", "weight": "1.5", "deadline": "12月底前", "leaders": "戴庆加", "departments": "林嘉达 林燕斌", "owners": "丁少伟 吕全福"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			for _, p := range align(tt.in, full, nil) {
				if p.to < len(full) {
					got[full[p.to]] = p.text
				} else {
					got["beyond"] = p.text
				}
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// TestTwoHeadersMapping: header synonyms and a two-row header map to keys.
func TestMakeLayout(t *testing.T) {
	top := []string{"项 目", "序号", "文件依据", "一级指标", "目 标 内 容", "", "", "责 任 分 解", "", ""}
	bottom := []string{"", "", "", "", "二级指标", "权重", "完 成 时 限", "牵头领导", "责任单位", "联系人"}
	l, printed := toLayout(columns.Read(top, bottom))
	if d := cmp.Diff(layout(model.Columns), l); d != "" {
		t.Errorf("layout (-want +got):\n%s", d)
	}
	if printed["departments"] != "责任单位" || printed["leaders"] != "牵头领导" || printed["weight"] != "权重" {
		t.Errorf("printed = %v", printed)
	}
	l, _ = toLayout(columns.Read([]string{"序号", "考评内容", "分值", "评分标准", "责任科室"}, nil))
	if d := cmp.Diff(layout{"id", "item", "weight", "criteria", "departments"}, l); d != "" {
		t.Errorf("extra column layout (-want +got):\n%s", d)
	}
}

// TestNoForm: a flow with no 考评表 header is refused.
func TestNoForm(t *testing.T) {
	_, _, err := Build(flow.Flow{Blocks: []flow.Block{text("通知"), cells(c(0, "a"), c(1, "b"))}}, Options{})
	if readerr.KindOf(err) != readerr.NoForm {
		t.Errorf("err = %v", err)
	}
}

// TestSplitRuns: names a PDF wrap glued together split on the names the form
// uses alone; a run that is not all known names stays whole.
func TestSplitRuns(t *testing.T) {
	rows := []*row{
		{cells: map[string]string{model.ColLeaders: "洪武强", model.ColDepartments: "经济发展科", model.ColOwners: "褚达志"}},
		{cells: map[string]string{model.ColLeaders: "林嘉达", model.ColDepartments: "晋江分园区办事处", model.ColOwners: "丁少伟"}},
		{cells: map[string]string{model.ColLeaders: "洪武强林嘉达", model.ColDepartments: "经济发展科晋江分园区办事处", model.ColOwners: "褚达志丁少伟"}},
	}
	known := knownNames(rows)
	tests := []struct {
		key, in string
		want    []string
	}{
		{model.ColLeaders, "洪武强林嘉达", []string{"洪武强", "林嘉达"}},
		{model.ColOwners, "褚达志丁少伟", []string{"褚达志", "丁少伟"}},
		{model.ColOwners, "洪武强丁少伟", []string{"洪武强", "丁少伟"}}, // a leader's name splits an owners run
		{model.ColDepartments, "经济发展科晋江分园区办事处", []string{"经济发展科", "晋江分园区办事处"}},
		{model.ColLeaders, "洪武强王小明", []string{"洪武强王小明"}},
		{model.ColLeaders, "林嘉达", []string{"林嘉达"}},
	}
	for _, tt := range tests {
		got, _ := splitRuns([]string{tt.in}, known[tt.key])
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s %q (-want +got):\n%s", tt.key, tt.in, d)
		}
	}
}

// TestTotalInIDColumn: a form whose first column is 序号 prints 合计 there;
// the row is the total, not an item numbered 合计.
func TestTotalInIDColumn(t *testing.T) {
	fl := flow.Flow{ExactSpans: true, Blocks: []flow.Block{
		text("某局2024年度部门绩效考核表"),
		cells(c(0, "序号"), c(1, "项目类别"), c(2, "一级指标"), c(3, "二级指标"), c(4, "分值"), c(5, "完成时间"), c(6, "责任单位"), c(7, "责任人")),
		cells(c(0, "1-1-1"), c(1, "重点工作目标"), c(2, "指标甲（3分）"), c(3, "任务一"), c(4, "3"), c(5, "12月底前"), c(6, "办公室"), c(7, "张三")),
		cells(flow.Cell{Col: 0, Text: "合计", ColSpan: 4}, c(4, "3"), flow.Cell{Col: 5, Text: "", ColSpan: 3}),
	}}
	forms, _, err := Build(fl, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 1 {
		t.Fatalf("%d forms", len(forms))
	}
	n := 0
	for _, c := range forms[0].Categories {
		for _, ind := range c.Indicators {
			for _, it := range ind.Items {
				n++
				if it.ID != "1-1-1" {
					t.Errorf("item %q", it.ID)
				}
			}
		}
	}
	if n != 1 || len(forms[0].Totals) != 1 || forms[0].Totals[0].Label != "合计" || *forms[0].Totals[0].Stated != 3 {
		t.Errorf("%d items, totals %+v", n, forms[0].Totals)
	}
}
