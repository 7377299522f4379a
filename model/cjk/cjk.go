// Package cjk is the one home of the questions every stage asks of Chinese
// text: is this rune set on a full em (so a gap next to it is not a word
// space and a line may break after it), is it an ideograph, and the white
// space and full-width digit folding that makes two spellings of the same
// cell compare equal. It sits in model so that ingest, model and render can
// all import it; before it there were seven predicates with seven different
// ranges, and a character one stage called wide another did not.
package cjk

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Wide reports whether r is set on a full em in Chinese text: the East Asian
// Wide and Fullwidth runes of Unicode's East_Asian_Width property (Han, kana,
// Hangul, CJK punctuation, full-width forms), and the ambiguous punctuation
// that Chinese fonts and GB/T 15834 set full width: quotation marks, the dash,
// and the ellipsis. Between two such runes a gap is never a word space. The
// interpunct (·) is not wide: producers print 单位 · 内部资料 with real spaces.
func Wide(r rune) bool {
	// Every cell's text asks this of each glyph pair: the two ranges most
	// text falls in answer without the property trie (TestWideFastPaths
	// checks them against it). Nothing before U+1100 (Hangul Jamo) is Wide
	// or Fullwidth; U+4E00..U+9FFF, the unified ideographs, all are.
	switch {
	case r < 0x1100:
		return false
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	}
	return wide(r)
}

// wide is Wide by the property itself.
func wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	switch r {
	case '“', '”', '‘', '’', '—', '…':
		return true
	}
	return false
}

// Han reports a Han character (汉字): what a person's name, a 序号 in
// words or a Chinese word is written in. Ideograph is the wider test.
func Han(r rune) bool { return unicode.Is(unicode.Han, r) }

// Ideograph reports Han, kana and Hangul: the scripts (not their punctuation)
// whose gap to Latin letters and digits a word processor widens by itself.
func Ideograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// Squash removes all white space, U+3000 included: 重 点 工 作 and 重点工作
// compare equal.
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// NarrowDigits maps the full-width digits and full stop (１２．５) to ASCII,
// leaving every other rune alone: a full-width parenthesis is text, a
// full-width digit is a number.
func NarrowDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' || r == '．' {
			return []rune(width.Narrow.String(string(r)))[0]
		}
		return r
	}, s)
}

// Join removes the white space a layout puts next to wide text (管委会 2023
// 年度 → 管委会2023年度, 项 目 → 项目) and folds every other run of white
// space to one space, so spaces between two Latin words stay.
func Join(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if !Wide(rs[i-1]) && !Wide(rs[j]) {
			b.WriteRune(' ')
		}
		i = j - 1
	}
	return b.String()
}
