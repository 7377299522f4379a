package scan

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/model"
)

// page draws a synthetic page at 200 dpi: rows of "characters" (small dark
// blocks) and, when grid is set, a ruled table of 4×3 cells below them.
func synthPage(grid bool) *image.Gray {
	const w, h = 1600, 2200
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	rect := func(x0, y0, x1, y1 int, v uint8) {
		for y := max(0, y0); y < min(h, y1); y++ {
			for x := max(0, x0); x < min(w, x1); x++ {
				g.Pix[y*w+x] = v
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for row := range 20 {
		y := 200 + row*45
		for x := 150; x < 1450; x += 32 {
			// A character: a few strokes in a 28 px em.
			for range 3 {
				if r.IntN(2) == 0 {
					sy := y + r.IntN(26)
					rect(x+r.IntN(8), sy, x+20+r.IntN(8), sy+3, 0)
				} else {
					sx := x + r.IntN(26)
					rect(sx, y+r.IntN(8), sx+3, y+20+r.IntN(8), 0)
				}
			}
		}
	}
	if grid {
		for i := range 5 { // horizontal rules
			rect(150, 1200+i*150, 1450, 1200+i*150+3, 0)
		}
		for _, x := range []int{150, 600, 1000, 1447} {
			rect(x, 1200, x+3, 1803, 0)
		}
	}
	return g
}

func rgbaOf(g *image.Gray) *image.RGBA {
	out := image.NewRGBA(g.Rect)
	for i, v := range g.Pix {
		out.Pix[4*i], out.Pix[4*i+1], out.Pix[4*i+2], out.Pix[4*i+3] = v, v, v, 255
	}
	return out
}

func TestSkew(t *testing.T) {
	g := synthPage(false)
	for _, deg := range []float64{0, 0.7, -1.5, 3} {
		// rotate turns by -a what skew measures as a; turn the page by -deg
		// to tilt it by deg.
		tilted := rotate(g, -deg)
		ink := binarize(tilted, 128)
		got := skew(ink, g.Rect.Dx(), g.Rect.Dy())
		if math.Abs(got-deg) > 0.05 {
			t.Errorf("tilt %.2f°: measured %.2f°", deg, got)
		}
	}
}

func TestRulings(t *testing.T) {
	for _, deg := range []float64{0, 0.3} {
		g := synthPage(true)
		if deg != 0 {
			g = rotate(g, deg) // a residual tilt deskew did not take out
		}
		hs, vs := findRulings(g, 128, paramsFor(200))
		if len(hs) != 5 || len(vs) != 4 {
			t.Errorf("tilt %.1f°: %d horizontal, %d vertical rulings, want 5 and 4 (text rows must not pass)", deg, len(hs), len(vs))
			continue
		}
		for _, r := range hs {
			if r.thickness < 2 || r.thickness > 5 || r.to-r.from < 1250 {
				t.Errorf("tilt %.1f°: horizontal ruling %d..%d thick %.1f", deg, r.from, r.to, r.thickness)
			}
		}
	}
}

func TestSeals(t *testing.T) {
	const dpi = 200
	img := rgbaOf(synthPage(false))
	red := color.RGBA{220, 40, 40, 255}
	// An official seal: a ring 1.65 in across over the text.
	cx, cy, rad := 800.0, 500.0, 165.0
	for y := 300; y < 700; y++ {
		for x := 600; x < 1000; x++ {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			if (d < rad && d > rad-12) || (d < 40 && (x+y)%3 == 0) {
				img.Set(x, y, red)
			}
		}
	}
	// A red 发文机关标志: a wide band of red characters, not a seal.
	for y := 100; y < 160; y++ {
		for x := 200; x < 1400; x++ {
			if x%70 < 60 && (y/8)%2 == 0 {
				img.Set(x, y, red)
			}
		}
	}
	s := seals(img, dpi)
	if len(s) != 1 {
		t.Fatalf("seals = %v, want the ring only", s)
	}
	if !image.Rect(640, 340, 960, 660).In(s[0].Inset(-10)) {
		t.Errorf("seal box %v does not cover the ring", s[0])
	}
	g := grey(img, s)
	// Red ink inside the seal is gone, black text under it stays, the red
	// header outside stays dark enough to read.
	if v := g.GrayAt(int(cx+rad-6), int(cy)).Y; v < 200 {
		t.Errorf("seal ink grey %d, want paper", v)
	}
	var black int
	for y := 400; y < 600; y++ {
		for x := 700; x < 900; x++ {
			if g.GrayAt(x, y).Y < 60 {
				black++
			}
		}
	}
	if black == 0 {
		t.Error("the text under the seal vanished")
	}
	if v := g.GrayAt(210, 101).Y; v > 140 {
		t.Errorf("red header grey %d, want ink", v)
	}
}

func TestFlatten(t *testing.T) {
	g := synthPage(false)
	// Light falling off to one side, to a third of full.
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := range h {
		for x := range w {
			f := 1 - 0.66*float64(x)/float64(w)
			g.Pix[y*w+x] = uint8(float64(g.Pix[y*w+x]) * f)
		}
	}
	flatten(g, 200)
	if v := g.GrayAt(w-20, 100).Y; v < 225 {
		t.Errorf("dim paper %d after flatten, want white", v)
	}
	// One threshold now splits ink from paper on both sides: as much ink
	// at the dim right as at the bright left.
	ink := binarize(g, otsu(g))
	var left, right int
	for y := range h {
		for x := range w / 2 {
			if ink[y*w+x] {
				left++
			}
			if ink[y*w+w/2+x] {
				right++
			}
		}
	}
	if right < left*8/10 || right > left*12/10 {
		t.Errorf("ink left %d, right %d after flatten", left, right)
	}
}

func TestSplitter(t *testing.T) {
	vs := []ruling{{horizontal: false, from: 0, to: 100, centre: 50, thickness: 2}, {from: 200, to: 300, centre: 70, thickness: 2}}
	got := splitter(vs)(image.Rect(10, 40, 120, 60))
	want := []image.Rectangle{image.Rect(10, 40, 49, 60), image.Rect(52, 40, 120, 60)}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("split = %v, want %v (the ruling at 70 is below the box)", got, want)
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		data string
		want string
	}{
		{"\xff\xd8\xff\xe0", model.FormatJPEG}, {"\x89PNG\r\n\x1a\nxx", model.FormatPNG}, {"II*\x00", model.FormatTIFF}, {"MM\x00*", model.FormatTIFF}, {"%PDF-1.7", ""}, {"", ""},
	} {
		if got := Detect([]byte(c.data)); got != c.want {
			t.Errorf("Detect(%q) = %q, want %q", c.data, got, c.want)
		}
	}
}

func TestPPM(t *testing.T) {
	img, err := decodePPM([]byte("P6\n# c\n2 1\n255\n\x01\x02\x03\x04\x05\x06"))
	if err == nil {
		t.Fatalf("a comment line is not written by pdftoppm and is refused, got %v", img.Rect)
	}
	img, err = decodePPM([]byte("P6\n2 1\n255\n\x01\x02\x03\x04\x05\x06"))
	if err != nil {
		t.Fatal(err)
	}
	if c := img.RGBAAt(1, 0); c != (color.RGBA{4, 5, 6, 255}) {
		t.Errorf("pixel (1,0) = %v", c)
	}
	if _, err := decodePPM([]byte("P6\n2 1\n255\n\x01")); err == nil {
		t.Error("a short PPM decoded")
	}
	if _, err := decodePPM([]byte("P6\n99999 99999\n255\n")); err == nil {
		t.Error("a huge PPM decoded")
	}
}

func TestDocNumberBrackets(t *testing.T) {
	chars := func(s string) []ocr.Char {
		var out []ocr.Char
		for _, r := range s {
			out = append(out, ocr.Char{Text: string(r), Conf: 0.99})
		}
		return out
	}
	text := func(cs []ocr.Char) string {
		var b strings.Builder
		for _, c := range cs {
			b.WriteString(c.Text)
		}
		return b.String()
	}
	for _, c := range []struct{ in, want string }{
		{"泉芯管[2023】9号", "泉芯管〔2023〕9号"},
		{"泉芯管〔2023〕9号", "泉芯管〔2023〕9号"},
		{"泉直政府效办【2023]12号）", "泉直政府效办〔2023〕12号）"},
		{"（2023年）", "（2023年）"}, // not a number: no 号
		{"第[12]3号", "第[12]3号"}, // not a year
		// A year broken over two lines of a cell.
		{"目标任务责任分解（泉政办［202", "目标任务责任分解（泉政办〔202"},
		{"（泉委办[20", "（泉委办〔20"},
		{"3]2号)", "3〕2号)"},
		{"18】84号)", "18〕84号)"},
		{"第[35", "第[35"}, // not the start of a year
		// The serial or its 号 wrapped to the next line.
		{"（泉委办[2018]84", "（泉委办〔2018〕84"},
		{"泉委办【2018]", "泉委办〔2018〕"},
		{"第[1234]5", "第[1234]5"}, // not a year
		{"年度计划（2023）", "年度计划（2023）"},
		{"3]2", "3]2"}, // no 号
	} {
		got := docNumberBrackets(chars(c.in))
		if text(got) != c.want {
			t.Errorf("%s → %s, want %s", c.in, text(got), c.want)
		}
		for i, g := range got {
			changed := g.Text != string([]rune(c.in)[i])
			if changed != (g.Conf == doubtfulBracket) {
				t.Errorf("%s: char %d %q confidence %v", c.in, i, g.Text, g.Conf)
			}
		}
	}
}

func TestHyphenOne(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"-级指标", "一级指标"}, {"引进-批龙头", "引进一批龙头"}, {"1-1-2", "1-1-2"}, {"A-级", "A-级"}, {"级-", "级-"},
	} {
		var cs []ocr.Char
		for _, r := range c.in {
			cs = append(cs, ocr.Char{Text: string(r)})
		}
		var b strings.Builder
		for _, x := range hyphenOne(cs) {
			b.WriteString(x.Text)
		}
		if b.String() != c.want {
			t.Errorf("%s → %s, want %s", c.in, b.String(), c.want)
		}
	}
}

