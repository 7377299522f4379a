package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Why a subset of our own: fpdf parses a font into maps of every character
// and glyph when it is added, and again when it cuts the glyphs a PDF uses
// on output. For the 21,938 characters of the embedded face that was about
// 30 ms of every render, most of a small document's cost, and fpdf's API
// cannot share a parsed font between documents. So fpdf is handed a font
// cut here to the runes the document can print. It holds, for those runes,
// the same glyph outlines (byte for byte), advances, side bearings and
// cmap entries, and the same name, head, hhea, maxp, OS/2, post and hinting
// tables; fpdf's cut of it, its widths and its font descriptor are then the
// same as from the whole font, and so are the PDF's bytes
// (TestSubsetSameBytes). golang.org/x/image/font/sfnt reads fonts but does
// not write them, and gives no table's bytes.

// runeSet is a set of BMP runes, one bit a rune.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && s[r/64]&(1<<(uint(r)%64)) != 0
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r <= 0xFFFF {
		s[r/64] |= 1 << (uint(r) % 64)
	}
}

func (s *runeSet) addString(t string) {
	for _, r := range t {
		s.add(r)
	}
}

// Composite glyph flags (the glyf table's component records).
const (
	argWords   = 1 << 0
	haveScale  = 1 << 3
	moreComps  = 1 << 5
	haveXYScal = 1 << 6
	have2x2    = 1 << 7
)

// Bounds on composite glyphs, which fpdf expands recursively without
// looking for a glyph it has seen: a cycle would overflow its stack (a
// fatal error no recover catches) and deep sharing would take exponential
// time. A real font nests two or three deep.
const (
	maxCompDepth  = 16
	maxCompVisits = 1 << 16
)

// subset cuts the font to the runes of want it lists: glyph 0, their glyphs
// and the components of those, renumbered in their original order.
func (f *face) subset(want *runeSet) ([]byte, error) {
	type pair struct{ r, old int }
	var pairs []pair
	for w, bits := range want {
		for b := 0; bits != 0; b, bits = b+1, bits>>1 {
			if bits&1 == 0 {
				continue
			}
			r := w*64 + b
			if r == 0xFFFF {
				continue // the closing segment maps it to 0, as in every cmap
			}
			if g, listed := f.glyph(rune(r)); listed {
				pairs = append(pairs, pair{r, g})
			}
		}
	}
	// the glyphs to keep: 0, the pairs' glyphs and their components
	keep := map[int]bool{0: true}
	visits := map[int]int{} // glyph → the glyphs fpdf's expansion of it visits
	var walk func(g, depth int) (int, error)
	walk = func(g, depth int) (int, error) {
		if v, ok := visits[g]; ok {
			if v < 0 {
				return 0, fmt.Errorf("glyph %d is a composite that contains itself", g)
			}
			return v, nil
		}
		if depth > maxCompDepth {
			return 0, fmt.Errorf("glyph %d nests components deeper than %d", g, maxCompDepth)
		}
		keep[g] = true
		visits[g] = -1 // on the path
		comps, err := f.components(g)
		if err != nil {
			return 0, err
		}
		n := 1
		for _, c := range comps {
			v, err := walk(c.gid, depth+1)
			if err != nil {
				return 0, err
			}
			if n += v; n > maxCompVisits {
				return 0, fmt.Errorf("glyph %d expands to more than %d components", g, maxCompVisits)
			}
		}
		visits[g] = n
		return n, nil
	}
	total := 0
	if _, err := walk(0, 0); err != nil {
		return nil, err
	}
	for _, p := range pairs {
		v, err := walk(p.old, 0)
		if err != nil {
			return nil, err
		}
		if total += v; total > maxCompVisits {
			return nil, errors.New("the glyphs used expand to too many components")
		}
	}
	olds := make([]int, 0, len(keep))
	for g := range keep {
		olds = append(olds, g)
	}
	sort.Ints(olds)
	newID := make(map[int]int, len(olds))
	for i, g := range olds {
		newID[g] = i
	}

	// glyf, loca (long offsets, so every glyph keeps its exact length, the
	// padding it had included) and hmtx (a full metric a glyph)
	var glyf, loca, hmtx []byte
	for _, g := range olds {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		data, _ := f.glyf(g)
		start := len(glyf)
		glyf = append(glyf, data...)
		comps, _ := f.components(g)
		for _, c := range comps {
			binary.BigEndian.PutUint16(glyf[start+c.at:], uint16(newID[c.gid]))
		}
		hmtx = append(hmtx, f.metric(g)...)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	mapped := make([]cmapEntry, len(pairs))
	for i, p := range pairs {
		mapped[i] = cmapEntry{p.r, newID[p.old]} // 0 stays 0
	}
	cmap, err := cmapTable(mapped)
	if err != nil {
		return nil, err
	}

	count := len(olds)
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(count))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(count))
	// post 3.0: the header without glyph names (fpdf keeps only that)
	post := make([]byte, 32)
	copy(post[4:], f.tables["post"][4:min(32, len(f.tables["post"]))])
	post[1] = 3

	out := map[string][]byte{"glyf": glyf, "loca": loca, "hmtx": hmtx, "cmap": cmap,
		"head": head, "hhea": hhea, "maxp": maxp, "post": post}
	for _, t := range tablesCopied {
		if b := f.tables[t]; len(b) > 0 {
			out[t] = b
		}
	}
	return assemble(out), nil
}

