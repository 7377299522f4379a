package pdf

import (
	"strings"
	"unicode"
)

// printable returns s as family can print it: a character the font has no
// glyph for (outside the BMP, or a rare character the font lacks, such as
// CJK Extension A 㛃 in the GBK subset) becomes missingGlyph, so the clerk
// sees that something is there instead of a blank; a space the font lacks
// (no-break space) becomes an ASCII space, and an invisible format character
// (zero-width space, BOM) is left out. A line feed passes, for the line
// breaker; a tab becomes a space, and any other control character (a
// carriage return, NUL) is left out: the font has no glyph for one, and fpdf
// would measure NUL by a count of the font's characters. A font without 〓
// gets '?' instead.
func (r *renderer) printable(family, s string) string {
	c := r.faces[family]
	if c == nil {
		// No cmap read (a --font fpdf accepted but we could not parse):
		// still no character outside the BMP, on which fpdf panics.
		return strings.Map(func(ch rune) rune {
			if ch > 0xFFFF {
				return missingGlyph
			}
			return ch
		}, s)
	}
	ok := true
	for _, ch := range s {
		if (ch >= ' ' && !c.has(ch)) || (ch < ' ' && ch != '\n') {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	missing := missingGlyph
	if !c.has(missing) {
		missing = '?'
	}
	var b strings.Builder
	for _, ch := range s {
		switch {
		case ch == '\n' || (ch >= ' ' && c.has(ch)):
			b.WriteRune(ch)
		case ch < ' ':
			if ch == '\t' {
				b.WriteByte(' ')
			}
		case unicode.Is(unicode.Zs, ch):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, ch):
		default:
			b.WriteRune(missing)
		}
	}
	return b.String()
}
