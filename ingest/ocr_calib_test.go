package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// cachedPages reads the scan's pages by OCR; with OCR_CORPUS_CACHE=dir the
// pages are kept there as JSON and read back on a later run.
func cachedPages(ctx context.Context, path, variant string, scanPDF []byte) ([]page.Page, error) {
	dir := os.Getenv("OCR_CORPUS_CACHE")
	if dir == "" {
		return Pages(ctx, "scan.pdf", scanPDF)
	}
	name := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".pdf")+"-"+variant+".json")
	if b, err := os.ReadFile(name); err == nil {
		var ps []page.Page
		if err := json.Unmarshal(b, &ps); err == nil {
			return ps, nil
		}
	}
	ps, err := Pages(ctx, "scan.pdf", scanPDF)
	if err != nil {
		return nil, err
	}
	b, _ := json.Marshal(ps)
	os.WriteFile(name, b, 0o644)
	return ps, nil
}

// dumpFields appends, with OCR_CORPUS_DUMP=file, one JSON line per item
// field: whether it was read right and the glyphs of the cell read.
func dumpFields(t *testing.T, path, variant string, doc *model.Document, fl flow.Flow, pages []page.Page, recs []fieldRec) {
	out := os.Getenv("OCR_CORPUS_DUMP")
	if out == "" {
		return
	}
	byNum := map[int]*page.Page{}
	for i := range pages {
		byNum[pages[i].Number] = &pages[i]
	}
	glyphs := map[string][]page.Glyph{}
	for _, fc := range fieldCells(doc, fl, byNum) {
		if fc.loc.Form != nil {
			glyphs[fmt.Sprintf("%d/%s/%s", *fc.loc.Form, fc.loc.Row, fc.loc.Column)] = fc.cell.glyphs
		}
	}
	f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, r := range recs {
		gs, found := glyphs[r.Key]
		enc.Encode(struct {
			Fixture, Variant string
			fieldRec
			Found  bool
			Glyphs []page.Glyph
		}{filepath.Base(path), variant, r, found, gs})
	}
}
