// Package scantest makes scans of the PDF fixtures for the OCR tests, with
// the truth left in the source: a page is rendered by pdftoppm at 150–300
// dpi, then degraded along the axes real scans vary on — tilt, paper
// grey, noise, blur, JPEG quality, a red 公章 stamped over the 署名 and the
// date — or like a phone photo (perspective, uneven light). Every variant
// comes from a seed, so a failure can be replayed.
package scantest

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/kaoping/kaoping/model"
)

// Degrade says how to spoil one page.
type Degrade struct {
	Name  string
	DPI   int
	Tilt  float64 // degrees, clockwise
	Paper uint8   // the paper's grey, 255 white
	Noise float64 // σ of Gaussian noise, grey levels
	Blur  int     // box blur radius in pixels, 0 none
	JPEG  int     // quality
	// Seals are boxes in points over which a red seal is stamped.
	Seals []model.Box
	// Phone: a perspective tilt of up to 5° and light falling off across
	// the page, as a photo taken by hand.
	Phone bool
	Seed  uint64
}

// Variants returns n degradations drawn from seed, covering the axes: the
// first is a clean 200 dpi render, the last a phone photo; the others
// cycle through resolutions and draw tilt, noise, blur, JPEG and paper.
func Variants(seed uint64, n int) []Degrade {
	r := rand.New(rand.NewPCG(seed, 0x5ca7))
	dpis := []int{150, 200, 250, 300}
	var out []Degrade
	for i := range n {
		d := Degrade{Seed: seed*1000 + uint64(i)}
		switch {
		case i == 0:
			d.Name, d.DPI, d.Paper, d.JPEG = "clean200", 200, 255, 95
		case i == n-1 && n > 1:
			d.Name, d.DPI, d.Phone = "phone", 200, true
			d.Tilt = r.Float64()*4 - 2
			d.Paper = uint8(215 + r.IntN(25))
			d.Noise, d.Blur, d.JPEG = 6, 1, 70+r.IntN(15)
		default:
			d.DPI = dpis[i%len(dpis)]
			d.Tilt = r.Float64()*6 - 3
			d.Paper = uint8(220 + r.IntN(36))
			d.Noise = r.Float64() * 10
			d.Blur = r.IntN(2)
			d.JPEG = 60 + r.IntN(31)
			d.Name = fmt.Sprintf("scan%d_%.1fdeg_q%d", d.DPI, d.Tilt, d.JPEG)
		}
		out = append(out, d)
	}
	return out
}

// Render rasterises page (1-based) of the PDF at dpi with pdftoppm.
func Render(pdf string, page, dpi int) (*image.RGBA, error) {
	dir, err := os.MkdirTemp("", "scantest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "p")
	cmd := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), "-singlefile", "-png", pdf, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %w: %s", err, b)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			rgba.Set(x, y, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return rgba, nil
}

