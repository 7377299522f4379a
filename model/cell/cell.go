// Package cell classifies the text of one 考评表 cell: a 序号, a number, a 完成时限,
// a list of personal names, a list of departments, a document citation, a short
// label or a sentence. Ingest uses it to put a shifted cell back under its
// column; the audit uses it to find cells that sit in the wrong column.
package cell

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
	"github.com/kaoping/kaoping/model/deadline"
)

// Kind is what a cell's text looks like.
type Kind int

const (
	Empty    Kind = iota
	ID            // 1-2-3, 4-1
	Number        // 2, 1.5, 20分
	Deadline      // 12月底前
	Persons       // 洪武强、林嘉达
	Orgs          // 经济发展科 安溪分园区办事处
	Basis         // cites a document: 《…》, 〔2023〕2号
	Points        // text ending in （4分）: an indicator, or a category with points
	Label         // short text without sentence punctuation (项目 labels)
	Sentence      // anything longer
)

var kindNames = [...]string{"empty", "id", "number", "deadline", "persons", "orgs", "basis", "points", "label", "sentence"}

func (k Kind) String() string { return kindNames[k] }

var (
	numberRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[+-]?\d+(?:\.\d+)?\s*分?$`) })
	pointsRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$`) })
	docRE    = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[〔\[［][12]\d{3}[〕\]］]\s*\d+\s*号|《[^》]+》`)
	})
)

// docOpeners are the runes one of which every match of docRE holds.
const docOpeners = "〔[［《"

// hasPoints reports whether s ends in a points mark （4分）: pointsRE, tried
// only where mayHavePoints.
func hasPoints(s string) bool { return mayHavePoints(s) && pointsRE().MatchString(s) }

// mayHavePoints is false where pointsRE cannot match: a match ends the text
// (but for spaces) in a closing parenthesis and holds 分. The regexp is
// unanchored at the start, so the backtracker starts at every rune, and
// 分 alone is common (分管领导, 部分).
func mayHavePoints(s string) bool {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	return (strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")")) && strings.Contains(t, "分")
}

// couldBeOrgs is false where SplitList(s) cannot be all unit names: the
// last piece ends the text but for separators and spaces, and IsOrgName
// wants it to end in one of orgSuffixes.
func couldBeOrgs(s string) bool {
	return hasOrgSuffix(strings.TrimRightFunc(s, isListBreak))
}

// hasOrgSuffix reports whether s ends in one of orgSuffixes.
func hasOrgSuffix(s string) bool {
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// orgSuffixes end the names of departments and units; a personal name ends
// in none of them (a three-character name ending in 科 is not impossible, but
// no such name appears beside a department column in practice).
var orgSuffixes = []string{"科", "室", "处", "中心", "局", "委", "办", "部", "组", "队", "所", "站", "院", "会", "厅", "司", "馆", "园区", "单位", "公司", "街道", "镇", "乡", "村", "社区", "党委", "支部", "机关", "大队", "分局"}

// Classify tells what the cell text s looks like.
func Classify(s string) Kind {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Empty
	case model.IsSeq(s): // a dotted 序号 needs three levels: 1.5 is a weight
		return ID
	case numberRE().MatchString(s):
		return Number
	case deadline.Parse(s, 2000).Recognised:
		return Deadline
	}
	if couldBePeople(s) {
		if toks := splitPeople(s); len(toks) > 0 && allOf(toks, IsPersonName) {
			return Persons
		}
	}
	if couldBeOrgs(s) {
		if toks := SplitList(s); len(toks) > 0 && allOf(toks, IsOrgName) {
			return Orgs
		}
	}
	n := utf8.RuneCountInString(s)
	switch {
	case hasPoints(s):
		return Points
	case strings.ContainsAny(s, docOpeners) && docRE().MatchString(s) && !strings.ContainsAny(s, "，。；"):
		return Basis
	case n <= 14 && !strings.ContainsAny(s, "，。；：,;"):
		return Label
	}
	return Sentence
}

// PointsOf splits a trailing points mark （4分） off s: the text without it and
// the points, ok false when s has none.
func PointsOf(s string) (text string, points float64, ok bool) {
	if !mayHavePoints(s) {
		return s, 0, false
	}
	m := pointsRE().FindStringSubmatchIndex(s)
	if m == nil {
		return s, 0, false
	}
	p, err := parseFloat(s[m[2]:m[3]])
	if err != nil {
		return s, 0, false
	}
	return strings.TrimSpace(s[:m[0]]), p, true
}

// compoundSurnames start the four-character names; any other four Han
// characters (从严治党) are a phrase, not a name.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "澹台", "端木", "百里", "南宫", "西门", "独孤", "呼延"}

// IsPersonName reports whether s looks like one Chinese personal name: two or
// three Han characters, four with a compound surname, or a transcribed name
// with a middle dot; and not a department.
func IsPersonName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > maxNameRunes {
		return false
	}
	if n == 4 && !hasCompoundSurname(s) {
		return false
	}
	if n > 4 && !strings.Contains(s, "·") {
		return false
	}
	for _, r := range s {
		if !cjk.Han(r) && r != '·' {
			return false
		}
	}
	return !IsOrgName(s)
}

func hasCompoundSurname(s string) bool {
	for _, p := range compoundSurnames {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// IsOrgName reports whether s ends like the name of a department or unit.
func IsOrgName(s string) bool {
	return utf8.RuneCountInString(s) >= 2 && hasOrgSuffix(s)
}

// SplitList splits a cell listing several names on 、，,；; and white space.
// Parentheses protect their content: 机关各科室（服务中心） stays whole.
func SplitList(s string) []string {
	return splitOn(s, isListBreak)
}

// isListBreak is where SplitList splits: a separator or white space.
func isListBreak(r rune) bool { return isListSep(r) || unicode.IsSpace(r) }

// isListSep is a separator of a list cell other than white space.
func isListSep(r rune) bool {
	return r == '、' || r == '，' || r == ',' || r == '；' || r == ';' || r == '/'
}

// separators returns the distinct list separators used in s, in order of
// first use ("、", " ", "，" …), for the list-separator rule and for Raw.
func separators(s string) []string {
	var seps []string
	seen := map[string]bool{}
	depth := 0
	prevSpace := false
	for _, r := range strings.TrimSpace(s) {
		var sep string
		switch {
		case r == '（' || r == '(':
			depth++
		case r == '）' || r == ')':
			depth--
		case depth == 0 && (r == '、' || r == '，' || r == ',' || r == '；' || r == ';' || r == '/'):
			sep = string(r)
		case depth == 0 && unicode.IsSpace(r):
			if !prevSpace {
				sep = " "
			}
			prevSpace = true
			if sep != "" && !seen[sep] {
				seen[sep] = true
				seps = append(seps, sep)
			}
			continue
		}
		prevSpace = false
		if sep != "" && !seen[sep] {
			seen[sep] = true
			seps = append(seps, sep)
		}
	}
	return seps
}

func allOf(toks []string, f func(string) bool) bool {
	for _, t := range toks {
		if !f(t) {
			return false
		}
	}
	return true
}
