package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"testing"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
)

// FuzzRender feeds the renderer's input model: the sample document with
// fuzzed texts (title, item, deadline, unit: long, empty, control and
// astral characters, no break opportunity), a weight of any float and a
// findings count. Write must give a PDF or an error, never panic or hang.
// The document is the tiny sample; a render costs at least fpdf's set-up of
// a document (its width table, a zlib writer a stream), a few milliseconds.
func FuzzRender(f *testing.F) {
	f.Add("绩效目标考评表", "制定年度招商行动方案。", "6月底前", "某局", 2.0, 3)
	f.Add("", "", "", "", 0.0, 0)
	// a title taller than a page; an unbreakable item cell over four pages
	f.Add(string(bytes.Repeat([]byte("长"), 600)), "a\x00b\tc\r\nd\u200b𠀀😀", "\ufeff", "\u202e", math.Inf(1), 50)
	f.Add("x", string(bytes.Repeat([]byte("W"), 2000)), "y", "z", math.NaN(), 1)
	f.Fuzz(func(t *testing.T, title, text, deadline, unit string, weight float64, findings int) {
		doc := sampledoc.Tiny()
		fm := &doc.Forms[0]
		fm.Title, fm.Unit = title, unit
		it := &fm.Categories[0].Indicators[0].Items[0]
		it.Text, it.Deadline, it.Weight = text, deadline, model.Float(weight)
		// A longer text or list is a longer render, not a new shape: 200
		// findings repeating a 20 KB text were 1,800 pages, and a 20 KB
		// text alone a tenth of a CPU-second, over the fuzzer's 10 s of
		// wall time for one input at nice 10 on a loaded machine (the
		// regression seed d73d901b4de07e46). A cut may split a rune.
		const most = 4 << 10
		clip := func(s string) string { return s[:min(len(s), most)] }
		title, text, deadline, unit = clip(title), clip(text), clip(deadline), clip(unit)
		if findings < 0 || findings > 200 {
			findings = 200
		}
		if len(text)*findings > 4*most {
			findings = 4 * most / len(text)
		}
		for i := range findings {
			doc.Findings = append(doc.Findings, model.Finding{Rule: "fuzz", Severity: model.SevWarning,
				Message: text, MessageEn: title, At: model.Location{Form: model.Int(0), Row: it.ID, Column: []string{model.ColItem, model.ColWeight}[i%2]}})
		}
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", buf.Bytes()[:min(buf.Len(), 16)])
		}
	})
}

// FuzzRenderDocument feeds the renderer any document the model's JSON can
// hold, the input model itself rather than texts in a fixed shape: forms
// without categories or columns, unknown and extra columns, sections that
// name categories that are not there, totals and findings that point
// nowhere, weights of any size. Write must give a PDF or an error, never
// panic or hang.
func FuzzRenderDocument(f *testing.F) {
	tiny, err := json.Marshal(sampledoc.Tiny())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tiny)
	f.Add([]byte(`{"schema":"kaoping/v2","forms":[{"columns":["x:备注","weight","nope","id"],"weightUnit":"%","categories":[{"indicators":[{"items":[{"id":"1","weight":1e308,"extra":{"备注":"长长长"}}]}]}],"totals":[{"label":"合计","categories":["无"]}],"sections":[{"title":"一","categories":[7,-1]}]}],"findings":[{"rule":"x","severity":"error","at":{"form":3,"row":"1","column":"weight"}},{"rule":"y","at":{"form":0,"row":"1","column":"x:备注"}}]}`))
	f.Add([]byte(`{"schema":"kaoping/v2","forms":[]}`))
	f.Add([]byte(`{"forms":[{"categories":[]},{"columns":[],"categories":[{"name":"a","indicators":[{"items":[]}]}]}],"notice":{"title":"x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return // a bigger document is a longer render, not a new shape
		}
		var doc model.Document
		if json.Unmarshal(data, &doc) != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, &doc, Options{}); err != nil {
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", buf.Bytes()[:min(buf.Len(), 16)])
		}
	})
}

// FuzzFont feeds a --font's bytes to the font reader and the subset: they
// give a font or an error, never panic or loop, and the cut maps the runes
// it was cut to as the font does. Seeds are small fonts made here (the
// embedded face cut to a few runes; composites, cycles).
func FuzzFont(f *testing.F) {
	_, cut, _ := cutFont(f, defaultFont, "考评A1")
	f.Add(cut, "考评A")
	f.Add(makeFont(f, [][]byte{nil, simple, composite(1, 1)}, []cmapEntry{{'A', 2}, {'B', 1}}), "AB")
	f.Add(makeFont(f, [][]byte{nil, composite(2), composite(1)}, []cmapEntry{{'A', 1}}), "A")
	f.Fuzz(func(t *testing.T, font []byte, text string) {
		fc, err := readFace(font)
		if err != nil {
			return
		}
		w := &runeSet{}
		w.addString(text)
		cut, err := fc.subset(w)
		if err != nil {
			return
		}
		c, err := readFace(cut)
		if err != nil {
			t.Fatalf("the cut does not read: %v", err)
		}
		for _, r := range text {
			if r != 0xFFFF && c.has(r) != fc.has(r) {
				t.Fatalf("%q: in the cut %v, in the font %v", r, c.has(r), fc.has(r))
			}
		}
	})
}
