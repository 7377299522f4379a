package tables_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/matrix"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

const matrixSample = "../../fixtures/matrix/sample"

// matrixScore is one file's scores.
type matrixScore struct {
	cells  prf
	teds   float64
	fields prf
	doubts int // reading-doubt findings
	err    error
}

// floors are the scores each producer must keep: the targets of issue 12
// (0.99) where they are met, else the level measured when the matrix was
// made, so that a change can only raise them. TestProducerMatrix logs
// every score; raise a floor when a fix lands.
var floors = map[string]struct{ cells, teds, fields float64 }{
	"writer-split":  {0.99, 0.99, 0.99},
	"writer-keep":   {0.99, 0.99, 0.99},
	"calc":          {0.99, 0.99, 0.99},
	"chromium":      {0.99, 0.99, 0.99},
	"gs":            {0.99, 0.99, 0.99},
	"cairo":         {0.99, 0.99, 0.99},
	"qpdf":          {0.99, 0.99, 0.99},
	"ofd":           {0.99, 0.99, 0.99},
	"wps":           {0.99, 0.99, 0.99},
	"unruled":       {0.99, 0.99, 0.99},
	"unruled-alt":   {0.99, 0.99, 0.99},
	"unruled-top":   {0.99, 0.99, 0.99},
	"unruled-split": {0.99, 0.99, 0.99},
	"unruled-bare":  {0.99, 0.99, 0.99},
}

// layoutFloors lower the floor of a producer for one layout where the
// target is not met yet (none at present).
var layoutFloors = map[[2]string]struct{ cells, teds, fields float64 }{}

// TestProducerMatrix scores every file of the producer matrix (package
// fixtures/matrix): cell F1 and TEDS of the table against the generator's
// truth, and F1 of the form's fields (序号, text, weight, deadline, people)
// as ingest.Read gives them. It always scores the committed sample; without
// -short, and with the producers installed, it regenerates the whole matrix
// (every layout) from the seed and scores that too. KAOPING_MATRIX=DIR
// scores a matrix already generated into DIR (go run ./fixtures/matrix/gen DIR).
func TestProducerMatrix(t *testing.T) {
	dirs := []string{matrixSample}
	switch env := os.Getenv("KAOPING_MATRIX"); {
	case env != "":
		dirs = append(dirs, env)
	case testing.Short():
		t.Log("-short: the sample only")
	case len(matrix.MissingTools()) > 0:
		t.Logf("the sample only: missing %v", matrix.MissingTools())
	default:
		dir := t.TempDir()
		if _, err := matrix.Build(context.Background(), dir, matrix.Seed); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	for _, dir := range dirs {
		m, forms, err := matrix.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range m.Entries {
			t.Run(filepath.Base(dir)+"/"+e.Layout+"/"+e.Producer, func(t *testing.T) {
				s := scoreFile(filepath.Join(dir, e.File), forms[e.Layout])
				if s.err != nil {
					t.Fatal(s.err)
				}
				t.Logf("%-8s %-12s cells F1=%.4f TEDS=%.4f fields F1=%.4f doubts=%d", e.Layout, e.Producer, s.cells.F1, s.teds, s.fields.F1, s.doubts)
				// A good read raises no doubt. (A read whose fields are
				// right may still have a cell wrong, a 合计 left out of
				// the table: a doubt there is due.)
				if s.fields.F1 == 1 && s.cells.F1 == 1 && s.doubts > 0 {
					t.Errorf("%d reading doubts on a read whose every cell and field is right", s.doubts)
				}
				fl := floors[e.Producer]
				if lf, ok := layoutFloors[[2]string{e.Layout, e.Producer}]; ok {
					fl = lf
				}
				if s.cells.F1 < fl.cells || s.teds < fl.teds || s.fields.F1 < fl.fields {
					t.Errorf("below the floor (cells %.2f, TEDS %.2f, fields %.2f)", fl.cells, fl.teds, fl.fields)
				}
			})
		}
	}
}

func scoreFile(path string, truth matrix.Form) matrixScore {
	var s matrixScore
	data, err := os.ReadFile(path)
	if err != nil {
		s.err = err
		return s
	}
	ctx := context.Background()
	var pages []page.Page
	if strings.HasSuffix(path, ".ofd") {
		pages, err = ingest.Pages(ctx, path, data)
	} else {
		pages, err = pdf.Pages(ctx, path, data)
	}
	if err != nil {
		s.err = err
		return s
	}
	per := tables.Tables(pages)
	want := make([]truthCell, len(truth.Cells))
	for i, c := range truth.Cells {
		want[i] = truthCell{c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text}
	}
	for _, g := range tables.Join(pages, per) {
		if c := cellF1(fromTable(g), want); c.F1 >= s.cells.F1 {
			s.cells = c
			s.teds = teds(tree(fromTable(g)), tree(want))
		}
	}
	doc, err := ingest.Read(ctx, filepath.Base(path), data)
	if err != nil {
		// A form that cannot be read has no fields; the cells still count.
		return s
	}
	fs := truth.FieldF1(doc)
	s.fields = prf{fs.P, fs.R, fs.F1}
	// The reader's own doubts (on a cell) and the audit's.
	rev := *doc
	rev.Findings = slices.Clone(doc.Findings)
	_ = audit.Review(context.Background(), &rev, audit.Options{Only: []string{model.RuleReadingDoubt}})
	s.doubts = len(audit.Doubts(rev.Findings, "zh"))
	return s
}

// TestMatrixDiff logs what differs for one file: KAOPING_MATRIX_FILE=DIR/FILE.
func TestMatrixDiff(t *testing.T) {
	path := os.Getenv("KAOPING_MATRIX_FILE")
	if path == "" {
		t.Skip("KAOPING_MATRIX_FILE not set")
	}
	_, forms, err := matrix.Load(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	layout := strings.SplitN(filepath.Base(path), "-", 2)[0]
	truth := forms[layout]
	want := make([]truthCell, len(truth.Cells))
	for i, c := range truth.Cells {
		want[i] = truthCell{c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text}
	}
	data, _ := os.ReadFile(path)
	var pages []page.Page
	if strings.HasSuffix(path, ".ofd") {
		pages, err = ingest.Pages(context.Background(), path, data)
	} else {
		pages, err = pdf.Pages(context.Background(), path, data)
	}
	if err != nil {
		t.Fatal(err)
	}
	per := tables.Tables(pages)
	ts := tables.Join(pages, per)
	t.Logf("%d tables", len(ts))
	for _, g := range ts {
		t.Logf("table %d: %d rows × %d cols, %d cells", g.ID, g.NRows(), g.NCols, len(g.Cells))
	}
	if len(ts) > 0 {
		sort.Slice(ts, func(i, j int) bool { return len(ts[i].Cells) > len(ts[j].Cells) })
		logDiff(t, fromTable(ts[0]), want)
	}
	doc, err := ingest.Read(context.Background(), path, data)
	if err != nil {
		t.Logf("read: %v", err)
		return
	}
	w := map[string]bool{}
	for _, k := range truth.TruthFields() {
		w[k] = true
	}
	for _, k := range truth.DocFields(doc) {
		if !w[k] {
			t.Logf("  field %s", k)
		}
	}
}
