package lattice

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// spec is a synthetic table: column widths, row heights and cells (top-left
// position, spans, text). draw renders it the way office suites do: every
// cell strokes its own four borders, so shared borders are drawn twice and
// slightly offset, which the merging has to absorb.
type spec struct {
	x, y  float64
	cw    []float64
	rh    []float64
	cells []Cell
	size  float64
}

func (s spec) draw(p *page.Page) {
	xs := []float64{s.x}
	for _, w := range s.cw {
		xs = append(xs, xs[len(xs)-1]+w)
	}
	ys := []float64{s.y}
	for _, h := range s.rh {
		ys = append(ys, ys[len(ys)-1]+h)
	}
	const w = 0.5
	for i, c := range s.cells {
		x0, y0 := xs[c.Col], ys[c.Row]
		x1, y1 := xs[c.Col+c.ColSpan], ys[c.Row+c.RowSpan]
		j := float64(i%3) * 0.1 // producers' rounding jitter
		p.Segments = append(p.Segments,
			page.Segment{X0: x0, Y0: y0 + j, X1: x1, Y1: y0 + j, Width: w},
			page.Segment{X0: x0, Y0: y1, X1: x1, Y1: y1, Width: w},
			page.Segment{X0: x0 - j, Y0: y0, X1: x0 - j, Y1: y1, Width: w},
			page.Segment{X0: x1, Y0: y0, X1: x1, Y1: y1, Width: w},
		)
		p.Glyphs = append(p.Glyphs, setText(c.Text, x0+2, y0+2, x1-x0-4, s.size)...)
	}
}

// setText sets text left-aligned in a box of width w, wrapping CJK at any
// character and at explicit newlines, as a word processor does.
func setText(text string, x, y, w, size float64) []page.Glyph {
	var gs []page.Glyph
	cx, cy := x, y
	for _, para := range strings.Split(text, "\n") {
		for _, r := range para {
			gw := size
			if r < 0x2e80 {
				gw = size / 2
			}
			if cx+gw > x+w+1e-9 && cx > x {
				cx, cy = x, cy+size*1.2
			}
			gs = append(gs, page.Glyph{Text: string(r), Box: model.Box{X0: cx, Y0: cy, X1: cx + gw, Y1: cy + size}, Size: size})
			cx += gw
		}
		cx, cy = x, cy+size*1.2
	}
	return gs
}

func TestFindMergedCells(t *testing.T) {
	// A two-level header (目标内容 over 二级指标/权重) and a 项目 column whose
	// label is stacked one character per line and spans the data rows.
	s := spec{
		x: 50, y: 100, size: 10,
		cw: []float64{20, 40, 120, 40},
		rh: []float64{20, 20, 30, 30, 30},
		cells: []Cell{
			{Row: 0, Col: 0, RowSpan: 2, ColSpan: 1, Text: "项目"},
			{Row: 0, Col: 1, RowSpan: 2, ColSpan: 1, Text: "序号"},
			{Row: 0, Col: 2, RowSpan: 1, ColSpan: 2, Text: "目标内容"},
			{Row: 1, Col: 2, RowSpan: 1, ColSpan: 1, Text: "二级指标"},
			{Row: 1, Col: 3, RowSpan: 1, ColSpan: 1, Text: "权重"},
			{Row: 2, Col: 0, RowSpan: 3, ColSpan: 1, Text: "重点工作"},
			{Row: 2, Col: 1, RowSpan: 1, ColSpan: 1, Text: "1-1"},
			{Row: 2, Col: 2, RowSpan: 1, ColSpan: 1, Text: "统筹抓好全市半导体产业招商引资工作，制定年度"},
			{Row: 2, Col: 3, RowSpan: 1, ColSpan: 1, Text: "2"},
			{Row: 3, Col: 1, RowSpan: 1, ColSpan: 1, Text: "1-2"},
			{Row: 3, Col: 2, RowSpan: 2, ColSpan: 1, Text: "洪武强\n林嘉达"},
			{Row: 3, Col: 3, RowSpan: 1, ColSpan: 1, Text: "1.5"},
			{Row: 4, Col: 1, RowSpan: 1, ColSpan: 1, Text: "1-3"},
			{Row: 4, Col: 3, RowSpan: 1, ColSpan: 1, Text: ""},
		},
	}
	p := page.Page{Number: 1, Width: 595, Height: 842}
	s.draw(&p)
	ts := Find(p)
	if len(ts) != 1 {
		t.Fatalf("found %d tables, want 1", len(ts))
	}
	got := ts[0]
	if got.NRows() != 5 || got.NCols() != 4 {
		t.Fatalf("grid %dx%d, want 5x4", got.NRows(), got.NCols())
	}
	want := map[string]string{}
	for _, c := range s.cells {
		want[key(c)] = c.Text
	}
	if len(got.Cells) != len(s.cells) {
		t.Errorf("got %d cells, want %d: %v", len(got.Cells), len(s.cells), got.Cells)
	}
	for _, c := range got.Cells {
		w, ok := want[key(c)]
		if !ok {
			t.Errorf("unexpected cell %s %q", key(c), c.Text)
			continue
		}
		if c.Text != w {
			t.Errorf("cell %s text %q, want %q", key(c), c.Text, w)
		}
	}
}

