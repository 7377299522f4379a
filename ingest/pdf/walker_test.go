package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// onePage builds a one-page PDF: content, the page's extra entries, and
// further objects numbered from 5 (1 catalog, 2 pages, 3 page, 4 content).
func onePage(content, pageExtra string, more ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 100] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R " + pageExtra + " >>",
		pdftest.Stream("", content),
	}
	return pdftest.Build(append(objs, more...)...)
}

func mustPages(t *testing.T, data []byte) []page.Page {
	t.Helper()
	pages, err := Pages(context.Background(), "t.pdf", data)
	if err != nil {
		t.Fatalf("Pages: %v", err)
	}
	return pages
}

func text(p page.Page) string {
	var b strings.Builder
	for _, g := range p.Glyphs {
		b.WriteString(g.Text)
	}
	return b.String()
}

func near2(a, b float64) bool { return math.Abs(a-b) < 0.01 }

// helv is a simple TrueType-like font with explicit widths: A=500, B=600, space=250.
const helv = "<< /Type /Font /Subtype /TrueType /BaseFont /Test /FirstChar 32 /LastChar 66 /Widths [250 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 500 600] /Encoding /WinAnsiEncoding /FontDescriptor << /Ascent 800 /Descent -200 >> >>"

func TestTextState(t *testing.T) {
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	tests := []struct {
		name    string
		content string
		want    string
		x0      []float64 // left edge of each glyph
		y1      float64   // baseline (bottom of the box minus descent) of the first glyph, top-left origin
	}{
		{"Tj at Td", "BT /F1 10 Tf 10 20 Td (AB) Tj ET", "AB", []float64{10, 15}, 80},
		{"Tc and Tw", "BT /F1 10 Tf 2 Tc 3 Tw 10 20 Td (A B) Tj ET", "AB", []float64{10, 10 + 5 + 2 + 2.5 + 2 + 3}, 80},
		{"Tz", "BT /F1 10 Tf 50 Tz 10 20 Td (AB) Tj ET", "AB", []float64{10, 12.5}, 80},
		{"TJ adjustment", "BT /F1 10 Tf 10 20 Td [(A) -1000 (B)] TJ ET", "AB", []float64{10, 25}, 80},
		{"Tm and cm", "2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 5 10 Tm (A) Tj ET", "A", []float64{10}, 80},
		{"T* with TL and quote", "BT /F1 10 Tf 12 TL 10 50 Td (A) Tj (B) ' ET", "AB", []float64{10, 10}, 50},
		{"TD sets leading", "BT /F1 10 Tf 10 50 Td 0 -12 TD (A) Tj T* (B) Tj ET", "AB", []float64{10, 10}, 62},
		{"double quote sets Tw Tc", "BT /F1 10 Tf 12 TL 10 50 Td 5 1 (A B) \" ET", "AB", []float64{10, 10 + 5 + 1 + 2.5 + 1 + 5}, 62},
		{"q Q restore CTM", "q 1 0 0 1 50 0 cm Q BT /F1 10 Tf 10 20 Td (A) Tj ET", "A", []float64{10}, 80},
		{"Ts rise", "BT /F1 10 Tf 5 Ts 10 20 Td (A) Tj ET", "A", []float64{10}, 75},
		{"BT resets matrix", "BT /F1 10 Tf 10 20 Td ET BT /F1 10 Tf (A) Tj ET", "A", []float64{0}, 100},
		{"unknown font skipped", "BT /F9 10 Tf 10 20 Td (A) Tj ET", "", nil, 0},
		{"stray operands ignored", "1 2 3 BT /F1 10 Tf 7 8 9 10 20 Td (A) Tj ET", "A", []float64{10}, 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPages(t, onePage(tt.content, res, helv))[0]
			if got := text(p); got != tt.want {
				t.Fatalf("text %q, want %q", got, tt.want)
			}
			for i, x := range tt.x0 {
				if !near2(p.Glyphs[i].Box.X0, x) {
					t.Errorf("glyph %d x0 = %.3f, want %.3f", i, p.Glyphs[i].Box.X0, x)
				}
			}
			if len(p.Glyphs) > 0 {
				g := p.Glyphs[0]
				base := g.Box.Y1 - 0.2*g.Size // descent 200/1000
				if !near2(base, tt.y1) {
					t.Errorf("baseline %.3f, want %.3f (box %+v)", base, tt.y1, g.Box)
				}
			}
		})
	}
}

