package pdf

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
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
// their benchmarks: the sample's texts, none, a title taller than a page,
// and an unbreakable word in the narrow 完成时限 column whose row is split
// over four pages (the word also in the item cell and the finding's row,
// each cut rune by rune). The long ones were a 600-character title and a
// 2,000-letter item: the fuzzer minimises each new input in time quadratic
// in its length, with no execs counted, and their offspring held FuzzLayout
// at a few execs a second for minutes (docs/contributing.md); these reach
// the same shapes in a tenth and a third of the bytes.
func renderSeedList() []renderSeed {
	return []renderSeed{
		{"sample", "绩效目标考评表", "制定年度招商行动方案。", "6月底前", "某局", 2.0, 3},
		{"empty", "", "", "", "", 0.0, 0},
		{"long-title", strings.Repeat("长", 40) + strings.Repeat("\n长", 14), "a\x00b\tc\r\nd\u200b𠀀😀", "\ufeff", "\u202e", math.Inf(1), 50},
		{"long-word", "x", strings.Repeat("W", 240), strings.Repeat("W", 480), "z", math.NaN(), 1},
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
// panic or hang, and the PDF must hold together (checkPDF: its xref points
// at its objects, its page tree at as many pages as the layout drew).
//
// Each exec pays fpdf's set-up and close of a document, 5-6 ms of CPU
// whatever the input (BenchmarkFuzzRender/empty): it parses the font cut and
// JSON-encodes a 65,536-entry width table for the font's name (generateFontID),
// writes a 128 KB CIDToGIDMap, and makes a zlib writer (0.8 MB) for every
// stream. No public fpdf call shares a parsed font between documents, so
// this target runs at a hundred-odd execs a second; FuzzLayout fuzzes the
// same inputs through the layout and the font cut, ten times faster, with
// checks of where things go.
func FuzzRender(f *testing.F) {
	renderSeeds(f)
	fonts, faces := embeddedFaces(f)
	f.Fuzz(func(t *testing.T, title, text, deadline, unit string, weight float64, findings int) {
		renderExec(t, fonts, faces, title, text, deadline, unit, weight, findings)
	})
}

// renderExec is an exec of FuzzRender; fonts and faces lay the document out
// apart, for the number of pages its PDF must have.
func renderExec(t testing.TB, fonts map[string][]byte, faces map[string]*face, title, text, deadline, unit string, weight float64, findings int) {
	doc, _ := fuzzDoc(title, text, deadline, unit, weight, findings)
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
		return
	}
	sh, _, err := lay(context.Background(), doc, Options{}, fonts, faces)
	if err != nil {
		t.Fatalf("Write gave a PDF, the layout alone %v", err)
	}
	if err := checkPDF(buf.Bytes(), sh.pages); err != nil {
		t.Fatal(err)
	}
}

// checkPDF checks the frame of a PDF fpdf wrote: it ends in %%EOF after a
// startxref that points at its xref table; the table lists as many objects
// as the trailer's /Size, each entry in use pointing at its object's
// header; the catalogue's page tree has pages kids, each a /Page, and counts
// them. TestCheckPDF shows it failing.
func checkPDF(b []byte, pages int) error {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return fmt.Errorf("not a PDF: %q", b[:min(len(b), 16)])
	}
	i := bytes.LastIndex(b, []byte("\nstartxref\n"))
	if i < 0 {
		return errors.New("no startxref")
	}
	var at int
	if n, err := fmt.Sscanf(string(b[i+len("\nstartxref\n"):]), "%d\n%%%%EOF\n", &at); n != 1 || err != nil ||
		!bytes.HasSuffix(b, []byte("\n"+strconv.Itoa(at)+"\n%%EOF\n")) {
		return fmt.Errorf("the end is not startxref, an offset and %%%%EOF: %q", b[i:])
	}
	var size int
	if at < 0 || at > i {
		return fmt.Errorf("startxref %d is outside the file", at)
	}
	if n, err := fmt.Sscanf(string(b[at:]), "xref\n0 %d\n", &size); n != 1 || err != nil || size < 1 {
		return fmt.Errorf("no xref table at startxref %d: %q", at, b[at:min(len(b), at+16)])
	}
	table := at + len("xref\n0 \n") + len(strconv.Itoa(size))
	if table+20*size > i {
		return fmt.Errorf("the xref table of %d entries runs past startxref", size)
	}
	obj := make([][]byte, size) // each object's text, to its endobj
	for k := range size {
		e := string(b[table+20*k : table+20*k+20])
		off, err := strconv.Atoi(e[:10])
		if err != nil || e[10:17] != " 00000 " && k > 0 || e[18:] != " \n" || e[17] != 'n' && e[17] != 'f' {
			return fmt.Errorf("xref entry %d is %q", k, e)
		}
		if k == 0 || e[17] != 'n' {
			continue
		}
		head := strconv.Itoa(k) + " 0 obj\n"
		if off > at || !bytes.HasPrefix(b[off:at], []byte(head)) {
			return fmt.Errorf("xref entry %d points at %d, not at %q", k, off, head)
		}
		end := bytes.Index(b[off:at], []byte("endobj"))
		if end < 0 {
			return fmt.Errorf("object %d has no endobj", k)
		}
		obj[k] = b[off+len(head) : off+end]
	}
	trailer := b[table+20*size : i]
	if !bytes.HasPrefix(trailer, []byte("trailer\n<<\n/Size "+strconv.Itoa(size)+"\n")) {
		return fmt.Errorf("the trailer does not give /Size %d: %q", size, trailer)
	}
	ref := func(in []byte, key string) (int, error) {
		var k int
		j := bytes.Index(in, []byte(key+" "))
		if j < 0 {
			return 0, fmt.Errorf("no %s in %q", key, in)
		}
		if n, err := fmt.Sscanf(string(in[j+len(key)+1:]), "%d 0 R", &k); n != 1 || err != nil || k <= 0 || k >= size || obj[k] == nil {
			return 0, fmt.Errorf("%s is not an object of the file: %q", key, in[j:])
		}
		return k, nil
	}
	root, err := ref(trailer, "/Root")
	if err != nil {
		return err
	}
	tree, err := ref(obj[root], "/Pages")
	if err != nil {
		return err
	}
	pt := obj[tree]
	kids := pt[bytes.Index(pt, []byte("/Kids ["))+1:]
	if !bytes.HasPrefix(pt, []byte("<</Type /Pages\n")) || bytes.IndexByte(kids, ']') < 0 {
		return fmt.Errorf("object %d is not a page tree with kids: %q", tree, pt)
	}
	kids = kids[len("Kids ["):bytes.IndexByte(kids, ']')]
	n := 0
	for _, f := range bytes.Fields(kids) {
		if string(f) == "0" || string(f) == "R" {
			continue
		}
		k, err := strconv.Atoi(string(f))
		if err != nil || k <= 0 || k >= size || obj[k] == nil || !bytes.HasPrefix(obj[k], []byte("<</Type /Page\n")) {
			return fmt.Errorf("kid %q of the page tree is not a page", f)
		}
		n++
	}
	if n != pages || !bytes.Contains(pt, []byte("\n/Count "+strconv.Itoa(pages)+"\n")) {
		return fmt.Errorf("the page tree has %d kids (%q), the layout %d pages", n, pt, pages)
	}
	return nil
}

