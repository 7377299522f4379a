package cell

import (
	"strconv"
	"strings"
)

// ParseNumber parses a weight or points cell: "2", "1.5", "20分", "２". ok is false
// for anything else (words, ranges, empty).
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(toHalfWidthDigits(s))
	s = strings.TrimSuffix(s, "分")
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	f, err := parseFloat(s)
	return f, err == nil
}

func parseFloat(s string) (float64, error) { return strconv.ParseFloat(toHalfWidthDigits(s), 64) }

// toHalfWidthDigits maps full-width digits and point to ASCII.
func toHalfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		}
		return r
	}, s)
}
