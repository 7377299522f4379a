package ofd

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parsePathFields is parsePath as it was written first, over
// strings.Fields and strconv.ParseFloat: parsePath, which walks the data
// in place, must read every path the same.
func parsePathFields(s string) []subpath {
	fs := strings.Fields(s)
	var out []subpath
	var cur *subpath
	var pen, start pt
	ops := 0
	var argBuf [7]float64
	args := func(i, n int) ([]float64, bool) {
		v := argBuf[:n]
		for k := 0; k < n; k++ {
			if i+1+k >= len(fs) {
				return nil, false
			}
			f, err := strconv.ParseFloat(fs[i+1+k], 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, false
			}
			v[k] = f
		}
		return v, true
	}
	begin := func(p pt) {
		out = append(out, subpath{pts: []pt{p}, line: []bool{false}})
		cur = &out[len(out)-1]
		start = p
	}
	to := func(p pt, straight bool) {
		if cur == nil {
			begin(pen)
		}
		cur.pts = append(cur.pts, p)
		cur.line = append(cur.line, straight)
		pen = p
	}
	for i := 0; i < len(fs) && ops < maxPathOps; i++ {
		ops++
		n := 0
		switch fs[i] {
		case "S", "M":
			n = 2
			if v, ok := args(i, n); ok {
				pen = pt{v[0], v[1]}
				begin(pen)
			}
		case "L":
			n = 2
			if v, ok := args(i, n); ok {
				to(pt{v[0], v[1]}, true)
			}
		case "Q":
			n = 4
			if v, ok := args(i, n); ok {
				to(pt{v[2], v[3]}, false)
			}
		case "B":
			n = 6
			if v, ok := args(i, n); ok {
				to(pt{v[4], v[5]}, false)
			}
		case "A":
			n = 7
			if v, ok := args(i, n); ok {
				to(pt{v[5], v[6]}, false)
			}
		case "C", "Z", "z":
			if cur != nil {
				cur.closed = true
				pen = start
				cur = nil
			}
		default:
			continue
		}
		i += n
	}
	return out
}

func TestParsePathAsFields(t *testing.T) {
	ins := []string{"", "S 0 0 L 156 0 C", "M 0 0 L 10 0 L 10 5 L 0 5 C M 20 20 L 30 30",
		"M 0 0 B 1 1 2 2 3 3 Q 4 4 5 5 A 1 1 0 0 1 6 6 L 7 7", "L 5 5", "M 0 x L 1 1", "Z C L", "M 1 L 2 2",
		"M 0 0 L 1 NaN L 2 2 C", "M\u30000 0\u00a0L 1e2 1 z", "M 0 0 L 1 1 L 2 2 L 3 3 L 4 4 L 5 5 L 6 6 C L 1 1",
		"A 1 2 3 4 5 6", "B 1 2 3", "M 0 0 M 1 1 M 2 2 L 3 3 L 4 4 L 5 5 L 6 6 L 7 7", "7 8 M 1 1 junk L 2 2"}
	// Random paths: operators, numbers good and bad, in any order, so
	// that subpaths of every length sit next to each other in the slab.
	words := []string{"M", "S", "L", "Q", "B", "A", "C", "Z", "z", "0", "1.5", "-2", "x", "1e3", "919.9999999999999"}
	rnd := uint64(7)
	for range 3000 {
		var b strings.Builder
		for k := 0; k < 40; k++ {
			rnd = rnd*6364136223846793005 + 1442695040888963407
			b.WriteString(words[(rnd>>33)%uint64(len(words))])
			b.WriteByte(' ')
		}
		ins = append(ins, b.String())
	}
	for _, s := range ins {
		got, want := parsePath(s), parsePathFields(s)
		if d := cmp.Diff(want, got, cmp.AllowUnexported(subpath{}, pt{})); d != "" {
			t.Fatalf("parsePath(%q) (-fields +got):\n%s", s, d)
		}
	}
}
