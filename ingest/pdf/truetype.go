package pdf

import "encoding/binary"

// A CID font without ToUnicode (some Chinese producers omit it) can still be
// read when it embeds a TrueType program: its cmap table maps Unicode to
// glyph ids, and the PDF maps CIDs to the same glyph ids (CIDToGIDMap).
// Reversing the cmap gives the text, as poppler does.

// maxCmapChars bounds the characters read from one cmap table.
const maxCmapChars = 1 << 18

// glyphRunes reverses the Unicode cmap of a TrueType font program: glyph id
// → the smallest code point drawn with it. It returns nil when the program
// has no usable cmap; malformed data is read as far as it is sound.
func glyphRunes(font []byte) map[uint16]rune {
	u16 := func(b []byte, off int) (int, bool) {
		if off < 0 || off+2 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[off:])), true
	}
	u32 := func(b []byte, off int) (int, bool) {
		if off < 0 || off+4 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(b[off:])), true
	}
	n, ok := u16(font, 4)
	if !ok {
		return nil
	}
	var cmap []byte
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil
		}
		if string(font[rec:rec+4]) != "cmap" {
			continue
		}
		off, _ := u32(font, rec+8)
		length, _ := u32(font, rec+12)
		if off < 0 || length < 0 || off+length > len(font) || off+length < off {
			return nil
		}
		cmap = font[off : off+length]
	}
	if cmap == nil {
		return nil
	}
	// Prefer a full-repertoire subtable (3,10 or 0,4+, format 12), then a
	// BMP one (3,1 or 0,x, format 4).
	best, bestRank := -1, 0
	subs, _ := u16(cmap, 2)
	for i := 0; i < subs; i++ {
		pid, ok1 := u16(cmap, 4+8*i)
		eid, ok2 := u16(cmap, 6+8*i)
		off, ok3 := u32(cmap, 8+8*i)
		if !ok1 || !ok2 || !ok3 {
			break
		}
		format, ok := u16(cmap, off)
		if !ok {
			continue
		}
		rank := 0
		switch {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			rank = 3
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return nil
	}
	sub := cmap[best:]
	out := map[uint16]rune{}
	add := func(r rune, gid int) {
		if gid == 0 || gid > 0xFFFF {
			return
		}
		if old, ok := out[uint16(gid)]; !ok || r < old {
			out[uint16(gid)] = r
		}
	}
	format, _ := u16(sub, 0)
	count := 0
	switch format {
	case 4:
		segX2, ok := u16(sub, 6)
		if !ok {
			return nil
		}
		seg := segX2 / 2
		ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
		for i := 0; i < seg; i++ {
			end, ok1 := u16(sub, ends+2*i)
			start, ok2 := u16(sub, starts+2*i)
			delta, ok3 := u16(sub, deltas+2*i)
			ro, ok4 := u16(sub, ranges+2*i)
			if !ok1 || !ok2 || !ok3 || !ok4 {
				break
			}
			for c := start; c <= end && c != 0xFFFF && count < maxCmapChars; c++ {
				count++
				gid := 0
				if ro == 0 {
					gid = (c + delta) & 0xFFFF
				} else {
					g, ok := u16(sub, ranges+2*i+ro+2*(c-start))
					if !ok {
						break
					}
					if g != 0 {
						gid = (g + delta) & 0xFFFF
					}
				}
				add(rune(c), gid)
			}
		}
	case 12:
		groups, ok := u32(sub, 12)
		if !ok {
			return nil
		}
		for i := 0; i < groups; i++ {
			start, ok1 := u32(sub, 16+12*i)
			end, ok2 := u32(sub, 20+12*i)
			gid, ok3 := u32(sub, 24+12*i)
			if !ok1 || !ok2 || !ok3 || end > 0x10FFFF {
				break
			}
			for c := start; c <= end && count < maxCmapChars; c++ {
				count++
				add(rune(c), gid+c-start)
			}
		}
	default:
		return nil
	}
	return out
}