func TestType0FontWidthsAndToUnicode(t *testing.T) {
	// A CID font with /W widths in both forms, DW, and a ToUnicode with a
	// string-destination range (the form ledongthuc decodes wrongly).
	toUni := "1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0001> <0003> <4E2D> endbfrange"
	objs := []string{
		"<< /Type /Font /Subtype /Type0 /BaseFont /CJK /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CJK /DW 1000 /W [1 [500] 2 3 800] /FontDescriptor << /Ascent 880 /Descent -120 >> >>",
		pdftest.Stream("", toUni),
	}
	p := mustPages(t, onePage("BT /F1 10 Tf 10 20 Td <000100020003> Tj <0009> Tj ET", "/Resources << /Font << /F1 5 0 R >> >>", objs...))[0]
	if got := text(p); got != "中丮丯" {
		t.Fatalf("text %q", got)
	}
	want := []float64{10, 15, 23}
	for i, x := range want {
		if !near2(p.Glyphs[i].Box.X0, x) {
			t.Errorf("glyph %d x0 %.2f want %.2f", i, p.Glyphs[i].Box.X0, x)
		}
	}
}

func TestGBKWithoutToUnicode(t *testing.T) {
	objs := []string{
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 >>",
	}
	p := mustPages(t, onePage("BT /F1 10 Tf 10 20 Td <D6D0CEC441> Tj ET", "/Resources << /Font << /F1 5 0 R >> >>", objs...))[0]
	if got := text(p); got != "中文A" {
		t.Fatalf("text %q", got)
	}
}

func TestType3AndForms(t *testing.T) {
	// A Type3 font with a FontMatrix of 1/100 and widths of 50 (= half an em),
	// painted from inside a form XObject that is moved by its /Matrix.
	t3 := "<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FontBBox [0 -20 100 80] /FirstChar 65 /LastChar 66 /Widths [50 50] /Encoding << /Type /Encoding /Differences [65 /X /Y] >> /CharProcs << >> >>"
	form := pdftest.Stream("/Type /XObject /Subtype /Form /BBox [0 0 200 100] /Matrix [1 0 0 1 30 0] /Resources << /Font << /T 5 0 R >> >>", "BT /T 10 Tf 10 20 Td (AB) Tj ET")
	p := mustPages(t, onePage("q /Fm Do Q /Fm Do", "/Resources << /XObject << /Fm 6 0 R >> >>", t3, form))[0]
	if got := text(p); got != "XYXY" {
		t.Fatalf("text %q", got)
	}
	if !near2(p.Glyphs[0].Box.X0, 40) || !near2(p.Glyphs[1].Box.X0, 45) {
		t.Errorf("boxes %+v %+v", p.Glyphs[0].Box, p.Glyphs[1].Box)
	}
	if !near2(p.Glyphs[0].Box.Y0, 100-20-8) {
		t.Errorf("top %.2f, want 72 (FontBBox through FontMatrix)", p.Glyphs[0].Box.Y0)
	}
}

func TestFormRecursionStops(t *testing.T) {
	form := pdftest.Stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm 5 0 R >> >>", "/Fm Do")
	mustPages(t, onePage("/Fm Do", "/Resources << /XObject << /Fm 5 0 R >> >>", form))
}

func TestRulings(t *testing.T) {
	content := strings.Join([]string{
		"0.5 w 10 10 m 110 10 l S",         // stroked horizontal line
		"1 0 0 1 0 50 cm 20 0 m 20 40 l S", // vertical line moved by cm
		"10 60 100 0.5 re f",               // thin filled rectangle: a horizontal rule
		"10 10 50 30 re f",                 // a filled area: not a rule
		"10 10 m 50 50 l S",                // diagonal: not a rule
		"10 10 40 20 re S",                 // stroked rectangle: four rules
	}, "\n")
	p := mustPages(t, onePage(content, ""))[0]
	want := []page.Segment{
		{X0: 10, Y0: 90, X1: 110, Y1: 90, Width: 0.5},
		{X0: 20, Y0: 50, X1: 20, Y1: 10, Width: 0.5},
		{X0: 10, Y0: 100 - 110.25, X1: 110, Y1: 100 - 110.25, Width: 0.5},
	}
	if len(p.Segments) != len(want)+4 {
		t.Fatalf("%d segments: %+v", len(p.Segments), p.Segments)
	}
	for i, w := range want {
		s := p.Segments[i]
		if !near2(s.X0, w.X0) || !near2(s.Y0, w.Y0) || !near2(s.X1, w.X1) || !near2(s.Y1, w.Y1) || !near2(s.Width, w.Width) {
			t.Errorf("segment %d = %+v, want %+v", i, s, w)
		}
	}
}

