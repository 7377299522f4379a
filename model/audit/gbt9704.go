package audit

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/kaoping/kaoping/model"
)

// GB/T 9704-2012 7.2.4: 发文字号 = 机关代字 + 〔年份〕 + 序号 + 号; the year in
// full in hexagonal brackets 〔〕, the serial without leading zeros or 第.
var (
	reDocNumberGood = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\p{Han}[\p{Han}A-Za-z]*〔\d{4}〕[1-9]\d*号$`) })
	// reDocNumberCited finds numbers cited in running text in any bracket
	// style, so the wrong ones can be told from the right.
	reDocNumberCited = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\p{Han}{2,10}\s*[〔［\[（(【]\s*\d{2,4}\s*[〕］\]）)】]\s*第?\s*\d+\s*号?`)
	})
	reDocParts = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\p{Han}[\p{Han}A-Za-z]*?)\s*([〔［\[（(【])\s*(\d{2,4})\s*([〕］\]）)】])\s*(第?)\s*(\d+)\s*(号?)$`)
	})
)

// docNumberProblem says what is wrong with a 发文字号, "" when nothing is.
func docNumberProblem(s string) string {
	s = strings.TrimSpace(s)
	if reDocNumberGood().MatchString(s) {
		return ""
	}
	m := reDocParts().FindStringSubmatch(s)
	if m == nil {
		return "不是“机关代字〔年份〕序号号”"
	}
	var p []string
	if m[2] != "〔" || m[4] != "〕" {
		p = append(p, "年份应用六角括号〔〕")
	}
	if len(m[3]) != 4 {
		p = append(p, "年份应写全四位")
	}
	if m[5] != "" {
		p = append(p, "序号前不加“第”")
	}
	if strings.HasPrefix(m[6], "0") {
		p = append(p, "序号不编虚位")
	}
	if m[7] == "" {
		p = append(p, "缺“号”")
	}
	if strings.ContainsAny(s, " \t") {
		p = append(p, "不应有空格")
	}
	return strings.Join(p, "，")
}

var docProblemEn = strings.NewReplacer("不是“机关代字〔年份〕序号号”", "not 代字〔year〕N号", "年份应用六角括号〔〕", "the year needs hexagonal brackets 〔〕",
	"年份应写全四位", "the year needs four digits", "序号前不加“第”", "no 第 before the serial", "序号不编虚位", "no leading zeros",
	"缺“号”", "号 is missing", "不应有空格", "no spaces", "，", "; ")

// checkDocNumberFormat checks the notice's own number (through its struct
// tag) and every number cited in its body and in the forms' 文件依据.
func checkDocNumberFormat(c *checker) {
	c.emitFields()
	if n := c.doc.Notice; n != nil {
		own := ""
		if n.DocNumber != nil {
			own = squash(n.DocNumber.Text)
		}
		for _, l := range n.Body {
			if own != "" && squash(l.Text) == own {
				continue // the notice's own 文号, reported above as its element
			}
			for _, num := range citedNumbers(l.Text) {
				if p := docNumberProblem(num); p != "" {
					ref := l.Ref
					c.addNotice("body", &ref, []string{num},
						msg{fmt.Sprintf("引用的发文字号「%s」不规范：%s", num, p), fmt.Sprintf("cited document number %q: %s", num, docProblemEn.Replace(p))})
				}
			}
		}
	}
	for _, rs := range c.rows {
		seen := map[*model.Indicator]bool{}
		for _, r := range rs {
			if c.stop() {
				break
			}
			if seen[r.ind] {
				continue
			}
			seen[r.ind] = true
			for _, num := range citedNumbers(r.ind.Basis) {
				if p := docNumberProblem(num); p != "" {
					c.addRow(r, model.ColBasis, []string{num},
						msg{fmt.Sprintf("文件依据中的发文字号「%s」不规范：%s", num, p), fmt.Sprintf("document number %q in the basis: %s", num, docProblemEn.Replace(p))}, nil)
				}
			}
		}
	}
}

func checkDateFormat(c *checker) { c.emitFields() }

func checkMissingElement(c *checker) { c.emitFields() }

// Heading markers of 公文 (GB/T 9704-2012 7.3.3): 一、 then （一） then 1. then （1）.
var headingKinds = []struct {
	re      *regexp.Regexp
	example string
}{
	{regexp.MustCompile(`^([一二三四五六七八九十]+)、$`), "一、"},
	{regexp.MustCompile(`^（([一二三四五六七八九十]+)）$`), "（一）"},
	{regexp.MustCompile(`^(\d+)[.．]$`), "1."},
	{regexp.MustCompile(`^（(\d+)）$`), "（1）"},
}

// doubled punctuation after a marker: （一）、 1、 （1）.
var reHeadingDoubled = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:（[一二三四五六七八九十\d]+）[、.．，]|\d+、)$`)
})

func headingKind(marker string) (kind, num int) {
	m := strings.TrimSpace(marker)
	for k, hk := range headingKinds {
		if g := hk.re.FindStringSubmatch(m); g != nil {
			n, ok := cnNum(g[1])
			if !ok {
				n = -1
			}
			return k, n
		}
	}
	return -1, 0
}

// checkHeadingSequence walks the outline: siblings count up by one from 1,
// each level uses the marker one below its parent's, no doubled punctuation.
func checkHeadingSequence(c *checker) {
	n := c.doc.Notice
	if n == nil {
		return
	}
	var walk func(secs []model.Section, parentKind int)
	walk = func(secs []model.Section, parentKind int) {
		prev := 0
		for _, s := range secs {
			kind, num := headingKind(s.Marker)
			switch {
			case reHeadingDoubled().MatchString(strings.TrimSpace(s.Marker)):
				c.addNotice("outline", s.Where, []string{s.Marker},
					msg{fmt.Sprintf("标题序号「%s」标点重复或用错（应为 一、 （一） 1. （1））", s.Marker),
						fmt.Sprintf("heading marker %q has doubled or wrong punctuation (一、 （一） 1. （1）)", s.Marker)})
			case kind >= 0 && kind != parentKind+1:
				c.addNotice("outline", s.Where, []string{s.Marker},
					msg{fmt.Sprintf("标题序号「%s」层级不对：此处应为「%s」这一级", s.Marker, headingKinds[min(parentKind+1, len(headingKinds)-1)].example),
						fmt.Sprintf("heading marker %q skips a level: %q expected here", s.Marker, headingKinds[min(parentKind+1, len(headingKinds)-1)].example)})
			case kind >= 0 && num != prev+1:
				c.addNotice("outline", s.Where, []string{s.Marker},
					msg{fmt.Sprintf("标题序号「%s」不连续（上一个为第 %d 项）", s.Marker, prev),
						fmt.Sprintf("heading marker %q out of order (previous was number %d)", s.Marker, prev)})
			}
			if kind >= 0 && num > 0 {
				prev = num
			}
			k := kind
			if k < 0 {
				k = parentKind + 1
			}
			walk(s.Children, k)
		}
	}
	walk(n.Outline, -1)
}

// citedNumbers are the 发文字号 cited in s (reDocNumberCited); the regexp
// runs only on a text with one of the brackets it needs, which most lines
// and 文件依据 cells lack.
func citedNumbers(s string) []string {
	if !strings.ContainsAny(s, "〔［[（(【") {
		return nil
	}
	return reDocNumberCited().FindAllString(s, -1)
}
