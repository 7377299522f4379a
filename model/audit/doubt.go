package audit

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kaoping/kaoping/model"
)

// DoubtBanner is what the CLI, the Excel's 审核意见 sheet and the web page
// show above the places of the reading-doubt findings.
const (
	DoubtBanner   = "表格识别可能不完整，请对照原件核对"
	DoubtBannerEn = "The table may not have been read completely; check it against the original"
)

// headerLabels are column headers as forms print them: a body cell that
// holds one is a header row read as data (a header repeated on a page the
// reader did not recognise, or a header cut off its table).
var headerLabels = map[string]bool{
	"序号": true, "编号": true, "项目": true, "一级指标": true, "二级指标": true, "权重": true, "分值": true,
	"完成时限": true, "完成时间": true, "时间节点": true, "分管领导": true, "责任部门": true, "责任单位": true,
	"责任人": true, "目标内容": true, "责任分解": true, "评分标准": true, "文件依据": true,
}

var (
	// twoDeadlines: one deadline run into the next (6月底前12月底前), the
	// cells of two rows read as one.
	twoDeadlines = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[前止]\s*\d{1,2}\s*月`) })
	// idInside: a 序号 after a sentence end inside a text (…参加。1-2-3统筹…).
	idInside = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[。；;]\s*\d+\s*[-－.]\s*\d+(\s*[-－.]\s*\d+)*\s*\S`)
	})
	// twoIDs: two 序号 in one cell.
	twoIDs  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*\d+(?:[-－.]\d+)+\s+\d+(?:[-－.]\d+)+\s*$`) })
	numbers = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d+(?:\.\d+)?`) })
)

