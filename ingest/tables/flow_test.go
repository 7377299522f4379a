package tables

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/model"
)

// testLines is a plain line reader for the tests of this package: glyphs
// clustered by vertical centre, left to right. The real one is ingest/lines.
func testLines(pages []page.Page) flow.Flow {
	var fl flow.Flow
	for _, p := range pages {
		gs := slices.Clone(p.Glyphs)
		slices.SortStableFunc(gs, func(a, b page.Glyph) int {
			return int(math.Copysign(1, (a.Box.Y0+a.Box.Y1)-(b.Box.Y0+b.Box.Y1)))
		})
		var cur []page.Glyph
		flush := func() {
			if len(cur) == 0 {
				return
			}
			slices.SortStableFunc(cur, func(a, b page.Glyph) int { return int(math.Copysign(1, a.Box.X0-b.Box.X0)) })
			var sb strings.Builder
			box := cur[0].Box
			for _, g := range cur {
				sb.WriteString(g.Text)
				box.X1 = math.Max(box.X1, g.Box.X1)
				box.Y1 = math.Max(box.Y1, g.Box.Y1)
			}
			b := box
			fl.Blocks = append(fl.Blocks, flow.Block{Text: sb.String(), Ref: model.Ref{Page: model.Int(p.Number), Box: &b}})
			cur = nil
		}
		for _, g := range gs {
			if len(cur) > 0 && (g.Box.Y0+g.Box.Y1)/2 > cur[0].Box.Y1 {
				flush()
			}
			cur = append(cur, g)
		}
		flush()
	}
	return fl
}

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
	fl, err := Flow(context.Background(), pages, testLines)
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
	if want := []string{"重点工作目标", "常规工作目标", "行政能力"}; !slices.Equal(cats, want) {
		t.Errorf("categories %q, want %q", cats, want)
	}
	if items != 36 {
		t.Errorf("%d items, want 36", items)
	}
	for _, fd := range findings {
		t.Logf("finding %+v", fd)
	}
}
