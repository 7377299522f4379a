package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// face is a TrueType font as the renderer reads it: which glyph a rune maps
// to, through the cmap subtable fpdf itself reads, and the tables a subset
// is cut from. Reading one decodes no table whole (the cmap is searched, not
// expanded; the runes looked up are kept), so every render reads its fonts
// afresh in microseconds, even the 3 MB embedded face: nothing is shared
// between renders.
type face struct {
	tables map[string][]byte // tag → the table's bytes, inside the font
	at     map[string]int    // tag → the table's offset in the font
	// the cmap subtable: its first byte's offset in the font, its end as
	// fpdf bounds it (offset + length), and its segment arrays
	sub, rim             int
	font                 []byte
	segs                 int
	ends, starts, deltas int // offsets in font of the segment arrays
	offsets              int
	numGlyphs, nHM       int
	longLoca             bool
	// glyphs are the runes looked up so far: a render asks for the same
	// few hundred characters over and over (every text is made printable
	// and measured), and the cmap's binary search was a sixth of a layout.
	glyphs *glyphCache
}

// glyphCache holds the glyphs of the runes looked up in a face.
type glyphCache struct {
	known, listed runeSet
	gid           [0x10000]uint16
}

var errNoCmap = errors.New("the font has no Unicode cmap (format 4)")

// tablesFpdfReads are the tables fpdf looks up when it parses a font or
// cuts its subset; a font lacking one of the required ones is left to fpdf,
// which says what is wrong.
var (
	tablesRequired = []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"}
	tablesCopied   = []string{"name", "OS/2", "cvt ", "fpgm", "prep", "gasp"}
)

func u16(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }

// readFace reads font's table directory and finds the cmap subtable fpdf
// uses — the first format 4 subtable of platform 3 encoding 1 or of
// platform 0 — so a rune has a glyph here exactly when fpdf would draw one.
func readFace(font []byte) (*face, error) {
	if len(font) < 12 {
		return nil, errors.New("too short for a TrueType font")
	}
	if v := binary.BigEndian.Uint32(font); v != 0x00010000 && v != 0x74727565 { // 'true'
		return nil, errors.New("not a glyf TrueType font")
	}
	f := &face{font: font, tables: map[string][]byte{}, at: map[string]int{}}
	n := u16(font, 4)
	if 12+16*n > len(font) {
		return nil, errors.New("the table directory runs past the end")
	}
	for i := range n {
		rec := font[12+16*i:]
		off, size := int64(binary.BigEndian.Uint32(rec[8:])), int64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > int64(len(font)) {
			return nil, fmt.Errorf("table %q runs past the end", rec[:4])
		}
		if _, dup := f.tables[string(rec[:4])]; !dup {
			f.tables[string(rec[:4])] = font[off : off+size : off+size]
			f.at[string(rec[:4])] = int(off)
		}
	}
	for _, t := range tablesRequired {
		if _, ok := f.at[t]; !ok {
			return nil, fmt.Errorf("no %q table", t)
		}
	}
	if len(f.tables["name"]) == 0 {
		// the cut copies a table only when it has bytes (an empty glyf,
		// all glyphs blank, is rebuilt and kept)
		return nil, errors.New("an empty name table")
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(f.tables["post"]) < 16 {
		return nil, errors.New("a head, hhea, maxp or post table is cut short")
	}
	switch u16(head, 50) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return nil, errors.New("unknown loca format")
	}
	f.numGlyphs, f.nHM = u16(maxp, 4), u16(hhea, 34)
	if f.numGlyphs == 0 || f.nHM == 0 || u16(head, 18) == 0 {
		return nil, errors.New("no glyphs, metrics or units per em")
	}
	locaSize := 2
	if f.longLoca {
		locaSize = 4
	}
	if len(f.tables["loca"]) < (f.numGlyphs+1)*locaSize ||
		len(f.tables["hmtx"]) < 4*f.nHM+2*max(0, f.numGlyphs-f.nHM) {
		return nil, errors.New("loca or hmtx is cut short")
	}
	if err := f.readCmap(); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *face) readCmap() error {
	font := f.font
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return errNoCmap
	}
	base := f.at["cmap"]
	for i := range u16(cmap, 2) {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := u16(cmap, rec), u16(cmap, rec+2)
		if (platform == 3 && encoding == 1) || platform == 0 {
			sub := base + int(binary.BigEndian.Uint32(cmap[rec+4:]))
			if sub+14 <= len(font) && u16(font, sub) == 4 {
				f.sub = sub
				break
			}
		}
	}
	if f.sub == 0 {
		return errNoCmap
	}
	f.rim = f.sub + u16(font, f.sub+2)
	f.segs = u16(font, f.sub+6) / 2
	f.ends = f.sub + 14
	f.starts = f.ends + 2*f.segs + 2
	f.deltas = f.starts + 2*f.segs
	f.offsets = f.deltas + 2*f.segs
	if f.offsets+2*f.segs > len(font) {
		return errNoCmap
	}
	return nil
}

