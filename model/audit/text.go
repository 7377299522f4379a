package audit

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// A text spot is a cell (or notice line) the text rules read. Fixable spots
// are form cells; notice lines get findings without a fix.
type spot struct {
	text string
	// exactly one of r (a row's cell, col set) / form-level (fi, seq) / notice line.
	r       *row
	col     string
	notice  bool
	element string
	where   *model.Ref
	// aside marks a text ingest set aside (a conflicting merged-cell value
	// kept only in its finding): checked, but with no fix to offer.
	aside bool
}

// textSpots lists what the text rules read: the notice title and body, each
// form's title, category names, and every 二级指标, 一级指标 and 文件依据 (a
// merged indicator once).
func (c *checker) allTextSpots() []spot {
	if c.spots != nil {
		return c.spots
	}
	out := []spot{}
	defer func() { c.spots = out }()
	if n := c.doc.Notice; n != nil {
		if n.Title != "" {
			out = append(out, spot{text: n.Title, notice: true, element: "title", where: c.noticeWhere("title")})
		}
		for i := range n.Body {
			ref := n.Body[i].Ref
			out = append(out, spot{text: n.Body[i].Text, notice: true, element: "body", where: &ref})
		}
	}
	for fi := range c.rows {
		seenInd := map[*model.Indicator]bool{}
		seenCat := map[*model.Category]bool{}
		for i := range c.rows[fi] {
			if c.stop() {
				break
			}
			r := &c.rows[fi][i]
			if !seenCat[r.cat] {
				seenCat[r.cat] = true
				out = append(out, spot{text: r.cat.Name, r: r, col: model.ColCategory})
			}
			if !seenInd[r.ind] {
				seenInd[r.ind] = true
				out = append(out, spot{text: r.ind.Basis, r: r, col: model.ColBasis}, spot{text: r.ind.Text, r: r, col: model.ColIndicator})
			}
			out = append(out, spot{text: r.it.Text, r: r, col: model.ColItem})
		}
		for _, a := range c.asideTexts(fi, true, model.ColCategory, model.ColBasis, model.ColIndicator, model.ColItem) {
			out = append(out, spot{text: a.text, r: &a.r, col: a.col, aside: true})
		}
	}
	return out
}

// report records a text finding on a spot, with a fix for form cells.
func (c *checker) reportSpot(s spot, values []string, m msg, fixed string) {
	if s.notice {
		c.addNotice(s.element, s.where, values, m)
		return
	}
	var fix *model.Fix
	if fixed != "" && fixed != s.text && !s.aside {
		fix = &model.Fix{Column: s.col, From: s.text, To: fixed}
	}
	c.addRow(*s.r, s.col, values, m, fix)
}

func where(s spot) string {
	if s.notice {
		return "通知"
	}
	return colZh(s.col)
}

// checkTraditional: characters that exist only in traditional script (訪),
// from OpenCC's tables; characters shared by both scripts are never flagged.
func checkTraditional(c *checker) {
	for _, s := range c.allTextSpots() {
		var found []string
		tr := trad()
		for _, r := range s.text {
			if _, ok := tr.simplified(r); ok {
				found = append(found, string(r))
			}
		}
		if len(found) == 0 {
			continue
		}
		fixed := simplify(s.text)
		c.reportSpot(s, found,
			msg{fmt.Sprintf("%s中有繁体字「%s」，应为「%s」", where(s), strings.Join(found, ""), simplify(strings.Join(found, ""))),
				fmt.Sprintf("traditional characters %q in simplified text, should be %q", strings.Join(found, ""), simplify(strings.Join(found, "")))}, fixed)
	}
}