func TestPageGeometry(t *testing.T) {
	content := "BT /F1 10 Tf 10 20 Td (A) Tj ET"
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	tests := []struct {
		extra  string
		w, h   float64
		x0, y1 float64 // glyph box left and bottom
	}{
		{"", 200, 100, 10, 82},
		{"/CropBox [5 5 195 95]", 190, 90, 5, 77},
		{"/Rotate 90", 100, 200, 18, 10 + 5},
		{"/Rotate 180", 200, 100, 200 - 15, 28},
		{"/Rotate -90", 100, 200, 72, 200 - 10},
	}
	for _, tt := range tests {
		t.Run(tt.extra, func(t *testing.T) {
			p := mustPages(t, onePage(content, res+" "+tt.extra, helv))[0]
			if !near2(p.Width, tt.w) || !near2(p.Height, tt.h) {
				t.Fatalf("size %.1f×%.1f, want %.1f×%.1f", p.Width, p.Height, tt.w, tt.h)
			}
			b := p.Glyphs[0].Box
			if !near2(b.X0, tt.x0) || !near2(b.Y1, tt.y1) {
				t.Errorf("box %+v, want x0 %.1f y1 %.1f", b, tt.x0, tt.y1)
			}
		})
	}
}

func TestInheritedAttributes(t *testing.T) {
	data := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 /MediaBox [0 0 300 400] /Resources << /Font << /F1 5 0 R >> >> /Rotate 90 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		pdftest.Stream("", "BT /F1 10 Tf (A) Tj ET"),
		helv,
		"<< /Type /Pages /Parent 2 0 R /Kids [7 0 R 2 0 R] /Count 1 /Rotate 0 >>", // a cycle back to the root
		"<< /Type /Page /Parent 6 0 R /Contents 4 0 R /MediaBox [0 0 100 100] >>",
	)
	pages := mustPages(t, data)
	if len(pages) != 2 {
		t.Fatalf("%d pages", len(pages))
	}
	if pages[0].Width != 400 || pages[0].Height != 300 || pages[1].Width != 100 || text(pages[1]) != "A" {
		t.Errorf("pages %v×%v %v×%v %q", pages[0].Width, pages[0].Height, pages[1].Width, pages[1].Height, text(pages[1]))
	}
}

func TestErrorKinds(t *testing.T) {
	fixture, err := os.ReadFile("../../fixtures/pdf/fpdf-notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	encrypted, err := pdftest.Encrypted()
	if err != nil {
		t.Fatal(err)
	}
	scanned, err := pdftest.Scanned()
	if err != nil {
		t.Fatal(err)
	}
	// A content stream that inflates to more than the limit allows.
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(bytes.Repeat([]byte("0 0 m "), 400000))
	zw.Close()
	bomb := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
	)
	tests := []struct {
		name string
		data []byte
		lim  limits
		kind readerr.Kind
	}{
		{"empty", []byte("  \n"), defaultLimits(), readerr.Empty},
		{"not a pdf", []byte("hello world"), defaultLimits(), readerr.Corrupt},
		{"truncated", fixture[:len(fixture)/2], defaultLimits(), readerr.Truncated},
		{"encrypted", encrypted, defaultLimits(), readerr.Encrypted},
		{"scanned", scanned, defaultLimits(), readerr.Scanned},
		{"stream over limit", bomb, limits{MaxPages: 10, MaxObjects: 100, MaxBytes: 1 << 20, MaxOps: 1 << 20, MaxGlyphs: 100}, readerr.TooLarge},
		{"too many pages", fixture, limits{MaxPages: 1, MaxObjects: 100, MaxBytes: 1 << 20, MaxOps: 1 << 20, MaxGlyphs: 10000}, readerr.TooLarge},
		{"too many glyphs", fixture, limits{MaxPages: 10, MaxObjects: 100, MaxBytes: 1 << 20, MaxOps: 1 << 20, MaxGlyphs: 10}, readerr.TooLarge},
		{"broken content stream", pdftest.Build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", pdftest.Stream("/Filter /FlateDecode", "xxxxx")), defaultLimits(), readerr.Corrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pagesLimits(context.Background(), "x.pdf", tt.data, tt.lim)
			var pe *readerr.Error
			if !errors.As(err, &pe) || pe.Kind != tt.kind {
				t.Fatalf("err %v, want kind %d", err, tt.kind)
			}
		})
	}
}

