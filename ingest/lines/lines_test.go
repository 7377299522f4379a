package lines

import (
	"context"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/model"
)

func fixturePages(t testing.TB, file string) []page.Page {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := pdf.Pages(context.Background(), filepath.Base(file), data)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

var (
	rePage = regexp.MustCompile(`<page width="[\d.]+" height="[\d.]+">`)
	reWord = regexp.MustCompile(`<word xMin="(-?[\d.]+)" yMin="(-?[\d.]+)" xMax="(-?[\d.]+)" yMax="(-?[\d.]+)">([^<]*)</word>`)
)

type word struct {
	page int
	box  model.Box
	text string
}

func bboxWords(t *testing.T, file string) []word {
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws []word
	pages := rePage.FindAllIndex(out, -1)
	for pi, p := range pages {
		end := len(out)
		if pi+1 < len(pages) {
			end = pages[pi+1][0]
		}
		for _, m := range reWord.FindAllSubmatch(out[p[1]:end], -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
			ws = append(ws, word{pi + 1, model.Box{X0: f(1), Y0: f(2), X1: f(3), Y1: f(4)}, html.UnescapeString(string(m[5]))})
		}
	}
	return ws
}

// TestGroupingMatchesPdftotextWords checks our glyph boxes and lines
// against poppler's words: each of our glyphs goes to the pdftotext word
// whose box holds its centre (the nearest, where boxes overlap); then the
// glyphs of each word must spell it and sit on one of our lines.
func TestGroupingMatchesPdftotextWords(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	files, _ := filepath.Glob("../../fixtures/pdf/*.pdf")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc := Document(fixturePages(t, file))
			words := bboxWords(t, file)
			if len(words) == 0 {
				t.Fatal("pdftotext found no words")
			}
			got := make([]strings.Builder, len(words))
			onLines := make([]map[int]bool, len(words))
			for pi, ls := range doc {
				for li, l := range ls {
					for _, g := range l.Glyphs {
						cx, cy := (g.Box.X0+g.Box.X1)/2, (g.Box.Y0+g.Box.Y1)/2
						best, dist := -1, 0.0
						for wi, w := range words {
							if w.page != pi+1 || cx < w.box.X0-0.5 || cx > w.box.X1+0.5 || cy < w.box.Y0-0.5 || cy > w.box.Y1+0.5 {
								continue
							}
							d := math.Abs(cy-(w.box.Y0+w.box.Y1)/2) + math.Abs(cx-(w.box.X0+w.box.X1)/2)/100
							if best < 0 || d < dist {
								best, dist = wi, d
							}
						}
						if best < 0 {
							t.Errorf("page %d: our glyph %q at %+v is in no pdftotext word", pi+1, g.Text, g.Box)
							continue
						}
						got[best].WriteString(g.Text)
						if onLines[best] == nil {
							onLines[best] = map[int]bool{}
						}
						onLines[best][li] = true
					}
				}
			}
			bad := 0
			for i, w := range words {
				if got[i].String() != w.text || len(onLines[i]) != 1 {
					bad++
					if bad <= 10 {
						t.Errorf("page %d word %q at %+v: our glyphs %q on %d lines", w.page, w.text, w.box, got[i].String(), len(onLines[i]))
					}
				}
			}
			t.Logf("%d pdftotext words, %d not matched", len(words), bad)
		})
	}
}

func glyphs(y, size float64, x0 float64, adv float64, text string) []page.Glyph {
	var out []page.Glyph
	x := x0
	for _, r := range text {
		if r == ' ' {
			x += adv
			continue
		}
		out = append(out, page.Glyph{Text: string(r), Box: model.Box{X0: x, Y0: y - size, X1: x + adv, Y1: y}, Size: size})
		x += adv
	}
	return out
}

func texts(ls []Line) []string {
	var out []string
	for _, l := range ls {
		s := l.Text
		if l.Furniture {
			s = "[F]" + s
		}
		out = append(out, s)
	}
	return out
}

