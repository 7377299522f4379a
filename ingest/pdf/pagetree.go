package pdf

import (
	"fmt"
	"math"

	lpdf "github.com/ledongthuc/pdf"
)

// pageNode is one leaf of the page tree with the attributes it inherits.
type pageNode struct {
	v         lpdf.Value
	resources lpdf.Value
	box       [4]float64 // CropBox clipped to MediaBox, lower-left and upper-right
	rotate    int
}

type inherited struct {
	resources, media, crop, rotate lpdf.Value
}

// maxTreeDepth bounds the page tree's nesting.
const maxTreeDepth = 64

// pageTree lists the pages in order. It walks the tree itself rather than
// calling Reader.Page, which loops forever on a tree whose Kids point back
// to an ancestor, and it honours the inheritable attributes.
func pageTree(r *lpdf.Reader, maxPages int) ([]pageNode, error) {
	root := r.Trailer().Key("Root").Key("Pages")
	var out []pageNode
	seen := map[objID]bool{}
	var walk func(v lpdf.Value, in inherited, depth int) error
	walk = func(v lpdf.Value, in inherited, depth int) error {
		if depth > maxTreeDepth {
			return fmt.Errorf("page tree deeper than %d: %w", maxTreeDepth, errLimit)
		}
		id := idOf(v)
		if id.num != 0 {
			if seen[id] {
				return nil
			}
			seen[id] = true
		}
		for _, k := range []struct {
			key string
			dst *lpdf.Value
		}{{"Resources", &in.resources}, {"MediaBox", &in.media}, {"CropBox", &in.crop}, {"Rotate", &in.rotate}} {
			if x := v.Key(k.key); !x.IsNull() {
				*k.dst = x
			}
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || kids.Kind() != lpdf.Array {
			if len(out) >= maxPages {
				return fmt.Errorf("more than %d pages: %w", maxPages, errLimit)
			}
			out = append(out, makeNode(v, in))
			return nil
		}
		for i := 0; i < kids.Len(); i++ {
			if err := walk(kids.Index(i), in, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if root.Kind() != lpdf.Dict {
		return nil, fmt.Errorf("no page tree")
	}
	err := walk(root, inherited{}, 0)
	return out, err
}

func makeNode(v lpdf.Value, in inherited) pageNode {
	n := pageNode{v: v, resources: in.resources}
	media, ok := rect(in.media)
	if !ok {
		media = [4]float64{0, 0, 612, 792} // US Letter, the spec's default
	}
	n.box = media
	if crop, ok := rect(in.crop); ok {
		n.box = [4]float64{
			math.Max(crop[0], media[0]), math.Max(crop[1], media[1]),
			math.Min(crop[2], media[2]), math.Min(crop[3], media[3]),
		}
		if n.box[2]-n.box[0] < 1 || n.box[3]-n.box[1] < 1 {
			n.box = media
		}
	}
	r := int(in.rotate.Int64()) % 360
	if r < 0 {
		r += 360
	}
	n.rotate = r / 90 * 90
	return n
}

func rect(v lpdf.Value) ([4]float64, bool) {
	if v.Kind() != lpdf.Array || v.Len() != 4 {
		return [4]float64{}, false
	}
	var b [4]float64
	for i := range b {
		b[i] = v.Index(i).Float64()
		if math.IsNaN(b[i]) || math.IsInf(b[i], 0) {
			return b, false
		}
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	if b[2]-b[0] < 1 || b[3]-b[1] < 1 {
		return b, false
	}
	return b, true
}

// deviceMatrix maps default user space to the page model's space: origin
// at the top left of the visible box, y down, the /Rotate applied (the page
// as a viewer shows it). It also returns the page's width and height.
func (n pageNode) deviceMatrix() (matrix, float64, float64) {
	x0, y0, x1, y1 := n.box[0], n.box[1], n.box[2], n.box[3]
	w, h := x1-x0, y1-y0
	flip := matrix{1, 0, 0, -1, -x0, y1}
	switch n.rotate {
	case 90:
		return flip.mul(matrix{0, 1, -1, 0, h, 0}), h, w
	case 180:
		return flip.mul(matrix{-1, 0, 0, -1, w, h}), w, h
	case 270:
		return flip.mul(matrix{0, -1, 1, 0, 0, w}), h, w
	}
	return flip, w, h
}
