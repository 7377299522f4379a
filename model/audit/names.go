package audit

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model/cell"
)

// How one person comes to be written two ways in a form, and how the
// name-variant rule tells: a character typed by its sound (王建国 / 王建囯 are
// two strokes apart, 李伟 / 李玮 one key of a pinyin input method), a
// character of like shape, a traditional form, a name padded with spaces or
// joined with another dot, a surname with a title (王局长) for the name.

//go:generate go run gen_readings.go

// readingIDs maps a character, as an offset from readingFirst, to 1 + the
// index of its common reading in readingTable (0: no reading). The common
// reading, without tones, is the syllable a pinyin input method is typed
// with, whose candidates a slip picks from. (Rare readings of polyphones — 英
// as yang, 方 as pang — would make most names sound alike.) The table is
// built the first time two names are compared, so a command that never runs
// the name-variant rule does not pay for it; it holds no pointers, so the
// collector does not scan it.
var readingIDs = sync.OnceValue(func() []uint16 {
	ids := make([]uint16, readingLast-readingFirst+1)
	var id uint16
	inName := false
	for _, r := range readingTable {
		switch {
		case r >= 'a' && r <= 'z':
			if !inName {
				id++
				inName = true
			}
		case r == ' ' || r == '\n':
			inName = false
		default:
			inName = false
			ids[r-readingFirst] = id
		}
	}
	return ids
})

// reading returns a number standing for r's common reading, tones ignored,
// equal for characters that sound alike; 0 when r has none.
func reading(r rune) uint16 {
	if r < readingFirst || r > readingLast {
		return 0
	}
	return readingIDs()[r-readingFirst]
}

// sameSound reports whether a and b have the same common reading, tones
// ignored.
func sameSound(a, b rune) bool {
	ra := reading(a)
	return ra != 0 && ra == reading(b)
}

// lookalikes are characters of names mistaken for one another by shape (形近字)
// when a form is copied by hand or read from a print: pairs from the common
// lists of 形近字 that occur in names, and the variant forms that are not
// traditional characters (囯 for 国).
var lookalikes = map[rune]string{
	'国': "囯国", '囯': "国", '己': "已巳", '已': "己巳", '未': "末", '末': "未", '戊': "戌戍", '戌': "戊戍", '戍': "戊戌",
	'斌': "赟", '赟': "斌", '玉': "王主", '王': "玉主", '主': "玉王", '士': "土", '土': "士", '干': "千于", '千': "干",
	'于': "干", '休': "体", '体': "休", '候': "侯", '侯': "候", '祥': "样", '样': "祥", '锋': "峰", '峰': "锋",
	'浩': "皓", '皓': "浩", '坤': "琨", '晖': "辉", '辉': "晖", '睛': "晴", '晴': "睛", '清': "请情", '情': "清",
	'辩': "辨", '辨': "辩", '壁': "璧", '璧': "壁", '毫': "豪", '豪': "毫", '超': "起", '起': "超", '师': "帅", '帅': "师",
	'旭': "旮", '旮': "旭", '海': "每梅", '每': "海", '波': "坡", '坡': "波", '强': "弘", '弘': "强",
}

// confusable reports whether a and b are a likely slip for each other: the
// same sound, a like shape, or a traditional and a simplified form.
func confusable(a, b rune) bool {
	if a == b {
		return true
	}
	if strings.ContainsRune(lookalikes[a], b) || strings.ContainsRune(lookalikes[b], a) {
		return true
	}
	if simplify(string(a)) == simplify(string(b)) {
		return true
	}
	return sameSound(a, b)
}

// oneApart returns the position where a and b, of equal length, differ in
// exactly one character, or -1.
func oneApart(a, b string) (int, rune, rune) {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return -1, 0, 0
	}
	pos := -1
	for i := range ra {
		if ra[i] != rb[i] {
			if pos >= 0 {
				return -1, 0, 0
			}
			pos = i
		}
	}
	if pos < 0 {
		return -1, 0, 0
	}
	return pos, ra[pos], rb[pos]
}

// titles are the posts a person is named by in place of the given name
// (王局长, 欧阳副主任).
var titles = []string{"书记", "局长", "主任", "科长", "处长", "部长", "县长", "市长", "区长", "镇长", "乡长", "所长", "站长", "队长",
	"院长", "校长", "主席", "经理", "主管", "组长", "秘书长", "总监", "行长", "厅长", "馆长", "社长", "调研员", "委员", "常委", "总工"}

// titleForm splits a surname-and-title entry (王局长 → 王, 局长; 欧阳副主任 →
// 欧阳, 副主任); ok is false for a name.
func titleForm(s string) (surname, title string, ok bool) {
	for _, d := range doubleSurnames {
		if rest, found := strings.CutPrefix(s, d); found {
			if t, yes := isTitle(rest); yes {
				return d, t, true
			}
			return "", "", false
		}
	}
	first, size := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune(surnames, first) {
		return "", "", false
	}
	if t, yes := isTitle(s[size:]); yes {
		return string(first), t, true
	}
	return "", "", false
}

func isTitle(s string) (string, bool) {
	for _, t := range titles {
		if s == t || s == "副"+t || s == "常务副"+t {
			return s, true
		}
	}
	return "", false
}

// surnameOf is the family name a personal name starts with.
func surnameOf(name string) string {
	for _, d := range doubleSurnames {
		if strings.HasPrefix(name, d) {
			return d
		}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return string(r)
}

// printedPeople is a person column of a row as printed: each kept name with
// the text that printed it. Raw keeps the printed cell where it differs from
// the list; where the raw text does not give the same names, the names are
// their own print.
func printedPeople(raw string, names []string) []cell.Person {
	if raw != "" {
		ps := cell.People(raw)
		same := len(ps) == len(names)
		for i := 0; same && i < len(ps); i++ {
			same = ps[i].Name == names[i]
		}
		if same {
			return ps
		}
	}
	out := make([]cell.Person, len(names))
	for i, n := range names {
		out[i] = cell.Person{Name: n}
	}
	return out
}

// spellingDiff names how two prints of one name differ, in both languages.
func spellingDiff(a, b string) msg {
	hasSpace := func(s string) bool { return strings.ContainsFunc(s, isSpaceRune) }
	switch {
	case hasSpace(a) != hasSpace(b):
		return msg{"空格", "spaces"}
	case strings.ContainsAny(a, "·"+cell.NameDots) || strings.ContainsAny(b, "·"+cell.NameDots):
		return msg{"间隔号", "the dot between the parts"}
	}
	return msg{"写法", "spelling"}
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' }
