package ingest

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/matrix"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
)

// loseSide damages p's first ruled table on its right: with border, its
// right border's segments are dropped (a hairline lost in a scan); with
// column, the rows' rules are cut back to the last border left as well, so
// that the last column stands outside the table. It reports whether p had
// a table to damage.
func loseSide(p *page.Page, column bool) bool {
	ts := lattice.Find(*p)
	if len(ts) == 0 || ts[0].NCols() < 3 {
		return false
	}
	tb := ts[0]
	edge, prev := tb.Cols[len(tb.Cols)-1], tb.Cols[len(tb.Cols)-2]
	// Segments within a stroke's reach of a boundary lie on it.
	near := func(x, at float64) bool { return math.Abs(x-at) < (prev-tb.Cols[len(tb.Cols)-3])/10 }
	var segs []page.Segment
	for _, s := range p.Segments {
		if s.Horizontal() {
			if column && s.Y0 >= tb.Box.Y0-1 && s.Y0 <= tb.Box.Y1+1 {
				if math.Min(s.X0, s.X1) >= prev-1 {
					continue
				}
				s.X0, s.X1 = math.Min(s.X0, prev), math.Min(s.X1, prev)
			}
		} else if near(s.X0, edge) && s.Y0 >= tb.Box.Y0-1 && s.Y1 <= tb.Box.Y1+1 {
			continue
		}
		segs = append(segs, s)
	}
	p.Segments = segs
	return true
}

// TestLostSideBorder: a table whose right border is lost (its rows' rules
// run on to where it was) reads as if the border were there, on every file
// of the producer matrix sample and on the web-print fixture; one whose last
// column stands outside it altogether (the rules cut back too) puts a
// reading-doubt on every item row, so that no value of the lost column is
// wrong without a word.
func TestLostSideBorder(t *testing.T) {
	ctx := context.Background()
	type file struct {
		name, path string
		truth      *matrix.Form
	}
	files := []file{{name: "chromium-web", path: filepath.Join("..", "fixtures", "pdf", "chromium-web.pdf")}}
	dir := filepath.Join("..", "fixtures", "matrix", "sample")
	m, forms, err := matrix.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Entries {
		if strings.HasPrefix(e.Producer, "unruled") || strings.HasSuffix(e.File, ".ofd") {
			continue
		}
		f := forms[e.Layout]
		files = append(files, file{e.Layout + "/" + e.Producer, filepath.Join(dir, e.File), &f})
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			data, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			pages, err := Pages(ctx, f.path, data)
			if err != nil {
				t.Fatal(err)
			}
			good, err := build(f.path, model.FormatPDF, "", data, mustFlow(t, pages))
			if err != nil {
				t.Fatal(err)
			}
			for _, column := range []bool{false, true} {
				dam := slices.Clone(pages)
				damaged := 0
				for i := range dam {
					dam[i].Segments = slices.Clone(pages[i].Segments)
					if loseSide(&dam[i], column) {
						damaged++
					}
				}
				if damaged == 0 {
					t.Fatal("no table to damage")
				}
				doc, err := build(f.path, model.FormatPDF, "", data, mustFlow(t, dam))
				if err != nil {
					t.Fatal(err)
				}
				same := slices.EqualFunc(doc.Forms, good.Forms, func(a, b model.Form) bool { return slices.EqualFunc(items(a), items(b), itemsEqual) })
				if f.truth != nil {
					same = f.truth.FieldF1(doc).F1 == 1
				}
				if !column {
					if !same {
						t.Errorf("right border lost: the read changed")
					}
					continue
				}
				if same {
					t.Fatal("last column outside the table: the read did not change")
				}
				// Every item read wrong holds a doubt on its whole row.
				doubted := map[string]bool{}
				for _, fd := range doc.Findings {
					if fd.Rule == model.RuleReadingDoubt && fd.At.Column == "" && fd.At.Row != "" {
						doubted[fd.At.Row] = true
					}
				}
				wrong := 0
				for fi := range min(len(doc.Forms), len(good.Forms)) {
					got, want := items(doc.Forms[fi]), items(good.Forms[fi])
					if len(got) != len(want) {
						t.Fatalf("last column outside the table: form %d has %d items, want %d", fi, len(got), len(want))
					}
					for k := range got {
						if itemsEqual(got[k], want[k]) {
							continue
						}
						wrong++
						if !doubted[got[k].ID] {
							t.Errorf("last column outside the table: row %s read wrong without a reading-doubt:\n got %q\nwant %q", got[k].ID, itemFields(got[k]), itemFields(want[k]))
						}
					}
				}
				t.Logf("last column outside the table: %d items read wrong, %d rows doubted", wrong, len(doubted))
			}
		})
	}
}

func mustFlow(t *testing.T, pages []page.Page) flow.Flow {
	t.Helper()
	fl, err := tables.Flow(context.Background(), pages)
	if err != nil {
		t.Fatal(err)
	}
	return fl
}

func itemsEqual(a, b model.Item) bool {
	return slices.Equal(itemFields(a), itemFields(b))
}
