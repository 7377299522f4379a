package audit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model"
)

// bodyText joins the notice body into one string and remembers where each
// line starts, so a claim that wraps across lines is still read whole.
type bodyText struct {
	text   string
	starts []int // byte offset of each line in text
	lines  []model.Line
}

func newBodyText(n *model.Notice) bodyText {
	var b strings.Builder
	bt := bodyText{lines: n.Body}
	for _, l := range n.Body {
		bt.starts = append(bt.starts, b.Len())
		b.WriteString(l.Text)
	}
	bt.text = b.String()
	return bt
}

// refAt is the Ref of the line holding byte offset off.
func (bt bodyText) refAt(off int) *model.Ref {
	i := 0
	for i+1 < len(bt.starts) && bt.starts[i+1] <= off {
		i++
	}
	if i >= len(bt.lines) {
		return nil
	}
	r := bt.lines[i].Ref
	return &r
}

var (
	reClaimIndicators = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`一级指标\s*(\d+)\s*(?:项|个|条)`) })
	reClaimItems      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`二级指标\s*(\d+)\s*(?:条|项|个)`) })
	reClaimAspects    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d+)\s*个方面\s*(\d+)\s*(?:条|项)`) })
	// claimBreak ends the stretch of text a claim can refer back into: the
	// next numbered paragraph or a sentence end followed by one.
	reParaMarker = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[。；：\s])(?:\d+[.．、]|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、)`)
	})
)

// categoryMention finds which of the form's categories the text before a
// claim names last (重点工作, 常规工作, 行政能力 …), matching the category
// name without white space and without its 目标/指标 ending.
func categoryMention(before string, cats []string) (string, bool) {
	best, at := "", -1
	for _, name := range cats {
		key := strings.TrimSuffix(strings.TrimSuffix(squash(name), "目标"), "指标")
		if utf8.RuneCountInString(key) < 2 {
			continue
		}
		if i := strings.LastIndex(before, key); i > at {
			best, at = name, i
		}
	}
	return best, at >= 0
}

// checkCountClaim compares what the notice says (一级指标 11 项、二级指标 26 条;
// 5 个方面 19 条) with the table: indicators are the distinct 一级指标 of the
// category, items its rows.
func checkCountClaim(c *checker) {
	n := c.doc.Notice
	if n == nil || len(c.doc.Forms) == 0 {
		return
	}
	bt := newBodyText(n)
	type claim struct {
		off    int
		what   string // indicators or items
		stated int
	}
	var claims []claim
	for _, m := range reClaimIndicators().FindAllStringSubmatchIndex(bt.text, -1) {
		v, _ := strconv.Atoi(bt.text[m[2]:m[3]])
		claims = append(claims, claim{off: m[0], what: "indicators", stated: v})
	}
	for _, m := range reClaimItems().FindAllStringSubmatchIndex(bt.text, -1) {
		v, _ := strconv.Atoi(bt.text[m[2]:m[3]])
		claims = append(claims, claim{off: m[0], what: "items", stated: v})
	}
	for _, m := range reClaimAspects().FindAllStringSubmatchIndex(bt.text, -1) {
		a, _ := strconv.Atoi(bt.text[m[2]:m[3]])
		i, _ := strconv.Atoi(bt.text[m[4]:m[5]])
		claims = append(claims, claim{off: m[0], what: "indicators", stated: a}, claim{off: m[0], what: "items", stated: i})
	}
	for fi, f := range c.doc.Forms {
		var names []string
		for _, cat := range f.Categories {
			names = append(names, cat.Name)
		}
		for _, cl := range claims {
			// The category is the last one named between the start of the
			// claim's paragraph and the claim.
			start := 0
			for _, pm := range reParaMarker().FindAllStringIndex(bt.text[:cl.off], -1) {
				start = pm[0]
			}
			name, ok := categoryMention(bt.text[start:cl.off], names)
			if !ok {
				continue
			}
			rs := c.categoryRows(fi, []string{name})
			got := len(rs)
			if cl.what == "indicators" {
				got = countIndicators(rs)
			}
			if got == cl.stated {
				continue
			}
			whatZh, unit := "二级指标", "条"
			if cl.what == "indicators" {
				whatZh, unit = "一级指标", "项"
			}
			c.addNotice("body", bt.refAt(cl.off), []string{strconv.Itoa(cl.stated), strconv.Itoa(got)},
				msg{fmt.Sprintf("通知称「%s」%s %d %s，考评表中为 %d %s", squash(name), whatZh, cl.stated, unit, got, unit),
					fmt.Sprintf("the notice states %d %s for %q, the form has %d", cl.stated, cl.what, squash(name), got)})
		}
	}
}

// countIndicators counts distinct 一级指标 of rows: by group 序号 where the
// rows have three-level ids, else by indicator text.
func countIndicators(rs []row) int {
	seen := map[string]bool{}
	for _, r := range rs {
		k := r.grp
		if k == "" {
			k = r.ind.ID
		}
		if k == "" {
			k = "t:" + normText(r.ind.Text)
		}
		seen[k] = true
	}
	return len(seen)
}

// checkAttachmentTitle: each 附件说明 entry names a form of the document,
// compared without white space.
func checkAttachmentTitle(c *checker) {
	n := c.doc.Notice
	if n == nil || len(c.doc.Forms) == 0 {
		return
	}
	for _, a := range n.Attachments {
		found := false
		for _, f := range c.doc.Forms {
			if squash(f.Title) == squash(a.Name) {
				found = true
				break
			}
		}
		if found {
			continue
		}
		var titles []string
		for _, f := range c.doc.Forms {
			titles = append(titles, f.Title)
		}
		c.addNotice("attachments", c.noticeWhere("attachments"), append([]string{a.Name}, titles...),
			msg{fmt.Sprintf("附件说明「%s」与附件标题「%s」不一致", a.Name, strings.Join(titles, "」「")),
				fmt.Sprintf("the attachment note names %q but the attachment is titled %q", a.Name, strings.Join(titles, `", "`))})
	}
}

// checkDateMismatch: the notice's 成文日期 and the date printed on a form.
func checkDateMismatch(c *checker) {
	n := c.doc.Notice
	if n == nil || n.Date == "" {
		return
	}
	for fi, f := range c.doc.Forms {
		if f.Date == "" || f.Date == n.Date {
			continue
		}
		c.addForm(fi, -1, "", "", f.Where, []string{n.Date, f.Date},
			msg{fmt.Sprintf("考评表日期 %s 与通知成文日期 %s 不同", f.Date, n.Date),
				fmt.Sprintf("the form is dated %s, the notice %s", f.Date, n.Date)}, nil)
	}
}
