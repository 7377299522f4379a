package pdf

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
)

// renderSeed is a seed of FuzzRender and FuzzLayout: texts of the sample
// document, a weight and a findings count.
type renderSeed struct {
	name                        string
	title, text, deadline, unit string
	weight                      float64
	findings                    int
}

// renderSeedList are the seeds of FuzzRender and FuzzLayout, named for
// their benchmarks: the sample's texts, none, and two long ones.
func renderSeedList() []renderSeed {
	return []renderSeed{
		{"sample", "绩效目标考评表", "制定年度招商行动方案。", "6月底前", "某局", 2.0, 3},
		{"empty", "", "", "", "", 0.0, 0},
		// a title taller than a page; an unbreakable item cell over four pages
		{"long-title", string(bytes.Repeat([]byte("长"), 600)), "a\x00b\tc\r\nd\u200b𠀀😀", "\ufeff", "\u202e", math.Inf(1), 50},
		{"long-word", "x", string(bytes.Repeat([]byte("W"), 2000)), "y", "z", math.NaN(), 1},
	}
}

func renderSeeds(f *testing.F) {
	for _, s := range renderSeedList() {
		f.Add(s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
	}
}

// fuzzDoc is the tiny sample with the fuzzed texts in its title, unit, first
// item and deadline, its weight, and findings on that item repeating the
// text, the texts cut to 4 KB and the findings bounded; it returns the texts
// as cut, each with the number of times it is printed (the item text in its
// cell and in each finding's row).
func fuzzDoc(title, text, deadline, unit string, weight float64, findings int) (*model.Document, []printed) {
	// A longer text or list is a longer render, not a new shape: 200
	// findings repeating a 20 KB text were 1,800 pages, and a 20 KB text
	// alone a tenth of a CPU-second, over the fuzzer's 10 s of wall time for
	// one input at nice 10 on a loaded machine (the regression seed
	// d73d901b4de07e46). A cut may split a rune.
	const most = 4 << 10
	clip := func(s string) string { return s[:min(len(s), most)] }
	title, text, deadline, unit = clip(title), clip(text), clip(deadline), clip(unit)
	doc := sampledoc.Tiny()
	fm := &doc.Forms[0]
	fm.Title, fm.Unit = title, unit
	it := &fm.Categories[0].Indicators[0].Items[0]
	it.Text, it.Deadline, it.Weight = text, deadline, model.Float(weight)
	// Any count maps to 0–63, not over 63 to 200 as before: most mutated
	// counts fall outside any range, and 200 rows cost twenty times the
	// rest of a render (the findings list over pages is reached at 30).
	findings = int(uint(findings) % 64)
	if len(text)*findings > 4*most {
		findings = 4 * most / len(text)
	}
	for i := range findings {
		doc.Findings = append(doc.Findings, model.Finding{Rule: "fuzz", Severity: model.SevWarning,
			Message: text, MessageEn: title, At: model.Location{Form: model.Int(0), Row: it.ID, Column: []string{model.ColItem, model.ColWeight}[i%2]}})
	}
	return doc, []printed{{title, 1}, {text, 1 + findings}, {deadline, 1}, {unit, 1}}
}

// printed is a text and the number of times a render prints it.
type printed struct {
	s     string
	times int
}

// FuzzRender feeds the renderer's input model through the whole of Write:
// the sample document with fuzzed texts (title, item, deadline, unit: long,
// empty, control and astral characters, no break opportunity), a weight of
// any float and a findings count. Write must give a PDF or an error, never
// panic or hang. Each exec pays fpdf's set-up of a document (its width
// table, a zlib writer a stream), milliseconds: FuzzLayout fuzzes the same
// inputs through the layout alone, a thousand times faster, with checks of
// where things go.
func FuzzRender(f *testing.F) {
	renderSeeds(f)
	f.Fuzz(func(t *testing.T, title, text, deadline, unit string, weight float64, findings int) {
		renderExec(t, title, text, deadline, unit, weight, findings)
	})
}

// renderExec is an exec of FuzzRender.
func renderExec(t testing.TB, title, text, deadline, unit string, weight float64, findings int) {
	doc, _ := fuzzDoc(title, text, deadline, unit, weight, findings)
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
		return
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", buf.Bytes()[:min(buf.Len(), 16)])
	}
}

