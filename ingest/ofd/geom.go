package ofd

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
		if v, ok := parseNum(s[i:j]); ok {
			if n < len(dst) {
				dst[n] = v
			}
			n++
		}
		i = j
	}
	return n
}

// parseNum is strconv.ParseFloat(s, 64) for a finite number; ok is false
// where ParseFloat fails or gives NaN or ±Inf. What producers write is
// nearly always a plain decimal (12.5, -0.353, 20): for those it takes the
// exact path ParseFloat itself tries first, a mantissa under 2⁵³ divided by
// an exact power of ten, one correctly rounded division and so the same
// float, without ParseFloat's general reader; a page has thousands of
// them. Anything else (an exponent, more digits, "NaN", a stray comma) is
// ParseFloat's.
func parseNum(s string) (float64, bool) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9' && digits < 19:
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return parseFloatSlow(s)
		}
	}
	if digits == 0 {
		if s == "" {
			return 0, false // ParseFloat's error, without making it
		}
		return parseFloatSlow(s)
	}
	if mant>>53 != 0 || frac >= len(pow10) {
		return parseFloatSlow(s)
	}
	f := float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

func parseFloatSlow(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// field returns the bounds of the first field of s at or after i, split as
// strings.Fields splits (at Unicode white space; start == end when there
// is none left): the path data and delta lists are walked in place, not
// cut into a slice of strings first.
func field(s string, i int) (start, end int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				break
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += w
	}
	start = i
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				break
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += w
	}
	return start, i
}

// asciiSpace is strings.Fields' ASCII white space.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
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
	out := make([]float64, 0, n)
	for a, b := field(s, 0); a < b && len(out) < n; a, b = field(s, b) {
		if s[a:b] == "g" {
			// "g N v": both fields must be there, else the list ends.
			a1, b1 := field(s, b)
			a2, b2 := field(s, b1)
			if a2 == b2 {
				break
			}
			b = b2
			cnt, err1 := strconv.Atoi(s[a1:b1])
			v, ok := parseNum(s[a2:b2])
			if err1 != nil || !ok || cnt < 0 {
				continue
			}
			for k := 0; k < cnt && len(out) < n; k++ {
				out = append(out, v)
			}
			continue
		}
		if v, ok := parseNum(s[a:b]); ok {
			out = append(out, v)
		}
	}
	return out
}
