package audit

import (
	"fmt"
	"strings"

	"github.com/kaoping/kaoping/model"
)

// The 序号 rules: its format (model.ParseSeq in canonical spelling), duplicates
// and the step from one row to the next.

// parseID is a 序号 (1-2-3, 4.1) the audit accepts: model.ParseSeq's
// grammar in its canonical spelling (ASCII separators, positive numbers
// without leading zeros).
func parseID(s string) ([]int, bool) {
	q, ok := model.ParseSeq(s)
	return q.Levels, ok && q.Canonical()
}

func validID(s string) bool { _, ok := parseID(s); return ok }

// groupOf is the 序号 of the 一级指标 a three-level item belongs to (1-2 for
// 1-2-3); "" for ids of other depths.
func groupOf(id string) string {
	q, ok := model.ParseSeq(id)
	if !ok || !q.Canonical() || len(q.Levels) != 3 {
		return ""
	}
	return q.Group()
}

func checkIDFormat(c *checker) { c.emitFields() }

func checkMissingCell(c *checker) { c.emitFields() }

// checkIDDuplicate: the second and later rows of a form with the same 序号.
//
// A 序号 of one level (1, 2, 3) counts within its category — 业务考核指标
// forms number each 项目 from 1 — and within its section; one of several
// levels (1-2-1) is unique in the whole form.
func checkIDDuplicate(c *checker) {
	for fi, rs := range c.rows {
		first := map[string]row{}
		secOf := map[int]int{}
		for si, s := range c.doc.Forms[fi].Sections {
			for _, ci := range s.Categories {
				secOf[ci] = si + 1
			}
		}
		for _, r := range rs {
			if c.stop() {
				break
			}
			id := strings.TrimSpace(r.it.ID)
			if id == "" {
				continue
			}
			key := id
			if !strings.ContainsAny(id, "-－.．") {
				key = fmt.Sprintf("%d\x00%d\x00%s", secOf[r.ci], r.ci, id)
			}
			if f, ok := first[key]; ok {
				c.addRow(r, model.ColID, []string{id},
					msg{fmt.Sprintf("序号 %s 重复（第 %d 行已使用）", id, f.seq+1),
						fmt.Sprintf("number %s repeats (already used on row %d)", id, f.seq+1)}, nil)
				continue
			}
			first[key] = r
		}
	}
}

// checkIDSequence: within one top-level number, each 序号 must follow the one
// before it by one step (1-2-1, 1-2-2, 1-3-1). Changes of depth or of the
// top-level number are not judged: a form may skip a whole category (无动态
// 工作目标).
func checkIDSequence(c *checker) {
	for _, rs := range c.rows {
		var prev []int
		for _, r := range rs {
			if c.stop() {
				break
			}
			cur, ok := parseID(r.it.ID)
			if !ok {
				prev = nil
				continue
			}
			p := prev
			prev = cur
			if p == nil || len(p) != len(cur) || p[0] != cur[0] {
				continue
			}
			k := 0
			for k < len(cur) && cur[k] == p[k] {
				k++
			}
			good := k < len(cur) && cur[k] == p[k]+1
			for j := k + 1; good && j < len(cur); j++ {
				good = cur[j] == 1
			}
			if good {
				continue
			}
			what, whatEn := "跳号", "skips"
			if k == len(cur) || cur[k] < p[k] {
				what, whatEn = "倒退", "steps back"
			}
			c.addRow(r, model.ColID, []string{joinID(p), r.it.ID},
				msg{fmt.Sprintf("序号 %s 紧接 %s，编号%s", r.it.ID, joinID(p), what),
					fmt.Sprintf("number %s after %s %s", r.it.ID, joinID(p), whatEn)}, nil)
		}
	}
}

func joinID(n []int) string { return model.Seq{Levels: n}.String() }
