package pdf

import (
	"sort"
	"unicode/utf16"
)

// cmap is a parsed CMap: the codespace ranges that split a string into
// character codes, and the mappings from codes to Unicode text (a ToUnicode
// CMap's bfchar/bfrange) or to CIDs (an encoding CMap's cidchar/cidrange).
//
// We parse CMaps ourselves because ledongthuc/pdf decodes bfrange entries
// whose destination is a string by adding the offset to the whole UTF-16
// value without regard to its length (and mangles multi-byte codespaces),
// which turns fpdf's and others' ToUnicode tables into garbage.
type cmap struct {
	space  []codeRange
	chars  map[codeKey]string
	ranges []uniRange
	cids   map[codeKey]uint32
	cidRgs []cidRange
	// usecmap names a predefined CMap this one extends (encoding CMaps only).
	usecmap string
}

// codeKey is a character code with its byte length: <20> and <0020> are
// different codes.
type codeKey struct {
	code uint32
	n    uint8
}

type codeRange struct {
	lo, hi []byte
}

type uniRange struct {
	lo, hi uint32
	n      uint8
	base   []byte   // string destination: UTF-16BE incremented by code-lo
	list   []string // array destination: one text per code
}

type cidRange struct {
	lo, hi uint32
	n      uint8
	cid    uint32
}

// maxCMapEntries bounds the mappings one CMap may declare, so a hostile
// stream cannot make us allocate without limit.
const maxCMapEntries = 1 << 18

// parseCMap reads a CMap program. It never fails: unknown operators and
// malformed entries are skipped, as a viewer would.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[codeKey]string{}, cids: map[codeKey]uint32{}}
	lx := lexer{data: data}
	var operands []token
	entries := 0
	for {
		t, ok := lx.next()
		if !ok {
			break
		}
		if t.kind != tokKeyword {
			operands = append(operands, t)
			if len(operands) > 4096 { // no real CMap operator takes this many
				operands = operands[:0]
			}
			continue
		}
		switch t.s {
		case "usecmap":
			if len(operands) > 0 && operands[len(operands)-1].kind == tokName {
				m.usecmap = operands[len(operands)-1].s
			}
		case "endcodespacerange":
			for i := 0; i+1 < len(operands); i += 2 {
				lo, hi := operands[i], operands[i+1]
				if lo.kind != tokString || hi.kind != tokString || len(lo.s) != len(hi.s) || len(lo.s) == 0 || len(lo.s) > 4 {
					continue
				}
				m.space = append(m.space, codeRange{[]byte(lo.s), []byte(hi.s)})
			}
		case "endbfchar":
			for i := 0; i+1 < len(operands) && entries < maxCMapEntries; i += 2 {
				src, dst := operands[i], operands[i+1]
				k, ok := key(src)
				if !ok {
					continue
				}
				switch dst.kind {
				case tokString:
					m.chars[k] = utf16Text([]byte(dst.s))
				case tokName:
					if r, ok := glyphRune(dst.s); ok {
						m.chars[k] = string(r)
					}
				}
				entries++
			}
		case "endbfrange":
			for i := 0; i+2 < len(operands) && entries < maxCMapEntries; i += 3 {
				lo, hi, dst := operands[i], operands[i+1], operands[i+2]
				kl, ok1 := key(lo)
				kh, ok2 := key(hi)
				if !ok1 || !ok2 || kl.n != kh.n || kh.code < kl.code {
					if dst.kind == tokArrayStart { // skip the array we cannot use
						i += skipArray(operands[i+3:])
					}
					continue
				}
				r := uniRange{lo: kl.code, hi: kh.code, n: kl.n}
				switch dst.kind {
				case tokString:
					r.base = []byte(dst.s)
				case tokArrayStart:
					j := i + 3
					for ; j < len(operands) && operands[j].kind != tokArrayEnd; j++ {
						if operands[j].kind == tokString {
							r.list = append(r.list, utf16Text([]byte(operands[j].s)))
						} else {
							r.list = append(r.list, "")
						}
					}
					i = j - 2 // the loop adds 3: continue after the ']'
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
				entries++
			}
		case "endcidchar":
			for i := 0; i+1 < len(operands) && entries < maxCMapEntries; i += 2 {
				k, ok := key(operands[i])
				if ok && operands[i+1].kind == tokNumber {
					m.cids[k] = uint32(operands[i+1].num)
					entries++
				}
			}
		case "endcidrange":
			for i := 0; i+2 < len(operands) && entries < maxCMapEntries; i += 3 {
				kl, ok1 := key(operands[i])
				kh, ok2 := key(operands[i+1])
				if ok1 && ok2 && kl.n == kh.n && kl.code <= kh.code && operands[i+2].kind == tokNumber {
					m.cidRgs = append(m.cidRgs, cidRange{kl.code, kh.code, kl.n, uint32(operands[i+2].num)})
					entries++
				}
			}
		}
		operands = operands[:0]
	}
	sort.Slice(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	return m
}

func skipArray(ts []token) int {
	for i, t := range ts {
		if t.kind == tokArrayEnd {
			return i + 1
		}
	}
	return len(ts)
}

func key(t token) (codeKey, bool) {
	if t.kind != tokString || len(t.s) == 0 || len(t.s) > 4 {
		return codeKey{}, false
	}
	var c uint32
	for i := 0; i < len(t.s); i++ {
		c = c<<8 | uint32(t.s[i])
	}
	return codeKey{c, uint8(len(t.s))}, true
}

// utf16Text decodes a ToUnicode destination: UTF-16BE, with an odd trailing
// byte (a producer bug) read as Latin-1.
func utf16Text(b []byte) string {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
	}
	s := string(utf16.Decode(units))
	if len(b)%2 == 1 {
		s += string(rune(b[len(b)-1]))
	}
	return s
}

