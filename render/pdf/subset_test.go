package pdf

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/grid"
)

// subsetCases are documents of every kind the renderer draws: findings, a
// --font, a diff's marks, several forms, none, and texts with characters the
// font lacks, control characters and astral ones.
func subsetCases(t *testing.T) []struct {
	name string
	doc  *model.Document
	opt  Options
} {
	odd := sampledoc.Tiny()
	it := &odd.Forms[0].Categories[0].Indicators[0].Items[0]
	it.Text = "a\x00b\tc\r\nd\u200b𠀀😀㛃김\u00a0¼ÿĀ€—「」\uffff"
	it.Owners = []string{"褚㛃志"}
	odd.Findings = append(odd.Findings, model.Finding{Rule: "x", Severity: model.SevError, Message: "鑫淼",
		Fix: &model.Fix{To: "犇"}, At: model.Location{Element: "signer"}})
	two := sample(t)
	two.Forms = append(two.Forms, two.Forms[0])
	two.Forms[1].Title = "第二张表（附加）"
	old := sample(t)
	changed := sample(t)
	ind := &changed.Forms[0].Categories[0].Indicators[0]
	ind.Items[0].Text += "，另增鳜鱼养殖"
	ind.Items = ind.Items[1:]
	ov, marks := diff.Overlay(old, changed, diff.Compare(old, changed))
	if len(marks) == 0 {
		t.Fatal("the diff has no marks")
	}
	return []struct {
		name string
		doc  *model.Document
		opt  Options
	}{
		{"sample", sample(t), Options{}},
		{"clean", sample(t), Options{Clean: true}},
		{"font", sample(t), Options{Font: defaultFont}},
		{"tiny", sampledoc.Tiny(), Options{}},
		{"odd", odd, Options{}},
		{"odd font", odd, Options{Font: defaultFont}},
		{"two forms", two, Options{}},
		{"diff", ov, Options{Diff: marks}},
		{"empty", &model.Document{}, Options{}},
	}
}

// fontName is fpdf's name for a font: the SHA-1 of its widths, which differ
// between a cut font and the whole one (no rune outside the cut has one).
var fontName = regexp.MustCompile(`/F[0-9a-f]{40}\b`)

// fontEntry is a font in a page's resources.
var fontEntry = regexp.MustCompile(`/F[0-9a-f]{40} \d+ 0 R\n`)

// fileID is the PDF's /ID, a hash of the rest.
var fileID = regexp.MustCompile(`/ID \[<[0-9a-f]{32}><[0-9a-f]{32}>\]`)

// TestSubsetSameBytes: a render with the fonts cut to the document's runes
// is, uncompressed, byte for byte the render fpdf makes from the whole
// fonts but for the fonts' names and the file's /ID, which hash them: the
// same glyph outlines in the embedded font, widths, CID maps, text and
// layout. So is one whose cut starts empty and is made up by drawing again
// with the runes the pen found missing. Compressed, a render is its own
// bytes every time (TestReproducible).
func TestSubsetSameBytes(t *testing.T) {
	none := func(*model.Document, []*grid.Grid) *runeSet { return &runeSet{} }
	norm := func(b []byte) []byte {
		// the page resources list the fonts in the order of their names
		b = fontEntry.ReplaceAll(b, nil)
		return fileID.ReplaceAll(fontName.ReplaceAll(b, []byte("/F…")), []byte("/ID"))
	}
	for _, c := range subsetCases(t) {
		c.opt.uncompressed = true
		var whole bytes.Buffer
		if err := write(context.Background(), &whole, c.doc, c.opt, nil); err != nil {
			t.Fatalf("%s: whole: %v", c.name, err)
		}
		for name, cut := range map[string]func(*model.Document, []*grid.Grid) *runeSet{"wanted": wanted, "empty": none} {
			var b bytes.Buffer
			if err := write(context.Background(), &b, c.doc, c.opt, cut); err != nil {
				t.Fatalf("%s: %s: %v", c.name, name, err)
			}
			if !bytes.Equal(norm(b.Bytes()), norm(whole.Bytes())) {
				t.Errorf("%s: the render cut to %s runes differs from the whole fonts' (%d and %d bytes)",
					c.name, name, b.Len(), whole.Len())
			}
		}
	}
}

// TestWantedCoversRender: wanted finds every rune a render draws, so no
// render is emitted twice.
func TestWantedCoversRender(t *testing.T) {
	for _, c := range subsetCases(t) {
		fonts := map[string][]byte{heiFamily: defaultFont}
		if c.opt.Font != nil {
			fonts[bodyFamily] = c.opt.Font
		}
		faces := map[string]*face{}
		for family, font := range fonts {
			f, err := readFace(font)
			if err != nil {
				t.Fatal(err)
			}
			faces[family] = f
		}
		grids := gridsOf(c.doc, c.opt)
		want := wanted(c.doc, grids)
		for r := range rune(0x100) {
			want.add(r) // as write does
		}
		sh, err := newSheet(fonts, faces)
		if err != nil {
			t.Fatal(err)
		}
		newRenderer(c.doc, c.opt, sh, faces).draw(grids)
		p, err := newPen(c.doc, c.opt, fonts, faces, want)
		if err != nil {
			t.Fatal(err)
		}
		if err := sh.emit(context.Background(), p); err != nil {
			t.Fatal(err)
		}
		p.Close()
		if p.missed {
			var lack []rune
			for ch := range rune(0x10000) {
				if p.miss.has(ch) {
					lack = append(lack, ch)
				}
			}
			t.Errorf("%s: wanted lacks %q", c.name, string(lack))
		}
	}
}

func gridsOf(doc *model.Document, opt Options) []*grid.Grid {
	var gs []*grid.Grid
	for i := range doc.Forms {
		g := grid.Build(doc, i)
		g.ApplyMarks(opt.Diff)
		gs = append(gs, g)
	}
	return gs
}
