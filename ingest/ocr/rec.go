package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"sync"
)

// Recogniser settings: its input height, and bounds on a batch. Lines are
// batched by width so that little of a batch is padding.
// A batch holds at most batchPixels input pixels: past a few thousand
// columns a run costs more per column (cache), and smaller batches share
// out better over the cores.
const (
	recH        = 48
	recMinW     = 16
	recMaxW     = 4000
	batchPixels = recH * 2048
	batchMax    = 8
)

// recognize reads each box of img; boxes that read as nothing are left out.
// Batches run on e.workers goroutines, each writing its own lines.
func (e *Engine) recognize(ctx context.Context, img *image.Gray, boxes []image.Rectangle) ([]Line, error) {
	items := make([]recItem, 0, len(boxes))
	var parts []int // how many items each kept box became
	for _, b := range boxes {
		if b.Dx() < 2 || b.Dy() < 2 {
			continue
		}
		ps := pieces(img, b)
		for _, p := range ps {
			w := int(math.Ceil(float64(recH) * float64(p.Dx()) / float64(p.Dy())))
			items = append(items, recItem{p, min(max(w, recMinW), recMaxW)})
		}
		parts = append(parts, len(ps))
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return items[a].w - items[b].w })
	var batches [][]int
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && end-start < batchMax && items[order[end]].w*recH*(end-start+1) <= batchPixels {
			end++
		}
		batches = append(batches, order[start:end])
		start = end
	}
	// Widest first: the long batches start early and the short ones fill
	// the cores at the end.
	slices.Reverse(batches)
	lines := make([]Line, len(items))
	next := make(chan []int)
	errs := make(chan error, max(1, e.workers))
	var wg sync.WaitGroup
	for range max(1, e.workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var data []float32
			for batch := range next {
				var err error
				if data, err = e.readBatch(img, items, batch, lines, data); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var err error
send:
	for _, b := range batches {
		select {
		case next <- b:
		case err = <-errs:
			break send
		case <-ctx.Done():
			err = ctx.Err()
			break send
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	if err != nil {
		return nil, err
	}
	var kept []Line
	i := 0
	for _, n := range parts {
		l := joinPieces(lines[i : i+n])
		i += n
		if len(l.Chars) > 0 {
			kept = append(kept, l)
		}
	}
	return kept, nil
}

// pieceCols is the widest piece of a line, in recogniser columns, read in
// one run: the recogniser's cost per column grows with the width (0.10
// CPU-ms per column at 320 to 1,280 columns, 0.17 at 2,560, here), and a
// notice's full line is about 1,700.
const pieceCols = 1024

// pieces cuts a long line box into pieces of at most pieceCols columns at
// the widest blank gap between characters in the last third of each
// piece, so that no character is cut. A line with no gap there is cut at
// the piece's end (rare: Chinese text leaves a gap between characters).
func pieces(img *image.Gray, b image.Rectangle) []image.Rectangle {
	limit := pieceCols * b.Dy() / recH
	if b.Dx() <= limit || limit < 8 {
		return []image.Rectangle{b}
	}
	// ink[x]: column x of the box holds a dark pixel (the page was
	// flattened and cleaned: paper is near white).
	ib := img.Bounds()
	ink := make([]bool, b.Dx())
	for x := b.Min.X; x < b.Max.X; x++ {
		if x < ib.Min.X || x >= ib.Max.X {
			continue
		}
		for y := max(b.Min.Y, ib.Min.Y); y < min(b.Max.Y, ib.Max.Y); y++ {
			if img.Pix[(y-ib.Min.Y)*img.Stride+x-ib.Min.X] < 128 {
				ink[x-b.Min.X] = true
				break
			}
		}
	}
	var out []image.Rectangle
	x0 := 0
	for b.Dx()-x0 > limit {
		cut, best := x0+limit, 0
		for x := x0 + limit*2/3; x < x0+limit; {
			if ink[x] {
				x++
				continue
			}
			g := x
			for g < len(ink) && !ink[g] {
				g++
			}
			if g-x > best {
				cut, best = (x+g)/2, g-x
			}
			x = g
		}
		out = append(out, image.Rect(b.Min.X+x0, b.Min.Y, b.Min.X+cut, b.Max.Y))
		x0 = cut
	}
	return append(out, image.Rect(b.Min.X+x0, b.Min.Y, b.Max.X, b.Max.Y))
}

// joinPieces makes one line of the pieces of a box, in order.
func joinPieces(ls []Line) Line {
	if len(ls) == 1 {
		return ls[0]
	}
	l := Line{Box: ls[0].Box, Conf: 1}
	var text strings.Builder
	for _, p := range ls {
		l.Box = l.Box.Union(p.Box)
		text.WriteString(p.Text)
		l.Chars = append(l.Chars, p.Chars...)
		if len(p.Chars) > 0 {
			l.Conf = min(l.Conf, p.Conf)
		}
	}
	l.Text = text.String()
	if len(l.Chars) == 0 {
		l.Conf = 0
	}
	return l
}

// recItem is one box to read and its width resized to recH.
type recItem struct {
	box image.Rectangle
	w   int
}

// readBatch runs the recogniser on the boxes batch (indices into items,
// narrowest first) and decodes each into lines[i]. data is a buffer to
// reuse; the one used is returned.
func (e *Engine) readBatch(img *image.Gray, items []recItem, batch []int, lines []Line, data []float32) ([]float32, error) {
	bw := items[batch[len(batch)-1]].w
	n := recH * bw
	size := 3 * n * len(batch)
	if cap(data) < size {
		data = make([]float32, size)
	}
	data = data[:size]
	clear(data) // zero is mid-grey: PaddleOCR's padding
	var px []uint8
	for k, i := range batch {
		it := items[i]
		px = resizeInto(px, img, it.box, it.w, recH)
		base := k * 3 * n
		r, g, b := data[base:base+n], data[base+n:base+2*n], data[base+2*n:base+3*n]
		for y := range recH {
			src := px[y*it.w : (y+1)*it.w]
			o := y * bw
			for x, p := range src {
				v := recNorm[p]
				r[o+x], g[o+x], b[o+x] = v, v, v
			}
		}
	}
	out, shape, err := e.rec.run(data, []int64{int64(len(batch)), 3, recH, int64(bw)})
	if err != nil {
		return data, fmt.Errorf("ocr: recogniser: %w", err)
	}
	if len(shape) != 3 || shape[0] != int64(len(batch)) || int(shape[2]) != len(e.keys)+1 {
		return data, fmt.Errorf("ocr: recogniser output shape %v, want [%d T %d]", shape, len(batch), len(e.keys)+1)
	}
	t, c := int(shape[1]), int(shape[2])
	for k, i := range batch {
		it := items[i]
		// Column j of the output covers input pixels
		// [j·bw/t, (j+1)·bw/t); map them back to the box.
		px := float64(bw) / float64(t) * float64(it.box.Dx()) / float64(it.w)
		lines[i] = ctcDecode(out[k*t*c:(k+1)*t*c], t, c, e.keys, e.spaces, it.box, px)
	}
	return data, nil
}

// recNorm maps a grey level to the recogniser's input, v/127.5 − 1.
var recNorm = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(i)/127.5 - 1
	}
	return t
}()

// ctcDecode reads one line from the recogniser's t×c probabilities: the
// most likely class per column, repeats collapsed, blanks (class 0) dropped.
// A character's confidence is its run's highest probability, its Alt the
// class next likeliest at that column, its X its columns' middle, its Lost
// the most the recogniser put on a character it did not read in the blank
// between the character before and it (lostAt); its
// box spans the line's height and, across, half the way to its neighbours'
// centres. spaces are the classes of the space characters (spaceClasses);
// px is the width in box pixels of one column.
func ctcDecode(p []float32, t, c int, keys []string, spaces []int, box image.Rectangle, px float64) Line {
	type run struct {
		class    int
		from, to int // columns
		conf     float64
		alt      int // the runner-up class at the column of conf
		altConf  float64
	}
	var runs []run
	cls := make([]int, t) // the likeliest class of each column
	prev := 0
	for j := range t {
		row := p[j*c : (j+1)*c]
		best, bp := 0, row[0]
		alt, ap := -1, float32(-1)
		for k := 1; k < c; k++ {
			if v := row[k]; v > bp {
				best, bp, alt, ap = k, v, best, bp
			} else if v > ap {
				alt, ap = k, v
			}
		}
		switch {
		case best == 0:
		case best == prev && len(runs) > 0 && runs[len(runs)-1].to == j-1:
			r := &runs[len(runs)-1]
			r.to = j
			if float64(bp) > r.conf {
				r.conf, r.alt, r.altConf = float64(bp), alt, float64(ap)
			}
		default:
			runs = append(runs, run{best, j, j, float64(bp), alt, float64(ap)})
		}
		prev = best
		cls[j] = best
	}
	// lost[k]: the most the recogniser put on a character it did not read
	// in the blank between the k−1-th character read and the k-th. Not
	// before the first or after the last: at a box's ends the recogniser
	// sees the cut edge of the ink past it (the next piece's, a
	// neighbouring cell's), and package scan judges a mark there by the
	// page's ink (unreadInk).
	isChar := func(r run) bool { return r.class-1 < len(keys) && keys[r.class-1] != " " }
	chars := 0
	for _, r := range runs {
		if isChar(r) {
			chars++
		}
	}
	lost := make([]float64, chars)
	for j, k, ri := 0, 0, 0; j < t; j++ {
		for ; ri < len(runs) && runs[ri].to < j; ri++ {
			if isChar(runs[ri]) {
				k++
			}
		}
		if cls[j] == 0 && k > 0 && k < chars {
			lost[k] = max(lost[k], lostAt(p[j*c:(j+1)*c], cls, j, spaces))
		}
	}
	l := Line{Box: box, Conf: 1}
	centres := make([]float64, len(runs))
	for i, r := range runs {
		centres[i] = float64(box.Min.X) + (float64(r.from+r.to)/2+0.5)*px
	}
	var text []byte
	for i, r := range runs {
		if r.class-1 >= len(keys) {
			continue
		}
		s := keys[r.class-1]
		text = append(text, s...)
		l.Conf = min(l.Conf, r.conf)
		if s == " " {
			continue
		}
		half := float64(box.Dy()) / 2
		x0, x1 := centres[i]-half, centres[i]+half
		if i > 0 {
			x0 = max(x0, (centres[i-1]+centres[i])/2)
		}
		if i+1 < len(runs) {
			x1 = min(x1, (centres[i]+centres[i+1])/2)
		}
		cb := image.Rect(int(math.Floor(x0)), box.Min.Y, int(math.Ceil(x1)), box.Max.Y).Intersect(box)
		ch := Char{Text: s, Box: cb, Conf: r.conf, X: centres[i], Lost: lost[len(l.Chars)]}
		if r.alt > 0 && r.alt-1 < len(keys) {
			ch.Alt, ch.AltConf = keys[r.alt-1], r.altConf
		}
		l.Chars = append(l.Chars, ch)
	}
	l.Text = string(text)
	if len(l.Chars) == 0 {
		l.Conf = 0
	}
	return l
}

// lostAt is the probability the recogniser put, at blank column j (row its
// probabilities, a softmax's: they sum to 1), on a character that would
// change the text read: all but the blank's, the spaces' (fields drop the
// spaces between Han characters) and, beside a run, its character's, which
// would only widen the run. Between two runs of one character that
// character counts: it would merge the two into one. The recogniser decides
// each column alone, so a character it half saw between two it read surely
// is lost whole where the blank won by a little (the 竣 of 项目竣工, read
// 项目工 at ≥ 0.99 around it: blank 0.50, 峻 0.35).
func lostAt(row []float32, cls []int, j int, spaces []int) float64 {
	left, right := 0, 0
	if j > 0 {
		left = cls[j-1]
	}
	if j+1 < len(cls) {
		right = cls[j+1]
	}
	keep := float64(row[0])
	for _, s := range spaces {
		keep += float64(row[s])
	}
	if left != right {
		for _, k := range [2]int{left, right} {
			if k != 0 && !slices.Contains(spaces, k) {
				keep += float64(row[k])
			}
		}
	}
	return min(1, max(0, 1-keep))
}

// spaceClasses are the recogniser's classes of the characters that are
// blank space (the list holds the ideographic space U+3000 and PaddleOCR's
// appended " ").
func spaceClasses(keys []string) []int {
	var out []int
	for i, k := range keys {
		if k != "" && strings.TrimSpace(k) == "" {
			out = append(out, i+1)
		}
	}
	return out
}