func key(c Cell) string { return fmt.Sprintf("r%dc%d+%dx%d", c.Row, c.Col, c.RowSpan, c.ColSpan) }

func TestCellTextJoin(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		width      float64
		want       string
	}{
		{"cjk wrap", "统筹抓好全市半导体产业", 40, "统筹抓好全市半导体产业"},
		{"names per line", "洪武强\n戴庆加", 60, "洪武强\n戴庆加"},
		{"latin wrap", "abc defg hij", 30, "abc defg hij"},
		{"stacked label", "职\n能\n工\n作", 60, "职能工作"},
		{"mixed", "年度对接洽谈项目5个以上", 45, "年度对接洽谈项目5个以上"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var gs []page.Glyph
			if strings.Contains(tc.text, " ") {
				// Latin words: lay out word by word, breaking at spaces.
				gs = layoutWords(tc.text, 2, 2, tc.width, 10)
			} else {
				gs = setText(tc.text, 2, 2, tc.width, 10)
			}
			got := CellText(gs, model.Box{X0: 0, Y0: 0, X1: tc.width + 4, Y1: 200}, 2)
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func layoutWords(text string, x, y, w, size float64) []page.Glyph {
	var gs []page.Glyph
	cx, cy := x, y
	for i, word := range strings.Fields(text) {
		ww := float64(utf8.RuneCountInString(word)) * size / 2
		if i > 0 {
			if cx+size/2+ww > x+w {
				cx, cy = x, cy+size*1.2
			} else {
				cx += size / 2
			}
		}
		for _, r := range word {
			gs = append(gs, page.Glyph{Text: string(r), Box: model.Box{X0: cx, Y0: cy, X1: cx + size/2, Y1: cy + size}, Size: size})
			cx += size / 2
		}
	}
	return gs
}

func TestNoTableFromLooseLines(t *testing.T) {
	p := page.Page{Number: 1, Width: 595, Height: 842, Segments: []page.Segment{
		{X0: 50, Y0: 100, X1: 500, Y1: 100, Width: 1}, // a rule under the 版头
		{X0: 50, Y0: 700, X1: 500, Y1: 700, Width: 0.5},
		{X0: 10, Y0: 10, X1: 300, Y1: 400, Width: 0.5}, // a diagonal
	}}
	if ts := Find(p); len(ts) != 0 {
		t.Errorf("found %d tables in loose rules", len(ts))
	}
}

func TestFramedPage(t *testing.T) {
	// A page border with a rule under the 版头, and a table inside the
	// frame: the frame is no table and must not hide the real one.
	p := page.Page{Number: 1, Width: 595, Height: 842, Segments: []page.Segment{
		{X0: 20, Y0: 20, X1: 575, Y1: 20, Width: 1}, {X0: 20, Y0: 822, X1: 575, Y1: 822, Width: 1},
		{X0: 20, Y0: 20, X1: 20, Y1: 822, Width: 1}, {X0: 575, Y0: 20, X1: 575, Y1: 822, Width: 1},
		{X0: 20, Y0: 150, X1: 575, Y1: 150, Width: 2},
	}}
	s := spec{x: 60, y: 300, size: 10, cw: []float64{40, 100}, rh: []float64{20, 20},
		cells: []Cell{{Row: 0, Col: 0, RowSpan: 1, ColSpan: 1, Text: "序号"}, {Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "内容"},
			{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1"}, {Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "甲"}}}
	s.draw(&p)
	ts := Find(p)
	if len(ts) != 1 || ts[0].NCols() != 2 || ts[0].Box.X0 < 59 || ts[0].Box.X0 > 61 {
		t.Fatalf("tables %+v, want the 2×2 table only", ts)
	}
}

func TestOpenBottom(t *testing.T) {
	// The 项目 cell continues past the page's last row: no stroke closes it.
	p := page.Page{Number: 1, Width: 595, Height: 842}
	s := spec{x: 50, y: 100, size: 10, cw: []float64{30, 100}, rh: []float64{20, 20},
		cells: []Cell{{Row: 0, Col: 0, RowSpan: 2, ColSpan: 1, Text: "重点"}, {Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "a"}, {Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "b"}}}
	s.draw(&p)
	// Remove the bottom stroke of the first column.
	var segs []page.Segment
	for _, sg := range p.Segments {
		if sg.Y0 == 140 && sg.Y1 == 140 && sg.X0 == 50 && sg.X1 == 80 {
			continue
		}
		segs = append(segs, sg)
	}
	p.Segments = segs
	ts := Find(p)
	if len(ts) != 1 || len(ts[0].Cells) != 3 {
		t.Fatalf("tables %v", ts)
	}
	if c := ts[0].Cells[0]; !c.OpenBottom || c.RowSpan != 2 {
		t.Errorf("first cell %+v, want open bottom spanning 2 rows", c)
	}
	if ts[0].Cells[2].OpenBottom {
		t.Errorf("closed cell reported open")
	}
}

// FuzzFind feeds random segments and glyphs to the reconstruction: it must
// never panic, and every table it returns must tile its grid exactly once.
func FuzzFind(f *testing.F) {
	f.Add([]byte{10, 10, 200, 10, 10, 10, 10, 100, 200, 10, 200, 100, 10, 100, 200, 100, 100, 10, 100, 100}, "项目序号")
	f.Add([]byte{0, 0, 0, 0, 255, 255, 255, 255}, "")
	f.Add([]byte{5, 5, 5, 250, 250, 5, 250, 250, 5, 5, 250, 5, 5, 250, 250, 250, 5, 128, 250, 128, 128, 5, 128, 128}, "a b 中")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		p := page.Page{Number: 1, Width: 300, Height: 300}
		for i := 0; i+3 < len(data) && len(p.Segments) < 200; i += 4 {
			p.Segments = append(p.Segments, page.Segment{
				X0: float64(data[i]), Y0: float64(data[i+1]), X1: float64(data[i+2]), Y1: float64(data[i+3]),
				Width: float64(data[i]%4) / 2,
			})
		}
		k := 0
		for _, r := range text {
			b := float64(k)
			if len(data) > 0 {
				b += float64(data[k%len(data)])
			}
			p.Glyphs = append(p.Glyphs, page.Glyph{Text: string(r), Box: model.Box{X0: b, Y0: b / 2, X1: b + 10, Y1: b/2 + 10}, Size: 10})
			k++
		}
		for _, tb := range Find(p) {
			nr, nc := tb.NRows(), tb.NCols()
			seen := make([]int, nr*nc)
			for _, c := range tb.Cells {
				if c.RowSpan < 1 || c.ColSpan < 1 || c.Row+c.RowSpan > nr || c.Col+c.ColSpan > nc {
					t.Fatalf("cell %+v outside %dx%d grid", c, nr, nc)
				}
				for r := c.Row; r < c.Row+c.RowSpan; r++ {
					for q := c.Col; q < c.Col+c.ColSpan; q++ {
						seen[r*nc+q]++
					}
				}
				if !utf8.ValidString(c.Text) {
					t.Fatalf("invalid text %q", c.Text)
				}
			}
			for i, n := range seen {
				if n != 1 {
					t.Fatalf("grid slot %d covered %d times", i, n)
				}
			}
		}
	})
}

// TestCutRowWithoutBottomRule: a row cut by the page break whose side
// borders run on to the page's bottom margin with no rule under them
// (Chromium, WPS) is a row of the table, open at the bottom, with its text;
// a vertical stroke a little longer than the grid (a line cap) is not.
func TestCutRowWithoutBottomRule(t *testing.T) {
	p := page.Page{Number: 1, Width: 595, Height: 842}
	s := spec{x: 50, y: 700, cw: []float64{60, 200}, rh: []float64{20, 20}, size: 10, cells: []Cell{
		{Row: 0, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1-1-1"}, {Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "统筹抓好招商"},
		{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1-1-2"}, {Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "大力招引企业"},
	}}
	s.draw(&p)
	// the cut row: borders from 740 down to 790, no rule at 790
	for _, x := range []float64{50, 110, 310} {
		p.Segments = append(p.Segments, page.Segment{X0: x, Y0: 740, X1: x, Y1: 790, Width: 0.5})
	}
	p.Glyphs = append(p.Glyphs, setText("1-1-3", 52, 745, 56, 10)...)
	p.Glyphs = append(p.Glyphs, setText("举办论坛", 112, 745, 196, 10)...)
	ts := Find(p)
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	tb := ts[0]
	if tb.NRows() != 3 {
		t.Fatalf("%d rows, want 3 (the cut row kept)", tb.NRows())
	}
	var last []string
	for _, c := range tb.Cells {
		if c.Row == 2 {
			last = append(last, c.Text)
			if !c.OpenBottom {
				t.Errorf("cell %q of the cut row is closed", c.Text)
			}
		}
	}
	if strings.Join(last, "|") != "1-1-3|举办论坛" {
		t.Errorf("cut row %q", last)
	}

	// Strokes overshooting the last rule by their cap add no row.
	q := page.Page{Number: 1, Width: 595, Height: 842}
	s.draw(&q)
	for _, x := range []float64{50, 310} {
		q.Segments = append(q.Segments, page.Segment{X0: x, Y0: 739, X1: x, Y1: 741.5, Width: 0.5})
	}
	if ts := Find(q); len(ts) != 1 || ts[0].NRows() != 2 {
		t.Errorf("overshoot: %d tables, rows %v", len(ts), ts)
	}
}

// TestOpenSideColumn: a table whose rows' rules run on past its last
// vertical rule to a right border that is not there (a hairline lost in a
// scan, a border the producer left out) keeps that column and its text; so
// on the left. Rules overshooting the last vertical by their cap, or a
// single rule drawn on, add no column.
func TestOpenSideColumn(t *testing.T) {
	s := spec{x: 50, y: 100, cw: []float64{60, 200, 80}, rh: []float64{20, 20, 20}, size: 10}
	for r, row := range [][3]string{{"序号", "二级指标", "责任人"}, {"1-1-1", "统筹抓好招商", "褚达志"}, {"1-1-2", "大力招引企业", "褚达志"}} {
		for c, text := range row {
			s.cells = append(s.cells, Cell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Text: text})
		}
	}
	// without drops the vertical segments at x (the border lost).
	without := func(p page.Page, x float64) page.Page {
		var segs []page.Segment
		for _, sg := range p.Segments {
			if sg.X0 == sg.X1 && math.Abs(sg.X0-x) < 1 {
				continue
			}
			segs = append(segs, sg)
		}
		p.Segments = segs
		return p
	}
	cols := func(p page.Page) (int, string) {
		ts := Find(p)
		if len(ts) != 1 {
			t.Fatalf("%d tables", len(ts))
		}
		var texts []string
		for _, c := range ts[0].Cells {
			if c.Row == 1 {
				texts = append(texts, c.Text)
			}
		}
		return ts[0].NCols(), strings.Join(texts, "|")
	}
	var p page.Page
	p.Number, p.Width, p.Height = 1, 595, 842
	s.draw(&p)
	for _, tc := range []struct {
		name string
		p    page.Page
	}{
		{"whole", p},
		{"right border lost", without(p, 390)},
		{"left border lost", without(p, 50)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if n, row := cols(tc.p); n != 3 || row != "1-1-1|统筹抓好招商|褚达志" {
				t.Errorf("%d columns, row %q; want 3, 1-1-1|统筹抓好招商|褚达志", n, row)
			}
		})
	}
	// Rules that overshoot the last vertical by a cap, or one rule drawn
	// on, make no column.
	q := without(p, 390)
	var segs []page.Segment
	for _, sg := range q.Segments {
		if sg.Y0 == sg.Y1 && sg.X1 > 310 {
			sg.X1 = 311.5
		}
		segs = append(segs, sg)
	}
	q.Segments = segs
	if n, _ := cols(q); n != 2 {
		t.Errorf("caps: %d columns, want 2", n)
	}
	q.Segments = append(q.Segments, page.Segment{X0: 310, Y0: 100, X1: 390, Y1: 100, Width: 0.5})
	if n, _ := cols(q); n != 2 {
		t.Errorf("one rule on: %d columns, want 2", n)
	}
}
