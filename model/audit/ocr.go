package audit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model"
)

// digitLookalikes are the digits a recogniser confuses in print: 3 and 8
// share their right half, 1 and 7 a stem, 0, 6, 8 and 9 their bowls.
var digitLookalikes = map[rune]string{
	'0': "689", '1': "47", '2': "37", '3': "258", '4': "1", '5': "368",
	'6': "058", '7': "12", '8': "03569", '9': "08",
}

// readings are the values a weight printed as s could have been, read by
// OCR with one slip: one digit for a lookalike, a decimal point lost or
// added, one digit dropped.
func readings(s string) []float64 {
	var out []float64
	add := func(t string) {
		if v, err := strconv.ParseFloat(t, 64); err == nil && v > 0 && t != s {
			out = append(out, v)
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		for _, l := range digitLookalikes[r] {
			c := append([]rune(nil), rs...)
			c[i] = l
			add(string(c))
		}
		if r != '.' {
			add(string(rs[:i]) + string(rs[i+1:]))
		}
	}
	if !strings.Contains(s, ".") {
		for i := 1; i < len(rs); i++ {
			add(string(rs[:i]) + "." + string(rs[i:]))
		}
	} else {
		add(strings.Replace(s, ".", "", 1))
	}
	return out
}

// checkWeightMisread: in a document read by OCR, a sum that does not hold
// may be a misread digit rather than the unit's mistake. The weights whose
// one-slip reading (3 for 8, 1.5 for 15) makes the sum hold are named; when
// none does, every weight of the group is, since the clerk must compare the
// group with the paper either way.
func checkWeightMisread(c *checker) {
	if !c.doc.Source.OCR {
		return
	}
	for fi, rs := range c.rows {
		done := map[int]bool{}
		check := func(cover []row, want float64, what msg) {
			sum, vals, ok := sumWeights(cover)
			if !ok || almostEqual(sum, want) {
				return
			}
			var hits []int
			var alts []float64
			for i, r := range cover {
				for _, alt := range readings(vals[i]) {
					if almostEqual(sum-*r.it.Weight+alt, want) {
						hits, alts = append(hits, i), append(alts, alt)
						break
					}
				}
			}
			for k, i := range hits {
				r := cover[i]
				if done[r.seq] {
					continue
				}
				done[r.seq] = true
				c.addForm(fi, r.seq, r.name(), model.ColWeight, &r.it.Source, []string{vals[i], formatNum(alts[k])},
					msg{fmt.Sprintf("权重 %s 由文字识别读出，可能是 %s 的误识：读作 %s 时%s，请对照原件核对", vals[i], formatNum(alts[k]), formatNum(alts[k]), what.zh),
						fmt.Sprintf("weight %s was read by OCR and may be a misread %s: as %s, %s; check it against the paper", vals[i], formatNum(alts[k]), formatNum(alts[k]), what.en)}, nil)
			}
			if len(hits) > 0 {
				return
			}
			for i, r := range cover {
				if done[r.seq] {
					continue
				}
				done[r.seq] = true
				c.addForm(fi, r.seq, r.name(), model.ColWeight, &r.it.Source, []string{vals[i]},
					msg{fmt.Sprintf("权重 %s 由文字识别读出，所在合计不符（%s 不成立），可能有误识，请对照原件核对", vals[i], what.zh),
						fmt.Sprintf("weight %s was read by OCR and its sum does not hold (%s fails); a digit may be misread, check it against the paper", vals[i], what.en)}, nil)
			}
		}
		seen := map[*model.Indicator]bool{}
		for _, r := range rs {
			if c.stop() {
				break
			}
			if seen[r.ind] || r.ind.Points == nil {
				continue
			}
			seen[r.ind] = true
			p := *r.ind.Points
			check(c.indicatorRows(fi, r.ind), p, msg{fmt.Sprintf("与一级指标标注的 %s 分相符", formatNum(p)), fmt.Sprintf("the items add up to the indicator's %s points", formatNum(p))})
		}
		seenCat := map[*model.Category]bool{}
		for _, r := range rs {
			if c.stop() {
				break
			}
			if seenCat[r.cat] || r.cat.Points == nil {
				continue
			}
			seenCat[r.cat] = true
			p := *r.cat.Points
			check(c.categoryRows(fi, []string{r.cat.Name}), p, msg{fmt.Sprintf("项目合计与标注的 %s 分相符", formatNum(p)), fmt.Sprintf("the category adds up to its %s points", formatNum(p))})
		}
		total := 100.0
		for _, t := range c.doc.Forms[fi].Totals {
			if len(t.Categories) == 0 && t.Stated != nil {
				total = *t.Stated
			}
		}
		check(rs, total, msg{fmt.Sprintf("全表合计为 %s", formatNum(total)), fmt.Sprintf("the form adds up to %s", formatNum(total))})
	}
}

// checkLowConfidence is a rule ingest applies while it reads (the
// recogniser's confidence is not in the document); the audit has nothing
// to add, and keeps ingest's findings.
func checkLowConfidence(*checker) {}
