package tables_test

import (
	"context"
	"github.com/kaoping/kaoping/ingest/tables"
	"os"
	"path/filepath"
	"testing"

	"github.com/kaoping/kaoping/ingest/pdf"
)

const fixtureDir = "../../fixtures/pdf/tables"

// fixtures are the table PDFs with hand-checked truth, made by
// fixtures/pdf/tables/make.sh with LibreOffice.
var fixtures = []string{"calc-kaoping", "writer-twolevel", "writer-splitrow", "writer-norules", "kaoping-render", "seed-form"}

func readTables(t testing.TB, path string) []*tables.Table {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdf.Pages(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	per := tables.Tables(pages)
	return tables.Join(pages, per)
}

// TestFixtureScores prints cell F1 and TEDS per fixture table and holds
// each to F1 ≥ 0.99.
func TestFixtureScores(t *testing.T) {
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			truth, err := readTruth(filepath.Join(fixtureDir, name+".truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			got := readTables(t, filepath.Join(fixtureDir, name+".pdf"))
			for _, want := range truth.Tables {
				// The predicted table that scores best stands for it.
				best, bestT := prf{}, 0.0
				for _, g := range got {
					s := cellF1(fromTable(g), want.Cells)
					if s.F1 >= best.F1 {
						best = s
						bestT = teds(tree(fromTable(g)), tree(want.Cells))
					}
				}
				t.Logf("%s/%s: cells P=%.4f R=%.4f F1=%.4f TEDS=%.4f (%d tables found)", name, want.Name, best.P, best.R, best.F1, bestT, len(got))
				if best.F1 < 1 && len(got) > 0 {
					logDiff(t, fromTable(got[0]), want.Cells)
				}
				if best.F1 < 0.99 {
					t.Errorf("%s/%s: F1 %.4f < 0.99", name, want.Name, best.F1)
				}
			}
		})
	}
}

func logDiff(t *testing.T, got, want []truthCell) {
	key := func(c truthCell) [4]int { return [4]int{c.Row, c.Col, c.RowSpan, c.ColSpan} }
	w := map[[4]int]string{}
	for _, c := range want {
		w[key(c)] = normText(c.Text)
	}
	for _, c := range got {
		if wt, ok := w[key(c)]; !ok {
			t.Logf("  extra %v %q", key(c), c.Text)
		} else if wt != normText(c.Text) {
			t.Logf("  text  %v got %q want %q", key(c), c.Text, wt)
		}
		delete(w, key(c))
	}
	for k, v := range w {
		t.Logf("  missing %v %q", k, v)
	}
}