// FuzzLayout lays FuzzRender's documents out (lay, the layout Write emits)
// and checks the sheet: a page is begun before anything is drawn on it and
// none is left blank (no text, no cell); every cell and rectangle lies inside its page's
// margins; a cell's text fits its width (but a single character wider than
// the column); no two cells overlap; no text is lost: every character of
// the fuzzed texts, as printable makes them, is drawn at least as often as
// they print it; and the font cut holds every character drawn (wanted, as
// Write cuts the font: a character it lacks costs Write a second emit).
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
	sh, grids, err := lay(context.Background(), doc, Options{}, fonts, faces)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkSheet(sh, texts, faces); err != nil {
		t.Fatal(err)
	}
	if err := checkCut(sh, cutOf(doc, grids), faces); err != nil {
		t.Fatal(err)
	}
}

// cutOf is the runes Write cuts the fonts to.
func cutOf(doc *model.Document, grids []*grid.Grid) *runeSet {
	want := wanted(doc, grids)
	for r := range rune(0x100) {
		want.add(r) // as write does
	}
	return want
}

// checkCut checks that want holds every character the sheet draws that its
// font has: what the pen would find missing (TestCheckSheet shows it
// failing).
func checkCut(sh *sheet, want *runeSet, faces map[string]*face) error {
	var f *face
	for i, o := range sh.ops() {
		switch o.kind {
		case opFont:
			f = faces[o.s]
		case opCell, opText:
			if f == nil {
				continue
			}
			for _, r := range o.s {
				if !want.has(r) && f.has(r) {
					return fmt.Errorf("op %d draws %q, which the font cut lacks", i, r)
				}
			}
		}
	}
	return nil
}

