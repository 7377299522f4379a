package tables

import (
	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/lattice"
)

// HeaderRows is how many of the table's first rows are its header: those
// its words say are (columns.HeaderRows: a table without 序号 has nothing
// else above its body), or those it repeated on every page; a header cell
// over two rows takes both. 0 when neither tells.
func (t *Table) HeaderRows() int {
	var rows [][]string
	for r := 0; r < t.NRows() && r < 4; r++ {
		texts := make([]string, t.NCols)
		for _, c := range t.Cells {
			if c.Row == r && c.Col >= 0 && c.Col < t.NCols {
				texts[c.Col] = c.Text
			}
		}
		rows = append(rows, texts)
	}
	n := max(columns.HeaderRows(rows), t.headerRows)
	if n == 0 {
		return 0
	}
	for ; n < t.NRows() && n <= 4; n++ {
		closed := true
		for _, c := range t.Cells {
			if c.Row < n && c.Row+c.RowSpan > n {
				closed = false
				break
			}
		}
		if closed {
			return n
		}
	}
	return 0
}

// repeatedHeader returns how many top rows of pt repeat the top rows of t:
// the largest k for which the cells of rows < k match in position, spans and
// text, and none of them reaches below row k.
func repeatedHeader(t *Table, pt lattice.Table) int {
	best := 0
	for k := 1; k <= pt.NRows() && k <= t.NRows() && k <= 4; k++ {
		a := block(func(yield func(lattice.Cell) bool) {
			for _, c := range t.Cells {
				if !yield(c.Cell) {
					return
				}
			}
		}, k)
		b := block(func(yield func(lattice.Cell) bool) {
			for _, c := range pt.Cells {
				if !yield(c) {
					return
				}
			}
		}, k)
		if a == nil || b == nil || len(a) != len(b) {
			continue
		}
		same := true
		for key, txt := range a {
			got, ok := b[key]
			if !ok || !subsequence(txt, got) {
				same = false
				break
			}
		}
		if same && hasText(a) {
			best = k
		}
	}
	return best
}

// block maps the cells of rows < k to their text, or nil when a cell of
// those rows reaches below row k (the rows are not a closed block).
func block(cells func(func(lattice.Cell) bool), k int) map[[4]int]string {
	m := map[[4]int]string{}
	ok := true
	cells(func(c lattice.Cell) bool {
		if c.Row >= k {
			return true
		}
		if c.Row+c.RowSpan > k {
			ok = false
			return false
		}
		m[[4]int{c.Row, c.Col, c.RowSpan, c.ColSpan}] = squash(c.Text)
		return true
	})
	if !ok {
		return nil
	}
	return m
}

// subsequence reports whether want's runes appear in got in order. A
// repeated header cell may hold more than the header: a producer that centres
// a merged cell's text in its whole area draws the part above the page break
// over the repeated header, clipped away on paper but present in the content
// stream.
func subsequence(want, got string) bool {
	if want == got {
		return true
	}
	if want == "" {
		return false
	}
	w := []rune(want)
	i := 0
	for _, r := range got {
		if i < len(w) && r == w[i] {
			i++
		}
	}
	return i == len(w)
}

func hasText(m map[[4]int]string) bool {
	for _, t := range m {
		if t != "" {
			return true
		}
	}
	return false
}