// repeatedWord finds a run of 2–4 Han characters written twice in a row
// (提升提升); single-character doubling (层层, 常常) is ordinary Chinese.
func repeatedWord(s string) (word string, at int, ok bool) {
	rs := []rune(s)
	for i := range rs {
		for l := 2; l <= 4 && i+2*l <= len(rs); l++ {
			same := true
			for k := 0; k < l; k++ {
				if rs[i+k] != rs[i+l+k] || !cjk.Han(rs[i+k]) {
					same = false
					break
				}
			}
			if same {
				return string(rs[i : i+l]), i, true
			}
		}
	}
	return "", 0, false
}

func checkRepeatedWord(c *checker) {
	for _, s := range c.allTextSpots() {
		w, at, ok := repeatedWord(s.text)
		if !ok {
			continue
		}
		rs := []rune(s.text)
		l := len([]rune(w))
		fixed := string(rs[:at+l]) + string(rs[at+2*l:])
		c.reportSpot(s, []string{w + w},
			msg{fmt.Sprintf("%s中「%s」重复", where(s), w+w), fmt.Sprintf("%q is written twice", w)}, fixed)
	}
}

var halfToFull = map[rune]rune{'(': '（', ')': '）', ',': '，', ';': '；', ':': '：', '?': '？'}

// halfWidth returns the positions of half-width ( ) , ; : ? whose nearest
// non-space neighbour on either side is Chinese, and the text with them made
// full-width (GB/T 15834: Chinese text takes full-width punctuation).
func halfWidth(s string) (found []string, fixed string) {
	if !strings.ContainsAny(s, "(),;:?") {
		return nil, s
	}
	rs := []rune(s)
	out := []rune(s)
	for i, r := range rs {
		full, ok := halfToFull[r]
		if !ok {
			continue
		}
		near := func(step int) bool {
			for j := i + step; j >= 0 && j < len(rs); j += step {
				if rs[j] == ' ' {
					continue
				}
				if _, isPunct := halfToFull[rs[j]]; isPunct {
					continue
				}
				return cjk.Wide(rs[j])
			}
			return false
		}
		if near(-1) || near(1) {
			found = append(found, string(r))
			out[i] = full
		}
	}
	return found, string(out)
}

func checkHalfWidth(c *checker) {
	spots := c.allTextSpots()
	// An indicator printed with its points in half-width parentheses,
	// (3分), keeps that form only in Indicator.Raw: read it there too.
	for fi := range c.rows {
		seen := map[*model.Indicator]bool{}
		for i := range c.rows[fi] {
			if c.stop() {
				break
			}
			r := &c.rows[fi][i]
			if seen[r.ind] || r.ind.Raw == "" {
				continue
			}
			seen[r.ind] = true
			if f, _ := halfWidth(r.ind.Text); len(f) == 0 {
				spots = append(spots, spot{text: r.ind.Raw, r: r, col: model.ColIndicator, aside: true})
			}
		}
	}
	for _, s := range spots {
		if c.stop() {
			break
		}
		found, fixed := halfWidth(s.text)
		if len(found) == 0 {
			continue
		}
		c.reportSpot(s, found,
			msg{fmt.Sprintf("%s中有半角标点「%s」，中文文本应用全角", where(s), strings.Join(found, " ")),
				fmt.Sprintf("half-width punctuation %q in Chinese text", strings.Join(found, " "))}, fixed)
	}
}

