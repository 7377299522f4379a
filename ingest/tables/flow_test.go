package tables_test

import (
	"context"
	"github.com/kaoping/kaoping/ingest/tables"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/ingest/pdf"
)

func readFlow(t testing.TB, name string) flow.Flow {
	t.Helper()
	path := filepath.Join(fixtureDir, name+".pdf")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdf.Pages(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	fl, err := tables.Flow(context.Background(), pages)
	if err != nil {
		t.Fatal(err)
	}
	return fl
}

func TestFlowCalc(t *testing.T) {
	fl := readFlow(t, "calc-kaoping")
	if !fl.ExactSpans || fl.Pages != 3 {
		t.Errorf("ExactSpans %v Pages %d", fl.ExactSpans, fl.Pages)
	}
	var text []string
	rows := 0
	for _, b := range fl.Blocks {
		if b.IsRow() {
			rows++
			if b.Table != 0 {
				t.Errorf("row in table %d, want one table over all pages", b.Table)
			}
			continue
		}
		text = append(text, b.Text)
	}
	// The only running text is the title; the clipped duplicates of the
	// cut cells must not leak out as lines.
	if want := []string{"泉州半导体高新区管委会2023年度绩效目标考评表"}; !slices.Equal(text, want) {
		t.Errorf("text lines %q, want %q", text, want)
	}
	if rows != 38 {
		t.Errorf("%d rows, want 38", rows)
	}
	forms, findings, err := form.Build(fl, form.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 1 {
		t.Fatalf("%d forms", len(forms))
	}
	f := forms[0]
	var cats []string
	items := 0
	for _, c := range f.Categories {
		cats = append(cats, c.Name)
		for _, ind := range c.Indicators {
			items += len(ind.Items)
			for _, it := range ind.Items {
				if it.Source.Page == nil || it.Source.Box == nil {
					t.Errorf("item %s without page or box", it.ID)
				}
			}
		}
	}
	// Category names as the form prints them (this one prints 行政能力目标).
	if want := []string{"重点工作目标", "常规工作目标", "行政能力目标"}; !slices.Equal(cats, want) {
		t.Errorf("categories %q, want %q", cats, want)
	}
	if items != 36 {
		t.Errorf("%d items, want 36", items)
	}
	for _, fd := range findings {
		t.Logf("finding %+v", fd)
	}
}
