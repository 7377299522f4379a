package stream

import (
	"fmt"
	"math"
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
)

func pageOf(n int) page.Page { return page.Page{Number: n, Width: 595, Height: 842} }

// lines makes n lines whose chunks are the given x intervals.
func lines(n int, chunks ...span) [][]span {
	out := make([][]span, n)
	for i := range out {
		out[i] = chunks
	}
	return out
}

func TestFindColumns(t *testing.T) {
	const em = 10.0
	// A long table: 150 lines of three columns.
	long := lines(150, span{50, 100}, span{120, 250}, span{262, 280})
	cases := []struct {
		name  string
		lines [][]span
		want  []float64 // borders; nil: fewer than two columns
	}{
		{"left, text, centred", lines(5, span{50, 100}, span{120, 250}, span{262, 280}), []float64{50, 110, 256, 280}},
		{"ragged widths keep the widest",
			append(lines(3, span{50, 70}, span{120, 200}), lines(3, span{50, 100}, span{140, 250})...),
			[]float64{50, 110, 250}},
		{"a river a quarter em wide that holds is a border", lines(8, span{50, 100}, span{103, 150}), []float64{50, 101.5, 150}},
		{"a gap under a quarter em is not", lines(8, span{50, 100}, span{102, 150}), nil},
		{"one line in a hundred crossing does not close a river", append(long, []span{{50, 200}}), []float64{50, 110, 256, 280}},
		{"in a short table it does", append(lines(5, span{50, 100}, span{120, 250}), []span{{50, 200}}), nil},
		{"word spaces at random places make no river", wordLines(40), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := findColumns(c.lines, em, len(c.lines)/100)
			if c.want == nil {
				if len(got) > 2 {
					t.Errorf("borders %v, want one column", got)
				}
				return
			}
			if len(got) != len(c.want) {
				t.Fatalf("borders %v, want %v", got, c.want)
			}
			for i := range got {
				if math.Abs(got[i]-c.want[i]) > 1e-9 {
					t.Errorf("borders %v, want %v", got, c.want)
					break
				}
			}
		})
	}
}

// wordLines is prose in one column: words 3 em wide apart by a word space
// (0.3 em), starting a third of a word further on every line.
func wordLines(n int) [][]span {
	var out [][]span
	for i := range n {
		var l []span
		x := 50.0 - float64(i%3)*10
		for x < 300 {
			l = append(l, span{math.Max(x, 50), x + 30})
			x += 33
		}
		out = append(out, l)
	}
	return out
}

func ExampleFindPages() {
	// A two-page table over the same columns: page 2's 权重 column holds
	// only short numbers, so its own white space would put the border
	// elsewhere; read with page 1 it has the same columns.
	var p1, p2 = pageOf(1), pageOf(2)
	y := 60.0
	for i := range 4 {
		put(&p1, 50, y, fmt.Sprintf("1-%d", i+1))
		put(&p1, 100, y, "统筹抓好全市半导体产业")
		put(&p1, 230, y, "12.5")
		put(&p1, 280, y, "经济发展科")
		put(&p2, 50, y, fmt.Sprintf("2-%d", i+1))
		put(&p2, 100, y, "举办论坛")
		put(&p2, 230, y, "2")
		put(&p2, 280, y, "党政办公室")
		y += 25
	}
	ts := FindPages([]page.Page{p1, p2})
	fmt.Println(len(ts[0]), len(ts[1]), fmt.Sprint(ts[0][0].Cols) == fmt.Sprint(ts[1][0].Cols))
	// Output: 1 1 true
}