// FuzzLayout lays FuzzRender's documents out (lay, the layout Write emits)
// and checks the sheet: a page is begun before anything is drawn on it and
// none is left blank (no text, no cell); every cell and rectangle lies inside its page's
// margins; a cell's text fits its width (but a single character wider than
// the column); no two cells overlap; and no text is lost: every character
// of the fuzzed texts, as printable makes them, is drawn at least as often
// as they print it.
func FuzzLayout(f *testing.F) {
	renderSeeds(f)
	fonts, faces := embeddedFaces(f)
	f.Fuzz(func(t *testing.T, title, text, deadline, unit string, weight float64, findings int) {
		layoutExec(t, fonts, faces, title, text, deadline, unit, weight, findings)
	})
}

// embeddedFaces are the fonts and faces of a render with the embedded font.
func embeddedFaces(t testing.TB) (map[string][]byte, map[string]*face) {
	hei, err := readFace(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: hei}
}

// layoutExec is an exec of FuzzLayout.
func layoutExec(t testing.TB, fonts map[string][]byte, faces map[string]*face, title, text, deadline, unit string, weight float64, findings int) {
	doc, texts := fuzzDoc(title, text, deadline, unit, weight, findings)
	sh, _, err := lay(context.Background(), doc, Options{}, fonts, faces)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkSheet(sh, texts, faces); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkFuzzRender is an exec of FuzzRender on each seed: the time an
// exec takes without the fuzzer's coverage counting, less hostage to the
// machine's load than the fuzzer's execs a second.
func BenchmarkFuzzRender(b *testing.B) {
	for _, s := range renderSeedList() {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				renderExec(b, s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
			}
		})
	}
}

// BenchmarkFuzzLayout is an exec of FuzzLayout on each seed.
func BenchmarkFuzzLayout(b *testing.B) {
	fonts, faces := embeddedFaces(b)
	for _, s := range renderSeedList() {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				layoutExec(b, fonts, faces, s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
			}
		})
	}
}