// TestSealResidue: under a seal, a Latin letter or digit read at low
// confidence is the seal's ink and goes; the date under it, read sure, and
// a doubtful Han character stay, and outside the seal nothing goes.
func TestSealResidue(t *testing.T) {
	seal := image.Rect(100, 0, 200, 100)
	for _, c := range []struct {
		name string
		x    int
		text string
		conf float64
		keep bool
	}{
		{"letter under the seal", 150, "c", 0.09, false},
		{"digit under the seal", 150, "0", 0.05, false},
		{"the date under the seal", 150, "6", 0.997, true},
		{"a doubtful Han character under the seal", 150, "目", 0.3, true},
		{"a doubtful letter outside", 50, "c", 0.09, true},
	} {
		cs := []ocr.Char{{Text: "日", Box: image.Rect(c.x-20, 40, c.x-10, 60), Conf: 0.99}, {Text: c.text, Box: image.Rect(c.x-5, 40, c.x+5, 60), Conf: c.conf}}
		got := sealResidue(cs, []image.Rectangle{seal})
		if kept := len(got) == 2; kept != c.keep || got[0].Text != "日" {
			t.Errorf("%s: kept %v (%d chars), want %v", c.name, kept, len(got), c.keep)
		}
	}
}

// TestSplitRulings: on a resampled page a hairline falls across two pixel
// rows, each paler than the threshold; the pair is found as one rule, the
// grey band of a blurred stroke (three rows and more) is not, and on a
// page at its own pixels the pair is left alone.
func TestSplitRulings(t *testing.T) {
	const w, h = 800, 400
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 250
	}
	row := func(y, x0, x1 int, v uint8) {
		for x := x0; x < x1; x++ {
			g.Pix[y*w+x] = v
		}
	}
	col := func(x, y0, y1 int, v uint8) {
		for y := y0; y < y1; y++ {
			g.Pix[y*w+x] = v
		}
	}
	// A box of hairlines split over two rows or columns, each row paler
	// than the threshold of 174, the two together darker than one pixel
	// at it.
	row(100, 100, 700, 185)
	row(101, 100, 700, 180)
	row(300, 100, 700, 180)
	row(301, 100, 700, 185)
	col(100, 100, 302, 185)
	col(101, 100, 302, 180)
	col(699, 100, 302, 180)
	col(700, 100, 302, 185)
	// A blurred stroke: five rows of a paler grey, inside the box.
	for y := 190; y < 195; y++ {
		row(y, 150, 650, 200)
	}
	for _, c := range []struct {
		resampled bool
		hs, vs    int
	}{{true, 2, 2}, {false, 0, 0}} {
		p := paramsFor(200)
		p.resampled = c.resampled
		hs, vs := findRulings(g, 174, p)
		var ys []float64
		for _, r := range hs {
			ys = append(ys, r.centre)
		}
		if len(hs) != c.hs || len(vs) != c.vs {
			t.Errorf("resampled %v: %d horizontal (at %v), %d vertical rulings; want %d and %d", c.resampled, len(hs), ys, len(vs), c.hs, c.vs)
		}
	}
}

// TestRotateRGBA: turning a colour page is turning each of its channels
// as rotate turns a grey page, at the page's edge too.
func TestRotateRGBA(t *testing.T) {
	g := synthPage(true)
	img := rgbaOf(g)
	for i := range g.Pix {
		img.Pix[4*i+1] = 255 - g.Pix[i] // a second channel that differs
	}
	for _, deg := range []float64{-2.8, 1.3} {
		want := rotate(g, deg)
		got := rotateRGBA(img, deg)
		for i, v := range want.Pix {
			if got.Pix[4*i] != v || got.Pix[4*i+3] != 255 {
				t.Fatalf("%.1f°: pixel %d is %v, rotate gives %d", deg, i, got.Pix[4*i:4*i+4], v)
			}
		}
	}
}
