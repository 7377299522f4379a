package notice

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// docNumberRE matches a 发文字号 written with the standard 〔〕 or with the
// brackets people type instead ([] ［］ （） ()), with or without 第 and
// leading zeros — the doc-number-format rule flags those; here we only read.
var docNumberRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\S{1,20}?)\s*[〔\[［（(]\s*(\d{4})\s*[〕\]］）)]\s*第?\s*(\d{1,5})\s*号$`)
})

// parseDocNumber reads a line that is exactly a 发文字号.
func parseDocNumber(s string) (model.DocNumber, bool) {
	s = strings.TrimSpace(s)
	m := docNumberRE().FindStringSubmatch(s)
	if m == nil {
		return model.DocNumber{}, false
	}
	year, _ := strconv.Atoi(m[2])
	serial, _ := strconv.Atoi(m[3])
	return model.DocNumber{Text: s, Agency: m[1], Year: year, Serial: serial}, true
}

var (
	arabicDateRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	})
	hanDateRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$`)
	})
)

// ParseDate reads a line that is exactly a date, 2023年9月26日 or
// 二〇二三年九月二十六日, and returns it as 2023-09-26.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var y, m, d int
	if g := arabicDateRE().FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := hanDateRE().FindStringSubmatch(s); g != nil {
		y = hanYear(g[1])
		m = hanNumber(g[2])
		d = hanNumber(g[3])
	} else {
		return "", false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 {
		return "", false
	}
	return strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d), true
}

var hanDigits = map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

func hanYear(s string) int {
	y := 0
	for _, r := range s {
		y = y*10 + hanDigits[r]
	}
	return y
}

// hanNumber reads 一 … 三十一.
func hanNumber(s string) int {
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return hanDigits[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + hanDigits[rs[1]]
	case len(rs) == 2 && rs[1] == '十':
		return hanDigits[rs[0]] * 10
	case len(rs) == 3 && rs[1] == '十':
		return hanDigits[rs[0]]*10 + hanDigits[rs[2]]
	}
	return 0
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// isIssuerMark: 发文机关标志 is the issuing body's name followed by 文件, alone
// on the first line.
func isIssuerMark(s string) bool {
	s = squeeze(s)
	return strings.HasSuffix(s, "文件") && runeLen(s) >= 4 && runeLen(s) <= 60 && !strings.ContainsAny(s, "，。：")
}

// isRecipientLine: the 主送机关 line ends with a colon and lists bodies.
func isRecipientLine(s string) bool {
	s = strings.TrimSpace(s)
	if !(strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":")) || runeLen(s) > 120 {
		return false
	}
	return !strings.ContainsAny(strings.TrimRight(s, "：:"), "。；") && marker(s) == ""
}

func splitRecipients(s string) []string {
	s = strings.TrimRight(strings.TrimSpace(s), "：:")
	var out []string
	for _, p := range splitTop(s, "、，,") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitTop splits s on any of seps outside parentheses.
func splitTop(s, seps string) []string {
	var out []string
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '（' || r == '(':
			depth++
		case r == '）' || r == ')':
			depth--
		case depth == 0 && strings.ContainsRune(seps, r):
			out = append(out, b.String())
			b.Reset()
			continue
		}
		b.WriteRune(r)
	}
	return append(out, b.String())
}

// isAttachmentLine: the 附件说明 starts with 附件： (one attachment or a list).
func isAttachmentLine(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "附件：") || strings.HasPrefix(s, "附件:")
}

// isAppendixLabel: the 附件 label on top of an appended form: 附件, 附件1, 附件 2.
var appendixRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^附\s*件\s*\d*\s*$`) })

func isAppendixLabel(s string) bool { return appendixRE().MatchString(strings.TrimSpace(s)) }

var attItemRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2})\s*[.．、]\s*(.+)$`) })

// parseAttachments reads the 附件说明 starting at lines[k]: either one name
// after 附件：, or a numbered list whose first entry follows 附件： and the
// others stand on the next lines, aligned under it.
func parseAttachments(lines []flow.Block, k int) ([]model.Attachment, int) {
	first := strings.TrimSpace(lines[k].Text)
	first = strings.TrimSpace(first[strings.IndexAny(first, "：:")+len("："):])
	if strings.HasPrefix(lines[k].Text, "附件:") {
		first = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[k].Text), "附件:"))
	}
	m := attItemRE().FindStringSubmatch(first)
	if m == nil {
		return []model.Attachment{{Number: 1, Name: Normalize(first)}}, k + 1
	}
	n, _ := strconv.Atoi(m[1])
	atts := []model.Attachment{{Number: n, Name: Normalize(m[2])}}
	k++
	for ; k < len(lines); k++ {
		m := attItemRE().FindStringSubmatch(strings.TrimSpace(lines[k].Text))
		if m == nil {
			break
		}
		n, _ := strconv.Atoi(m[1])
		atts = append(atts, model.Attachment{Number: n, Name: Normalize(m[2])})
	}
	return atts, k
}

// Normalize removes the white space a layout puts between Han characters and
// between Han characters and digits (管委会 2023 年度 → 管委会2023年度), and
// the letter-spacing of labels (项 目 → 项目). Spaces between two Latin words
// stay. The spaced-text rule reports the original.
func Normalize(s string) string { return cjk.Join(s) }

// squeeze is Normalize; the short name reads better at call sites.
func squeeze(s string) string { return Normalize(s) }

// joinTitle joins a title broken over lines. A layout may break a line
// anywhere, even inside a number (印发202 / 3年度), so lines join without a
// space unless both sides are Latin letters; then the spaces a layout puts
// between Han text and digits are removed.
func joinTitle(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if i > 0 && b.Len() > 0 && p != "" {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(p)
			if isLatinLetter(prev) && isLatinLetter(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return Normalize(b.String())
}

func isLatinLetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

func runeLen(s string) int { return utf8.RuneCountInString(s) }
