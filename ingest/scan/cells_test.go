package scan

import (
	"context"
	"image"
	"slices"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/ingest/page"
)

// cellPage draws a 200-dpi page with a ruled table of 3 columns and 3 rows
// (rules 3 px thick at x 50, 450, 750, 950 and y 50, 150, 300, 400), its
// first column's first two rows one merged cell, and text in it:
//   - row 0: a line in column 0 whose last character sits close to the
//     rule, and a line in column 1 starting close to it, on one baseline;
//   - rows 0–1 of column 0 (merged): besides the line above, a wrapped text
//     whose second line opens with a ， (a small low mark standing apart)
//     and whose third line is a 。 alone, low in its line;
//
// and returns the marks' rectangles.
func cellPage() (g *image.Gray, comma, stop image.Rectangle) {
	g, rect := paper(1000, 450)
	// Characters: 28 px blocks, 4 px apart (too short and too thick for
	// rules).
	line := func(x0, x1, y int) {
		for x := x0; x+28 <= x1; x += 32 {
			rect(x, y, x+28, y+28)
		}
	}
	for _, y := range []int{50, 300, 400} {
		rect(50, y, 953, y+3)
	}
	rect(450, 150, 953, 153) // no rule under column 0's first row: merged
	for _, x := range []int{50, 450, 750, 950} {
		rect(x, 50, x+3, 403)
	}
	line(60, 444, 70)      // row 0, column 0: ends 6 px from the rule
	line(458, 740, 70)     // row 0, column 1: starts 5 px from it
	line(60, 420, 165)     // the wrapped text, line 1
	rect(62, 217, 68, 225) // line 2: ，
	line(90, 300, 197)
	rect(62, 247, 70, 255) // line 3: 。 alone
	line(460, 700, 210)    // row 1, column 1
	line(460, 600, 340)    // row 2, column 1
	return g, image.Rect(62, 217, 68, 225), image.Rect(62, 247, 70, 255)
}

func TestTableCells(t *testing.T) {
	g, _, _ := cellPage()
	w, h := g.Rect.Dx(), g.Rect.Dy()
	hs, vs := findRulings(g, 128, paramsFor(200))
	cells := tableCells(hs, vs, w, h)
	if len(cells) != 8 {
		t.Fatalf("%d cells, want 8 (9 less one merge): %v", len(cells), cells)
	}
	merged := cellAt(cells, image.Rect(60, 160, 70, 170))
	if merged < 0 || cells[merged].Min.Y > 60 || cells[merged].Max.Y < 290 || cells[merged].Max.X > 450 {
		t.Errorf("merged cell %v, want column 0 over rows 0–1", cells)
	}
	// No rule's ink inside a cell: its box lies between the rules' inner
	// edges.
	for _, c := range cells {
		for _, x := range []int{c.Min.X, c.Max.X - 1} {
			for _, y := range []int{c.Min.Y, c.Max.Y - 1} {
				if x >= 50 && x <= 52 || x >= 450 && x <= 452 || y >= 300 && y <= 302 {
					t.Errorf("cell %v reaches a rule", c)
				}
			}
		}
	}
}

// recorded is a Recognizer that detects the given boxes and records what
// it is asked to read: the page's boxes, then those of the image of lines
// of marks alone (readMarks), where it reads a 。 at each line's end.
type recorded struct {
	detect []image.Rectangle
	read   []image.Rectangle
	marks  *image.Gray
	rows   []image.Rectangle
}

func (r *recorded) Detect(context.Context, *image.Gray) ([]image.Rectangle, error) {
	return r.detect, nil
}

func (r *recorded) Read(_ context.Context, img *image.Gray, boxes []image.Rectangle) ([]ocr.Line, error) {
	if r.read == nil {
		r.read = boxes
		return nil, nil
	}
	r.marks, r.rows = img, boxes
	var out []ocr.Line
	for _, b := range boxes {
		c := ocr.Char{Text: "。", Box: image.Rect(b.Max.X-14, b.Min.Y, b.Max.X, b.Max.Y), Conf: 0.97}
		out = append(out, ocr.Line{Box: b, Text: c.Text, Chars: []ocr.Char{c}, Conf: c.Conf})
	}
	return out, nil
}

