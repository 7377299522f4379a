package pdf

import (
	"errors"
	"math"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

// font is what the walker needs of a PDF font: how to split a shown string
// into codes, each code's advance width and text, and the vertical extent
// used for glyph boxes.
type font struct {
	name string
	// Simple fonts (Type1, TrueType, Type3, MMType1) take one byte per code.
	simple bool
	enc    *[256]rune
	diffs  map[byte]rune
	first  int
	widths []float64
	// missing is the width of codes outside /Widths, in text space units.
	missing float64
	// std holds standard 14 metrics for a simple font without /Widths.
	std *[256]uint16
	// Type0 fonts: the encoding CMap (embedded or predefined) and the CID widths.
	codes    *cmap
	pre      predefined
	hasPre   bool
	dw       float64
	w        map[uint32]float64
	vertical bool
	dw2      float64 // vertical advance for vertical fonts (text space units, negative is down)
	toUni    *cmap
	// gidText reverses the embedded TrueType cmap, and cidToGID is the
	// CIDToGIDMap (nil for Identity): the text of CID fonts without ToUnicode.
	gidText  map[uint16]rune
	cidToGID []byte
	// ucs is true for the Adobe-UCS collection, whose CIDs are code points.
	ucs bool
	// scale converts widths to text space units: 1/1000 for all fonts but
	// Type3, whose FontMatrix says it.
	scale float64
	// ascent and descent in text space units, for glyph boxes.
	ascent, descent float64
	cache           map[uint64]glyphInfo // by cacheKey
}

type glyphInfo struct {
	text  string
	width float64 // horizontal advance, text space units (before Tfs)
	ink   bool    // text is not only white space and control characters (noInk)
}

// cacheKey is k as one integer: a map keyed by it hashes as a uint64 does,
// faster than a struct key (the glyph cache is asked once per glyph drawn).
func cacheKey(k codeKey) uint64 { return uint64(k.code) | uint64(k.n)<<32 }

const maxWidthEntries = 1 << 17

// fontStream reads a stream a font refers to (ToUnicode, an embedded CMap
// or font program). A damaged one is read as absent, as viewers do: the
// page still shows, with less text, rather than failing whole. Only the
// limit stops the reading.
//
// The limit error is raised after the library's panics are recovered: it
// used to be raised inside the recover, which caught it, so a ToUnicode
// bomb read as "no text" after inflating a quarter of a gigabyte.
func fontStream(v lpdf.Value, budget *int64, in *inflater) ([]byte, error) {
	data, err := func() (data []byte, err error) {
		defer func() {
			if x := recover(); x != nil {
				data, err = nil, panicError(x)
			}
		}()
		return readStreamMax(v, budget, maxFontStream, in)
	}()
	if errors.Is(err, errLimit) {
		panic(abort{err})
	}
	return data, err
}

// maxFontStream bounds one font stream: a ToUnicode CMap is kilobytes, a
// whole embedded CJK font program some 20 MB.
const maxFontStream = 48 << 20

func loadFont(v lpdf.Value, budget *int64, in *inflater) *font {
	f := &font{name: v.Key("BaseFont").Name(), scale: 0.001, cache: map[uint64]glyphInfo{}}
	sub := v.Key("Subtype").Name()
	desc := v.Key("FontDescriptor")
	if sub == "Type0" {
		df := v.Key("DescendantFonts").Index(0)
		desc = df.Key("FontDescriptor")
		f.loadCID(v, df, budget, in)
	} else {
		f.simple = true
		f.loadSimple(v, sub)
		if sub == "Type3" {
			fm := v.Key("FontMatrix")
			if fm.Len() == 6 {
				f.scale = fm.Index(0).Float64()
				if f.scale == 0 || math.IsNaN(f.scale) || math.IsInf(f.scale, 0) {
					f.scale = 0.001
				}
			}
		}
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		if data, err := fontStream(tu, budget, in); err == nil {
			f.toUni = parseCMap(data)
		}
	}
	if f.toUni == nil && sub == "Type0" && !(f.hasPre && f.pre.text != nil) {
		df := v.Key("DescendantFonts").Index(0)
		f.ucs = df.Key("CIDSystemInfo").Key("Ordering").RawString() == "UCS"
		f.loadEmbeddedCmap(df, desc, budget, in)
	}
	f.ascent, f.descent = 0.9, -0.2
	if sub == "Type3" {
		// Type3 glyphs live in their own space: take the vertical extent
		// from the FontBBox through the FontMatrix.
		bb, fm := v.Key("FontBBox"), v.Key("FontMatrix")
		if bb.Len() == 4 && fm.Len() == 6 {
			a, d := bb.Index(3).Float64()*fm.Index(3).Float64(), bb.Index(1).Float64()*fm.Index(3).Float64()
			if a < d {
				a, d = d, a
			}
			if a > d && !math.IsInf(a-d, 0) {
				f.ascent, f.descent = a, d
			}
		}
		desc = lpdf.Value{}
	}
	if desc.Kind() == lpdf.Dict {
		a, d := desc.Key("Ascent").Float64(), desc.Key("Descent").Float64()
		if a > 300 && a < 1500 {
			f.ascent = a / 1000
		}
		if d < 0 && d > -700 {
			f.descent = d / 1000
		}
		if f.simple {
			f.missing = desc.Key("MissingWidth").Float64()
		}
	}
	return f
}

func (f *font) loadSimple(v lpdf.Value, sub string) {
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	n := ws.Len()
	if n > 256 {
		n = 256
	}
	f.widths = make([]float64, n)
	for i := 0; i < n; i++ {
		f.widths[i] = ws.Index(i).Float64()
	}
	if n == 0 && sub != "Type3" {
		f.std = std14(f.name)
	}
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case lpdf.Name:
		f.enc = baseEncoding(enc.Name())
	case lpdf.Dict:
		f.enc = baseEncoding(enc.Key("BaseEncoding").Name())
		d := enc.Key("Differences")
		code := 0
		for i := 0; i < d.Len() && i < 1024; i++ {
			x := d.Index(i)
			switch x.Kind() {
			case lpdf.Integer:
				code = int(x.Int64())
			case lpdf.Name:
				if code >= 0 && code < 256 {
					if f.diffs == nil {
						f.diffs = map[byte]rune{}
					}
					if r, ok := glyphRune(x.Name()); ok {
						f.diffs[byte(code)] = r
					} else {
						f.diffs[byte(code)] = 0
					}
				}
				code++
			}
		}
	}
	if f.enc == nil {
		// Symbolic fonts and fonts without /Encoding use their built-in
		// encoding, which for the text we meet is Latin: read codes as
		// Windows-1252, which pdftotext does as well for TrueType fonts.
		f.enc = winAnsi
		if sub == "Type1" && !strings.Contains(f.name, "Symbol") && !strings.Contains(f.name, "Dingbats") {
			f.enc = standard
		}
	}
}

