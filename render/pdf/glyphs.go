package pdf

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode"
)

// coverage is the set of BMP runes a font has a glyph for, one bit a rune.
type coverage [0x10000 / 64]uint64

func (c *coverage) has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && c[r/64]&(1<<(uint(r)%64)) != 0
}

var errNoCmap = errors.New("the font has no Unicode cmap (format 4)")

// readCoverage reads which runes font maps to a glyph other than .notdef.
// It reads the cmap subtable fpdf itself uses — the first format 4
// subtable of platform 3 encoding 1 or of platform 0 — so a rune is covered
// exactly when fpdf would draw a real glyph for it. fpdf exports no such
// query, and without it a character the font lacks prints as a blank box.
func readCoverage(font []byte) (*coverage, error) {
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(font) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(font[off:])), true
	}
	u32 := func(off int) (int, bool) {
		if off < 0 || off+4 > len(font) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(font[off:])), true
	}
	numTables, ok := u16(4)
	if !ok {
		return nil, errNoCmap
	}
	cmap := -1
	for i := range numTables {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			break
		}
		if string(font[rec:rec+4]) == "cmap" {
			cmap, _ = u32(rec + 8)
			break
		}
	}
	if cmap < 0 {
		return nil, errNoCmap
	}
	n, ok := u16(cmap + 2)
	if !ok {
		return nil, errNoCmap
	}
	sub := -1
	for i := range n {
		rec := cmap + 4 + 8*i
		platform, ok1 := u16(rec)
		encoding, ok2 := u16(rec + 2)
		off, ok3 := u32(rec + 4)
		if !ok1 || !ok2 || !ok3 {
			break
		}
		if (platform == 3 && encoding == 1) || platform == 0 {
			if f, _ := u16(cmap + off); f == 4 {
				sub = cmap + off
				break
			}
		}
	}
	if sub < 0 {
		return nil, errNoCmap
	}
	segX2, ok := u16(sub + 6)
	if !ok {
		return nil, errNoCmap
	}
	ends := sub + 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	offsets := deltas + segX2
	c := &coverage{}
	for s := 0; s < segX2/2; s++ {
		end, ok1 := u16(ends + 2*s)
		start, ok2 := u16(starts + 2*s)
		delta, ok3 := u16(deltas + 2*s)
		ro, ok4 := u16(offsets + 2*s)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil, errNoCmap
		}
		for ch := start; ch <= end && ch < 0xFFFF; ch++ {
			g := 0
			if ro == 0 {
				g = (ch + delta) & 0xFFFF
			} else if v, ok := u16(offsets + 2*s + ro + 2*(ch-start)); ok && v != 0 {
				g = (v + delta) & 0xFFFF
			}
			if g != 0 {
				c[ch/64] |= 1 << (uint(ch) % 64)
			}
		}
	}
	return c, nil
}

// printable returns s as family can print it: a character the font has no
// glyph for (outside the BMP, or a rare character the font lacks, such as
// CJK Extension A 㛃 in the GBK subset) becomes missingGlyph, so the clerk
// sees that something is there instead of a blank; a space the font lacks
// (no-break space) becomes an ASCII space, and an invisible format character
// (zero-width space, BOM) is left out. Control characters pass, for the
// line breaker. A font without 〓 gets '?' instead.
func (r *renderer) printable(family, s string) string {
	c := r.cover[family]
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
		if ch >= ' ' && !c.has(ch) {
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
		case ch < ' ' || c.has(ch):
			b.WriteRune(ch)
		case unicode.Is(unicode.Zs, ch):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, ch):
		default:
			b.WriteRune(missing)
		}
	}
	return b.String()
}
