package pdf

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Fonts map a radical and the ideograph it looks like to one glyph, and
// producers that build ToUnicode from the font's cmap (Chromium's Skia
// among them) then write 目 as ⽬ KANGXI RADICAL EYE. The text would not
// match what a person typed or searches for, so we read radicals as their
// unified ideographs, as pdftotext does: Kangxi radicals by NFKC, and the CJK
// Radicals Supplement, which NFKC leaves alone, by Unicode's
// EquivalentUnifiedIdeograph table for the forms used in Chinese text.
var radicalSupplement = map[rune]rune{
	0x2E8C: '小', 0x2E97: '心', 0x2E9D: '月', 0x2E9F: '母', 0x2EA0: '民', 0x2EA9: '王',
	0x2EC4: '西', 0x2EC5: '见', 0x2EC6: '角', 0x2EC8: '讠', 0x2EC9: '贝', 0x2ECB: '车',
	0x2ED0: '钅', 0x2ED3: '长', 0x2ED4: '门', 0x2ED7: '雨', 0x2ED8: '青', 0x2EDB: '风',
	0x2EDC: '飞', 0x2EDD: '食', 0x2EE0: '饣', 0x2EE2: '马', 0x2EE3: '骨', 0x2EE4: '鬼',
	0x2EE5: '鱼', 0x2EE6: '鸟', 0x2EE7: '卤', 0x2EE8: '麦', 0x2EE9: '黄', 0x2EEA: '黾',
	0x2EEC: '齐', 0x2EEE: '齿', 0x2EF0: '龙', 0x2EF3: '龟',
}

// unifyRadicals replaces CJK radicals in s by their ideographs.
func unifyRadicals(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x2E80 && r <= 0x2FDF }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x2F00 && r <= 0x2FDF:
			b.WriteString(norm.NFKC.String(string(r)))
		case radicalSupplement[r] != 0:
			b.WriteRune(radicalSupplement[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