func (f *font) loadCID(v, df lpdf.Value, budget *int64, in *inflater) {
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case lpdf.Name:
		f.pre, f.hasPre = predefinedCMap(enc.Name())
	case lpdf.Stream:
		if data, err := fontStream(enc, budget, in); err == nil {
			f.codes = parseCMap(data)
			if f.codes.usecmap != "" {
				f.pre, f.hasPre = predefinedCMap(f.codes.usecmap)
			}
			f.vertical = enc.Key("WMode").Int64() == 1
		}
	}
	if !f.hasPre && f.codes == nil {
		f.pre, f.hasPre = predefinedCMap("Identity-H")
	}
	if f.hasPre && f.pre.vertical {
		f.vertical = true
	}
	f.dw = 1000
	if d := df.Key("DW"); d.Kind() == lpdf.Integer || d.Kind() == lpdf.Real {
		f.dw = d.Float64()
	}
	f.dw2 = -1000
	if d := df.Key("DW2"); d.Len() == 2 {
		f.dw2 = d.Index(1).Float64()
	}
	f.w = map[uint32]float64{}
	w := df.Key("W")
	n := w.Len()
	entries := 0
	for i := 0; i < n && entries < maxWidthEntries; {
		c := w.Index(i)
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == lpdf.Array {
			start := uint32(c.Int64())
			for j := 0; j < next.Len() && entries < maxWidthEntries; j++ {
				f.w[start+uint32(j)] = next.Index(j).Float64()
				entries++
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi, width := c.Int64(), next.Int64(), w.Index(i+2).Float64()
		for k := lo; k <= hi && k >= 0 && entries < maxWidthEntries; k++ {
			f.w[uint32(k)] = width
			entries++
		}
		i += 3
	}
}

// loadEmbeddedCmap prepares the fallback text of a TrueType-based CID font
// without ToUnicode.
func (f *font) loadEmbeddedCmap(df, desc lpdf.Value, budget *int64, in *inflater) {
	ff := desc.Key("FontFile2")
	if ff.Kind() != lpdf.Stream {
		return
	}
	data, err := fontStream(ff, budget, in)
	if err != nil {
		return
	}
	f.gidText = glyphRunes(data)
	if m := df.Key("CIDToGIDMap"); m.Kind() == lpdf.Stream {
		if data, err := fontStream(m, budget, in); err == nil {
			f.cidToGID = data
		}
	}
}

// next splits the first code off s and returns its key and byte length.
func (f *font) next(s []byte) (codeKey, int) {
	if f.simple {
		return codeKey{uint32(s[0]), 1}, 1
	}
	if f.codes != nil && len(f.codes.space) > 0 {
		return f.codes.nextCode(s)
	}
	if f.hasPre {
		m := cmap{space: f.pre.space}
		return m.nextCode(s)
	}
	if f.toUni != nil && len(f.toUni.space) > 0 {
		return f.toUni.nextCode(s)
	}
	m := cmap{space: twoByte}
	return m.nextCode(s)
}

// glyph returns the text and advance of one code, cached per font.
func (f *font) glyph(k codeKey, raw []byte) glyphInfo {
	if g, ok := f.cache[cacheKey(k)]; ok {
		return g
	}
	var g glyphInfo
	if f.simple {
		c := int(k.code)
		if i := c - f.first; i >= 0 && i < len(f.widths) {
			g.width = f.widths[i]
		} else {
			g.width = f.missing
		}
	} else {
		cid, ok := uint32(0), false
		if f.codes != nil {
			cid, ok = f.codes.cid(k)
		}
		if !ok && f.hasPre && f.pre.identity {
			cid, ok = k.code, true
		}
		g.width = f.dw
		if ok {
			if w, found := f.w[cid]; found {
				g.width = w
			}
		}
	}
	g.text = unifyRadicals(f.text(k, raw))
	if f.std != nil {
		if r := []rune(g.text); len(r) == 1 {
			if c, ok := winAnsiCode[r[0]]; ok {
				g.width = float64(f.std[c])
			}
		}
	}
	g.width *= f.scale
	g.ink = !noInk(g.text)
	if len(f.cache) < 1<<16 {
		f.cache[cacheKey(k)] = g
	}
	return g
}

func (f *font) text(k codeKey, raw []byte) string {
	if f.toUni != nil {
		if s, ok := f.toUni.lookup(k); ok {
			return s
		}
	}
	if f.simple {
		b := byte(k.code)
		if r, ok := f.diffs[b]; ok {
			if r == 0 {
				return ""
			}
			return string(r)
		}
		if r := f.enc[b]; r != 0 {
			return string(r)
		}
		return ""
	}
	if f.hasPre && f.pre.text != nil {
		return f.pre.text(raw)
	}
	cid, ok := uint32(0), false
	if f.codes != nil {
		cid, ok = f.codes.cid(k)
	}
	if !ok && f.hasPre && f.pre.identity {
		cid, ok = k.code, true
	}
	if ok && f.ucs && cid > 0 && cid <= 0x10FFFF && !(cid >= 0xD800 && cid < 0xE000) {
		return string(rune(cid))
	}
	if f.gidText != nil {
		gid := cid
		if f.cidToGID != nil {
			if int(2*cid+1) >= len(f.cidToGID) {
				return ""
			}
			gid = uint32(f.cidToGID[2*cid])<<8 | uint32(f.cidToGID[2*cid+1])
		}
		if r, found := f.gidText[uint16(gid)]; ok && found && gid <= 0xFFFF {
			return string(r)
		}
	}
	return ""
}
