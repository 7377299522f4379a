package audit

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// bigForm generates a form of n rows in groups of four under indicators with
// correct points, random texts and, as in a real office, a staff of a few
// dozen people each in one department (so the audit does its full work and
// reports a handful of incidental problems, not thousands).
func bigForm(n int) *model.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	doc := seedShaped()
	words := []rune("推进建设完善服务企业项目园区产业招商平台人才创新管理工作机制落实提升能力质量规划政策资金保障安全环境协调发展")
	surn := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘")
	given := []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")
	depts := []string{"经济发展科", "综合协调科", "财务科", "规划建设科", "安全监督科", "人才服务中心", "晋江分园区办事处", "南安分园区办事处"}
	type person struct{ name, dept string }
	// Names at least two characters apart, so none is a typo of another.
	var staff []person
	for len(staff) < 64 {
		name := []rune{surn[rng.IntN(len(surn))], given[rng.IntN(len(given))], given[rng.IntN(len(given))]}
		if slices.ContainsFunc(staff, func(p person) bool { d, ok := nearDiff([]rune(p.name), name); return ok && d <= 1 }) {
			continue
		}
		staff = append(staff, person{string(name), depts[len(staff)%len(depts)]})
	}
	text := func(k int) string {
		rs := make([]rune, 0, 40)
		for j := 0; j < 30+rng.IntN(20); j++ {
			rs = append(rs, words[rng.IntN(len(words))])
		}
		return fmt.Sprintf("%s%d。", string(rs), k)
	}
	var inds []model.Indicator
	total := 0.0
	for g := 0; g*4 < n; g++ {
		ind := model.Indicator{ID: fmt.Sprintf("1-%d", g+1), Text: text(g), Points: f(4), Basis: basisDuty}
		for k := 0; k < 4 && g*4+k < n; k++ {
			owner := staff[rng.IntN(len(staff))]
			leader := staff[(rng.IntN(len(staff)/len(depts)))*len(depts)+slices.Index(depts, owner.dept)%len(depts)]
			ind.Items = append(ind.Items, item(fmt.Sprintf("1-%d-%d", g+1, k+1), text(g*4+k), 1, "12月底前", leader.name, owner.dept, owner.name))
			total++
		}
		ind.Points = f(float64(len(ind.Items)))
		inds = append(inds, ind)
	}
	doc.Forms[0].Categories = []model.Category{{Name: "重点工作目标", Indicators: inds}}
	doc.Forms[0].Totals = []model.Total{{Label: "绩效目标考评得分", Stated: f(total)}}
	return doc
}

// BenchmarkAudit audits generated forms of 100, 1,000 and 4,000 rows; the
// target is under 50 ms for 1,000 rows, and the 100/4,000 sizes show the cost
// grows linearly (the name and near-duplicate checks are indexed, not
// pairwise).
func BenchmarkAudit(b *testing.B) {
	for _, n := range []int{100, 1000, 4000} {
		doc := bigForm(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				auditRun(doc, Options{})
			}
		})
	}
}
