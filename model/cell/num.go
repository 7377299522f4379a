package cell

import (
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model/cjk"
)

// ParseNumber parses a weight or points cell: "2", "1.5", "20分", "２". ok is false
// for anything else (words, ranges, empty).
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(cjk.NarrowDigits(s))
	s = strings.TrimSuffix(s, "分")
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	f, err := parseFloat(s)
	return f, err == nil
}

func parseFloat(s string) (float64, error) { return strconv.ParseFloat(cjk.NarrowDigits(s), 64) }
