package tables

import (
	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/stream"
)

// PageTables finds the tables of one page: ruled ones first, then unruled ones
// in the text left outside them. Exported (with Tables and Join) for the
// package's external tests, which check each stage of Flow on its own.
func PageTables(p page.Page) []lattice.Table { return Tables([]page.Page{p})[0] }

// Tables finds the tables of every page (out[i] belongs to pages[i]): each
// page's ruled ones, then the unruled ones in the text left outside them,
// whose columns come from the whole table over all its pages. Flow calls it;
// exported for the external tests of detection.
func Tables(pages []page.Page) [][]lattice.Table {
	out := make([][]lattice.Table, len(pages))
	rest := make([]page.Page, len(pages))
	for i, p := range pages {
		out[i] = lattice.Find(p)
		rest[i] = p
		rest[i].Glyphs = outside(p.Glyphs, out[i])
	}
	for i := range out {
		markBeside(out[i], rest[i].Glyphs)
	}
	found := stream.FindPages(rest)
	for i, ts := range found {
		for k := range ts {
			if besideRuled(out, i, ts[k]) {
				for c := range ts[k].Cells {
					ts[k].Cells[c].Doubt = "本页表格没有框线，而相邻页的同一表格有框线，本页按文字对齐读取"
				}
			}
		}
	}
	for i, ts := range found {
		out[i] = append(out[i], ts...)
		sortByY(out[i])
	}
	return out
}

// besideRuled reports whether the unruled table t of page i stands where a
// ruled table of the page before or after stands: the same table with its
// rulings lost on this page (a producer's or a reader's fault), so read by
// another method than its other pages, and not joined to them.
func besideRuled(ruled [][]lattice.Table, i int, t lattice.Table) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(ruled) {
			continue
		}
		for _, r := range ruled[j] {
			ov := min(r.Box.X1, t.Box.X1) - max(r.Box.X0, t.Box.X0)
			if ov > 0.8*min(r.Box.X1-r.Box.X0, t.Box.X1-t.Box.X0) {
				return true
			}
		}
	}
	return false
}

func sortByY(ts []lattice.Table) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Box.Y0 < ts[j-1].Box.Y0; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// outside returns the glyphs whose centre lies in none of ts.
func outside(gs []page.Glyph, ts []lattice.Table) []page.Glyph {
	if len(ts) == 0 {
		return gs
	}
	// Most of a ruled page's text is in its tables: count first, so the
	// copy is the size of what is left, not of the page; each glyph is
	// placed once, its verdict kept for the copy.
	in := make([]bool, len(gs))
	n := 0
	for k := range gs {
		in[k] = inAny(&gs[k], ts)
		if !in[k] {
			n++
		}
	}
	out := make([]page.Glyph, 0, n)
	for k := range gs {
		if !in[k] {
			out = append(out, gs[k])
		}
	}
	return out
}

// inAny reports whether g's centre lies in one of ts.
func inAny(g *page.Glyph, ts []lattice.Table) bool {
	for i := range ts {
		if ts[i].Contains(g.Box) { // by reference: a Table is large to copy per glyph
			return true
		}
	}
	return false
}
