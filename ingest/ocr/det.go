package ocr

import (
	"fmt"
	"image"
	"math"
)

// Detector settings, PaddleOCR's defaults for PP-OCRv4 (det_db_thresh,
// det_db_box_thresh, det_db_unclip_ratio) except the input size: a
// document page keeps its resolution up to detMaxSide, since PaddleOCR's
// 960-pixel default makes 五号 text on an A4 page a few pixels high.
const (
	detMaxSide = 1600
	dbThresh   = 0.3
	dbBoxScore = 0.6
	dbUnclip   = 1.5
	dbMinSize  = 3
)

// ImageNet mean and deviation, the detector's training normalisation.
var (
	detMean = [3]float32{0.485, 0.456, 0.406}
	detStd  = [3]float32{0.229, 0.224, 0.225}
)

// detect returns the boxes of the text lines in img.
func (e *Engine) detect(img *image.Gray) ([]image.Rectangle, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w < 8 || h < 8 {
		return nil, nil
	}
	scale := min(1, detMaxSide/float64(max(w, h)))
	nw, nh := mult32(float64(w)*scale), mult32(float64(h)*scale)
	px := resize(img, b, nw, nh)
	n := nw * nh
	data := make([]float32, 3*n)
	for c := range 3 {
		m, s := detMean[c], detStd[c]
		plane := data[c*n : (c+1)*n]
		for i, v := range px {
			plane[i] = (float32(v)/255 - m) / s
		}
	}
	out, shape, err := e.det.run(data, []int64{1, 3, int64(nh), int64(nw)})
	if err != nil {
		return nil, fmt.Errorf("ocr: detector: %w", err)
	}
	if len(shape) != 4 || shape[2] != int64(nh) || shape[3] != int64(nw) {
		return nil, fmt.Errorf("ocr: detector output shape %v for input %d×%d", shape, nw, nh)
	}
	boxes := dbDecode(out, nw, nh)
	fx, fy := float64(w)/float64(nw), float64(h)/float64(nh)
	for i, r := range boxes {
		boxes[i] = image.Rect(
			b.Min.X+int(math.Floor(float64(r.Min.X)*fx)), b.Min.Y+int(math.Floor(float64(r.Min.Y)*fy)),
			b.Min.X+int(math.Ceil(float64(r.Max.X)*fx)), b.Min.Y+int(math.Ceil(float64(r.Max.Y)*fy)),
		).Intersect(b)
	}
	return boxes, nil
}

// mult32 rounds v to a multiple of 32 (the detector's stride), at least 32.
func mult32(v float64) int {
	return max(32, int(math.Round(v/32))*32)
}

// dbDecode turns the detector's probability map (w×h) into line boxes:
// the connected regions above dbThresh whose mean probability reaches
// dbBoxScore, grown back by the unclip distance (the network predicts a
// shrunk text kernel). Boxes are axis-aligned: the page was deskewed before.
func dbDecode(prob []float32, w, h int) []image.Rectangle {
	seen := make([]bool, w*h)
	var boxes []image.Rectangle
	stack := make([]int, 0, 1024)
	for start, p := range prob {
		if seen[start] || p <= dbThresh {
			continue
		}
		seen[start] = true
		stack = append(stack[:0], start)
		x0, y0, x1, y1 := w, h, -1, -1
		var sum float64
		count := 0
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			sum += float64(prob[i])
			count++
			for _, j := range [4]int{i - 1, i + 1, i - w, i + w} {
				if j < 0 || j >= len(prob) || seen[j] || prob[j] <= dbThresh {
					continue
				}
				if (j == i-1 && x == 0) || (j == i+1 && x == w-1) {
					continue
				}
				seen[j] = true
				stack = append(stack, j)
			}
		}
		bw, bh := x1-x0+1, y1-y0+1
		if bw < dbMinSize || bh < dbMinSize || sum/float64(count) < dbBoxScore {
			continue
		}
		d := float64(bw*bh) * dbUnclip / float64(2*(bw+bh))
		r := image.Rect(int(float64(x0)-d), int(float64(y0)-d), int(math.Ceil(float64(x1+1)+d)), int(math.Ceil(float64(y1+1)+d)))
		boxes = append(boxes, r.Intersect(image.Rect(0, 0, w, h)))
	}
	return boxes
}
