package layout

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model/cjk"
)

// Spacing is the kind of text a line is set in, which decides how wide a
// gap between two glyphs must be to be a space the producer positioned
// instead of drawing one. Callers name it by its constants (Prose, Cell);
// the type is exported as Space's parameter.
type Spacing uint8

const (
	// Prose is running text on a page (a 通知, a 版记): a gap is a space at
	// 0.15 em between Latin glyphs (where pdftotext breaks words), at
	// 0.25 em between Han and a Latin letter or digit (Word, WPS and
	// LibreOffice leave an automatic gap of about a fifth of an em there —
	// 印发2023 measured 0.19–0.23 em on the Writer fixture — and a typed
	// space adds its own 0.26–0.34 em), and at 0.8 em between two wide
	// glyphs (justified CJK spreads its characters; names in a 抄送 line
	// are spaced wider).
	Prose Spacing = iota
	// Cell is the text of a table cell: a gap next to a wide glyph is
	// letter-spacing (a header set 项 目 to fill its cell, 分散对齐), never
	// a word break, and between Latin glyphs a space takes a quarter em,
	// since cells are set loose.
	Cell
)

// pair classes of two neighbouring glyphs, indexing thresholds.
const (
	latin    = iota // neither glyph is wide
	oneWide         // one is wide (punctuation, or Han beside a symbol)
	hanAlnum        // Han beside a Latin letter or a digit
	bothWide        // two wide glyphs
	nClasses
)

// thresholds are the gaps, in ems, over which each class is a space; +Inf
// is never.
var thresholds = [...][nClasses]float64{
	Prose: {latin: 0.15, oneWide: 0.15, hanAlnum: 0.25, bothWide: 0.8},
	Cell:  {latin: 0.25, oneWide: math.Inf(1), hanAlnum: math.Inf(1), bothWide: math.Inf(1)},
}

// Space reports whether the gap between a and the glyph b right of it on
// one line is a space. The em is the larger glyph's. A blank glyph is a
// space the producer drew: it prints itself and its gaps are none.
func Space(a, b page.Glyph, s Spacing) bool {
	if Blank(a) || Blank(b) {
		return false
	}
	l, _ := utf8.DecodeLastRuneInString(a.Text)
	r, _ := utf8.DecodeRuneInString(b.Text)
	class := latin
	switch wa, wb := cjk.Wide(l), cjk.Wide(r); {
	case wa && wb:
		class = bothWide
	case cjk.Ideograph(l) && alnum(r), cjk.Ideograph(r) && alnum(l):
		class = hanAlnum
	case wa || wb:
		class = oneWide
	}
	return b.Box.X0-a.Box.X1 > thresholds[s][class]*math.Max(Em(a), Em(b))
}

// alnum reports a Latin letter or a digit, the characters word processors
// set apart from Han text with an automatic gap.
func alnum(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