var (
	// reLetterSpaced: three or more single Han characters separated by spaces.
	reLetterSpaced = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:\p{Han}[ \x{3000}]+){2,}\p{Han}(?:$|[^\p{Han}]|[ \x{3000}])`)
	})
	reHanDigit = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\p{Han}[ \x{3000}]+[0-9]|[0-9][ \x{3000}]+\p{Han}`) })
	reSpaceRun = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[ \x{3000}]+`) })
)

// letterSpaced reports whether s has a run of single Han characters spaced
// out (重 点 工 作). Two agency names separated by one space are not that.
func letterSpaced(s string) bool {
	// the pattern needs two Han characters before a space; most texts
	// have none
	return hanBeforeSpace(s) >= 2 && spacedRun(s)
}

// spacedRun is letterSpaced by the regexp alone.
func spacedRun(s string) bool {
	for _, loc := range reLetterSpaced().FindAllStringIndex(s, -1) {
		parts := strings.Fields(strings.TrimSpace(s[loc[0]:loc[1]]))
		single := 0
		for _, p := range parts {
			if len([]rune(p)) == 1 {
				single++
			}
		}
		if single >= 3 {
			return true
		}
	}
	return false
}

// hanBeforeSpace counts, up to two, the Han characters followed by a space
// (ASCII or ideographic): reLetterSpaced cannot match with fewer than two,
// and a scan for them costs a fraction of the regexp's backtracking over a
// text that merely holds a space.
func hanBeforeSpace(s string) int {
	n, prevHan := 0, false
	for _, r := range s {
		if (r == ' ' || r == '\u3000') && prevHan {
			if n++; n == 2 {
				return n
			}
		}
		prevHan = cjk.Han(r)
	}
	return n
}

// hanDigits is reHanDigit's matches: none without an ASCII digit.
func hanDigits(s string) []string {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	return reHanDigit().FindAllString(s, -1)
}

// despace removes spaces between two Han characters and between Han and digits.
func despace(s string) string {
	rs := []rune(s)
	var out []rune
	for i := 0; i < len(rs); i++ {
		if rs[i] == ' ' || rs[i] == '\u3000' {
			j := i
			for j < len(rs) && (rs[j] == ' ' || rs[j] == '\u3000') {
				j++
			}
			if i > 0 && j < len(rs) {
				a, b := rs[i-1], rs[j]
				if (cjk.Han(a) || a >= '0' && a <= '9') && (cjk.Han(b) || b >= '0' && b <= '9') && (cjk.Han(a) || cjk.Han(b)) {
					i = j - 1
					continue
				}
			}
			out = append(out, rs[i:j]...)
			i = j - 1
			continue
		}
		out = append(out, rs[i])
	}
	return string(out)
}

// checkSpacedText: letter-spaced labels and stray spaces between Chinese and
// digits, in cells, category names, column headers and the notice.
func checkSpacedText(c *checker) {
	for _, s := range c.allTextSpots() {
		if !strings.ContainsAny(s.text, " \u3000") {
			continue
		}
		spaced, digits := letterSpaced(s.text), hanDigits(s.text)
		if !spaced && len(digits) == 0 {
			continue
		}
		fixed := despace(s.text)
		if s.col == model.ColBasis {
			// Joint issuers are separated by a space (市委办公室 市政府办公室):
			// only the spaces the rule found are removed.
			fixed = s.text
			for _, d := range digits {
				fixed = strings.Replace(fixed, d, reSpaceRun().ReplaceAllString(d, ""), 1)
			}
		}
		vals := digits
		if spaced {
			vals = append([]string{strings.TrimSpace(s.text)}, vals...)
		}
		c.reportSpot(s, vals,
			msg{fmt.Sprintf("%s「%s」中有多余空格（字间加空格或汉字与数字之间空格）", where(s), clip(s.text)),
				fmt.Sprintf("%q has stray spaces (letter-spaced or between Chinese and digits)", clip(s.text))}, fixed)
	}
	for fi, f := range c.doc.Forms {
		// The header's own place; a model without it (built by hand, or
		// read by an older kaoping) gives the title's page only: the header
		// shares the title's page, not its line.
		var at *model.Ref
		switch {
		case f.HeaderWhere != nil:
			at = f.HeaderWhere
		case f.Where != nil && f.Where.Page != nil:
			at = &model.Ref{Page: f.Where.Page}
		}
		for _, col := range model.Columns {
			h, ok := f.Headers[col]
			if !ok || !letterSpaced(h) {
				continue
			}
			c.addForm(fi, -1, "", col, at, []string{h},
				msg{fmt.Sprintf("表头「%s」字间加了空格", h), fmt.Sprintf("the header %q is letter-spaced", h)}, nil)
		}
	}
}