func TestPageReadsCells(t *testing.T) {
	g, comma, stop := cellPage()
	// The detector's boxes: one joining the texts of row 0's two cells
	// across the rule between them, line 2 without its leading ，, and no
	// box for the lone 。.
	rec := &recorded{detect: []image.Rectangle{
		image.Rect(55, 62, 745, 106), image.Rect(55, 158, 425, 200),
		image.Rect(86, 192, 305, 232), image.Rect(455, 203, 705, 245), image.Rect(455, 333, 605, 375),
	}}
	p, err := Page(context.Background(), rec, rgbaOf(g), 1, 200)
	if err != nil {
		t.Fatal(err)
	}
	covers := func(m image.Rectangle) bool {
		for _, b := range rec.read {
			if m.In(b) {
				return true
			}
		}
		return false
	}
	if !covers(comma) {
		t.Errorf("no box read holds the ， opening a line: %v", rec.read)
	}
	for _, b := range rec.read {
		for _, x := range []int{450, 750} {
			if b.Min.X <= x+2 && b.Max.X > x && b.Min.Y < 300 {
				t.Errorf("box %v crosses the rule at x %d", b, x)
			}
		}
		// A line box is one line high: the lone 。 is not read with the
		// line above it.
		if b.Dy() > 45 {
			t.Errorf("box %v is higher than a line", b)
		}
	}
	// The lone 。 is read after the line above it: one row, that line's
	// ink and then the mark's, on the line's baseline.
	if len(rec.rows) != 1 {
		t.Fatalf("lines of marks read: %v, want the one", rec.rows)
	}
	row := rec.rows[0]
	inked := func(x0, x1 int) (top, bottom int) {
		top, bottom = -1, -1
		for y := row.Min.Y; y < row.Max.Y; y++ {
			for x := x0; x < x1; x++ {
				if rec.marks.GrayAt(x, y).Y < 128 {
					if top < 0 {
						top = y
					}
					bottom = y + 1
				}
			}
		}
		return top, bottom
	}
	lineTop, lineBottom := inked(0, row.Dx()-stop.Dx()-4)
	markTop, markBottom := inked(row.Dx()-stop.Dx()-4, row.Dx())
	if lineBottom-lineTop != 28 || markBottom-markTop != stop.Dy() || markBottom != lineBottom {
		t.Errorf("line ink rows %d–%d, mark's %d–%d: want 28 rows and the mark's %d on the same bottom", lineTop, lineBottom, markTop, markBottom, stop.Dy())
	}
	// What it reads past the line's end is the mark, on the page where the
	// mark is.
	found := false
	for _, gl := range p.Glyphs {
		cx, cy := (gl.Box.X0+gl.Box.X1)/2*200/72, (gl.Box.Y0+gl.Box.Y1)/2*200/72
		if gl.Text == "。" && image.Pt(int(cx), int(cy)).In(stop.Inset(-8)) {
			found = true
		}
	}
	if !found {
		t.Errorf("no 。 glyph at %v: %v", stop, p.Glyphs)
	}
}

func TestCellLinesSkipsSpecks(t *testing.T) {
	g, ink := paper(200, 100)
	ink(60, 50, 62, 51) // a speck in an empty cell
	ink(60, 51, 61, 52)
	if got, _, _ := cellLines(g, 128, []image.Rectangle{image.Rect(10, 10, 190, 90)}, 14); len(got) != 0 {
		t.Errorf("an empty cell's speck is read: %v", got)
	}
}

func TestCellMarks(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string // one cell's lines, top to bottom; "|" starts the next cell
		want  string
	}{
		{"full-width opened, half read at the line's end", []string{"分解（泉政办", "〔2023〕2号)"}, "分解（泉政办〔2023〕2号）"},
		{"half-width opened, full read at the line's end", []string{"规定》(泉委办〔2018〕", "84号）"}, "规定》(泉委办〔2018〕84号)"},
		{"a bracket inside a line is punctWidths'", []string{"（4分)及"}, "（4分)及"},
		{"a closing bracket alone", []string{"（5分", ")"}, "（5分）"},
		{"nothing to close", []string{"5分)"}, "5分)"},
		{"each cell its own", []string{"（甲", "|", "乙)"}, "（甲乙)"},
		{"a comma ending a line between Han", []string{"对接会,", "邀请"}, "对接会，邀请"},
		{"a comma opening a line between Han", []string{"建设", ",提升"}, "建设，提升"},
		{"a comma beside a digit stays", []string{"1,", "2"}, "1,2"},
		{"a comma ending the cell stays", []string{"甲,", "|", "乙"}, "甲,乙"},
	} {
		var gs []page.Glyph
		var spans []cellSpan
		cell := 0
		for i, l := range c.lines {
			if l == "|" {
				cell++
				continue
			}
			from := len(gs)
			for _, r := range l {
				gs = append(gs, page.Glyph{Text: string(r)})
			}
			spans = append(spans, cellSpan{cell: cell, top: i * 40, from: from, to: len(gs)})
		}
		// Read out of order, as the recogniser's batches return them.
		slices.Reverse(spans)
		pairBrackets(gs, spans)
		wrapCommas(gs, spans)
		var b strings.Builder
		for _, g := range gs {
			b.WriteString(g.Text)
		}
		if b.String() != c.want {
			t.Errorf("%s: %s, want %s", c.name, b.String(), c.want)
		}
	}
}