func TestBrokenPageNamesPage(t *testing.T) {
	data := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		pdftest.Stream("", "0 0 m 1 1 l S"),
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		"<< /Length 5 /Filter /FlateDecode >>\nstream\nxxxxx\nendstream",
	)
	_, err := Pages(context.Background(), "x.pdf", data)
	var pe *readerr.Error
	if !errors.As(err, &pe) || pe.Kind != readerr.Corrupt || pe.Page != 2 || !strings.Contains(pe.Message("en"), "page 2") {
		t.Fatalf("err = %v", err)
	}
}

func TestCancelled(t *testing.T) {
	data, _ := os.ReadFile("../../fixtures/pdf/fpdf-notice.pdf")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Pages(ctx, "x.pdf", data); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func TestVerticalFont(t *testing.T) {
	objs := []string{
		"<< /Type /Font /Subtype /Type0 /BaseFont /V /Encoding /Identity-V /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /V /DW 1000 >>",
		pdftest.Stream("", "1 beginbfrange <0001> <0003> <4E00> endbfrange"),
	}
	p := mustPages(t, onePage("BT /F1 10 Tf 100 90 Td <000100020003> Tj ET", "/Resources << /Font << /F1 5 0 R >> >>", objs...))[0]
	if got := text(p); got != "一丁丂" {
		t.Fatalf("text %q", got)
	}
	for i, g := range p.Glyphs {
		// each glyph one em below the previous, centred on x = 100
		if !g.Vertical || !near2(g.Box.Y0, 10+float64(i)*10) || !near2(g.Box.X0, 95) {
			t.Errorf("glyph %d: %+v", i, g)
		}
	}
}

func TestInlineImageSkipped(t *testing.T) {
	content := "q 10 0 0 10 0 0 cm BI /W 2 /H 1 /BPC 8 /CS /G ID \x00(\xff) Tj EI Q BT /F1 10 Tf 10 20 Td (AB) Tj ET"
	p := mustPages(t, onePage(content, "/Resources << /Font << /F1 5 0 R >> >>", helv))[0]
	if got := text(p); got != "AB" {
		t.Fatalf("text %q", got)
	}
}

// TestBrokenToUnicodeIgnored: a damaged ToUnicode stream is read as absent;
// the page keeps its glyphs (text from the encoding instead).
func TestBrokenToUnicodeIgnored(t *testing.T) {
	font := strings.Replace(helv, ">> >>", ">> /ToUnicode 6 0 R >>", 1)
	p := mustPages(t, onePage("BT /F1 10 Tf 10 20 Td (AB) Tj ET", "/Resources << /Font << /F1 5 0 R >> >>", font, pdftest.Stream("/Filter /FlateDecode", "xxxxx")))[0]
	if got := text(p); got != "AB" {
		t.Fatalf("text %q", got)
	}
}

// TestActualText: a marked-content /Span with /ActualText gives the text of
// the glyphs inside it (Chromium writes 户 as the radical ⼾ in ToUnicode and
// 户 as ActualText); one character per glyph when the counts agree, the whole
// text on the first glyph otherwise, nothing for an empty ActualText;
// marked content without it, unbalanced EMC and nesting change nothing.
func TestActualText(t *testing.T) {
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	for _, tc := range []struct{ content, want string }{
		{"BT /F1 10 Tf 0 0 Td /Span << /ActualText <feff6237> >> BDC (A) Tj EMC (B) Tj ET", "户B"},
		{"BT /F1 10 Tf /Span << /ActualText (ff) >> BDC (AB) Tj EMC ET", "ff"},
		{"BT /F1 10 Tf /Span << /ActualText (xyz) >> BDC (AB) Tj EMC (A) Tj ET", "xyzA"},
		{"BT /F1 10 Tf /Artifact << /ActualText () >> BDC (A) Tj EMC (B) Tj ET", "B"},
		{"BT /F1 10 Tf /P << /MCID 0 >> BDC /Span << /ActualText <feff2f6c> >> BDC (A) Tj EMC (B) Tj EMC EMC (A) Tj ET", "目BA"},
		{"BT /F1 10 Tf /X BMC (AB) Tj EMC ET", "AB"},
	} {
		p := mustPages(t, onePage(tc.content, res, helv))[0]
		if got := text(p); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.content, got, tc.want)
		}
	}
}
