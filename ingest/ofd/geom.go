package ofd

import (
	"math"
	"strconv"
	"strings"
)

// ptPerMM converts OFD's millimetres to the page model's points.
const ptPerMM = 72 / 25.4

// box is an OFD Boundary or PhysicalBox: x y w h in mm.
type box struct{ x, y, w, h float64 }

func parseBox(s string) box {
	var f [4]float64
	if numbersInto(s, f[:]) < 4 {
		return box{}
	}
	return box{f[0], f[1], f[2], f[3]}
}

// numbers parses a space-separated list of numbers, skipping what does not
// parse (producers write "1.0e-2", "NaN" and stray commas).
func numbers(s string) []float64 {
	out := make([]float64, numbersInto(s, nil))
	numbersInto(s, out)
	return out
}

// numbersInto is numbers into dst: it fills dst with the first numbers of s
// and returns how many numbers s has in all (more than len(dst), maybe).
// Boundary and CTM, on every object of a page, are parsed into arrays on
// the stack this way, not into a new slice and a slice of fields each. The
// separators are ASCII, so splitting bytes splits the runes as FieldsFunc
// would.
func numbersInto(s string, dst []float64) int {
	n := 0
	for i := 0; i < len(s); {
		if isNumberSep(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && !isNumberSep(s[j]) {
			j++
		}
		v, err := strconv.ParseFloat(s[i:j], 64)
		if err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			if n < len(dst) {
				dst[n] = v
			}
			n++
		}
		i = j
	}
	return n
}

func isNumberSep(b byte) bool {
	return b == ' ' || b == ',' || b == '\t' || b == '\n' || b == '\r'
}

// matrix is an OFD CTM "a b c d e f": x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{1, 0, 0, 1, 0, 0}

func parseCTM(s string) matrix {
	var f [6]float64
	if numbersInto(s, f[:]) != 6 {
		return identity
	}
	return matrix{f[0], f[1], f[2], f[3], f[4], f[5]}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// scale is the factor a length is multiplied by (geometric mean of the axes),
// used for font sizes and line widths.
func (m matrix) scale() float64 {
	s := math.Sqrt(math.Abs(m.a*m.d - m.b*m.c))
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return 1
	}
	return s
}

// vscale is how much the CTM stretches the vertical axis, which is what a
// font's size follows when the text is scaled horizontally (HScale-like CTMs).
func (m matrix) vscale() float64 {
	s := math.Hypot(m.c, m.d)
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return 1
	}
	return s
}

// deltas expands a DeltaX/DeltaY list, including the "g N v" shorthand that
// stands for N copies of v. n is the number of gaps needed (runes − 1); the
// expansion stops there, so "g 1000000000 1" in a hostile file costs nothing.
func deltas(s string, n int) []float64 {
	if n <= 0 || strings.TrimSpace(s) == "" {
		return nil
	}
	fs := strings.Fields(s)
	out := make([]float64, 0, n)
	for i := 0; i < len(fs) && len(out) < n; i++ {
		if fs[i] == "g" {
			if i+2 >= len(fs) {
				break
			}
			cnt, err1 := strconv.Atoi(fs[i+1])
			v, err2 := strconv.ParseFloat(fs[i+2], 64)
			i += 2
			if err1 != nil || err2 != nil || cnt < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			for k := 0; k < cnt && len(out) < n; k++ {
				out = append(out, v)
			}
			continue
		}
		v, err := strconv.ParseFloat(fs[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		out = append(out, v)
	}
	return out
}
