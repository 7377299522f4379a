package cell

import (
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Person is one entry of a cell listing people: the name kaoping keeps and
// the text as printed where the two differ (王　伟 for 王伟, 阿依古丽•买买提
// for 阿依古丽·买买提).
type Person struct {
	Name    string
	Printed string
}

// NameDots are the marks typed between the parts of a transcribed name in
// place of the 间隔号 · (U+00B7) GB/T 15834 prescribes: the katakana middle
// dot of Japanese input methods, the bullet, the full-width and half-width
// full stop, the hyphenation point, the dot operators.
const NameDots = "・•．.‧∙⋅･"

// People splits a cell listing personal names. It differs from SplitList in
// two ways, both for the way offices type names: a two-character name
// spaced out to the width of a three-character one (王　伟, 王 建国) is one
// name, not two, and any dot typed between the parts of a transcribed name
// is read as ·. Printed keeps what was typed, so the audit can say that one
// person is written two ways.
func People(s string) []Person {
	var out []Person
	for _, piece := range splitOn(s, isListSep) {
		words := wordSpans(piece)
		word := func(i int) string { return piece[words[i][0]:words[i][1]] }
		single := func(i int) bool {
			return i >= 0 && i < len(words) && utf8.RuneCountInString(word(i)) == 1 && isHan(word(i))
		}
		for i := 0; i < len(words); i++ {
			w := word(i)
			printed := w
			// 王　伟 (two single characters alone) or 王 建国; three or more
			// single characters in a row are letter-spaced text (重 点 工 作).
			if single(i) && !single(i-1) && i+1 < len(words) {
				next := word(i + 1)
				n := utf8.RuneCountInString(next)
				if isHan(next) && (n == 2 || n == 1 && !single(i+2)) {
					printed = piece[words[i][0]:words[i+1][1]]
					w += next
					i++
				}
			}
			name := strings.Map(func(r rune) rune {
				if strings.ContainsRune(NameDots, r) {
					return '·'
				}
				return r
			}, w)
			if !strings.ContainsRune(name, '·') || !IsPersonName(name) {
				name = w // a dot that does not join a name's parts stays
			}
			if name == printed {
				printed = ""
			}
			out = append(out, Person{Name: name, Printed: printed})
		}
	}
	return out
}

// splitPeople is the names of People.
func splitPeople(s string) []string {
	ps := People(s)
	if len(ps) == 0 {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// maxNameRunes is the longest name IsPersonName accepts.
const maxNameRunes = 8

// couldBePeople is false where splitPeople(s) cannot be all personal names,
// found in one pass without splitting (Classify asks it of every cell text,
// and most are sentences): s holds a rune that People keeps in a name and
// IsPersonName refuses (anything but Han, a name dot, white space and the
// list separators, a parenthesis included, since People keeps those in the
// piece), or a run of more than maxNameRunes runes with no space or
// separator in it, which People keeps as one word and so one name at least
// that long (the dots it maps keep the count). TestCouldBePeople holds it
// to splitPeople.
func couldBePeople(s string) bool {
	run := 0
	for _, r := range s {
		switch {
		case isListBreak(r):
			run = 0
		case cjk.Han(r) || r == '·' || strings.ContainsRune(NameDots, r):
			if run++; run > maxNameRunes {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// PrintedAs is the name as printed: Printed, or Name where they agree.
func (p Person) PrintedAs() string {
	if p.Printed != "" {
		return p.Printed
	}
	return p.Name
}

func isHan(s string) bool {
	for _, r := range s {
		if !cjk.Han(r) {
			return false
		}
	}
	return s != ""
}

// splitOn splits s at the runes sep accepts, outside parentheses, and drops
// empty pieces.
func splitOn(s string, sep func(rune) bool) []string {
	var out []string
	var b strings.Builder
	depth := 0
	flush := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			out = append(out, t)
		}
		b.Reset()
	}
	for _, r := range s {
		switch {
		case r == '（' || r == '(':
			depth++
		case r == '）' || r == ')':
			if depth > 0 {
				depth--
			}
		case depth == 0 && sep(r):
			flush()
			continue
		}
		b.WriteRune(r)
	}
	flush()
	return out
}

// wordSpans are the byte spans of the runs of s between white space.
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// SplitColumn splits the cell of a list column: people for the leaders and
// owners columns, SplitList for the others. An empty cell is an empty list,
// never nil. keepRaw is true where the printed text says more than the
// list: several entries (their separators), or a name printed otherwise
// than kept (王　伟).
func SplitColumn(col, s string) (list []string, keepRaw bool) {
	if col == model.ColLeaders || col == model.ColOwners {
		ps := People(s)
		list = make([]string, len(ps))
		for i, p := range ps {
			list[i] = p.Name
			keepRaw = keepRaw || p.Printed != ""
		}
		return list, keepRaw || len(list) > 1
	}
	list = SplitList(s)
	if list == nil {
		list = []string{}
	}
	return list, len(list) > 1
}

// ListOf is the list of SplitColumn.
func ListOf(col, s string) []string {
	l, _ := SplitColumn(col, s)
	return l
}
