package tables

import (
	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/stream"
)

// PageTables finds the tables of one page: ruled ones first, then unruled ones
// in the text left outside them.
func PageTables(p page.Page) []lattice.Table { return Tables([]page.Page{p})[0] }

// Tables finds the tables of every page (out[i] belongs to pages[i]): each
// page's ruled ones, then the unruled ones in the text left outside them,
// whose columns come from the whole table over all its pages.
func Tables(pages []page.Page) [][]lattice.Table {
	out := make([][]lattice.Table, len(pages))
	rest := make([]page.Page, len(pages))
	for i, p := range pages {
		out[i] = lattice.Find(p)
		rest[i] = p
		rest[i].Glyphs = outside(p.Glyphs, out[i])
	}
	for i, ts := range stream.FindPages(rest) {
		out[i] = append(out[i], ts...)
		sortByY(out[i])
	}
	return out
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
