package stream

import (
	"strings"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/model/cjk"
)

// maxHeaderRows bounds how many rows a header is read over.
const maxHeaderRows = 4

// firstPart reports whether p is the first part of its table.
func (g *grid) firstPart(p *part) bool { return len(g.parts) == 0 || p == &g.parts[0] }

// headerCount is how many of the part's first rows (comps) are its header:
// the first reads as a header by the lexicon of ingest/columns and each
// next one as its second row, or they repeat, cell for cell, the header of
// the table's first part (header words the lexicon does not know, printed
// again on every page). A row a page break cut, at the top of a part, is
// neither: its cells hold the rest of the row's text, not header words.
func (g *grid) headerCount(p *part, comps []row) int {
	n := 0
	var prev []string
	for i := 0; i < len(comps) && i < maxHeaderRows; i++ {
		texts := g.rowTexts(p, comps, i)
		switch {
		case i == 0 && columns.IsHeader(texts):
		case i > 0 && prev != nil && columns.IsSecondRow(prev, texts):
		default:
			texts = nil
		}
		if texts == nil {
			break
		}
		n, prev = i+1, texts
	}
	if n > 0 || g.firstPart(p) {
		return n
	}
	// The first part's header repeated: its rows above the first 序号.
	first := &g.parts[0]
	fc := g.comps(first)
	var hdr [][]string
	for i, r := range fc {
		if r.keyed || i >= maxHeaderRows {
			break
		}
		hdr = append(hdr, g.rowTexts(first, fc, i))
	}
	for n < len(hdr) && n < len(comps) && sameTexts(hdr[n], g.rowTexts(p, comps, n)) {
		n++
	}
	if n < len(hdr) {
		return 0
	}
	return n
}

// rowTexts is the text of each column from the top of comps[i] to the top
// of the next: a header cell centred over two header rows stands in the
// gap between them and counts for the upper one.
func (g *grid) rowTexts(p *part, comps []row, i int) []string {
	lo, hi := comps[i].lo, comps[i].hi
	if i+1 < len(comps) {
		hi = comps[i+1].lo
	}
	out := make([]string, g.nc)
	for c := range g.nc {
		var b strings.Builder
		for _, bl := range p.blocks[c] {
			if cy := bl.cy(); cy >= lo && cy < hi || i+1 == len(comps) && cy == hi {
				b.WriteString(blockText(bl))
			}
		}
		out[c] = b.String()
	}
	return out
}

// sameTexts reports whether two rows hold the same text in every column,
// white space aside, and some text.
func sameTexts(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	any := false
	for i := range a {
		x, y := cjk.Squash(a[i]), cjk.Squash(b[i])
		if x != y {
			return false
		}
		any = any || x != ""
	}
	return any
}

// groupHeaders reports for each column whether the header of the table's
// first part names it a category or an indicator (项目类别, 一级指标): the
// columns whose cells group rows.
func (g *grid) groupHeaders() []bool {
	out := make([]bool, g.nc)
	if len(g.parts) == 0 {
		return out
	}
	p := &g.parts[0]
	rows, h, _ := g.rows(p)
	if h == 0 || h >= len(rows) {
		return out
	}
	lo, hi := rows[0].lo, rows[h].lo
	for c := range g.nc {
		var b strings.Builder
		for _, bl := range p.blocks[c] {
			if cy := bl.cy(); cy >= lo && cy < hi {
				b.WriteString(blockText(bl))
			}
		}
		switch columns.Match(b.String()).Role {
		case columns.Category, columns.Indicator:
			out[c] = true
		}
	}
	return out
}
