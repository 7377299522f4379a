package tables_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	renderpdf "github.com/kaoping/kaoping/render/pdf"
)

// TestModelRoundTrip reads PDFs made from a model — by our own render/pdf,
// rendered here (model → PDF → model), and by LibreOffice from
// render/xlsx's workbook (seed-form.pdf) — through ingest.Read and wants the
// model back: the forms of the lead's golden model of the seed
// (seed.model.json, a copy of fixtures/quanxin-2023-9-notice.golden.json). Every item must come back with the same values (the
// cells of its row), and each category with its items; where it was read
// (Ref) differs by format. The complete model diff is logged: what differs
// beyond that is how render lays out and the form builder reads category
// and extra columns (fixtures/pdf/tables/README.md).
func TestModelRoundTrip(t *testing.T) {
	want := seedModel(t)
	var rendered bytes.Buffer
	if err := renderpdf.Write(context.Background(), &rendered, &want, renderpdf.Options{Clean: true}); err != nil {
		t.Fatal(err)
	}
	seedForm, err := os.ReadFile(filepath.Join(fixtureDir, "seed-form.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"render-pdf": rendered.Bytes(), "seed-form": seedForm} {
		t.Run(name, func(t *testing.T) {
			doc, err := ingest.Read(context.Background(), name+".pdf", data)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Forms) != 1 {
				t.Fatalf("%d forms", len(doc.Forms))
			}
			opts := cmp.Options{
				cmpopts.IgnoreFields(model.Item{}, "Source"),
				cmpopts.IgnoreFields(model.Form{}, "Where", "HeaderWhere"),
				cmpopts.IgnoreFields(model.Total{}, "Where"),
				cmpopts.EquateEmpty(),
			}
			if testing.Verbose() {
				if d := cmp.Diff(want.Forms, doc.Forms, opts); d != "" {
					t.Logf("form differs (-want +got):\n%s", d)
				}
			}
			if g, w := shape(doc.Forms[0]), shape(want.Forms[0]); g != w {
				t.Errorf("items per category %s, want %s", g, w)
			}
			got, exp := items(doc.Forms[0]), items(want.Forms[0])
			if len(got) != len(exp) {
				t.Errorf("%d items, want %d", len(got), len(exp))
			}
			// A list cell "戴庆加 林嘉达" that the producer wraps at its
			// space prints as two lines just like a wrapped word: the PDF
			// does not say the space was there, and CJK lines join without
			// one. The form builder splits such runs by the names the form
			// uses alone elsewhere, so the names come back as written.
			itemOpts := cmp.Options{cmpopts.IgnoreFields(model.Item{}, "Source", "Raw", "Extra"), cmpopts.EquateEmpty()}
			for id, w := range exp {
				if d := cmp.Diff(joinNames(w), joinNames(got[id]), itemOpts); d != "" {
					t.Errorf("item %s (-want +got):\n%s", id, d)
				} else if d := cmp.Diff(w, got[id], itemOpts); d != "" {
					t.Errorf("item %s: names not split as written (-want +got):\n%s", id, d)
				}
				if g := got[id]; g.Source.Page == nil || g.Source.Box == nil {
					t.Errorf("item %s has no page or box", id)
				}
			}
		})
	}
}

// items maps "indicator text / item ID" to the item, with the indicator's
// own fields folded into Extra so that they are compared too.
func items(f model.Form) map[string]model.Item {
	out := map[string]model.Item{}
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			for _, it := range ind.Items {
				it.Extra = copyMap(it.Extra)
				it.Extra["·indicator"] = fmt.Sprintf("%s|%s|%v|%s", ind.ID, ind.Text, fmtF(ind.Points), ind.Citation)
				out[it.ID] = it
			}
		}
	}
	return out
}

// joinNames returns it with each list of names joined into one string.
func joinNames(it model.Item) model.Item {
	j := func(l []string) []string {
		if len(l) == 0 {
			return nil
		}
		return []string{strings.Join(l, "")}
	}
	it.Leaders, it.Departments, it.Owners = j(it.Leaders), j(it.Departments), j(it.Owners)
	return it
}

// shape lists the number of items of each category.
func shape(f model.Form) string {
	s := ""
	for _, c := range f.Categories {
		n := 0
		for _, ind := range c.Indicators {
			n += len(ind.Items)
		}
		s += fmt.Sprintf("%d ", n)
	}
	return s
}

func copyMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func fmtF(f *float64) string {
	if f == nil {
		return "nil"
	}
	return fmt.Sprint(*f)
}

// seedModel is the lead's golden model of the seed (seed.model.json), read
// fresh for each test that renders it and reads it back.
func seedModel(t *testing.T) model.Document {
	t.Helper()
	var doc model.Document
	data, err := os.ReadFile(filepath.Join(fixtureDir, "seed.model.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}
