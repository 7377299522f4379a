package ofd

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fieldsNumbers is numbers as it was written first, by strings.FieldsFunc:
// numbersInto, which splits bytes, must read every string the same.
func fieldsNumbers(s string) []float64 {
	out := []float64{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' }) {
		if v, err := strconv.ParseFloat(f, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	return out
}

func TestNumbersInto(t *testing.T) {
	for _, s := range []string{
		"", " ", "0 0 210 297", "  1.5,2.5\t3\r\n4 ", "1.0e-2 NaN 3 Inf -Inf 1e400 5",
		"1,,2", "a 1 b 2", "1 2 3 4 5 6 7", "０ 1 中文 2", "-0 +3 .5 5.", "0x10 1_000 7",
	} {
		want := fieldsNumbers(s)
		if got := numbers(s); !cmp.Equal(got, want) {
			t.Errorf("numbers(%q) = %v, want %v", s, got, want)
		}
		var four [4]float64
		n := numbersInto(s, four[:])
		if n != len(want) {
			t.Errorf("numbersInto(%q) counts %d, want %d", s, n, len(want))
		}
		if k := min(n, 4); !cmp.Equal(four[:k], want[:k]) {
			t.Errorf("numbersInto(%q) fills %v, want %v", s, four[:k], want[:k])
		}
	}
}

// TestParseNum: parseNum gives ParseFloat's number, to the bit, wherever
// ParseFloat gives a finite one, and fails where it fails.
func TestParseNum(t *testing.T) {
	ins := []string{"", "+", "-", ".", "+.", "0", "-0", "+0", "00012", "1.", ".5", "-.5", "12.345", "-0.353",
		"919.9999999999999", "18.900000000000002", "9007199254740993", "9007199254740992", "1234567890123456789",
		"12345678901234567890", "0.0000000000000000000001", "0.00000000000000000000001", "1e5", "1E-2", "NaN",
		"Inf", "-Inf", "1e400", "0x10", "1_000", "1..2", "1.2.3", " 1", "1 ", "１", "1,5", "--1", "+-1", "٣"}
	rnd := uint64(12345)
	next := func(n uint64) uint64 { rnd = rnd*6364136223846793005 + 1442695040888963407; return (rnd >> 33) % n }
	for range 20000 {
		var b strings.Builder
		if next(3) == 0 {
			b.WriteByte("+-"[next(2)])
		}
		digits := int(next(24))
		dot := int(next(uint64(digits + 2)))
		for i := 0; i <= digits; i++ {
			if i == dot {
				b.WriteByte('.')
			}
			if i < digits {
				b.WriteByte(byte('0' + next(10)))
			}
		}
		ins = append(ins, b.String())
	}
	for _, s := range ins {
		got, ok := parseNum(s)
		want, err := strconv.ParseFloat(s, 64)
		wantOK := err == nil && !math.IsNaN(want) && !math.IsInf(want, 0)
		if ok != wantOK || ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseNum(%q) = %v, %v; ParseFloat gives %v, %v", s, got, ok, want, err)
		}
	}
}

// TestField: walking a string with field gives the fields strings.Fields
// cuts, Unicode white space and invalid UTF-8 included.
func TestField(t *testing.T) {
	for _, s := range []string{"", " ", "M 0 0 L 1 2 C", "  a\tb\nc\v\fd\r e ", "a\u00a0b\u3000c\u0085d\u2028e",
		"中文 1 ０", "\xff 1 \xe3\x80", "x\u200by", " \u3000 "} {
		var got []string
		for a, b := field(s, 0); a < b; a, b = field(s, b) {
			got = append(got, s[a:b])
		}
		if want := strings.Fields(s); !cmp.Equal(got, want, cmpopts.EquateEmpty()) {
			t.Errorf("fields of %q = %q, want %q", s, got, want)
		}
	}
}
