package columns

import (
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/width"
)

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		in    string
		role  Role
		level int
		unit  string
	}{
		{"项目", Category, 0, ""},
		{"考核项目", Category, 0, ""},
		{"类别", Category, 0, ""},
		{"权重占比设定", CategoryPoints, 0, ""},
		{"序号", ID, 0, ""},
		{"序  号", ID, 0, ""},
		{"文件依据", Basis, 0, ""},
		{"依据文件", Basis, 0, ""},
		{"一级指标", Indicator, 1, ""},
		{"二级\n指标", Indicator, 2, ""},
		{"三 级 指 标", Indicator, 3, ""},
		{"评价指标", Indicator, 0, ""},
		{"考核内容", Item, 0, ""},
		{"工作任务", Item, 0, ""},
		{"业务考核指标", Item, 0, ""},
		{"评分标准", Criteria, 0, ""},
		{"考核标准", Criteria, 0, ""},
		{"评分细则", Criteria, 0, ""},
		{"目标要求", Criteria, 0, ""},
		{"指标值", Target, 0, ""},
		{"分值", Weight, 0, "分"},
		{"分值（分）", Weight, 0, "分"},
		{"分值(分)", Weight, 0, "分"},
		{"权重", Weight, 0, ""},
		{"权重（%）", Weight, 0, "%"},
		{"权重(%)", Weight, 0, "%"},
		{"权重（100%）", Weight, 0, "%"},
		{"权重分解（100%）", Weight, 0, "%"},
		{"权重%", Weight, 0, "%"},
		{"考核方式", Method, 0, ""},
		{"四级指标", Indicator, 4, ""},
		{"五级指标名称", Indicator, 5, ""},
		{"4级指标", Indicator, 4, ""},
		{"完 成 时 限", Deadline, 0, ""},
		{"时间节点", Deadline, 0, ""},
		{"分管领导", Leaders, 0, ""},
		{"责任领导", Leaders, 0, ""},
		{"责任部门", Departments, 0, ""},
		{"牵头单位", Departments, 0, ""},
		{"责任单位", Departments, 0, ""},
		{"责任科室", Departments, 0, ""},
		{"配合单位", Partners, 0, ""},
		{"协办单位", Partners, 0, ""},
		{"配合处室", Partners, 0, ""},
		{"责任人", Owners, 0, ""},
		{"具体责任人", Owners, 0, ""},
		{"备注", Remarks, 0, ""},
		{"自评分", SelfScore, 0, ""},
		{"得分", Score, 0, ""},
		{"考核得分", Score, 0, ""},
		{"ＩＤ号码", other, 0, ""},
		{"佐证材料", other, 0, ""},
		{"", other, 0, ""},
	} {
		h := Match(c.in)
		if h.Role != c.role || h.Level != c.level || h.Unit != c.unit {
			t.Errorf("Match(%q) = %s level %d unit %q, want %s level %d unit %q", c.in, h.Role, h.Level, h.Unit, c.role, c.level, c.unit)
		}
	}
}

func TestIsHeader(t *testing.T) {
	for _, c := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"项目", "序号", "文件依据", "一级指标", "二级指标", "权重", "完成时限", "分管领导", "责任部门", "责任人"}, true},
		{[]string{"项目", "权重占比设定", "序号", "业务考核指标", "权重分解（100%）", "考核标准"}, true},
		{[]string{"类别", "依据文件", "评价指标", "工作任务", "分值", "时间节点", "责任领导", "责任科室", "具体责任人"}, true},
		{[]string{"一级指标", "二级指标", "三级指标", "指标值", "权重（%）"}, true},
		{[]string{"重点工作", "1-1-1", "推进项目", "2", "12月底前"}, false},
		{[]string{"项目", "小计", "20"}, false},
		{[]string{"说明：以上指标由各责任部门负责解释", "", ""}, false},
	} {
		if got := IsHeader(c.cells); got != c.want {
			t.Errorf("IsHeader(%q) = %v, want %v", c.cells, got, c.want)
		}
	}
}

func TestReadTwoRows(t *testing.T) {
	top := []string{"项目", "序号", "目标内容", "", "", "责任分解", "", ""}
	bottom := []string{"项目", "序号", "二级指标", "权重（%）", "完成时限", "分管领导", "责任部门", "责任人"}
	var got []Role
	for _, h := range Read(top, bottom) {
		got = append(got, h.Role)
	}
	want := []Role{Category, ID, Indicator, Weight, Deadline, Leaders, Departments, Owners}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("roles (-want +got):\n%s", d)
	}
	// A unit stated in the upper row holds for the column below it.
	hs := Read([]string{"权重（%）", "考核内容"}, []string{"权重分解", "考核内容"})
	if hs[0].Unit != "%" {
		t.Errorf("unit from the upper row: %q", hs[0].Unit)
	}
}

func TestInfer(t *testing.T) {
	hs := Read([]string{"项目", "序号", "一级指标", "", "", ""}, nil)
	rows := [][]string{
		{"重点工作", "1-1-1", "推进项目建设", "2", "张伟", "经济发展科"},
		{"", "1-1-2", "完成招商任务", "3", "李强", "财政审计科"},
	}
	var got []Role
	for _, h := range Infer(hs, rows) {
		got = append(got, h.Role)
	}
	want := []Role{Category, ID, Indicator, Weight, Leaders, Departments}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("roles (-want +got):\n%s", d)
	}
}

func FuzzMatch(f *testing.F) {
	for _, s := range []string{"权重（100%）", "完 成\n时 限", "分值(分)", "三级指标", "（", "%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := Match(s)
		if h.Role == Indicator && (h.Level < 0 || h.Level > 9) {
			t.Fatalf("level %d", h.Level)
		}
		_ = IsHeader([]string{s, s, s})
	})
}

// TestNeedsFold: needsFold says no only of a text width.Fold leaves as it
// is, checked on every rune, alone and after ASCII.
func TestNeedsFold(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates are not runes of a string
		}
		for _, s := range []string{string(r), "a" + string(r)} {
			if !needsFold(s) && width.Fold.String(s) != s {
				t.Fatalf("needsFold(%q) = false, but width.Fold gives %q", s, width.Fold.String(s))
			}
		}
	}
	if !needsFold("（分值）") || needsFold("评分标准 (10分)") {
		t.Error("needsFold: full-width brackets need folding; CJK and ASCII do not")
	}
}