// glyph returns the glyph fpdf draws for r (0: none) and whether the cmap
// lists r at all (a rune listed with glyph 0 is still written to the cut
// font's cmap by fpdf, so a subset keeps it for the same bytes).
func (f *face) glyph(r rune) (gid int, listed bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	if f.glyphs == nil {
		f.glyphs = &glyphCache{}
	}
	if c := f.glyphs; c.known.has(r) {
		return int(c.gid[r]), c.listed.has(r)
	}
	gid, listed = f.lookup(r)
	c := f.glyphs
	c.known.add(r)
	c.gid[r] = uint16(gid)
	if listed {
		c.listed.add(r)
	}
	return gid, listed
}

// lookup is glyph's search of the cmap.
func (f *face) lookup(r rune) (gid int, listed bool) {
	c := int(r)
	font := f.font
	// the first segment whose end is at or past c
	lo, hi := 0, f.segs
	for lo < hi {
		m := (lo + hi) / 2
		if u16(font, f.ends+2*m) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	s := lo
	if s == f.segs || u16(font, f.starts+2*s) > c {
		return 0, false
	}
	start, delta, ro := u16(font, f.starts+2*s), u16(font, f.deltas+2*s), u16(font, f.offsets+2*s)
	g := 0
	if ro == 0 {
		g = (c + delta) & 0xFFFF
	} else if pos := f.offsets + 2*s + ro + 2*(c-start); pos < f.rim && pos+2 <= len(font) {
		if g = u16(font, pos); g != 0 {
			g = (g + delta) & 0xFFFF
		}
	}
	if g >= f.numGlyphs {
		g = 0 // a glyph past the last: the character prints as missing
	}
	return g, true
}

// has reports whether the font has a glyph for r other than .notdef.
func (f *face) has(r rune) bool {
	g, _ := f.glyph(r)
	return g != 0
}

// advances returns a function measuring a string in font as fpdf's
// GetStringSymbolWidth does, in thousandths of an em: each rune's advance
// from hmtx scaled and rounded as fpdf rounds it when it parses the font (a
// glyph past the long metrics takes the last one; an advance of 32,768 or
// more counts 0), a rune with no glyph the font's missing width (glyph 0's,
// or 500 when that is 0). The layout measures with it, so that what goes
// where is decided without fpdf; TestAdvancesAsFpdf holds it to fpdf's
// widths for every rune of the embedded font.
func (f *face) advances() func(string) int {
	hmtx := f.tables["hmtx"]
	scale := 1000.0 / float64(u16(f.tables["head"], 18))
	adv := func(g int) int {
		aw := u16(hmtx, 4*min(g, f.nHM-1))
		if aw >= 1<<15 {
			aw = 0
		}
		return aw
	}
	missing := int(math.Floor(scale*float64(adv(0)) + 0.5))
	return func(s string) int {
		w := 0
		for _, r := range s {
			g, _ := f.glyph(r)
			switch {
			case g != 0 && r != 0xFFFF:
				w += int(math.Round(scale * float64(adv(g)))) // fpdf's 0 (65535) adds 0 too
			case missing != 0:
				w += missing
			default:
				w += 500
			}
		}
		return w
	}
}