// cmapEntry maps a rune to a glyph.
type cmapEntry struct{ r, g int }

// cmapTable writes a cmap of one format 4 subtable (3, 1) holding es, in
// rune order: a segment per run of runes whose glyphs follow each other.
func cmapTable(es []cmapEntry) ([]byte, error) {
	type seg struct{ start, end, delta int }
	var segs []seg
	prevR, prevG := -2, 0
	for _, e := range es {
		if e.g != 0 && prevG != 0 && e.r == prevR+1 && e.g == prevG+1 {
			segs[len(segs)-1].end = e.r
		} else {
			segs = append(segs, seg{e.r, e.r, (e.g - e.r) & 0xFFFF})
		}
		prevR, prevG = e.r, e.g
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	subLen := 16 + 8*n
	if subLen > 0xFFFF {
		return nil, errors.New("too many characters for one cmap subtable")
	}
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 2
	cmap := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	for _, v := range []int{4, subLen, 0, 2 * n, searchRange, entrySelector, 2*n - searchRange} {
		cmap = binary.BigEndian.AppendUint16(cmap, uint16(v))
	}
	for _, s := range segs {
		cmap = binary.BigEndian.AppendUint16(cmap, uint16(s.end))
	}
	cmap = append(cmap, 0, 0)
	for _, s := range segs {
		cmap = binary.BigEndian.AppendUint16(cmap, uint16(s.start))
	}
	for _, s := range segs {
		cmap = binary.BigEndian.AppendUint16(cmap, uint16(s.delta))
	}
	return append(cmap, make([]byte, 2*n)...), nil // idRangeOffset: none
}

// glyf returns the bytes of glyph g as loca delimits them.
func (f *face) glyf(g int) ([]byte, error) {
	if g < 0 || g >= f.numGlyphs {
		return nil, fmt.Errorf("glyph %d is past the last", g)
	}
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var from, to int
	if f.longLoca {
		from, to = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		from, to = 2*u16(loca, 2*g), 2*u16(loca, 2*g+2)
	}
	if from > to || to > len(glyf) {
		return nil, fmt.Errorf("glyph %d lies outside the glyf table", g)
	}
	return glyf[from:to], nil
}

// component is one glyph a composite glyph draws, and where its index is.
type component struct{ gid, at int }

// components lists the components of glyph g; none for a simple glyph.
func (f *face) components(g int) ([]component, error) {
	data, err := f.glyf(g)
	if err != nil {
		return nil, err
	}
	if len(data) < 10 || int16(u16(data, 0)) >= 0 {
		return nil, nil
	}
	var out []component
	for pos, flags := 10, moreComps; flags&moreComps != 0; {
		if pos+4 > len(data) {
			return nil, fmt.Errorf("composite glyph %d is cut short", g)
		}
		flags = u16(data, pos)
		c := u16(data, pos+2)
		if c >= f.numGlyphs {
			return nil, fmt.Errorf("composite glyph %d names glyph %d, past the last", g, c)
		}
		out = append(out, component{c, pos + 2})
		pos += 4 + 2
		if flags&argWords != 0 {
			pos += 2
		}
		switch {
		case flags&haveScale != 0:
			pos += 2
		case flags&haveXYScal != 0:
			pos += 4
		case flags&have2x2 != 0:
			pos += 8
		}
		if pos > len(data) {
			return nil, fmt.Errorf("composite glyph %d is cut short", g)
		}
	}
	return out, nil
}

// metric is glyph g's advance and left side bearing, as fpdf reads them.
func (f *face) metric(g int) []byte {
	hmtx := f.tables["hmtx"]
	if g < f.nHM {
		return hmtx[4*g : 4*g+4]
	}
	m := append([]byte(nil), hmtx[4*(f.nHM-1):4*(f.nHM-1)+2]...)
	return append(m, hmtx[4*f.nHM+2*(g-f.nHM):][:2]...)
}

// assemble writes the tables as one font, in tag order, each padded to four
// bytes, with their checksums and head's checkSumAdjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	for _, v := range []int{n, 16 * sr, es, 16*n - 16*sr} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	off := 12 + 16*n
	headAt := 0
	for _, t := range tags {
		b := tables[t]
		if t == "head" {
			headAt = off
		}
		out = append(out, t...)
		out = binary.BigEndian.AppendUint32(out, checksum(b))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
		off += (len(b) + 3) &^ 3
	}
	for _, t := range tags {
		out = append(out, tables[t]...)
		out = append(out, make([]byte, (4-len(tables[t])%4)%4)...)
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
