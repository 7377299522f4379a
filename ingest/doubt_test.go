package ingest

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/matrix"
	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// breakers damage the page model of a good read the way real misreadings
// do, so that the table comes out wrong: rulings lost, two rows run
// together, cells moved to another row.
var breakers = []struct {
	name  string
	apply func(rng *rand.Rand, p *page.Page) bool
}{
	{"drop-rulings", func(rng *rand.Rand, p *page.Page) bool {
		if len(p.Segments) == 0 {
			return false
		}
		p.Segments = nil
		return true
	}},
	{"merge-rows", func(rng *rand.Rand, p *page.Page) bool {
		// Remove the rule between two body rows: their cells run together.
		tb, ok := bodyTable(p)
		if !ok {
			return false
		}
		r := 3 + rng.IntN(len(tb.Rows)-5)
		y := tb.Rows[r]
		segs := p.Segments[:0:0]
		for _, s := range p.Segments {
			if s.Horizontal() && math.Abs((s.Y0+s.Y1)/2-y) < 1.5 {
				continue
			}
			segs = append(segs, s)
		}
		p.Segments = segs
		return true
	}},
	{"shuffle-cells", func(rng *rand.Rand, p *page.Page) bool {
		// Swap the 序号 and weight cells of two body rows.
		tb, ok := bodyTable(p)
		if !ok {
			return false
		}
		a := 2 + rng.IntN(len(tb.Rows)-4)
		b := a + 1
		ca, cb := (tb.Rows[a]+tb.Rows[a+1])/2, (tb.Rows[b]+tb.Rows[b+1])/2
		for i := range p.Glyphs {
			g := &p.Glyphs[i]
			cx, cy := (g.Box.X0+g.Box.X1)/2, (g.Box.Y0+g.Box.Y1)/2
			if !(cx > tb.Cols[1] && cx < tb.Cols[2]) && !(cx > tb.Cols[4] && cx < tb.Cols[5]) {
				continue
			}
			switch {
			case cy > tb.Rows[a] && cy < tb.Rows[a+1]:
				g.Box.Y0 += cb - ca
				g.Box.Y1 += cb - ca
			case cy > tb.Rows[b] && cy < tb.Rows[b+1]:
				g.Box.Y0 -= cb - ca
				g.Box.Y1 -= cb - ca
			}
		}
		return true
	}},
}

// bodyTable is the page's ruled table when it has enough rows to damage.
func bodyTable(p *page.Page) (lattice.Table, bool) {
	ts := lattice.Find(*p)
	if len(ts) == 0 || len(ts[0].Rows) < 8 || len(ts[0].Cols) < 6 {
		return lattice.Table{}, false
	}
	return ts[0], true
}

// TestReadingDoubtCorpus damages the good reads of the producer matrix's
// sample (every producer, several pages and seeds) and wants a reading-doubt
// on at least 95% of the reads that came out wrong; the undamaged reads
// raise none (TestProducerMatrix checks that on every file).
func TestReadingDoubtCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the producer matrix sample; runs without -short")
	}
	dir := filepath.Join("..", "fixtures", "matrix", "sample")
	m, forms, err := matrix.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var broken, doubted int
	for _, e := range m.Entries {
		if strings.HasPrefix(e.Producer, "unruled") {
			continue // not a good read to start from
		}
		data, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		format := model.FormatPDF
		if strings.HasSuffix(e.File, ".ofd") {
			format = model.FormatOFD
		}
		pages, err := Pages(ctx, e.File, data)
		if err != nil {
			t.Fatal(err)
		}
		truth := forms[e.Layout]
		for bi, br := range breakers {
			for seed := range 3 {
				rng := rand.New(rand.NewPCG(uint64(seed), uint64(bi)))
				dam := make([]page.Page, len(pages))
				copy(dam, pages)
				k := rng.IntN(len(pages))
				dam[k].Glyphs = append([]page.Glyph(nil), pages[k].Glyphs...)
				dam[k].Segments = append([]page.Segment(nil), pages[k].Segments...)
				if !br.apply(rng, &dam[k]) {
					continue
				}
				fl, err := tables.Flow(ctx, dam)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := build(e.File, format, "", data, fl)
				if err != nil {
					broken++ // no form at all: the clerk is told by the error
					doubted++
					continue
				}
				if truth.FieldF1(doc).F1 == 1 {
					continue // the damage did not change the read
				}
				broken++
				// The reader's own doubts (on a cell) and the audit's.
				rev := *doc
				rev.Findings = slices.Clone(doc.Findings)
				_ = audit.Review(context.Background(), &rev, audit.Options{Only: []string{model.RuleReadingDoubt}})
				n := len(audit.Doubts(rev.Findings, "zh"))
				if n > 0 {
					doubted++
				} else {
					t.Logf("%s %s seed %d page %d: broken (fields F1 %.3f) without a doubt", e.File, br.name, seed, k+1, truth.FieldF1(doc).F1)
				}
			}
		}
	}
	if broken == 0 {
		t.Fatal("no read was broken")
	}
	rate := float64(doubted) / float64(broken)
	t.Logf("reading doubt on %d of %d broken reads (%.3f)", doubted, broken, rate)
	if rate < 0.95 {
		t.Errorf("reading doubt on %.3f of broken reads, want ≥ 0.95", rate)
	}
}
