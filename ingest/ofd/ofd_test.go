package ofd

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/golden"

	"github.com/google/go-cmp/cmp"
	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
	"github.com/kaoping/kaoping/ingest/zipsafe/ziptest"
)

var update = flag.Bool("update", false, "rewrite the golden files from the fixtures")

const fixtures = "../../fixtures/ofd"

var realFiles = []string{"luqiao-weishengju-pifu.ofd", "bengbu-han.ofd"}

func readFixture(t testing.TB, name string) (*document, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	return d, data
}

// TestGolden compares the page model of the real OFDs with golden JSON.
func TestGolden(t *testing.T) {
	for _, name := range realFiles {
		t.Run(name, func(t *testing.T) {
			d, _ := readFixture(t, name)
			got, err := json.MarshalIndent(d, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(name, ".ofd")+".pages.json"), append(got, '\n'), *update)
		})
	}
}

// textCodes is every TextCode string of a container, squeezed of white
// space, read independently of the reader (ofdtest.TextCodes).
func textCodes(t testing.TB, data []byte) string {
	t.Helper()
	pages, err := ofdtest.TextCodes(data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range pages {
		for _, s := range p {
			b.WriteString(s)
		}
	}
	return strings.Join(strings.Fields(b.String()), "")
}

// readingOrder is the plainest reading order of a page's glyphs: by baseline
// (rounded to half a glyph) then left to right. It stands in for the lines
// package in these unit tests.
func readingOrder(p page.Page) string {
	g := append([]page.Glyph(nil), p.Glyphs...)
	sort.SliceStable(g, func(i, j int) bool {
		yi, yj := g[i].Box.Y1, g[j].Box.Y1
		if math.Abs(yi-yj) > g[i].Size/2 {
			return yi < yj
		}
		return g[i].Box.X0 < g[j].Box.X0
	})
	var b strings.Builder
	for _, x := range g {
		b.WriteString(x.Text)
	}
	return b.String()
}

// TestTextCodes: the glyphs, read in reading order, spell the TextCode
// strings of the file in order.
func TestTextCodes(t *testing.T) {
	for _, name := range realFiles {
		t.Run(name, func(t *testing.T) {
			d, data := readFixture(t, name)
			var got strings.Builder
			for _, p := range d.Pages {
				got.WriteString(readingOrder(p))
			}
			if want := textCodes(t, data); got.String() != want {
				t.Errorf("reading order\n got %s\nwant %s", got.String(), want)
			}
		})
	}
}

// TestLuqiao checks facts of 路卫发〔2011〕76号 read off the page by eye:
// A4 pages, the 发文字号 centred under the red 发文机关标志, the red rule
// under it, the 版记 rules on page 2, the seal reported.
func TestLuqiao(t *testing.T) {
	d, _ := readFixture(t, "luqiao-weishengju-pifu.ofd")
	if len(d.Pages) != 2 || !d.Signed || d.Annotated {
		t.Fatalf("pages %d signed %v annotated %v", len(d.Pages), d.Signed, d.Annotated)
	}
	p := d.Pages[0]
	if math.Abs(p.Width-595.28) > 0.1 || math.Abs(p.Height-841.89) > 0.1 {
		t.Errorf("page size %.2f×%.2f, want A4 595.28×841.89", p.Width, p.Height)
	}
	line := glyphRun(p, "路卫发〔2011〕76号")
	if line == nil {
		t.Fatal("发文字号 not found as a run of glyphs")
	}
	mid := (line[0].Box.X0 + line[len(line)-1].Box.X1) / 2
	if math.Abs(mid-p.Width/2) > 10 {
		t.Errorf("发文字号 centre %.1f, page centre %.1f", mid, p.Width/2)
	}
	// Boundary 80.98 73.61, TextCode Y 4.88, size 5.6 mm: baseline 78.49 mm.
	if b := line[0].Box; math.Abs(b.X0-80.98*ptPerMM) > 0.02 || math.Abs(b.Y1-(78.49+5.6*0.12)*ptPerMM) > 0.02 {
		t.Errorf("first glyph box %+v", b)
	}
	if math.Abs(line[0].Size-5.6*ptPerMM) > 0.01 {
		t.Errorf("size %.2f pt, want %.2f", line[0].Size, 5.6*ptPerMM)
	}
	if len(p.Segments) != 1 || !p.Segments[0].Horizontal() || p.Segments[0].Y0 < line[0].Box.Y1 {
		t.Errorf("red rule: %+v", p.Segments)
	}
	if len(d.Pages[1].Segments) != 2 {
		t.Errorf("版记 rules: %+v", d.Pages[1].Segments)
	}
}

func glyphRun(p page.Page, s string) []page.Glyph {
	rs := []rune(s)
	for i := 0; i+len(rs) <= len(p.Glyphs); i++ {
		ok := true
		for k, r := range rs {
			if p.Glyphs[i+k].Text != string(r) {
				ok = false
				break
			}
		}
		if ok {
			return p.Glyphs[i : i+len(rs)]
		}
	}
	return nil
}

// TestBengbu: the 发文机关标志 of this file is drawn as filled outlines; they
// must not turn into ruling segments. DeltaX uses the g shorthand throughout.
func TestBengbu(t *testing.T) {
	d, _ := readFixture(t, "bengbu-han.ofd")
	if len(d.Pages) != 1 || d.Signed || d.Title != "蚌埠市国土资源局" {
		t.Fatalf("pages %d signed %v title %q", len(d.Pages), d.Signed, d.Title)
	}
	p := d.Pages[0]
	if len(p.Segments) != 0 {
		t.Errorf("outline paths became %d segments", len(p.Segments))
	}
	// "解放路西侧居住地块计划于": X 0.844, DeltaX "g 11 5.715" from Boundary x 24.1748.
	run := glyphRun(p, "解放路西侧居住地块计划于")
	if run == nil {
		t.Fatal("run not found")
	}
	for i, g := range run {
		want := (24.1748 + 0.844 + float64(i)*5.715) * ptPerMM
		if math.Abs(g.Box.X0-want) > 0.02 {
			t.Errorf("glyph %d %s x0 %.2f, want %.2f", i, g.Text, g.Box.X0, want)
		}
	}
}

// TestSyntheticForm writes a ruled 考评表 with ofdtest and checks every glyph
// position and every ruling line of the page model against the layout.
func TestSyntheticForm(t *testing.T) {
	pg, placed, rows := syntheticForm()
	data, err := ofdtest.Write([]ofdtest.Page{pg})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(context.Background(), "form.ofd", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 1 {
		t.Fatalf("%d pages", len(d.Pages))
	}
	p := d.Pages[0]
	var want []page.Glyph
	for _, pl := range placed {
		for _, c := range pl.Chars {
			w := c.Size // a CJK glyph is one em wide, a Latin digit half
			if c.Text[0] < 0x80 {
				w /= 2
			}
			want = append(want, page.Glyph{Text: c.Text, Font: "仿宋_GB2312", Size: round2(c.Size * ptPerMM),
				Box: bbox(identity, box{}, c.X, c.Y-c.Size*0.88, c.X+w, c.Y+c.Size*0.12)})
		}
	}
	if d := cmp.Diff(want, p.Glyphs); d != "" {
		t.Errorf("glyphs (-want +got):\n%s", d)
	}
	var wantSeg []page.Segment
	for _, l := range pg.Lines {
		wantSeg = append(wantSeg, page.Segment{X0: round2(l.X0 * ptPerMM), Y0: round2(l.Y0 * ptPerMM), X1: round2(l.X1 * ptPerMM), Y1: round2(l.Y1 * ptPerMM), Width: round2(0.25 * ptPerMM)})
	}
	if d := cmp.Diff(wantSeg, p.Segments); d != "" {
		t.Errorf("segments (-want +got):\n%s", d)
	}
	if rows != 6 {
		t.Errorf("rows %d", rows)
	}
}

func syntheticForm() (ofdtest.Page, []ofdtest.Placed, int) {
	pg, placed := ofdtest.SampleForm()
	return pg, placed, 6
}

// TestTemplate: a background template page's objects come before the page's.
func TestTemplate(t *testing.T) {
	tpl := &ofdtest.Page{Texts: []ofdtest.Text{{X: 20, Y: 20, Size: 4, Text: "页眉"}}, Lines: []ofdtest.Line{{X0: 20, Y0: 25, X1: 190, Y1: 25, Width: 0.5}}}
	data, err := ofdtest.Write([]ofdtest.Page{{Texts: []ofdtest.Text{{X: 20, Y: 50, Size: 4, Text: "正文"}}, Template: tpl}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(context.Background(), "t.ofd", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := readingOrder(d.Pages[0]); got != "页眉正文" {
		t.Errorf("text %q", got)
	}
	if len(d.Pages[0].Segments) != 1 || d.Pages[0].Segments[0].Width != round2(0.5*ptPerMM) {
		t.Errorf("segments %+v", d.Pages[0].Segments)
	}
}

func TestDeltas(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []float64
	}{
		{"1 2 3", 3, []float64{1, 2, 3}},
		{"g 3 2.5", 3, []float64{2.5, 2.5, 2.5}},
		{"5.63 5.67 g 2 5.63 5.67", 5, []float64{5.63, 5.67, 5.63, 5.63, 5.67}},
		{"g 1000000000 1", 2, []float64{1, 1}},
		{"1 2 3 4", 2, []float64{1, 2}},
		{"g 2", 3, []float64{}},
		{"x 1 g -1 2 3", 3, []float64{1, 3}},
		{"", 3, nil},
	}
	for _, tc := range tests {
		got := deltas(tc.in, tc.n)
		if len(got) == 0 && len(tc.want) == 0 {
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("deltas(%q, %d) (-want +got):\n%s", tc.in, tc.n, d)
		}
	}
}

func TestParsePath(t *testing.T) {
	tests := []struct {
		in    string
		lines int // straight pieces
		subs  int
	}{
		{"S 0 0 L 156 0 C", 1, 1},
		{"M 0 0 L 10 0 L 10 5 L 0 5 C M 20 20 L 30 30", 4, 2},
		{"M 0 0 B 1 1 2 2 3 3 Q 4 4 5 5 A 1 1 0 0 1 6 6 L 7 7", 1, 1},
		{"L 5 5", 1, 1},
		{"M 0 x L 1 1", 1, 1},
		{"Z C L", 0, 0},
	}
	for _, tc := range tests {
		subs := parsePath(tc.in)
		n := 0
		for _, s := range subs {
			for _, l := range s.line {
				if l {
					n++
				}
			}
		}
		if n != tc.lines || len(subs) != tc.subs {
			t.Errorf("%q: %d lines in %d subpaths, want %d in %d", tc.in, n, len(subs), tc.lines, tc.subs)
		}
	}
}

// TestPathKinds: stroked lines give segments, a thin filled bar gives its
// centre line, a filled outline gives none, a CTM scales and moves them.
func TestPathKinds(t *testing.T) {
	content := `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>` +
		`<ofd:PathObject Boundary="10 10 100 1" LineWidth="0.5"><ofd:AbbreviatedData>M 0 0 L 100 0</ofd:AbbreviatedData></ofd:PathObject>` +
		`<ofd:PathObject Boundary="10 20 100 1" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 0.4 L 0 0.4 C</ofd:AbbreviatedData></ofd:PathObject>` +
		`<ofd:PathObject Boundary="10 30 10 10" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 5 0 L 5 5 L 0 5 C</ofd:AbbreviatedData></ofd:PathObject>` +
		`<ofd:PathObject Boundary="10 40 100 100" CTM="2 0 0 2 5 0" LineWidth="0.1"><ofd:AbbreviatedData>M 0 0 L 0 10</ofd:AbbreviatedData></ofd:PathObject>` +
		// a 0.3 mm bar written in 1/100 mm under a scaling CTM is a ruling;
		// a 0.3-unit bar magnified 10 times (3 mm) is not
		`<ofd:PathObject Boundary="10 70 100 1" CTM="0.01 0 0 0.01 0 0" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 10000 0 L 10000 30 L 0 30 C</ofd:AbbreviatedData></ofd:PathObject>` +
		`<ofd:PathObject Boundary="10 80 100 10" CTM="10 0 0 10 0 0" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 10 0 L 10 0.3 L 0 0.3 C</ofd:AbbreviatedData></ofd:PathObject>` +
		`<ofd:PageBlock><ofd:PageBlock><ofd:TextObject Boundary="150 150 10 10" Size="4"><ofd:TextCode X="0" Y="4">块</ofd:TextCode></ofd:TextObject></ofd:PageBlock></ofd:PageBlock>` +
		`<ofd:TextObject Boundary="10 50 50 10" CTM="0.5 0 0 2 0 0" Size="4" HScale="0.5"><ofd:TextCode X="0" Y="4" DeltaX="8">甲乙</ofd:TextCode><ofd:TextCode DeltaY="5">丙丁</ofd:TextCode></ofd:TextObject>` +
		`</ofd:Layer></ofd:Content></ofd:Page>`
	data := container(t, map[string]string{"Doc_0/Pages/Page_0/Content.xml": content})
	d, err := Read(context.Background(), "t.ofd", data)
	if err != nil {
		t.Fatal(err)
	}
	mm := func(v float64) float64 { return round2(v * ptPerMM) }
	wantSeg := []page.Segment{
		{X0: mm(10), Y0: mm(10), X1: mm(110), Y1: mm(10), Width: mm(0.5)},
		{X0: mm(10), Y0: mm(20.2), X1: mm(110), Y1: mm(20.2), Width: mm(0.4)},
		{X0: mm(15), Y0: mm(40), X1: mm(15), Y1: mm(60), Width: mm(0.2)},
		{X0: mm(10), Y0: mm(70.15), X1: mm(110), Y1: mm(70.15), Width: mm(0.3)},
	}
	p := d.Pages[0]
	if diff := cmp.Diff(wantSeg, p.Segments); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	// the text of nested PageBlocks is read, in document order
	if len(p.Glyphs) != 5 || p.Glyphs[0].Text != "块" {
		t.Fatalf("glyphs %+v", p.Glyphs)
	}
	p.Glyphs = p.Glyphs[1:]
	// 乙 is 8 mm after 甲 in object space, 4 mm on the page (CTM a=0.5);
	// the size follows the vertical scale: 4 mm × 2.
	if x := p.Glyphs[1].Box.X0 - p.Glyphs[0].Box.X0; math.Abs(x-mm(4)) > 0.02 {
		t.Errorf("advance %.2f, want %.2f", x, mm(4))
	}
	if math.Abs(p.Glyphs[0].Size-8*ptPerMM) > 0.02 {
		t.Errorf("size %.2f", p.Glyphs[0].Size)
	}
	// 丙丁 continue at the pen position and step down by DeltaY: vertical.
	if !p.Glyphs[2].Vertical || p.Glyphs[3].Box.Y0 <= p.Glyphs[2].Box.Y0 {
		t.Errorf("vertical run %+v %+v", p.Glyphs[2], p.Glyphs[3])
	}
}

// container builds an OFD around the given page contents (Doc_0/Pages/Page_N).
func container(t testing.TB, members map[string]string) []byte {
	t.Helper()
	var pages strings.Builder
	var names []string
	for n := range members {
		if strings.HasPrefix(n, "Doc_0/Pages/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		pages.WriteString(`<ofd:Page BaseLoc="` + strings.TrimPrefix(n, "Doc_0/") + `"/>`)
	}
	all := map[string]string{
		"OFD.xml":            `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml": `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>` + pages.String() + `</ofd:Pages></ofd:Document>`,
	}
	for k, v := range members {
		all[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var keys []string
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		w, err := zw.Create(k)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(all[k])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestErrors(t *testing.T) {
	deep := `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>` + strings.Repeat("<ofd:PageBlock>", 5000) + strings.Repeat("</ofd:PageBlock>", 5000) + `</ofd:Layer></ofd:Content></ofd:Page>`
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("OFD.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 64; i++ {
		w.Write(chunk)
	}
	zw.Close()
	many := map[string]string{"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 1 1" Size="1"><ofd:TextCode X="0" Y="1">` + strings.Repeat("字", maxGlyphsPerPage+1) + `</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`}
	tests := []struct {
		name string
		data []byte
		kind readerr.Kind
	}{
		{"not a zip", []byte("%PDF-1.7"), readerr.Corrupt},
		{"no OFD.xml", container(t, nil)[:0], readerr.Corrupt},
		{"broken page", container(t, map[string]string{"Doc_0/Pages/Page_0/Content.xml": "<ofd:Page><ofd:Content"}), readerr.Corrupt},
		{"missing page", container(t, map[string]string{"Doc_0/Document.xml": `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page BaseLoc="Pages/Page_9/Content.xml"/></ofd:Pages></ofd:Document>`}), readerr.Corrupt},
		{"deep xml", container(t, map[string]string{"Doc_0/Pages/Page_0/Content.xml": deep}), readerr.TooLarge},
		{"zip bomb", bomb.Bytes(), readerr.TooLarge},
		{"too many glyphs", container(t, many), readerr.TooLarge},
		{"scanned", container(t, map[string]string{"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:ImageObject Boundary="0 0 210 297" ResourceID="9"/></ofd:Layer></ofd:Content></ofd:Page>`}), readerr.Scanned},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readLimits(context.Background(), "t.ofd", tc.data, zipsafe.Limits{MaxMember: 8 << 20, MaxDepth: 256})
			if err == nil {
				t.Fatal("no error")
			}
			if k := readerr.KindOf(err); k != tc.kind {
				t.Errorf("kind %v, want %v (%v)", k, tc.kind, err)
			}
		})
	}
}

func TestIsOFD(t *testing.T) {
	_, data := readFixture(t, realFiles[0])
	docx, err := os.ReadFile("../../fixtures/docx/form.docx")
	if err != nil {
		t.Fatal(err)
	}
	if !isOFD(data) || isOFD(docx) || isOFD([]byte("PK\x03\x04junk")) {
		t.Error("IsOFD decides wrongly")
	}
}

// FuzzRead: any bytes give pages with sane glyph boxes, or a classified
// error. The seeds are small written OFDs (the ruled sample form, a page on
// a template) and the hostile shapes of TestErrors at small sizes: deep
// XML, a member that inflates a thousandfold, a broken and a missing page,
// a scanned page. The real files (40–65 KB, tens of milliseconds an exec)
// are read by the golden tests.
func FuzzRead(f *testing.F) {
	pg, _, _ := syntheticForm()
	tpl := &ofdtest.Page{Texts: []ofdtest.Text{{X: 20, Y: 20, Size: 4, Text: "页眉"}}, Lines: []ofdtest.Line{{X0: 20, Y0: 25, X1: 190, Y1: 25, Width: 0.5}}}
	for _, pages := range [][]ofdtest.Page{{pg}, {{Texts: []ofdtest.Text{{X: 20, Y: 50, Size: 4, Text: "正文"}}, Template: tpl}}} {
		data, err := ofdtest.Write(pages)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	page := func(layer string) []byte {
		return container(f, map[string]string{"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>` + layer + `</ofd:Layer></ofd:Content></ofd:Page>`})
	}
	f.Add(page(strings.Repeat("<ofd:PageBlock>", 2000) + strings.Repeat("</ofd:PageBlock>", 2000)))
	f.Add(page(`<ofd:ImageObject Boundary="0 0 210 297" ResourceID="9"/>`))
	f.Add(page(`<ofd:TextObject Boundary="0 0 1e308 1" Size="-1"><ofd:TextCode X="NaN" Y="1" DeltaX="g 3 1e308">字字字</ofd:TextCode></ofd:TextObject>`))
	f.Add(container(f, map[string]string{"Doc_0/Pages/Page_0/Content.xml": "<ofd:Page><ofd:Content"}))
	f.Add(container(f, map[string]string{"Doc_0/Document.xml": `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page BaseLoc="Pages/Page_9/Content.xml"/></ofd:Pages></ofd:Document>`}))
	f.Add(ziptest.Bomb("OFD.xml", 1<<20))
	var png8 bytes.Buffer
	_ = png.Encode(&png8, image.NewGray(image.Rect(0, 0, 8, 8)))
	scan, err := ofdtest.Write([]ofdtest.Page{{Images: []ofdtest.Image{{X: 10, Y: 10, W: 100, H: 50, Data: png8.Bytes(), Format: "PNG"}}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(scan)
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := zipsafe.Limits{MaxMember: 4 << 20, MaxTotal: 16 << 20}
		d, err := readLimits(context.Background(), "fuzz.ofd", data, lim)
		if readerr.KindOf(err) == readerr.Scanned {
			// the pages OCR would read: placed images or a typed error
			err = imagePages(context.Background(), "fuzz.ofd", data, lim, func(ImagePage) error { return nil })
			if err != nil && readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("ImagePages: untyped error %v", err)
			}
			return
		}
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		for _, p := range d.Pages {
			for _, g := range p.Glyphs {
				if math.IsNaN(g.Box.X0) || math.IsNaN(g.Box.Y0) || g.Box.X1 < g.Box.X0 || g.Box.Y1 < g.Box.Y0 {
					t.Fatalf("bad glyph box %+v", g)
				}
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	for _, name := range realFiles {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Read(context.Background(), name, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFilledBars: table rules drawn as thin filled bars, all in one
// PathObject, become one centre line each.
func TestFilledBars(t *testing.T) {
	var d strings.Builder
	for i := 0; i < 6; i++ {
		y := float64(i * 10)
		d.WriteString("M 0 " + f2(y) + " L 100 " + f2(y) + " L 100 " + f2(y+0.3) + " L 0 " + f2(y+0.3) + " C ")
	}
	content := `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>` +
		`<ofd:PathObject Boundary="10 10 100 100" Stroke="false" Fill="true"><ofd:AbbreviatedData>` + d.String() + `</ofd:AbbreviatedData></ofd:PathObject>` +
		`</ofd:Layer></ofd:Content></ofd:Page>`
	doc, err := Read(context.Background(), "t.ofd", container(t, map[string]string{"Doc_0/Pages/Page_0/Content.xml": content}))
	if err != nil {
		t.Fatal(err)
	}
	segs := doc.Pages[0].Segments
	if len(segs) != 6 {
		t.Fatalf("%d segments: %+v", len(segs), segs)
	}
	for i, s := range segs {
		if !s.Horizontal() || math.Abs(s.Y0-(10+float64(i*10)+0.15)*ptPerMM) > 0.02 || math.Abs(s.Width-0.3*ptPerMM) > 0.02 {
			t.Errorf("segment %d: %+v", i, s)
		}
	}
}

func f2(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