// BenchmarkFuzzRender is an exec of FuzzRender on each seed: the time an
// exec takes without the fuzzer's coverage counting, less hostage to the
// machine's load than the fuzzer's execs a second.
func BenchmarkFuzzRender(b *testing.B) {
	fonts, faces := embeddedFaces(b)
	for _, s := range renderSeedList() {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				renderExec(b, fonts, faces, s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
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

// TestCheckPDF: FuzzRender's check passes the PDF of a seed and fails it cut
// short, with an object moved, an object's xref entry wrong, a page tree
// kid that is not a page, and a layout of another number of pages.
func TestCheckPDF(t *testing.T) {
	doc, _ := fuzzDoc("绩效目标考评表", "制定年度招商行动方案。", "6月底前", "某局", 2, 3)
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if err := checkPDF(b, 2); err != nil {
		t.Fatalf("the PDF of a seed: %v", err)
	}
	xref := bytes.LastIndex(b, []byte("\nxref\n0 "))
	entry := xref + 1 + len("xref\n") + bytes.IndexByte(b[xref+1+len("xref\n"):], '\n') + 1 + 20*3
	for name, change := range map[string]func(b []byte) []byte{
		"cut short": func(b []byte) []byte { return b[:len(b)-20] },
		"an object moved": func(b []byte) []byte {
			return bytes.Replace(b, []byte("\n3 0 obj\n<<"), []byte("\n 3 0 obj\n<"), 1)
		},
		"an entry wrong": func(b []byte) []byte { b[entry+9]++; return b },
		"a kid not a page": func(b []byte) []byte {
			return bytes.Replace(b, []byte("/Kids [3 0 R"), []byte("/Kids [2 0 R"), 1)
		},
	} {
		if err := checkPDF(change(slices.Clone(b)), 2); err == nil {
			t.Errorf("%s: the check passes", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	if err := checkPDF(b, 3); err == nil {
		t.Error("a layout of 3 pages: the check passes")
	}
}

// TestCheckSheet: FuzzLayout's checks pass the layout of a seed and fail it
// with a line of text left out, a cell moved past the bottom margin, a cell
// drawn over another, a text wider than its cell, a page left blank, and a
// character drawn that the font cut lacks.
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
	want := cutOf(doc, gridsOf(doc, Options{}))
	if err := checkCut(sh, want, faces); err != nil {
		t.Fatalf("the cut of a seed: %v", err)
	}
	for _, r := range "项目库" {
		lack := *want
		lack[r/64] &^= 1 << (uint(r) % 64)
		if err := checkCut(sh, &lack, faces); err == nil {
			t.Errorf("a cut without %q: the check passes", r)
		} else {
			t.Logf("a cut without %q: %v", r, err)
		}
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
