package audit

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model/cell"
	"github.com/kaoping/kaoping/model/cjk"
)

// trad is the table of traditional-only characters and their simplified
// forms, decoded from tradPairs on first use (a command that runs no audit
// does not pay for it) and never written after. A sorted list and a bitset
// of the basic plane, not a map: a map of its four thousand pairs cost a
// whole process more to build (0.25 ms, a tenth of the audit) than every
// lookup of a run, and nearly every character of a text is ruled out by
// its bit.
var trad = sync.OnceValue(func() *tradTable {
	rs := []rune(tradPairs)
	t := &tradTable{from: make([]rune, 0, len(rs)/2), to: make([]rune, 0, len(rs)/2)}
	for i := 0; i+1 < len(rs); i += 2 {
		t.from = append(t.from, rs[i])
		t.to = append(t.to, rs[i+1])
		if rs[i] < 1<<16 {
			t.bmp[rs[i]>>6] |= 1 << (rs[i] & 63)
		}
	}
	return t
})

// tradTable is tradPairs decoded: the traditional characters in increasing
// order (gen_trad.go sorts them; TestTradPairsSorted holds it), the
// simplified form of each, and which basic-plane characters are in from.
type tradTable struct {
	from, to []rune
	bmp      [1 << 16 / 64]uint64
}

// simplified is r's simplified form, if r is traditional only.
func (t *tradTable) simplified(r rune) (rune, bool) {
	if r < 1<<16 && t.bmp[r>>6]&(1<<(r&63)) == 0 {
		return 0, false
	}
	if i, ok := slices.BinarySearch(t.from, r); ok {
		return t.to[i], true
	}
	return 0, false
}

// simplify replaces traditional-only characters by their simplified form.
func simplify(s string) string {
	tr := trad()
	return strings.Map(func(r rune) rune {
		if t, ok := tr.simplified(r); ok {
			return t
		}
		return r
	}, s)
}

// squash removes all white space: 重 点 工 作 and 重点工作 compare equal.
func squash(s string) string { return cjk.Squash(s) }

// normText is the form under which two cell texts count as the same: no white
// space, simplified characters, no final full stop.
func normText(s string) string {
	s = simplify(squash(s))
	if (strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")")) && strings.Contains(s, "分") {
		s = rePointsSuffix().ReplaceAllString(s, "") // the regexp only where it can match
	}
	return strings.TrimRight(s, "。.；;")
}

// rePointsSuffix is an indicator's trailing points (（3分）), which ingest
// keeps in Points, not in the text.
var rePointsSuffix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[（(]\d+(?:\.\d+)?分[）)]$`) })

func formatNum(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func almostEqual(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// isOrgUnit reports whether s reads as the name of an organisational unit,
// by the suffixes model/cell uses for ingest's column typing.
func isOrgUnit(s string) bool { return cell.IsOrgName(s) }

// surnames are the common Chinese family names (single and double) used to
// tell a personal name from other short text.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪"

var doubleSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐"}

// looksLikeName reports whether s has the shape of a Chinese personal name:
// two to four Han characters starting with a family name, not an org unit.
func looksLikeName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || isOrgUnit(s) {
		return false
	}
	for _, r := range s {
		if !cjk.Han(r) {
			return false
		}
	}
	for _, d := range doubleSurnames {
		if strings.HasPrefix(s, d) {
			return n >= 3
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	return n <= 3 && strings.ContainsRune(surnames, first)
}

var reNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[+-]?\d+(?:\.\d+)?\s*分?$`) })

// shiftedKind names what a cell holds when it holds something that belongs in
// another column: "number" (a weight), "person", "department"; "" otherwise.
func shiftedKind(s string, c *checker) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return ""
	case reNumber().MatchString(s):
		return "number"
	case c.persons[s] && !isOrgUnit(s):
		return "person"
	case looksLikeName(s):
		return "person"
	case isOrgUnit(s) && utf8.RuneCountInString(s) <= 12:
		return "department"
	}
	return ""
}
