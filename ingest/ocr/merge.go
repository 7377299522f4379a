package ocr

import (
	"image"
	"slices"
)

// mergeLines joins detected boxes that are pieces of one line: the detector
// breaks large, widely spaced text (a 红头's 发文机关标志, a 二号 title)
// into single characters, and a character read alone loses the context the
// recogniser needs (州 read as 川). Two boxes join when they overlap
// vertically by most of the lower one's height, are of similar height, and
// the gap between them is under maxGap heights. Cells are cut apart again
// afterwards at their rulings.
func mergeLines(boxes []image.Rectangle) []image.Rectangle {
	const maxGap = 0.8
	slices.SortFunc(boxes, func(a, b image.Rectangle) int { return a.Min.X - b.Min.X })
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(boxes); i++ {
			a := boxes[i]
			for j := i + 1; j < len(boxes); j++ {
				b := boxes[j]
				ha, hb := a.Dy(), b.Dy()
				lo := min(ha, hb)
				if b.Min.X-a.Max.X > int(maxGap*float64(lo)) {
					continue
				}
				ov := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
				// A small mark (、。，) inside the band of a line joins it
				// whatever its height; boxes of text join when of similar
				// height.
				hi := max(ha, hb)
				small := a
				if hb < ha {
					small = b
				}
				mark := ov >= lo*9/10 && small.Dx() <= hi && b.Min.X-a.Max.X <= hi/2
				if !mark && (hi*5 > lo*8 || ov*10 < lo*6) {
					continue
				}
				if b.Min.X < a.Min.X || b.Max.X <= a.Max.X-lo/2 {
					continue
				}
				a = a.Union(b)
				boxes[i] = a
				boxes = slices.Delete(boxes, j, j+1)
				j--
				merged = true
			}
		}
	}
	return boxes
}