// checkSheet checks what FuzzLayout says of a sheet whose texts are drawn in
// the embedded face; TestCheckSheet shows it failing.
func checkSheet(sh *sheet, texts []printed, faces map[string]*face) error {
	const eps = 0.01
	inside := func(x, y, w, h float64) bool {
		return x >= marginL-eps && x+w <= pageW-marginR+eps && y >= marginT-eps && y+h <= pageH-marginB+eps
	}
	// the characters of texts, as printable makes them, not yet seen drawn
	r := &renderer{faces: faces}
	left := map[rune]int{}
	for _, p := range texts {
		for _, c := range r.printable(heiFamily, p.s) {
			if c != '\n' && c != ' ' {
				left[c] += p.times
			}
		}
	}
	var rects [][4]float64  // the page's
	page, texted := 0, true // texted: the page has text or a cell
	overlaps := func() error {
		// by top edge, each against those starting above its bottom
		slices.SortFunc(rects, func(a, b [4]float64) int { return cmp.Compare(a[1], b[1]) })
		for i, o := range rects {
			for _, q := range rects[i+1:] {
				if q[1] >= o[1]+o[3]-eps {
					break
				}
				if min(o[0]+o[2], q[0]+q[2])-max(o[0], q[0]) > eps {
					return fmt.Errorf("page %d: cells %v and %v overlap", page, o, q)
				}
			}
		}
		return nil
	}
	var family string
	var size float64
	for i, o := range sh.ops() {
		if page == 0 && o.kind != opPage && o.kind != opFont && o.kind != opTextColor && o.kind != opXY {
			return fmt.Errorf("op %d (%d) before the first page", i, o.kind)
		}
		switch o.kind {
		case opPage:
			if !texted {
				return fmt.Errorf("page %d is blank", page)
			}
			if err := overlaps(); err != nil {
				return err
			}
			page, texted, rects = page+1, false, rects[:0]
		case opFont:
			family, size = o.s, o.h
		case opCell, opText:
			if len(left) > 0 {
				for _, c := range o.s {
					if n := left[c]; n > 1 {
						left[c] = n - 1
					} else if n == 1 {
						delete(left, c)
					}
				}
			}
			if strings.TrimSpace(o.s) != "" {
				texted = true
			}
			if o.kind == opText {
				if !inside(o.x, o.y-size*ptMM, 0, size*ptMM) {
					return fmt.Errorf("page %d: %q at (%.2f, %.2f) outside the margins", page, o.s, o.x, o.y)
				}
				continue
			}
			if !inside(o.x, o.y, o.w, o.h) {
				return fmt.Errorf("page %d: cell %q at (%.2f, %.2f) %.2f×%.2f outside the margins", page, o.s, o.x, o.y, o.w, o.h)
			}
			sh.family, sh.size = family, size
			if w := sh.GetStringWidth(o.s); w > o.w+eps && utf8.RuneCountInString(o.s) > 1 {
				return fmt.Errorf("page %d: %q is %.2f mm wide in a cell of %.2f", page, o.s, w, o.w)
			}
		case opRect:
			texted = true // a piece of a cell of blank lines is not a blank page
			if !inside(o.x, o.y, o.w, o.h) {
				return fmt.Errorf("page %d: rectangle at (%.2f, %.2f) %.2f×%.2f outside the margins", page, o.x, o.y, o.w, o.h)
			}
			rects = append(rects, [4]float64{o.x, o.y, o.w, o.h})
		}
	}
	if page == 0 || !texted {
		return fmt.Errorf("%d pages, the last blank", page)
	}
	if err := overlaps(); err != nil {
		return err
	}
	for c, n := range left {
		return fmt.Errorf("%q drawn %d times too few", c, n)
	}
	return nil
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

// TestCheckSheet: FuzzLayout's check passes the layout of a seed and fails
// it with a line of text left out, a cell moved past the bottom margin, a
// cell drawn over another, a text wider than its cell, and a page left blank.
func TestCheckSheet(t *testing.T) {
	hei, err := readFace(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	fonts, faces := map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: hei}
	doc, texts := fuzzDoc("绩效目标考评表", "制定年度招商行动方案，建立项目库并按月调度。", "6月底前", "某局", 2, 3)
	sh, _, err := lay(context.Background(), doc, Options{}, fonts, faces)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkSheet(sh, texts, faces); err != nil {
		t.Fatalf("the layout of a seed: %v", err)
	}
	var ops []op
	for _, o := range sh.ops() {
		ops = append(ops, o)
	}
	find := func(kind opKind, ok func(op) bool) int {
		for i, o := range ops {
			if o.kind == kind && ok(o) {
				return i
			}
		}
		t.Fatalf("no op %d to change", kind)
		return -1
	}
	item := find(opCell, func(o op) bool { return strings.Contains(o.s, "项目库") })
	rect := find(opRect, func(op) bool { return true })
	for name, change := range map[string]func(ops []op) []op{
		"a line left out": func(ops []op) []op { return slices.Delete(ops, item, item+1) },
		"past the bottom": func(ops []op) []op { ops[rect].y = pageH - marginB - ops[rect].h/2; return ops },
		"drawn over":      func(ops []op) []op { return slices.Insert(ops, rect+1, ops[rect]) },
		"wider than its cell": func(ops []op) []op {
			ops[item].s += "，并按季度通报进展情况"
			return ops
		},
		"a blank page": func(ops []op) []op { return slices.Insert(ops, 1, op{kind: opPage}) },
	} {
		bad := *sh
		bad.blocks = [][]op{change(slices.Clone(ops))}
		if err := checkSheet(&bad, texts[:], faces); err == nil {
			t.Errorf("%s: the check passes", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
