// Package layout groups the glyphs of a page model into text lines, stacks
// vertical text into columns, and decides where a gap between two glyphs is
// a space: the steps that the page's lines (ingest/lines), ruled cells
// (ingest/lattice), unruled tables (ingest/stream) and the cross-page joiner
// (ingest/tables) all start from. Each was written twice or more, with
// different rules; here each is once, its tolerances in ems of the glyphs'
// own font size.
//
// One file per step: layout.go (lines and stacks), space.go (spaces).
package layout

import (
	"cmp"
	"math"
	"slices"
	"unicode"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// Line is the glyphs of one text line, left to right (of one stack, top to
// bottom). Box spans its printing glyphs along the line (X0 +Inf, X1 -Inf
// when it has none) and every glyph that joined it across. Exported as the
// result of Lines and Stacks, whose callers read its fields.
type Line struct {
	Glyphs []page.Glyph
	Box    model.Box
}

// Blank reports a glyph that prints nothing (a drawn space).
func Blank(g page.Glyph) bool {
	// strings.TrimSpace(g.Text) == "", without walking the whole text
	// from both ends: most glyphs are one printing character.
	for _, r := range g.Text {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// CenterY is the vertical centre of g's box.
func CenterY(g page.Glyph) float64 { return (g.Box.Y0 + g.Box.Y1) / 2 }

// Em is g's font size, the unit every tolerance here is measured in; a glyph
// without one (none of our readers makes such, but a page model may be
// built by hand) counts its box height.
func Em(g page.Glyph) float64 {
	if g.Size > 0 {
		return g.Size
	}
	return g.Box.Y1 - g.Box.Y0
}

// Rule says when a glyph, taken in order of its centre, joins the line
// being built. The two rules exist because a page and a cell disagree: on a
// page, the lines of neighbouring cells, each centred vertically in its own
// cell, interleave at fractions of a line, so a line whose extent grows to
// hold each glyph swallows the next cell's lines and chains a whole table
// row into one line (the 工作目标 column of fixtures/pdf/kaoping-render.pdf
// does: 中于委要共印会点…); inside one cell nothing interleaves, and what the
// glyphs of a line share whatever their size (a smaller 注, a superscript)
// is the extent, not the centre. Callers name a Rule by its constants
// (Extent, Baseline); the type is exported as the parameter of Lines and
// Stacks.
type Rule uint8

const (
	// Extent: a glyph joins when its centre falls within the line's
	// extent across, which grows to hold it. For the glyphs of one cell or
	// one column of text.
	Extent Rule = iota
	// Baseline: a glyph joins when its centre is within sameLine ems of the
	// running mean of the line's centres (the mean keeps a long line from
	// drifting, and a sloped scan's line still holds together). For a
	// whole page, where neighbouring columns' lines interleave.
	Baseline
)

// sameLine is the Baseline rule's tolerance, in ems of the larger of the
// line's and the glyph's size: glyphs of one line share a centre to well
// within a third of an em, and lines of text are at least an em apart.
const sameLine = 0.35

// SameLine reports whether two vertical centres are on one line of text set
// in em-sized glyphs: the Baseline rule's test, for the reading order of
// blocks cut from lines as well.
func SameLine(cy0, cy1, em float64) bool { return math.Abs(cy0-cy1) <= sameLine*em }

// Lines clusters glyphs into lines by rule r. With spaces, blank glyphs are
// kept (their gaps are the producer's word spaces); under Extent they also
// join the line above when their centre is at most half a line below it
// (a producer's space glyph sits on the baseline with a box of its own).
// Without spaces they are dropped.
func Lines(gs []page.Glyph, r Rule, spaces bool) []Line {
	ls, _ := LinesBuf(nil, nil, gs, r, spaces)
	return ls
}

// LinesBuf is Lines sorting its copy of gs in buf and the lines in lines
// (both from index 0), grown as needed and returned for the next call: a
// caller that reads the lines of one cell after another spares a copy of
// every cell's glyphs and a slice of lines per cell. The lines and their
// Glyphs are valid until the buffers are used again; gs must not be buf's.
func LinesBuf(lines []Line, buf, gs []page.Glyph, r Rule, spaces bool) ([]Line, []page.Glyph) {
	gs, buf = byCenter(buf, gs, spaces)
	ls := lines[:0]
	// mean and size are the Baseline rule's running mean centre and
	// largest size of the last line.
	var mean, size float64
	// A glyph joins the last line or starts one, so each line is a run of
	// gs (sorted by centre): its Glyphs are that run of the private copy,
	// capped so that a caller's append copies instead of overwriting the
	// next line — no allocation per line.
	start := 0
	for i, g := range gs {
		cy := CenterY(g)
		if n := len(ls); n > 0 {
			l := &ls[n-1]
			var join bool
			switch r {
			case Extent:
				join = cy <= l.Box.Y1 && cy >= l.Box.Y0 || (Blank(g) && cy <= l.Box.Y1+(l.Box.Y1-l.Box.Y0)/2)
			case Baseline:
				join = SameLine(cy, mean, math.Max(size, Em(g)))
			}
			if join {
				k := float64(i - start)
				l.Glyphs = gs[start : i+1 : i+1]
				// The extent follows the union, so a stray small glyph
				// does not narrow it.
				l.Box.Y0, l.Box.Y1 = math.Min(l.Box.Y0, g.Box.Y0), math.Max(l.Box.Y1, g.Box.Y1)
				mean, size = (mean*k+cy)/(k+1), math.Max(size, Em(g))
				continue
			}
		}
		start = i
		ls = append(ls, Line{Glyphs: gs[i : i+1 : i+1], Box: g.Box})
		mean, size = cy, Em(g)
	}
	for i := range ls {
		l := &ls[i]
		// Most lines come left to right already (a producer draws them
		// so): checking costs less than the stable sort's merges.
		byX0 := func(a, b page.Glyph) int { return cmp.Compare(a.Box.X0, b.Box.X0) }
		if !slices.IsSortedFunc(l.Glyphs, byX0) {
			slices.SortStableFunc(l.Glyphs, byX0)
		}
		l.Box.X0, l.Box.X1 = math.Inf(1), math.Inf(-1)
		for _, g := range l.Glyphs {
			if !Blank(g) {
				l.Box.X0, l.Box.X1 = math.Min(l.Box.X0, g.Box.X0), math.Max(l.Box.X1, g.Box.X1)
			}
		}
	}
	return ls, buf
}

// byCenter copies gs into buf (grown as needed; without spaces, blank
// glyphs left out), in order of their vertical centre, glyphs of one
// centre in their order in gs: the order slices.SortStableFunc by CenterY
// gives. A page's glyphs are sorted by their keys (centre, index), not
// moved about a stable sort's merges as 88-byte structs: the sort of a
// page's few thousand glyphs was the most of the page's line grouping.
// A cell's few glyphs are sorted in place as before.
func byCenter(buf, gs []page.Glyph, spaces bool) (sorted, grown []page.Glyph) {
	if len(gs) <= smallSort {
		gs = append(buf[:0], gs...)
		buf = gs
		if !spaces {
			gs = slices.DeleteFunc(gs, Blank)
		}
		slices.SortStableFunc(gs, func(a, b page.Glyph) int { return cmp.Compare(CenterY(a), CenterY(b)) })
		return gs, buf
	}
	// The keys of a long cell's glyphs on the stack, a page's on the heap,
	// sorted by a stable radix sort of their bits: ties keep their order
	// in gs, as SortStableFunc keeps it.
	var stack, stack2 [256]radixKey
	keys, tmp := stack[:0], stack2[:]
	if len(gs) > len(stack) {
		keys, tmp = make([]radixKey, 0, len(gs)), make([]radixKey, len(gs))
	}
	for i, g := range gs {
		if spaces || !Blank(g) {
			keys = append(keys, radixKey{orderBits(CenterY(g)), int32(i)})
		}
	}
	keys = radixSort(keys, tmp[:len(keys)])
	buf = slices.Grow(buf[:0], len(keys))[:len(keys)]
	for j, k := range keys {
		buf[j] = gs[k.i]
	}
	return buf, buf
}

// radixKey is a glyph's place in the order (orderBits of its centre) and
// its index.
type radixKey struct {
	bits uint64
	i    int32
}

// orderBits maps a float64 to bits whose unsigned order is cmp.Compare's
// order of the floats: NaN first (all NaNs equal), -0 equal to +0.
func orderBits(f float64) uint64 {
	if f != f {
		return 0
	}
	if f == 0 {
		f = 0 // -0 as +0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b // negative: larger magnitudes first
	}
	return b | 1<<63
}

// radixSort sorts keys by bits, stably, a byte at a time from the lowest
// (a byte all keys share is skipped: a page's centres differ in a few low
// bytes of their mantissa). tmp is scratch of keys' length; the sorted
// keys are in one of the two, which it returns.
func radixSort(keys, tmp []radixKey) []radixKey {
	if len(keys) < 2 {
		return keys
	}
	var count [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		clear(count[:])
		for _, k := range keys {
			count[byte(k.bits>>shift)]++
		}
		if count[byte(keys[0].bits>>shift)] == len(keys) {
			continue
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, k := range keys {
			d := byte(k.bits >> shift)
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	return keys
}

// smallSort is the most glyphs byCenter sorts in place (an insertion
// sort, for the glyphs of a cell): beyond, keys are sorted.
const smallSort = 32

// Stacks clusters the printing glyphs of vertical text into columns read
// top to bottom, the columns right to left as vertical Chinese is read: a
// glyph set in a vertical writing mode, or a 项目 label stacked one glyph a
// line in a narrow cell. It is Lines with the axes swapped, by the same
// rule; Box spans each column's glyphs (Y along it, X across it).
func Stacks(gs []page.Glyph, r Rule) []Line {
	t := make([]page.Glyph, len(gs))
	for i, g := range gs {
		g.Box = transpose(g.Box)
		t[i] = g
	}
	ls := Lines(t, r, false)
	slices.Reverse(ls)
	for i := range ls {
		l := &ls[i]
		l.Box = transpose(l.Box)
		for k := range l.Glyphs {
			l.Glyphs[k].Box = transpose(l.Glyphs[k].Box)
		}
	}
	return ls
}

func transpose(b model.Box) model.Box { return model.Box{X0: b.Y0, Y0: b.X0, X1: b.Y1, Y1: b.X1} }
