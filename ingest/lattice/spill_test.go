package lattice

import (
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// TestSpill: the text of a merged cell cut by a page break, centred in the
// part too short for it, stands over the rule above (in the cell above) and
// under the table's bottom rule; the lines that go on with it at its line
// pitch, within the padding of the rule, are its own. A line of the cell
// above at an ordinary distance from the rule, or not at the pitch, is not.
func TestSpill(t *testing.T) {
	line := func(p *page.Page, x, y float64, s string) {
		for _, r := range s {
			p.Glyphs = append(p.Glyphs, page.Glyph{Text: string(r), Box: model.Box{X0: x, Y0: y, X1: x + 10, Y1: y + 10}, Size: 10})
			x += 10
		}
	}
	type ln struct {
		y float64
		s string
	}
	tests := []struct {
		name   string
		bottom float64 // the table's bottom rule
		lines  []ln    // in the first column, which holds cells A (10–100) and B (100–bottom)
		a, b   string
	}{{
		name: "over the rule above", bottom: 140,
		lines: []ln{{12, "上格文字"}, {25, "第二行"}, {92, "下格开头"}, {105, "接着写"}, {118, "完"}},
		a:     "上格文字第二行", b: "下格开头接着写完",
	}, {
		name: "a line of the cell above, clear of the rule", bottom: 140,
		lines: []ln{{12, "上格文字"}, {25, "第二行"}, {84, "上格末行"}, {105, "接着写"}, {118, "完"}},
		a:     "上格文字第二行上格末行", b: "接着写完",
	}, {
		name: "at the rule but not at the pitch of the text below", bottom: 140,
		lines: []ln{{12, "上格文字"}, {25, "第二行"}, {92, "上格末行"}, {115, "接着写"}, {128, "完"}},
		a:     "上格文字第二行上格末行", b: "接着写完",
	}, {
		name: "under the table's bottom rule", bottom: 126,
		lines: []ln{{12, "上格文字"}, {101, "下格开头"}, {114, "接着写"}, {127, "完"}},
		a:     "上格文字", b: "下格开头接着写完",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := page.Page{Number: 1, Width: 595, Height: 842}
			xs, ys := []float64{50, 150, 250}, []float64{10, 100, tc.bottom}
			for _, y := range ys {
				p.Segments = append(p.Segments, page.Segment{X0: xs[0], Y0: y, X1: xs[2], Y1: y, Width: 0.5})
			}
			for _, x := range xs {
				p.Segments = append(p.Segments, page.Segment{X0: x, Y0: ys[0], X1: x, Y1: ys[2], Width: 0.5})
			}
			for _, l := range tc.lines {
				line(&p, xs[0]+2, l.y, l.s)
			}
			line(&p, xs[1]+2, 12, "右格")
			line(&p, xs[1]+2, 102, "右下")
			ts := Find(p)
			if len(ts) != 1 {
				t.Fatalf("%d tables", len(ts))
			}
			got := map[int]string{}
			for _, c := range ts[0].Cells {
				if c.Col == 0 {
					got[c.Row] = strings.ReplaceAll(c.Text, "\n", "")
				}
			}
			if got[0] != tc.a || got[1] != tc.b {
				t.Errorf("A %q, B %q; want %q, %q", got[0], got[1], tc.a, tc.b)
			}
		})
	}
}