// checkReadingDoubt checks each form against itself for signs that the
// table was misread rather than mistyped: a weight far above the others
// (digits of several cells run together), 序号 out of order (rows shuffled),
// a column empty in most rows (a column lost), on a scan a cell empty in a
// column other rows fill (a cell lost), a header word in a body row,
// a cell holding the text of two rows. The clerk cannot tell a misread table
// from a right one; these say where to look.
func checkReadingDoubt(c *checker) {
	doubtMergedCells(c)
	for fi, rs := range c.rows {
		if len(rs) == 0 {
			continue
		}
		doubt := func(r row, col, value, zh, en string) {
			c.addRow(r, col, []string{value}, msg{DoubtBanner + "：" + zh, DoubtBannerEn + ": " + en}, nil)
		}
		// Weights far above the form's usual weight.
		var ws []float64
		for _, r := range rs {
			if c.stop() {
				break
			}
			if r.it.Weight != nil {
				ws = append(ws, *r.it.Weight)
			}
		}
		med := median(ws)
		for _, r := range rs {
			if c.stop() {
				break
			}
			w := r.it.Weight
			raw := r.it.Raw[model.ColWeight]
			switch {
			case w != nil && (*w > 100 || len(ws) >= 4 && *w >= 10*max(med, 1) && runTogether(*w, others(ws, *w))):
				v := strconv.FormatFloat(*w, 'f', -1, 64)
				doubt(r, model.ColWeight, v, fmt.Sprintf("权重 %s 远大于本表其他各行（中位数 %s），可能是几个单元格的数字连在了一起", v, strconv.FormatFloat(med, 'f', -1, 64)),
					fmt.Sprintf("weight %s is far above the form's others (median %s); digits of several cells may have run together", v, strconv.FormatFloat(med, 'f', -1, 64)))
			case strings.ContainsAny(strings.TrimSpace(raw), " \n\t") && len(numbers().FindAllString(raw, -1)) >= 2:
				doubt(r, model.ColWeight, raw, "权重单元格中有两个数字“"+raw+"”，可能混入了另一行", "the weight cell holds two numbers “"+raw+"”; another row's may have run in")
			}
		}
		// 序号 out of order: a number not after the one before.
		var prev []int
		prevID := ""
		for _, r := range rs {
			if c.stop() {
				break
			}
			if twoIDs().MatchString(r.it.ID) {
				doubt(r, model.ColID, r.it.ID, "序号单元格中有两个序号“"+r.it.ID+"”，可能两行被读成了一行", "the number cell holds two numbers “"+r.it.ID+"”; two rows may have been read as one")
				prev = nil
				continue
			}
			cur, ok := parseID(r.it.ID)
			if !ok {
				continue
			}
			switch {
			case prev != nil && slices.Compare(cur, prev) <= 0:
				doubt(r, model.ColID, r.it.ID, "序号 "+r.it.ID+" 排在 "+prevID+" 之后，行的次序可能读错了", "number "+r.it.ID+" comes after "+prevID+"; the rows may have been read out of order")
			case prev == nil && prevID == "" && !allOnes(cur[1:]):
				// The first row of a form is x-1-1: rows before it were lost.
				doubt(r, model.ColID, r.it.ID, "本表第一行的序号是 "+r.it.ID+"，前面的行可能没有读出", "the form's first number is "+r.it.ID+"; rows before it may not have been read")
			case prev != nil && cur[0] != prev[0] && !allOnes(cur[1:]):
				// A new category starts at k-1-1 (a whole one may be left
				// out, its first rows not).
				doubt(r, model.ColID, r.it.ID, "序号 "+prevID+" 之后是 "+r.it.ID+"，中间的行可能没有读出", "number "+r.it.ID+" follows "+prevID+"; the rows between may not have been read")
			case prev != nil && len(cur) == len(prev) && skipsRows(prev, cur):
				doubt(r, model.ColID, r.it.ID, "序号 "+prevID+" 之后是 "+r.it.ID+"，中间的行可能没有读出", "number "+r.it.ID+" follows "+prevID+"; the rows between may not have been read")
			}
			prev, prevID = cur, r.it.ID
		}
		// A column the form prints that is empty in most rows.
		if len(rs) >= 4 {
			for _, col := range []string{model.ColItem, model.ColWeight, model.ColDeadline, model.ColLeaders, model.ColDepartments, model.ColOwners} {
				if !c.hasColumn(fi, col) || len(c.doc.Forms[fi].Columns) == 0 {
					continue
				}
				var empty []int
				for i, r := range rs {
					if c.stop() {
						break
					}
					if cellEmpty(r.it, col) {
						empty = append(empty, i)
					}
				}
				n := len(empty)
				name := columnLabel(c.doc.Forms[fi], col)
				if 2*n > len(rs) {
					doubt(rs[empty[0]], col, "", fmt.Sprintf("本表 %d 行中有 %d 行的%s为空，该列可能没有读出", len(rs), n, name),
						fmt.Sprintf("%s is empty on %d of the form's %d rows; the column may not have been read", col, n, len(rs)))
				}
				if c.doc.Source.OCR && n < len(rs) {
					// On a scan, an empty cell in a column other rows fill is
					// more often ink the recogniser lost (a faint photo, a
					// cell border through the text) than a blank on the
					// paper: each is named. A born-digital file's empty cells
					// are what the unit typed, and are not doubted; nor is a
					// column no row fills.
					for _, i := range empty {
						if 2*n > len(rs) && i == empty[0] {
							continue
						}
						doubt(rs[i], col, "", fmt.Sprintf("%s为空，而本表 %d 行中有 %d 行填写了该列，可能是文字识别没有读出", name, len(rs), len(rs)-n),
							fmt.Sprintf("%s is empty while %d of the form's %d rows fill it; OCR may have missed it", col, len(rs)-n, len(rs)))
					}
				}
			}
		}
		// Text printed with the form but outside its table that looks like
		// the table's rows: a 序号 or a header word on a line of its own.
		f := c.doc.Forms[fi]
		for _, n := range f.Notes {
			t := strings.Join(strings.Fields(n), "")
			if _, isID := parseID(t); isID || headerLabels[t] {
				c.addForm(fi, len(rs), "", "", f.Where, []string{n}, msg{DoubtBanner + "：表格外有一行“" + t + "”像是表格的内容，表格的一部分可能没有读出",
					DoubtBannerEn + ": a line “" + t + "” outside the table looks like part of it; part of the table may not have been read"}, nil)
				break
			}
		}
		// Header words and two rows' text in body cells.
		for _, r := range rs {
			if c.stop() {
				break
			}
			for _, cell := range []struct{ col, text string }{
				{model.ColID, r.it.ID}, {model.ColItem, r.it.Text}, {model.ColWeight, r.it.Raw[model.ColWeight]},
				{model.ColDeadline, r.it.Deadline}, {model.ColLeaders, strings.Join(r.it.Leaders, "")},
				{model.ColDepartments, strings.Join(r.it.Departments, "")}, {model.ColOwners, strings.Join(r.it.Owners, "")},
			} {
				t := strings.Join(strings.Fields(cell.text), "")
				if headerLabels[t] {
					doubt(r, cell.col, t, "表头文字“"+t+"”出现在表格正文行中，表头可能被当作了数据", "the header word “"+t+"” is in a body row; a header may have been read as data")
				}
			}
			if twoDeadlines().MatchString(r.it.Deadline) {
				doubt(r, model.ColDeadline, r.it.Deadline, "完成时限“"+r.it.Deadline+"”像两行的时限连在一起", "the deadline “"+r.it.Deadline+"” looks like two rows' deadlines run together")
			}
			if m := idInside().FindString(r.it.Text); m != "" {
				doubt(r, model.ColItem, r.it.Text, "二级指标中间出现序号“"+strings.TrimSpace(m)+"”，可能混入了另一行的文字", "a number “"+strings.TrimSpace(m)+"” inside the item text; another row's text may have run in")
			}
		}
	}
}

// others are the distinct weights of ws but w, as printed.
func others(ws []float64, w float64) map[string]bool {
	out := map[string]bool{}
	for _, x := range ws {
		if x != w {
			out[strconv.FormatFloat(x, 'f', -1, 64)] = true
		}
	}
	return out
}