// lookup returns the Unicode text of a code, and whether the CMap maps it.
func (m *cmap) lookup(k codeKey) (string, bool) {
	if s, ok := m.chars[k]; ok {
		return s, true
	}
	// Ranges are sorted by lo; the last one starting at or below the code
	// that contains it wins, as later definitions override earlier ones.
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].lo > k.code })
	for i--; i >= 0; i-- {
		r := &m.ranges[i]
		if r.n != k.n || k.code > r.hi {
			continue
		}
		off := k.code - r.lo
		if r.list != nil {
			if int(off) < len(r.list) {
				return r.list[off], true
			}
			return "", false
		}
		return utf16Text(addBE(r.base, off)), true
	}
	return "", false
}

// addBE adds off to b read as a big-endian number of len(b) bytes, carrying
// into the higher bytes: <D83D DFFF> + 1 in a range of 4-byte destinations,
// or <00FF> + 1 = <0100>. Adobe's spec says only the last byte changes; real
// producers (fpdf among them) emit ranges that cross a 256 boundary and
// rely on the carry, which is also what Acrobat and poppler do.
func addBE(b []byte, off uint32) []byte {
	out := make([]byte, len(b))
	copy(out, b)
	carry := uint64(off)
	for i := len(out) - 1; i >= 0 && carry > 0; i-- {
		v := uint64(out[i]) + carry&0xff
		out[i] = byte(v)
		carry = carry>>8 + v>>8
	}
	return out
}

// cid returns the CID of a code under an encoding CMap.
func (m *cmap) cid(k codeKey) (uint32, bool) {
	if c, ok := m.cids[k]; ok {
		return c, true
	}
	for i := len(m.cidRgs) - 1; i >= 0; i-- {
		r := &m.cidRgs[i]
		if r.n == k.n && r.lo <= k.code && k.code <= r.hi {
			return r.cid + k.code - r.lo, true
		}
	}
	return 0, false
}

// nextCode splits the first character code off s using the codespace
// ranges. With no matching range it takes the shortest codespace length
// (at least one byte), so a string is always consumed.
func (m *cmap) nextCode(s []byte) (codeKey, int) {
	for _, r := range m.space {
		n := len(r.lo)
		if n > len(s) {
			continue
		}
		in := true
		for i := 0; i < n; i++ {
			if s[i] < r.lo[i] || s[i] > r.hi[i] {
				in = false
				break
			}
		}
		if in {
			return codeOf(s[:n]), n
		}
	}
	n := 0
	for _, r := range m.space {
		if n == 0 || len(r.lo) < n {
			n = len(r.lo)
		}
	}
	if n == 0 {
		n = 1
	}
	if n > len(s) {
		n = len(s)
	}
	return codeOf(s[:n]), n
}

func codeOf(b []byte) codeKey {
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return codeKey{c, uint8(len(b))}
}
