package cell

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		in   string
		want Kind
	}{
		{"", Empty},
		{"1-1-1", ID},
		{"4-1", ID},
		{"10-1", ID},
		{"1.2.3", ID},
		{"2", Number},
		{"1.5", Number},
		{"20分", Number},
		{"12月底前", Deadline},
		{"长期", Deadline},
		{"洪武强", Persons},
		{"洪武强、林嘉达", Persons},
		{"戴庆加 林嘉达 林燕斌", Persons},
		{"经济发展科", Orgs},
		{"安溪分园区办事处 晋江分园区办事处", Orgs},
		{"综合协调科", Orgs},
		{"2023年市《政府工作报告》目标任务责任分解（泉政办〔2023〕2号）", Basis},
		{"加快园区载体项目建设，提升产业项目承载能力（3分）", Points},
		{"强化投融资工作，做好资金要素保障(3分)", Points},
		{"文明创建 (6分)", Points},
		{"重 点 工 作 目 标", Label},
		{"从严治党", Label},
		{"欧阳建国", Persons},
		{"开展文明创建工作。", Sentence},
		{"推动现有台企完成建设并试投产，签约项目。", Sentence},
	}
	for _, tt := range tests {
		if got := Classify(tt.in); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"洪武强、林嘉达", []string{"洪武强", "林嘉达"}},
		{"戴庆加 林嘉达  林燕斌", []string{"戴庆加", "林嘉达", "林燕斌"}},
		{"章振明，丁少伟", []string{"章振明", "丁少伟"}},
		{"机关各科室（服务中心）、各分园区办事处", []string{"机关各科室（服务中心）", "各分园区办事处"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := SplitList(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeparators(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"洪武强、林嘉达", []string{"、"}},
		{"戴庆加 林嘉达", []string{" "}},
		{"甲、乙 丙", []string{"、", " "}},
		{"洪武强", nil},
	}
	for _, tt := range tests {
		if got := separators(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Separators(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPointsOf(t *testing.T) {
	text, p, ok := PointsOf("统筹抓好招商（4分）")
	if !ok || p != 4 || text != "统筹抓好招商" {
		t.Errorf("got %q %v %v", text, p, ok)
	}
	if _, _, ok := PointsOf("没有分值"); ok {
		t.Error("points found where there are none")
	}
	if _, p, _ := PointsOf("x（1.5 分）"); p != 1.5 {
		t.Errorf("p = %v", p)
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"2": 2, "1.5": 1.5, "20分": 20, "２": 2, " 6 ": 6} {
		if got, ok := ParseNumber(in); !ok || got != want {
			t.Errorf("ParseNumber(%q) = %v %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "二", "1-2", "约2"} {
		if _, ok := ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) ok", in)
		}
	}
}

// TestRegexpPrechecks: the runes Classify and PointsOf look for before
// their unanchored regexps are in every match of them, on random texts of
// the regexps' own runes and others.
func TestRegexpPrechecks(t *testing.T) {
	alphabet := []rune("（(）)分 　12.0〔〕[]［］《》号2024文件，")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		s := randomText(rng, alphabet, 12)
		if pointsRE().MatchString(s) && !mayHavePoints(s) {
			t.Fatalf("pointsRE matches %q, mayHavePoints says it cannot", s)
		}
		if got, want := hasPoints(s), pointsRE().MatchString(s); got != want {
			t.Fatalf("hasPoints(%q) = %v, pointsRE says %v", s, got, want)
		}
		if docRE().MatchString(s) && !strings.ContainsAny(s, docOpeners) {
			t.Fatalf("docRE matches %q, which has none of %q", s, docOpeners)
		}
	}
}

// TestCouldBeOrgs: where couldBeOrgs says no, SplitList is never all unit
// names, on random texts of unit-name endings, separators, spaces and
// parentheses; and it says no to most of them.
func TestCouldBeOrgs(t *testing.T) {
	holdsPrecheck(t, "科室局中心办公司街道甲乙　 、，,；;/（）()1a。", 5, 12, couldBeOrgs, func(s string) bool {
		toks := SplitList(s)
		return len(toks) > 0 && allOf(toks, IsOrgName)
	})
}