// Apply degrades a rendered page and returns it as a JPEG.
func Apply(img *image.RGBA, d Degrade) ([]byte, error) {
	r := rand.New(rand.NewPCG(d.Seed, 7))
	s := float64(d.DPI) / 72
	for _, b := range d.Seals {
		stamp(img, r, (b.X0+b.X1)/2*s, (b.Y0+b.Y1)/2*s, float64(d.DPI)*4.2/2.54/2)
	}
	paper(img, d.Paper)
	if d.Tilt != 0 || d.Phone {
		img = warp(img, d.Tilt, d.Phone, d.Paper)
	}
	if d.Phone {
		light(img)
	}
	if d.Blur > 0 {
		img = blur(img, d.Blur)
	}
	if d.Noise > 0 {
		for i := range img.Pix {
			if i%4 != 3 {
				img.Pix[i] = clamp(float64(img.Pix[i]) + r.NormFloat64()*d.Noise)
			}
		}
	}
	q := d.JPEG
	if q == 0 {
		q = 85
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func clamp(v float64) uint8 { return uint8(min(255, max(0, v+0.5))) }

// stamp multiplies a red seal into img: a ring of 1 mm, a five-pointed
// star, and an arc of "characters" (short strokes) inside the ring.
func stamp(img *image.RGBA, r *rand.Rand, cx, cy, rad float64) {
	ink := func(x, y int, a float64) {
		if !(image.Point{x, y}.In(img.Rect)) {
			return
		}
		p := img.Pix[img.PixOffset(x, y):]
		// Red ink: keeps red, absorbs green and blue.
		p[1] = uint8(float64(p[1]) * (1 - 0.85*a))
		p[2] = uint8(float64(p[2]) * (1 - 0.8*a))
		p[0] = uint8(float64(p[0]) * (1 - 0.1*a))
	}
	th := rad / 21 // 1 mm of a 42 mm seal
	opacity := 0.75 + r.Float64()*0.2
	for y := int(cy - rad - 2); y <= int(cy+rad+2); y++ {
		for x := int(cx - rad - 2); x <= int(cx+rad+2); x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			d := math.Hypot(dx, dy)
			switch {
			case d <= rad && d >= rad-th:
				ink(x, y, opacity)
			case d < rad*0.78 && d > rad*0.55 && dy < rad*0.3:
				// The unit's name along the top arc: strokes in cells.
				a := math.Atan2(dy, dx)
				cell := int((a + math.Pi) / (math.Pi / 14))
				rr := int((d - rad*0.55) / (rad * 0.23 / 4))
				if (cell+rr)%3 != 0 && (int(d)+cell)%4 < 2 {
					ink(x, y, opacity)
				}
			case d < rad*0.3 && inStar(dx/(rad*0.3), dy/(rad*0.3)):
				ink(x, y, opacity)
			}
		}
	}
}

// inStar reports whether (x, y) in the unit disc lies in a five-pointed
// star pointing up.
func inStar(x, y float64) bool {
	a := math.Atan2(x, -y) // 0 at the top
	d := math.Hypot(x, y)
	k := math.Mod(a+2*math.Pi, 2*math.Pi/5) / (2 * math.Pi / 5) // 0..1 within a point
	edge := 0.38 + 0.62*math.Abs(1-2*k)
	return d <= edge
}

// paper turns white into the paper's grey, as a scanner sees newsprint.
func paper(img *image.RGBA, g uint8) {
	if g == 0 || g == 255 {
		return
	}
	f := float64(g) / 255
	for i := range img.Pix {
		if i%4 != 3 {
			img.Pix[i] = uint8(float64(img.Pix[i]) * f)
		}
	}
}

// warp rotates by tilt degrees and, for a phone, adds a keystone: the top
// of the page farther from the lens (narrower) than the bottom, as a photo
// taken at up to 5° from square.
func warp(img *image.RGBA, tilt float64, phone bool, bg uint8) *image.RGBA {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	out := image.NewRGBA(img.Rect)
	sin, cos := math.Sincos(tilt * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	key := 0.0
	if phone {
		key = math.Tan(5*math.Pi/180) * 0.5 // width changes by ±4% top to bottom
	}
	if bg == 0 {
		bg = 255
	}
	for v := range h {
		for u := range w {
			du, dv := float64(u)-cx, float64(v)-cy
			// Undo the keystone, then the rotation.
			du /= 1 + key*dv/float64(h)
			x := du*cos + dv*sin + cx
			y := -du*sin + dv*cos + cy
			o := out.PixOffset(u, v)
			xi, yi := int(x), int(y)
			if x < 0 || y < 0 || xi >= w-1 || yi >= h-1 {
				out.Pix[o], out.Pix[o+1], out.Pix[o+2], out.Pix[o+3] = bg, bg, bg, 255
				continue
			}
			fx, fy := x-float64(xi), y-float64(yi)
			for c := range 3 {
				p := func(x, y int) float64 { return float64(img.Pix[img.PixOffset(x, y)+c]) }
				out.Pix[o+c] = clamp((p(xi, yi)*(1-fx)+p(xi+1, yi)*fx)*(1-fy) + (p(xi, yi+1)*(1-fx)+p(xi+1, yi+1)*fx)*fy)
			}
			out.Pix[o+3] = 255
		}
	}
	return out
}

// light darkens the page towards one corner, to 55% of full.
func light(img *image.RGBA) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := range h {
		for x := range w {
			f := 1 - 0.45*(0.6*float64(x)/float64(w)+0.4*float64(y)/float64(h))
			o := img.PixOffset(x, y)
			for c := range 3 {
				img.Pix[o+c] = uint8(float64(img.Pix[o+c]) * f)
			}
		}
	}
}

// blur is a box blur of radius r.
func blur(img *image.RGBA, r int) *image.RGBA {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	out := image.NewRGBA(img.Rect)
	for y := range h {
		for x := range w {
			var s [3]int
			n := 0
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					xx, yy := min(max(x+dx, 0), w-1), min(max(y+dy, 0), h-1)
					o := img.PixOffset(xx, yy)
					s[0] += int(img.Pix[o])
					s[1] += int(img.Pix[o+1])
					s[2] += int(img.Pix[o+2])
					n++
				}
			}
			o := out.PixOffset(x, y)
			out.Pix[o], out.Pix[o+1], out.Pix[o+2], out.Pix[o+3] = uint8(s[0]/n), uint8(s[1]/n), uint8(s[2]/n), 255
		}
	}
	return out
}

// PDF wraps JPEG page images into an image-only PDF, as a scanner writes
// one: each page one DCTDecode image XObject filling it, sized for its
// dpi.
func PDF(pages [][]byte, dpi []int) ([]byte, error) {
	var objs []string
	var streams [][]byte
	kids := ""
	n := len(pages)
	// 1 catalog, 2 pages, then per page: page, content, image.
	for i, jp := range pages {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(jp))
		if err != nil {
			return nil, err
		}
		wpt, hpt := float64(cfg.Width)*72/float64(dpi[i]), float64(cfg.Height)*72/float64(dpi[i])
		base := 3 + 3*i
		kids += fmt.Sprintf("%d 0 R ", base)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R /Resources << /XObject << /Im0 %d 0 R >> >> >>", wpt, hpt, base+1, base+2),
			"", "")
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", wpt, hpt)
		streams = append(streams, []byte(content), jp)
		objs[len(objs)-2] = fmt.Sprintf("<< /Length %d >>", len(content))
		objs[len(objs)-1] = fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", cfg.Width, cfg.Height, len(jp))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := []int{}
	write := func(num int, body string, stream []byte) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\n", num, body)
		if stream != nil {
			b.WriteString("stream\n")
			b.Write(stream)
			b.WriteString("\nendstream\n")
		}
		b.WriteString("endobj\n")
	}
	write(1, "<< /Type /Catalog /Pages 2 0 R >>", nil)
	write(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n), nil)
	for i := range pages {
		write(3+3*i, objs[3*i], nil)
		write(4+3*i, objs[3*i+1], streams[2*i])
		write(5+3*i, objs[3*i+2], streams[2*i+1])
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes(), nil
}
