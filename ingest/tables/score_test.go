package tables_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/matrix"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model/cjk"
)

// The scorer of issue 6: cell-level precision, recall and F1 over
// (row, col, rowspan, colspan, text) against hand-checked truth, and TEDS
// (tree-edit-distance similarity, Zhong et al. 2020) over the tables as
// <table><tr><td rowspan colspan>text trees.

type truthCell struct {
	Row     int    `json:"row"`
	Col     int    `json:"col"`
	RowSpan int    `json:"rowspan"`
	ColSpan int    `json:"colspan"`
	Text    string `json:"text"`
}

type truthFile struct {
	Tables []struct {
		Name  string      `json:"name"`
		Cells []truthCell `json:"cells"`
	} `json:"tables"`
}

func readTruth(path string) (truthFile, error) {
	var tf truthFile
	b, err := os.ReadFile(path)
	if err != nil {
		return tf, err
	}
	return tf, json.Unmarshal(b, &tf)
}

func fromTable(t *tables.Table) []truthCell {
	out := make([]truthCell, 0, len(t.Cells))
	for _, c := range t.Cells {
		out = append(out, truthCell{c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text})
	}
	return out
}

// normText compares cell texts modulo layout white space: a PDF does not
// say whether a wrapped line had a space or a newline, and CJK text has
// neither, so white space next to CJK goes and the rest collapses to one.
func normText(s string) string {
	f := strings.Fields(s)
	var b strings.Builder
	for i, w := range f {
		if i > 0 {
			prev, _ := lastRune(f[i-1]), 0
			next := []rune(w)[0]
			if !cjk.Wide(prev) && !cjk.Wide(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

type prf struct{ P, R, F1 float64 }

func cellF1(got, want []truthCell) prf {
	keys := func(cells []truthCell) []string {
		var ks []string
		for _, c := range cells {
			ks = append(ks, fmt.Sprintf("%d/%d/%d/%d/%s", c.Row, c.Col, c.RowSpan, c.ColSpan, normText(c.Text)))
		}
		return ks
	}
	return prf(matrix.SetF1(keys(want), keys(got)))
}

// ---- TEDS ------------------------------------------------------------------

type tnode struct {
	label    string // table, tr, td
	rs, cs   int
	text     []rune
	children []*tnode
}

func tree(cells []truthCell) *tnode {
	nr := 0
	for _, c := range cells {
		nr = max(nr, c.Row+1)
	}
	root := &tnode{label: "table"}
	rows := make([]*tnode, nr)
	for i := range rows {
		rows[i] = &tnode{label: "tr"}
		root.children = append(root.children, rows[i])
	}
	sorted := append([]truthCell(nil), cells...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && (sorted[j].Row < sorted[j-1].Row || sorted[j].Row == sorted[j-1].Row && sorted[j].Col < sorted[j-1].Col); j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	for _, c := range sorted {
		rows[c.Row].children = append(rows[c.Row].children, &tnode{label: "td", rs: c.RowSpan, cs: c.ColSpan, text: []rune(normText(c.Text))})
	}
	return root
}

// teds is 1 - TED(a, b) / max(|a|, |b|), with unit insert and delete, and a
// rename of td to td costing 1 if the spans differ, else the normalised
// Levenshtein distance of the texts.
func teds(a, b *tnode) float64 {
	fa, fb := flatten(a), flatten(b)
	n, m := len(fa.nodes), len(fb.nodes)
	if n == 0 && m == 0 {
		return 1
	}
	d := zhangShasha(fa, fb)
	return 1 - d/float64(max(n, m))
}

type flat struct {
	nodes    []*tnode // postorder
	lml      []int    // leftmost leaf descendant of each node
	keyroots []int
}

func flatten(t *tnode) flat {
	var f flat
	var walk func(*tnode) int
	walk = func(x *tnode) int {
		first := -1
		for _, c := range x.children {
			l := walk(c)
			if first < 0 {
				first = l
			}
		}
		f.nodes = append(f.nodes, x)
		i := len(f.nodes) - 1
		if first < 0 {
			first = i
		}
		f.lml = append(f.lml, first)
		return first
	}
	walk(t)
	seen := map[int]bool{}
	for i := len(f.nodes) - 1; i >= 0; i-- {
		if !seen[f.lml[i]] {
			seen[f.lml[i]] = true
			f.keyroots = append(f.keyroots, i)
		}
	}
	// Keyroots are solved in increasing order: each relies on the tree
	// distances of the smaller ones.
	slices.Reverse(f.keyroots)
	return f
}

func rename(x, y *tnode) float64 {
	if x.label != y.label {
		return 1
	}
	if x.label != "td" {
		return 0
	}
	if x.rs != y.rs || x.cs != y.cs {
		return 1
	}
	if len(x.text) == 0 && len(y.text) == 0 {
		return 0
	}
	return float64(levenshtein(x.text, y.text)) / float64(max(len(x.text), len(y.text)))
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func zhangShasha(a, b flat) float64 {
	n, m := len(a.nodes), len(b.nodes)
	td := make([][]float64, n)
	for i := range td {
		td[i] = make([]float64, m)
	}
	ren := make([][]float64, n)
	for i := range ren {
		ren[i] = make([]float64, m)
		for j := range ren[i] {
			ren[i][j] = -1
		}
	}
	fd := make([][]float64, n+1)
	for i := range fd {
		fd[i] = make([]float64, m+1)
	}
	for _, i := range a.keyroots {
		for _, j := range b.keyroots {
			li, lj := a.lml[i], b.lml[j]
			fd[0][0] = 0
			for x := li; x <= i; x++ {
				fd[x-li+1][0] = fd[x-li][0] + 1
			}
			for y := lj; y <= j; y++ {
				fd[0][y-lj+1] = fd[0][y-lj] + 1
			}
			for x := li; x <= i; x++ {
				for y := lj; y <= j; y++ {
					xi, yj := x-li+1, y-lj+1
					if a.lml[x] == li && b.lml[y] == lj {
						r := ren[x][y]
						if r < 0 {
							r = rename(a.nodes[x], b.nodes[y])
							ren[x][y] = r
						}
						fd[xi][yj] = min(fd[xi-1][yj]+1, fd[xi][yj-1]+1, fd[xi-1][yj-1]+r)
						td[x][y] = fd[xi][yj]
					} else {
						fd[xi][yj] = min(fd[xi-1][yj]+1, fd[xi][yj-1]+1, fd[a.lml[x]-li][b.lml[y]-lj]+td[x][y])
					}
				}
			}
		}
	}
	return td[n-1][m-1]
}

func TestScorer(t *testing.T) {
	want := []truthCell{{0, 0, 2, 1, "项目"}, {0, 1, 1, 2, "目标内容"}, {1, 1, 1, 1, "二级指标"}, {1, 2, 1, 1, "权重"}}
	if s := cellF1(want, want); s.F1 != 1 {
		t.Errorf("identical F1 %v", s)
	}
	if v := teds(tree(want), tree(want)); v != 1 {
		t.Errorf("identical TEDS %v", v)
	}
	text := append([]truthCell(nil), want...)
	text[1].Text = "目标"
	span := append([]truthCell(nil), want...)
	span[0].RowSpan = 1
	for name, got := range map[string][]truthCell{"text": text, "span": span, "missing": want[:3]} {
		s := cellF1(got, want)
		v := teds(tree(got), tree(want))
		if s.F1 >= 1 || v >= 1 || v <= 0 {
			t.Errorf("%s: F1 %v TEDS %v, want both below 1", name, s.F1, v)
		}
	}
	if normText("戴庆加\n洪武强") != "戴庆加洪武强" || normText("a  b\nc") != "a b c" {
		t.Errorf("normText")
	}
}