// runTogether reports whether w's digits split into two or more of the
// form's other weights (454 from 4, 5 and 4; 33 from 3 and 3): the digits of
// several cells read as one number. A weight of 20 among weights of 2 does
// not split so (0 is no weight) and may well be what the form says.
func runTogether(w float64, weights map[string]bool) bool {
	digits := strconv.FormatFloat(w, 'f', -1, 64)
	var split func(s string, n int) bool
	split = func(s string, n int) bool {
		if s == "" {
			return n >= 2
		}
		for i := 1; i <= len(s); i++ {
			if weights[s[:i]] && split(s[i:], n+1) {
				return true
			}
		}
		return false
	}
	return split(digits, 0)
}

func allOnes(xs []int) bool {
	for _, x := range xs {
		if x != 1 {
			return false
		}
	}
	return true
}

// skipsRows reports whether cur skips numbers after prev: within the same
// top-level number, a level that steps by more than one, or a new group
// that does not start at 1. A whole category may be left out (无动态工作
// 目标), so a change of the top level is not judged.
func skipsRows(prev, cur []int) bool {
	if prev[0] != cur[0] {
		return false
	}
	k := 0
	for k < len(cur) && cur[k] == prev[k] {
		k++
	}
	if k == len(cur) {
		return false
	}
	return cur[k] > prev[k]+1 || !allOnes(cur[k+1:])
}

// doubtMergedCells raises a doubt on every row where the merged-cell check
// finds a group's shared cell on a row of another group, for documents
// read from a page layout (PDF, OFD): there a misread row boundary is the
// likelier cause. The check's own findings are not kept here; it reports
// them under its own rule.
func doubtMergedCells(c *checker) {
	if f := c.doc.Source.Format; f != model.FormatPDF && f != model.FormatOFD {
		return
	}
	saved, n := c.rule, len(c.out)
	c.rule = Rule{Code: model.RuleMergedCellMisplaced, Severity: model.SevError}
	checkMergedCell(c)
	found := slices.Clone(c.out[n:])
	c.out, c.rule = c.out[:n], saved
	// What ingest repaired or could not place while reading counts too.
	for _, f := range c.doc.Findings {
		if f.Rule == model.RuleMergedCellMisplaced && f.Origin == model.OriginIngest && f.At.Form != nil {
			found = append(found, keyed{f: f, key: sortKey{form: *f.At.Form, seq: c.seqOf(*f.At.Form, f.At.Row), col: colIndex(f.At.Column)}})
		}
	}
	seen := map[string]bool{}
	for _, k := range found {
		at := k.f.At
		if seen[at.Row] {
			continue
		}
		seen[at.Row] = true
		k.f.Rule, k.f.Severity, k.f.Fix, k.f.Fixed = c.rule.Code, c.rule.Severity, nil, false
		k.f.Message = DoubtBanner + "：" + k.f.Message
		k.f.MessageEn = DoubtBannerEn + ": " + k.f.MessageEn
		k.key.rule = c.rule.Code
		c.out = append(c.out, k)
	}
}

// seqOf is the position of the row numbered id in form fi, or the form's
// end when there is none.
func (c *checker) seqOf(fi int, id string) int {
	if fi < 0 || fi >= len(c.rows) {
		return 0
	}
	for _, r := range c.rows[fi] {
		if c.stop() {
			break
		}
		if r.it.ID == id {
			return r.seq
		}
	}
	return len(c.rows[fi])
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func cellEmpty(it *model.Item, col string) bool {
	switch col {
	case model.ColItem:
		return strings.TrimSpace(it.Text) == ""
	case model.ColWeight:
		return it.Weight == nil && strings.TrimSpace(it.Raw[model.ColWeight]) == ""
	case model.ColDeadline:
		return strings.TrimSpace(it.Deadline) == ""
	case model.ColLeaders:
		return len(it.Leaders) == 0
	case model.ColDepartments:
		return len(it.Departments) == 0
	case model.ColOwners:
		return len(it.Owners) == 0
	}
	return false
}

func columnLabel(f model.Form, col string) string {
	if h := f.Headers[col]; h != "" {
		return h
	}
	return colZh(col)
}

// Doubts returns the reading-doubt findings of fs, the places the clerk
// should check against the original, as "page N 序号 column" strings.
func Doubts(fs []model.Finding, lang string) []string {
	var out []string
	for _, f := range fs {
		if f.Rule != model.RuleReadingDoubt {
			continue
		}
		var p []string
		if f.At.Page != nil {
			if lang == "en" {
				p = append(p, fmt.Sprintf("page %d", *f.At.Page))
			} else {
				p = append(p, fmt.Sprintf("第 %d 页", *f.At.Page))
			}
		}
		if f.At.Row != "" {
			p = append(p, f.At.Row)
		}
		if f.At.Column != "" {
			if lang == "en" {
				p = append(p, f.At.Column)
			} else {
				p = append(p, colZh(f.At.Column))
			}
		}
		out = append(out, strings.Join(p, " "))
	}
	return slices.Compact(out)
}

// checkFindingMarker is a rule ingest applies while it reads (which file
// kaoping rendered is not in the document); the audit has nothing to add,
// and keeps ingest's findings.
func checkFindingMarker(*checker) {}
