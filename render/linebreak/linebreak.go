// Package linebreak breaks CJK text mixed with Latin words and numbers into
// lines no wider than a given width. It exists because fpdf's MultiCell and
// SplitText drop the character at each wrap when a line has no space in it,
// and because a printed 考评表 must follow the Chinese line-breaking habits
// (禁则): no line starts with closing punctuation, no line ends with an
// opening bracket, and a Latin word or a number is never cut when it fits.
package linebreak

import (
	"strings"
	"unicode"

	"github.com/kaoping/kaoping/model/cjk"
)

// measure returns the advance width of one rune, in the caller's unit.
type measure func(r rune) float64

// closing holds the runes a line must not start with.
const closing = "，。、；：？！）》」』】〕〉”’…—～·,.;:?!)]}%‰℃"

// opening holds the runes a line must not end with.
const opening = "（《「『【〔〈“‘([{"

// noStart reports whether r may not begin a line.
func noStart(r rune) bool {
	if r < 0x80 {
		return asciiPunct[r]&closes != 0
	}
	return !unpunct(r) && strings.ContainsRune(closing, r)
}

// noEnd reports whether r may not end a line.
func noEnd(r rune) bool {
	if r < 0x80 {
		return asciiPunct[r]&opens != 0
	}
	return !unpunct(r) && strings.ContainsRune(opening, r)
}

// asciiPunct marks the ASCII runes of closing and opening, so that a Latin
// letter or digit is answered without scanning the two lists: the scans
// were a sixth of breaking a long Latin word.
var asciiPunct = func() (t [0x80]uint8) {
	for _, r := range closing {
		if r < 0x80 {
			t[r] |= closes
		}
	}
	for _, r := range opening {
		if r < 0x80 {
			t[r] |= opens
		}
	}
	return t
}()

const (
	closes = 1 << iota
	opens
)

// unpunct reports whether r lies between the CJK punctuation block and the
// full-width forms, where neither closing nor opening holds a rune: the Han
// characters, most of a text, are answered without scanning the two lists
// (two calls a rune, a sixth of breaking a line). TestUnpunct checks the
// range against the lists.
func unpunct(r rune) bool { return r > 0x303F && r < 0xFF00 }

// unit is a run of runes that should stay on one line: a CJK character with
// the closing punctuation after it and the opening punctuation before it, or a
// Latin word or number (with its punctuation), or one space. Each is a piece
// of the text's runes in order, so a unit is a slice of them, and a line a
// slice of the units after one another.
type unit []rune

// units splits s into its unbreakable units.
func units(s string) []unit { return unitsOf([]rune(s)) }

// unitsOf splits rs into its unbreakable units, slices of rs (capped, so an
// append to one copies it): a unit each rune's own allocation was a fifth of
// a layout's bytes.
func unitsOf(rs []rune) []unit {
	var out []unit
	cs, ce := -1, 0 // the unit being built is rs[cs:ce]; none when cs < 0
	ob, oe := 0, 0  // the opening punctuation waiting for its rune, rs[ob:oe]
	word := false   // the unit is a Latin word or number still open for more runes
	flush := func() {
		if cs >= 0 {
			out = append(out, rs[cs:ce:ce])
		}
		cs, word = -1, false
	}
	start := func(i int) {
		flush()
		cs, ce = i, i+1
		if oe > ob {
			cs = ob
		}
		ob, oe = 0, 0
	}
	for i, r := range rs {
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case word && wordInner(r) && isWord(next):
			// 12.5, 1,000, 2023-09-26, a/b: one word
			ce = i + 1
		case isWord(r):
			if !word {
				start(i)
				word = true
			} else {
				ce = i + 1
			}
		case noStart(r):
			switch {
			case oe > ob:
				oe = i + 1
			case cs >= 0:
				ce = i + 1
				word = false
			case len(out) > 0:
				// the unit before ends at r
				last := len(out) - 1
				out[last] = rs[i-len(out[last]) : i+1 : i+1]
			default:
				cs, ce = i, i+1
			}
		case noEnd(r):
			flush()
			if oe == ob {
				ob = i
			}
			oe = i + 1
		default:
			start(i)
			if unicode.IsSpace(r) {
				flush()
			}
		}
	}
	flush()
	if oe > ob {
		out = append(out, rs[ob:oe:oe])
	}
	return out
}

// isWord reports whether r belongs to a Latin word or a number, which is kept
// whole on a line when it fits.
func isWord(r rune) bool {
	return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// wordInner reports whether r joins two word runes into one word.
func wordInner(r rune) bool { return strings.ContainsRune(".,-_/+:'", r) }

// Lines breaks s into lines whose width, measured rune by rune with m, is at
// most width. Every rune of s appears in exactly one line, in order, so
// strings.Join(Lines(s, …), "") == s for s without '\n'; a '\n' in s ends a
// line and is not kept (invalid UTF-8 becomes U+FFFD). A unit wider than the whole width (a long URL, a
// width narrower than two characters) is cut rune by rune, preferring a cut
// that does not put closing punctuation first.
func Lines(s string, width float64, m measure) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, breakPara(para, width, m)...)
	}
	return lines
}

func breakPara(s string, width float64, m measure) []string {
	if s == "" {
		return []string{""}
	}
	// the line being filled is rs[ls:le], the units taken so far, and the
	// next unit starts at le
	rs := []rune(s)
	var lines []string
	ls, le := 0, 0
	w := 0.0
	emit := func() {
		lines = append(lines, string(rs[ls:le]))
		ls, w = le, 0
	}
	for _, u := range unitsOf(rs) {
		uw := 0.0
		for _, r := range u {
			uw += m(r)
		}
		if w+uw <= width {
			le += len(u)
			w += uw
			continue
		}
		if le > ls {
			emit()
		}
		if uw <= width {
			le += len(u)
			w = uw
			continue
		}
		// The unit alone is too wide: cut it rune by rune, moving the cut
		// back over runes that may not end or start a line.
		for _, r := range u {
			rw := m(r)
			if w+rw > width && le > ls {
				end := le
				le = ls + cut(rs[ls:le], r, width, m)
				emit()
				le = end
				w = widthOf(rs[ls:le], m)
			}
			le++
			w += rw
		}
	}
	if le > ls || len(lines) == 0 {
		emit()
	}
	return lines
}

// cut returns where to end line when r does not fit after it: the latest
// position that keeps something on the line, does not end it with an opening
// bracket, does not start the next with closing punctuation, and leaves the
// moved runes narrow enough for a line of their own.
func cut(line []rune, r rune, width float64, m measure) int {
	for k := len(line); k > 0; k-- {
		first := r
		if k < len(line) {
			first = line[k]
		}
		if noEnd(line[k-1]) || noStart(first) {
			continue
		}
		if widthOf(line[k:], m)+m(r) > width {
			break
		}
		return k
	}
	return len(line)
}

func widthOf(rs []rune, m measure) float64 {
	w := 0.0
	for _, r := range rs {
		w += m(r)
	}
	return w
}

// Fixed is a Measure for tests and for text grids: CJK and full-width runes
// are one em wide, others half an em.
func Fixed(em float64) measure {
	return func(r rune) float64 {
		if cjk.Wide(r) {
			return em
		}
		return em / 2
	}
}
