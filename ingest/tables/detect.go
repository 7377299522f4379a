package tables

import (
	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/stream"
)

// PageTables finds the tables of one page: ruled ones first, then unruled ones
// in the text left outside them.
func PageTables(p page.Page) []lattice.Table {
	ts := lattice.Find(p)
	rest := p
	rest.Glyphs = outside(p.Glyphs, ts)
	ts = append(ts, stream.Find(rest)...)
	sortByY(ts)
	return ts
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
	out := make([]page.Glyph, 0, len(gs))
	for _, g := range gs {
		in := false
		for _, t := range ts {
			if t.Contains(g.Box) {
				in = true
				break
			}
		}
		if !in {
			out = append(out, g)
		}
	}
	return out
}
