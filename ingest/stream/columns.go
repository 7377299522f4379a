package stream

import (
	"cmp"
	"math"
	"slices"
)

// span is an x or y interval.
type span struct{ lo, hi float64 }

// findColumns returns the column borders of a table from the chunks of its
// lines (all pages of it): the inner borders are the middles of the rivers,
// the x strips at least a quarter em wide that the chunks of nearly every
// line leave free; the outer ones are the table's text edges. "Nearly": a
// line in a hundred may cross a river (a 合计 centred over several
// columns, a long name run over its border) without closing it; such a
// chunk is then a doubt, or a cell over several columns. A gap that narrow
// inside one line may be a word space; one that holds at the same x on
// nearly every line is a border.
func findColumns(lines [][]span, em float64, allowed int) []float64 {
	type ev struct {
		x float64
		d int
	}
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	evs := make([]ev, 0, 2*n)
	var buf []span
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		buf = mergeInPlace(append(buf[:0], l...), 0)
		for _, iv := range buf {
			evs = append(evs, ev{iv.lo, +1}, ev{iv.hi, -1})
			lo, hi = math.Min(lo, iv.lo), math.Max(hi, iv.hi)
		}
	}
	if len(evs) == 0 {
		return nil
	}
	// Ends before starts at one x: two chunks touching leave no river.
	slices.SortFunc(evs, func(a, b ev) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return a.d - b.d
	})
	cols := []float64{lo}
	cover := 0
	start := math.NaN() // where the coverage last fell to allowed
	for _, e := range evs {
		before := cover
		cover += e.d
		switch {
		case before > allowed && cover <= allowed:
			start = e.x
		case before <= allowed && cover > allowed && !math.IsNaN(start):
			if e.x-start >= em/4 && start > lo && e.x < hi {
				cols = append(cols, (start+e.x)/2)
			}
			start = math.NaN()
		}
	}
	return append(cols, hi)
}

// mergeSpans sorts ivs and joins those closer than gap, in a new slice.
func mergeSpans(ivs []span, gap float64) []span {
	return mergeInPlace(slices.Clone(ivs), gap)
}

// mergeInPlace is mergeSpans in ivs' own array: the joined spans are
// written over those already read.
func mergeInPlace(ivs []span, gap float64) []span {
	slices.SortFunc(ivs, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	out := ivs[:0]
	for _, iv := range ivs {
		out = joinSpan(out, iv, gap)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// joinSpan adds iv, which starts at or after every span of out, to out,
// joining it to the last span when closer than gap.
func joinSpan(out []span, iv span, gap float64) []span {
	if n := len(out); n > 0 && iv.lo-out[n-1].hi <= gap {
		out[n-1].hi = math.Max(out[n-1].hi, iv.hi)
		return out
	}
	return append(out, iv)
}

// column returns the column of x among borders cols.
func column(cols []float64, x float64) int {
	c, _ := slices.BinarySearch(cols[1:], x)
	return min(c, len(cols)-2)
}
