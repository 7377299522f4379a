package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"slices"
)

// Recogniser settings: its input height, and bounds on a batch. Lines are
// batched by width so that little of a batch is padding.
const (
	recH        = 48
	recMinW     = 16
	recMaxW     = 4000
	batchPixels = 48 * 4000 * 6
	batchMax    = 16
)

// recognize reads each box of img; boxes that read as nothing are left out.
func (e *Engine) recognize(ctx context.Context, img *image.Gray, boxes []image.Rectangle) ([]Line, error) {
	type item struct {
		box image.Rectangle
		w   int // width resized to recH
	}
	items := make([]item, 0, len(boxes))
	for _, b := range boxes {
		if b.Dx() < 2 || b.Dy() < 2 {
			continue
		}
		w := int(math.Ceil(float64(recH) * float64(b.Dx()) / float64(b.Dy())))
		items = append(items, item{b, min(max(w, recMinW), recMaxW)})
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return items[a].w - items[b].w })
	lines := make([]Line, len(items))
	for start := 0; start < len(order); {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		end := start + 1
		for end < len(order) && end-start < batchMax && items[order[end]].w*recH*(end-start+1) <= batchPixels {
			end++
		}
		batch := order[start:end]
		bw := items[batch[len(batch)-1]].w
		n := recH * bw
		data := make([]float32, 3*n*len(batch)) // zero is mid-grey: PaddleOCR's padding
		for k, i := range batch {
			it := items[i]
			px := resize(img, it.box, it.w, recH)
			base := k * 3 * n
			for y := range recH {
				for x := range it.w {
					v := float32(px[y*it.w+x])/127.5 - 1
					o := y*bw + x
					data[base+o], data[base+n+o], data[base+2*n+o] = v, v, v
				}
			}
		}
		out, shape, err := e.rec.run(data, []int64{int64(len(batch)), 3, recH, int64(bw)})
		if err != nil {
			return nil, fmt.Errorf("ocr: recogniser: %w", err)
		}
		if len(shape) != 3 || shape[0] != int64(len(batch)) || int(shape[2]) != len(e.keys)+1 {
			return nil, fmt.Errorf("ocr: recogniser output shape %v, want [%d T %d]", shape, len(batch), len(e.keys)+1)
		}
		t, c := int(shape[1]), int(shape[2])
		for k, i := range batch {
			it := items[i]
			// Column j of the output covers input pixels
			// [j·bw/t, (j+1)·bw/t); map them back to the box.
			px := float64(bw) / float64(t) * float64(it.box.Dx()) / float64(it.w)
			lines[i] = ctcDecode(out[k*t*c:(k+1)*t*c], t, c, e.keys, it.box, px)
		}
		start = end
	}
	kept := lines[:0]
	for _, l := range lines {
		if len(l.Chars) > 0 {
			kept = append(kept, l)
		}
	}
	return kept, nil
}

// ctcDecode reads one line from the recogniser's t×c probabilities: the
// most likely class per column, repeats collapsed, blanks (class 0) dropped.
// A character's confidence is its run's highest probability; its box spans
// the line's height and, across, half the way to its neighbours' centres.
// px is the width in box pixels of one column.
func ctcDecode(p []float32, t, c int, keys []string, box image.Rectangle, px float64) Line {
	type run struct {
		class    int
		from, to int // columns
		conf     float64
	}
	var runs []run
	prev := 0
	for j := range t {
		row := p[j*c : (j+1)*c]
		best, bp := 0, row[0]
		for k, v := range row {
			if v > bp {
				best, bp = k, v
			}
		}
		switch {
		case best == 0:
		case best == prev && len(runs) > 0 && runs[len(runs)-1].to == j-1:
			r := &runs[len(runs)-1]
			r.to = j
			r.conf = max(r.conf, float64(bp))
		default:
			runs = append(runs, run{best, j, j, float64(bp)})
		}
		prev = best
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
		l.Chars = append(l.Chars, Char{Text: s, Box: cb, Conf: r.conf})
	}
	l.Text = string(text)
	if len(l.Chars) == 0 {
		l.Conf = 0
	}
	return l
}
