package diff

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		want     []Edit
	}{
		{"完成年度投资计划", "完成全年投资计划", []Edit{{"=", "完成"}, {"-", "年度"}, {"+", "全年"}, {"=", "投资计划"}}},
		{"对接洽谈项目5个以上", "对接洽谈项目12个以上", []Edit{{"=", "对接洽谈项目"}, {"-", "5"}, {"+", "12"}, {"=", "个以上"}}},
		{"统筹抓好招商工作", "统筹抓好全市招商工作", []Edit{{"=", "统筹抓好"}, {"+", "全市"}, {"=", "招商工作"}}},
		{"做好保障工作", "做好工作", []Edit{{"=", "做好"}, {"-", "保障"}, {"=", "工作"}}},
		{"相同", "相同", []Edit{{"=", "相同"}}},
		{"", "新增", []Edit{{"+", "新增"}}},
	} {
		if got := wordEdits(tc.old, tc.new); !cmp.Equal(got, tc.want) {
			t.Errorf("wordEdits(%q, %q) = %v, want %v", tc.old, tc.new, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	got := tokens("完成PPT制作2023年12.5分")
	want := []string{"完", "成", "PPT", "制", "作", "2023", "年", "12.5", "分"}
	if !cmp.Equal(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

func TestSimilarity(t *testing.T) {
	for _, tc := range []struct {
		a, b     string
		min, max float64
	}{
		{"abc", "abc", 1, 1},
		{"", "", 1, 1},
		{"统筹抓好全市半导体产业招商引资工作", "统筹抓好全市半导体产业招商工作", 0.9, 0.99},
		{"统筹抓好全市半导体产业招商引资工作", "做好信访维稳工作", 0, 0.4},
	} {
		if s := textSimilarity(tc.a, tc.b); s < tc.min || s > tc.max {
			t.Errorf("textSimilarity(%q, %q) = %.3f, want in [%.2f, %.2f]", tc.a, tc.b, s, tc.min, tc.max)
		}
	}
}
