package ofd

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