func TestOfPage(t *testing.T) {
	tests := []struct {
		name string
		p    page.Page
		want []string
	}{
		{"cjk joined, latin spaced", page.Page{Glyphs: append(glyphs(100, 10, 10, 10, "中文文本"), glyphs(100, 10, 60, 5, "a word 12")...)},
			[]string{"中文文本 a word 12"}},
		{"justified cjk stays joined", page.Page{Glyphs: glyphs(100, 10, 10, 13, "两端对齐")}, []string{"两端对齐"}},
		{"rows top to bottom whatever the content order", page.Page{Glyphs: append(glyphs(120, 10, 10, 10, "第二行"), glyphs(100, 10, 10, 10, "第一行")...)},
			[]string{"第一行", "第二行"}},
		{"two columns read column by column", page.Page{Glyphs: concat(
			glyphs(100, 10, 10, 10, "左一"), glyphs(100, 10, 200, 10, "右一"),
			glyphs(114, 10, 10, 10, "左二"), glyphs(114, 10, 200, 10, "右二"))},
			[]string{"左一", "左二", "右一", "右二"}},
		{"duplicate glyphs dropped", page.Page{Glyphs: concat(glyphs(100, 10, 10, 10, "粗"), glyphs(100, 10, 10.3, 10, "粗"), glyphs(100, 10, 20, 10, "体"))},
			[]string{"粗体"}},
		{"ruled cells split a row and are read cell by cell", page.Page{
			Glyphs: concat(glyphs(30, 10, 12, 10, "合并"), glyphs(20, 10, 52, 10, "甲"), glyphs(40, 10, 52, 10, "乙"), glyphs(20, 10, 62+30, 10, "一")),
			Segments: []page.Segment{
				{X0: 10, Y0: 5, X1: 10, Y1: 45}, {X0: 50, Y0: 5, X1: 50, Y1: 45}, {X0: 90, Y0: 5, X1: 90, Y1: 45}, {X0: 130, Y0: 5, X1: 130, Y1: 45},
				{X0: 10, Y0: 5, X1: 130, Y1: 5}, {X0: 50, Y0: 25, X1: 130, Y1: 25}, {X0: 10, Y0: 45, X1: 130, Y1: 45},
			}},
			[]string{"合并", "甲", "一", "乙"}},
		{"overflowing cell text just above a table stays in its columns", page.Page{
			Glyphs:   concat(glyphs(20, 10, 12, 10, "甲甲甲"), glyphs(20, 10, 52, 10, "乙乙"), glyphs(30, 10, 60, 10, "正文连续的文字")),
			Segments: []page.Segment{{X0: 10, Y0: 30, X1: 10, Y1: 80}, {X0: 45, Y0: 30, X1: 45, Y1: 80}, {X0: 90, Y0: 30, X1: 90, Y1: 80}}},
			[]string{"甲甲甲", "乙乙", "正文连续的文字"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.p.Number, tt.p.Width, tt.p.Height = 1, 600, 800
			got := texts(ofPage(tt.p))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func concat(gs ...[]page.Glyph) []page.Glyph {
	var out []page.Glyph
	for _, g := range gs {
		out = append(out, g...)
	}
	return out
}

func TestFurniture(t *testing.T) {
	mk := func(n int, header, body, footer string) page.Page {
		return page.Page{Number: n, Width: 600, Height: 800, Glyphs: concat(
			glyphs(40, 10, 100, 10, header), glyphs(400, 10, 100, 10, body), glyphs(780, 10, 280, 10, footer))}
	}
	tests := []struct {
		name  string
		pages []page.Page
		want  [][]string
	}{
		{"gb/t 9704 page numbers and a running header", []page.Page{mk(1, "某某局文件", "正文一", "— 1 —"), mk(2, "某某局文件", "正文二", "— 2 —"), mk(3, "某某局文件", "正文三", "— 3 —")},
			[][]string{{"[F]某某局文件", "正文一", "[F]— 1 —"}, {"[F]某某局文件", "正文二", "[F]— 2 —"}, {"[F]某某局文件", "正文三", "[F]— 3 —"}}},
		{"dash page numbers, header on one page only", []page.Page{mk(1, "标题在顶部", "正文", "-1-"), mk(2, "另一行字", "正文", "-2-"), mk(3, "第三行字", "正文", "第3页 共3页")},
			[][]string{{"标题在顶部", "正文", "[F]-1-"}, {"另一行字", "正文", "[F]-2-"}, {"第三行字", "正文", "[F]第3页 共3页"}}},
		{"numbers in the body are content", []page.Page{{Number: 1, Width: 600, Height: 800, Glyphs: glyphs(400, 10, 100, 10, "12")}},
			[][]string{{"12"}}},
		{"附件1, 附件2, 附件3 atop the pages of three forms are labels, not a running header",
			[]page.Page{mk(1, "附件1", "正文", "— 1 —"), mk(2, "附件2", "正文", "— 2 —"), mk(3, "附件3", "正文", "— 3 —")},
			[][]string{{"附件1", "正文", "[F]— 1 —"}, {"附件2", "正文", "[F]— 2 —"}, {"附件3", "正文", "[F]— 3 —"}}},
		{"running footer with changing numbers", []page.Page{mk(1, "甲", "正文", "共 3 页 第 1 页 某局"), mk(2, "乙", "正文", "共 3 页 第 2 页 某局")},
			[][]string{{"甲", "正文", "[F]共 3 页 第 1 页 某局"}, {"乙", "正文", "[F]共 3 页 第 2 页 某局"}}},
		{"the 附件 labels of two attachments are content", []page.Page{mk(1, "通知标题", "正文", "-1-"), mk(2, "附件1", "表一", "-2-"), mk(3, "附件 2", "表二", "-3-")},
			[][]string{{"通知标题", "正文", "[F]-1-"}, {"附件1", "表一", "[F]-2-"}, {"附件 2", "表二", "[F]-3-"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document(tt.pages)
			for i, ls := range doc {
				if got := texts(ls); strings.Join(got, "|") != strings.Join(tt.want[i], "|") {
					t.Errorf("page %d: %q, want %q", i+1, got, tt.want[i])
				}
			}
		})
	}
}

func TestFlow(t *testing.T) {
	ps := fixturePages(t, "../../fixtures/pdf/lo-writer-notice.pdf")
	f := Flow(ps)
	if f.Pages != 3 {
		t.Errorf("pages %d", f.Pages)
	}
	var body []string
	furniture := 0
	for _, b := range f.Blocks {
		if b.Ref.Page == nil || b.Ref.Line == nil || b.Ref.Box == nil || b.IsRow() {
			t.Fatalf("block without ref or a row: %+v", b)
		}
		if b.Furniture {
			furniture++
			continue
		}
		body = append(body, b.Text)
	}
	if furniture != 6 { // header and "— n —" on three pages
		t.Errorf("%d furniture lines, want 6", furniture)
	}
	want := []string{"泉州半导体高新技术产业园区管理委员会", "文件", "泉芯管〔2023〕9号"}
	if strings.Join(body[:3], "|") != strings.Join(want, "|") {
		t.Errorf("first lines %q", body[:3])
	}
	if first := f.Blocks[1]; *first.Ref.Page != 1 || *first.Ref.Line != 2 {
		t.Errorf("second block ref %d/%d", *first.Ref.Page, *first.Ref.Line)
	}
}

// TestHostilePageIsBounded: a page full of glyphs and rulings must not
// make line building quadratic in both.
func TestHostilePageIsBounded(t *testing.T) {
	p := page.Page{Number: 1, Width: 1000, Height: 1000}
	for i := 0; i < 20000; i++ {
		x, y := float64(i%100)*10, float64(i/100)*5
		p.Glyphs = append(p.Glyphs, page.Glyph{Text: "字", Box: model.Box{X0: x, Y0: y, X1: x + 4, Y1: y + 4}, Size: 4})
	}
	for i := 0; i < 5000; i++ {
		x := float64(i%1000) + 0.5
		p.Segments = append(p.Segments, page.Segment{X0: x, Y0: 0, X1: x, Y1: 1000, Width: 0.1})
	}
	ls := Document([]page.Page{p})
	n := 0
	for _, l := range ls[0] {
		n += len(l.Glyphs)
	}
	if n != 20000 {
		t.Fatalf("%d glyphs in lines", n)
	}
}
