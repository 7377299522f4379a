package model

import (
	"slices"
	"strconv"
	"strings"
)

// Seq is a parsed 序号: the numbers of its levels (1-2-3 → 1, 2, 3). It is
// the one grammar of 序号 that ingest (to recognise a row's number and its
// group), the audit (to check format and sequence, to order a fixed row),
// render and the web page share. Before it there were four parsers that
// disagreed about the full-width hyphen, leading zeros and dots.
type Seq struct {
	Levels []int
	// dotted: the levels are joined by full stops (4.1.2), not hyphens.
	dotted bool
	// canonical: ASCII separators, no leading zero and no level 0: the
	// spelling the audit accepts without a finding.
	canonical bool
}

// ParseSeq reads s (white space around it ignored) as a 序号: one to many
// numbers of one to three ASCII digits joined by one kind of separator,
// hyphens (- or －) or full stops (. or ．). ok is false for anything else.
// A single number parses (a top-level item may be numbered 5); whether a
// cell reads as a 序号 is Seq.InCell.
func ParseSeq(s string) (Seq, bool) {
	// One pass over the bytes: most cells asked about are not 序号 and
	// fail at their first byte, and a 序号's levels are read as they are
	// met (strings.FieldsFunc and four scans of s for the separators cost
	// more than the rest of a row's classification).
	s = strings.TrimSpace(s)
	if s == "" {
		return Seq{}, false
	}
	q := Seq{canonical: true}
	hyphen := false
	n, digits := 0, 0 // the level being read and its digits so far
	for i := 0; i < len(s); {
		c := s[i]
		var dot bool
		switch {
		case c >= '0' && c <= '9':
			if digits == 3 {
				return Seq{}, false
			}
			if digits == 0 && c == '0' {
				q.canonical = false
			}
			n, digits = n*10+int(c-'0'), digits+1
			i++
			continue
		case c == '-' || c == '.':
			dot = c == '.'
			i++
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x8D || s[i+2] == 0x8E):
			// The full-width hyphen － (U+FF0D) or full stop ． (U+FF0E).
			dot = s[i+2] == 0x8E
			q.canonical = false
			i += 3
		default:
			return Seq{}, false
		}
		// A separator: it ends a level, which must have digits (1--2,
		// -1 are not 序号), and all separators are of one kind.
		if digits == 0 {
			return Seq{}, false
		}
		if dot {
			q.dotted = true
		} else {
			hyphen = true
		}
		if hyphen && q.dotted {
			return Seq{}, false
		}
		q.Levels = append(q.Levels, n)
		n, digits = 0, 0
	}
	if digits == 0 { // 1-
		return Seq{}, false
	}
	q.Levels = append(q.Levels, n)
	return q, true
}

// InCell reports whether a cell holding this 序号 is read as one: two or
// more levels joined by hyphens, or three or more by full stops (1.5 is a
// weight, 1.2.3 a 序号).
func (q Seq) InCell() bool {
	if q.dotted {
		return len(q.Levels) >= 3
	}
	return len(q.Levels) >= 2
}

// Canonical reports whether the 序号 is spelt as the audit wants it: ASCII
// hyphens or full stops, no leading zeros, no level 0.
func (q Seq) Canonical() bool { return q.canonical && !slices.Contains(q.Levels, 0) }

// Group is the key of the group a row belongs to: every level but the last,
// joined by hyphens (1-2 for 1-2-3 and for 1.2.3, 1 for 1-5); "" for a
// single level.
func (q Seq) Group() string {
	if len(q.Levels) < 2 {
		return ""
	}
	return Seq{Levels: q.Levels[:len(q.Levels)-1]}.String()
}

// String is the 序号 spelt with ASCII hyphens (1-2-3).
func (q Seq) String() string {
	s := make([]string, len(q.Levels))
	for i, v := range q.Levels {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, "-")
}

// IsSeq reports whether cell text s reads as a 序号 (ParseSeq and InCell).
func IsSeq(s string) bool {
	q, ok := ParseSeq(s)
	return ok && q.InCell()
}

// CompareSeq orders two 序号 level by level (1-2 < 1-2-1 < 1-10); when
// either does not parse, the two compare as text.
func CompareSeq(a, b string) int {
	x, ok1 := ParseSeq(a)
	y, ok2 := ParseSeq(b)
	if !ok1 || !ok2 {
		return strings.Compare(a, b)
	}
	return slices.Compare(x.Levels, y.Levels)
}
