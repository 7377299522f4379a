package pdf

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
)

// pageTexts writes b to a file and returns pdftotext -raw of each page.
func pageTexts(t *testing.T, b []byte) (path string, pages []string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for p := 1; ; p++ {
		out, err := exec.Command("pdftotext", "-raw", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-").Output()
		if err != nil {
			return path, pages // past the last page
		}
		pages = append(pages, string(out))
	}
}

// TestTallRowSplits: a cell taller than a page ran off the bottom of the
// page and its text was lost in print. The row is now split at the page
// break: every line of the cell is printed once, in order, the 序号 on the
// first piece, and nothing is drawn below the bottom margin.
func TestTallRowSplits(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and extracts tall rows many times; runs without -short")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	cases := []struct {
		name  string
		n     int    // sentences in the tall cell
		field string // which cell gets them
	}{
		{"item over two pages", 60, "item"},
		{"item over four pages", 200, "item"},
		{"owners cell", 120, "owners"},
	}
	_, base := pageTexts(t, render(t, sample(t), Options{Clean: true}))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := sample(t)
			it := &doc.Forms[0].Categories[0].Indicators[0].Items[0]
			var long strings.Builder
			for i := range tc.n {
				fmt.Fprintf(&long, "第%d句大力招引龙头企业实现签约投资额。", i+1)
			}
			switch tc.field {
			case "item":
				it.Text = long.String()
			case "owners":
				it.Owners = []string{long.String()}
			}
			path, pages := pageTexts(t, render(t, doc, Options{Clean: true}))
			if len(pages) <= len(base) {
				t.Errorf("%d pages, no more than the %d without the long text", len(pages), len(base))
			}
			// each page holds the next part of the text, in one run
			rest := squash(long.String())
			for _, pg := range pages {
				pg = squash(pg)
				n := 0
				for n < len(rest) && strings.Contains(pg, rest[:nextRune(rest, n)]) {
					n = nextRune(rest, n)
				}
				rest = rest[n:]
			}
			if rest != "" {
				t.Errorf("not printed: %.60q…", rest)
			}
			all := squash(strings.Join(pages, ""))
			for i := range tc.n {
				if c := strings.Count(all, fmt.Sprintf("第%d句", i+1)); c > 1 {
					t.Errorf("第%d句 printed %d times", i+1, c)
				}
			}
			if !strings.Contains(squash(pages[0]), it.ID) && !strings.Contains(squash(pages[1]), it.ID) {
				t.Errorf("the row's 序号 %s is on neither of the first two pages", it.ID)
			}
			belowMargin(t, path)
		})
	}
}

func nextRune(s string, i int) int {
	i++
	for i < len(s) && s[i]&0xC0 == 0x80 {
		i++
	}
	return i
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// belowMargin fails for any word drawn past the bottom margin but the page
// number, or off the page.
func belowMargin(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	bottom := (pageH - marginB) / ptMM
	pageNum := regexp.MustCompile(`^[—\d]+$`)
	words := wordRE.FindAllStringSubmatch(string(out), -1)
	if len(words) == 0 {
		t.Fatal("pdftotext -bbox found no words")
	}
	for _, w := range words {
		yMax, _ := strconv.ParseFloat(w[4], 64)
		if yMax > pageH/ptMM || (yMax > bottom+0.5 && !pageNum.MatchString(w[5])) {
			t.Errorf("%q drawn at y %.1f pt, below the bottom margin at %.1f pt", w[5], yMax, bottom)
		}
	}
}

// TestSplitKeepsGrid: splitting leaves the caller's grid as it was and keeps
// the merged cells over the new rows.
func TestSplitKeepsGrid(t *testing.T) {
	doc := sample(t)
	it := &doc.Forms[0].Categories[0].Indicators[0].Items[0]
	it.Text = strings.Repeat("大力招引龙头企业实现半导体产业签约投资额", 150)
	r := testRenderer(t, doc, Options{Clean: true})
	g := grid.Build(doc, 0)
	col := -1
	for i, c := range g.Columns {
		if c.Key == model.ColItem {
			col = i
		}
	}
	before := len(g.Cells)
	g2, ex, l := r.fit(g)
	if len(g.Cells) != before {
		t.Fatal("fit changed the caller's grid")
	}
	if g2.Rows <= g.Rows || len(ex) != len(g2.Cells) {
		t.Fatalf("rows %d → %d, %d extras for %d cells", g.Rows, g2.Rows, len(ex), len(g2.Cells))
	}
	if k, _ := l.overflow(); k >= 0 {
		t.Errorf("row %d still overflows its page", k)
	}
	var got strings.Builder
	for i, c := range g2.Cells {
		if ex[i].lines != nil && c.Col == col {
			got.WriteString(strings.Join(ex[i].lines, ""))
		}
	}
	if got.String() != it.Text {
		t.Errorf("the pieces of the item cell do not add up to its text: %d of %d bytes", got.Len(), len(it.Text))
	}
}

// TestTallFindingSplits: a finding whose message is taller than a page ran
// off the bottom of the findings list and its end was lost in print; it goes
// on over the next pages, every line once, nothing below the bottom margin.
func TestTallFindingSplits(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	doc := sample(t)
	var long strings.Builder
	for i := range 150 {
		fmt.Fprintf(&long, "第%d句说明该项指标的分值与评分标准不一致。", i+1)
	}
	doc.Findings = append(doc.Findings, model.Finding{Rule: "x", Severity: model.SevWarning, Message: long.String()},
		model.Finding{Rule: "y", Severity: model.SevInfo, Message: "最后一条"})
	path, pages := pageTexts(t, render(t, doc, Options{}))
	all := squash(strings.Join(pages, ""))
	for i := range 150 {
		if c := strings.Count(all, fmt.Sprintf("第%d句", i+1)); c != 1 {
			t.Errorf("第%d句 printed %d times", i+1, c)
		}
	}
	if !strings.Contains(all, "最后一条") {
		t.Error("the finding after the tall one is not printed")
	}
	belowMargin(t, path)
}
