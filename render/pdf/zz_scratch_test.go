package pdf

import (
	"bytes"
	"context"
	"syscall"
	"testing"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"
	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
)

func scratchCut(b *testing.B) []byte {
	f, _ := readFace(defaultFont)
	doc := sampledoc.Tiny()
	fonts, faces := map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: f}
	_, grids, _ := lay(context.Background(), doc, Options{}, fonts, faces)
	want := wanted(doc, grids)
	for r := range rune(0x100) {
		want.add(r)
	}
	cut, err := f.subset(want)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("cut %d bytes", len(cut))
	return cut
}

func BenchmarkScratchNew(b *testing.B) {
	c0 := cpuNow()
	defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		_ = fpdf.NewCustom(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", SizeStr: "A4"})
	}
}
func BenchmarkScratchAddFont(b *testing.B) {
	cut := scratchCut(b)
	c0 := cpuNow()
	defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", SizeStr: "A4"})
		p.AddUTF8FontFromBytes("hei", "", cut)
	}
}
func BenchmarkScratchClose(b *testing.B) {
	cut := scratchCut(b)
	for _, c := range []bool{false, true} {
		b.Run(map[bool]string{false: "plain", true: "zlib"}[c], func(b *testing.B) {
			c0 := cpuNow()
			defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
			for b.Loop() {
				p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", SizeStr: "A4"})
				p.SetCompression(c)
				p.AddUTF8FontFromBytes("hei", "", cut)
				p.AddPage()
				p.SetFont("hei", "", 10)
				p.Text(10, 10, "绩效目标考评表")
				var buf bytes.Buffer
				if err := p.Output(&buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
func BenchmarkScratchLay(b *testing.B) {
	f, _ := readFace(defaultFont)
	doc := sampledoc.Tiny()
	fonts, faces := map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: f}
	c0 := cpuNow()
	defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		lay(context.Background(), doc, Options{}, fonts, faces)
	}
}
func BenchmarkScratchSubset(b *testing.B) {
	f, _ := readFace(defaultFont)
	doc := sampledoc.Tiny()
	fonts, faces := map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: f}
	_, grids, _ := lay(context.Background(), doc, Options{}, fonts, faces)
	want := wanted(doc, grids)
	for r := range rune(0x100) {
		want.add(r)
	}
	c0 := cpuNow()
	defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		f.subset(want)
	}
}

func cpuNow() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano() + ru.Stime.Nano())
}

type scratchSeed struct {
	title, text, deadline, unit string
	weight                      float64
	findings                    int
}

func scratchSeeds() []scratchSeed {
	return []scratchSeed{
		{"绩效目标考评表", "制定年度招商行动方案。", "6月底前", "某局", 2.0, 3},
		{"", "", "", "", 0.0, 0},
		{string(bytes.Repeat([]byte("长"), 600)), "a\x00b\tc\r\nd\u200b𠀀😀", "\ufeff", "\u202e", 1e300, 50},
		{"x", string(bytes.Repeat([]byte("W"), 2000)), "y", "z", 0, 1},
	}
}

func BenchmarkScratchLaySeeds(b *testing.B) {
	hei, _ := readFace(defaultFont)
	fonts, faces := map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: hei}
	for i, s := range scratchSeeds() {
		b.Run(string(rune('0'+i)), func(b *testing.B) {
			c0 := cpuNow()
			defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
			for b.Loop() {
				doc, texts := fuzzDoc(s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
				sh, _, err := lay(context.Background(), doc, Options{}, fonts, faces)
				if err != nil {
					b.Fatal(err)
				}
				if err := checkSheet(sh, texts, faces); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
func BenchmarkScratchWriteSeeds(b *testing.B) {
	for i, s := range scratchSeeds() {
		b.Run(string(rune('0'+i)), func(b *testing.B) {
			c0 := cpuNow()
			defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
			for b.Loop() {
				doc, _ := fuzzDoc(s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
				var buf bytes.Buffer
				if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestScratchOps(t *testing.T) {
	hei, _ := readFace(defaultFont)
	fonts, faces := map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: hei}
	for i, s := range scratchSeeds() {
		doc, _ := fuzzDoc(s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
		sh, _, _ := lay(context.Background(), doc, Options{}, fonts, faces)
		kinds := map[opKind]int{}
		for _, o := range sh.ops() {
			kinds[o.kind]++
		}
		t.Logf("seed %d: %d blocks, %d pages, %v", i, len(sh.blocks), sh.pages, kinds)
	}
}

func TestScratchOpSize(t *testing.T) {
	t.Logf("op %d bytes", unsafe.Sizeof(op{}))
	hei, _ := readFace(defaultFont)
	fonts, faces := map[string][]byte{heiFamily: defaultFont}, map[string]*face{heiFamily: hei}
	s := scratchSeeds()[2]
	doc, _ := fuzzDoc(s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
	sh, _, _ := lay(context.Background(), doc, Options{}, fonts, faces)
	t.Logf("blocks %d", len(sh.blocks))
}

func BenchmarkScratchBreakW(b *testing.B) {
	hei, _ := readFace(defaultFont)
	r := &renderer{faces: map[string]*face{heiFamily: hei}, widths: map[string]*runeWidths{}, lines: map[lineKey][]string{}}
	sh, _ := newSheet(map[string][]byte{heiFamily: defaultFont}, r.faces)
	r.p = sh
	text := string(bytes.Repeat([]byte("W"), 2000))
	c0 := cpuNow()
	defer func() { b.ReportMetric((cpuNow()-c0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		clear(r.lines)
		r.textLines(heiFamily, text, 75, 10.5)
		r.textLines(heiFamily, text+" [fuzz]", 175, 10.5)
	}
}
