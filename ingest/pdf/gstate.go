package pdf

import "math"

// matrix is a PDF transformation [a b c d e f]: x' = a·x + c·y + e,
// y' = b·x + d·y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scale is the factor by which m stretches lengths, on average over the two
// axes: what a line width or a font size becomes.
func (m matrix) scale() float64 {
	return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
}

func (m matrix) finite() bool {
	for _, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// gstate is the part of the graphics state the walker needs: the CTM, the
// line width, and the text state, which q/Q save and restore.
type gstate struct {
	ctm       matrix
	lineWidth float64
	text      textState
}

// textState holds the text state parameters (PDF 32000-1 §9.3). Tm and Tlm
// are not part of the graphics state but live here for convenience; they are
// reset by BT.
type textState struct {
	font     *font
	fontName string
	size     float64 // Tfs
	charSp   float64 // Tc
	wordSp   float64 // Tw
	hscale   float64 // Tz / 100
	leading  float64 // TL
	rise     float64 // Ts
	tm, tlm  matrix
}

func newGState(ctm matrix) gstate {
	return gstate{ctm: ctm, lineWidth: 1, text: textState{hscale: 1, tm: identity, tlm: identity}}
}

// maxStateDepth bounds q nesting: hostile streams may push without popping.
const maxStateDepth = 256
