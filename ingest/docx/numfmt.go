package docx

import (
	"strconv"
	"strings"
)

// format renders counter n in a WordprocessingML numFmt, the way Word draws
// it, so a heading numbered by Word reads 一、 or （一） or 1. exactly as in
// the printed document and the outline parser sees the same text as in a PDF.
// Formats Word has but a 公文 never uses fall back to decimal.
func format(n int, fmtName string) string {
	switch fmtName {
	case "none":
		return ""
	case "bullet":
		return "" // the bullet is lvlText itself, which has no %N
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting":
		if s, ok := chineseCounting(n); ok {
			return s
		}
	case "chineseLegalSimplified":
		if s, ok := groupLegal(n, "零壹贰叁肆伍陆柒捌玖", []string{"", "拾", "佰", "仟", "万"}); ok {
			return s
		}
	case "ideographLegalTraditional":
		if s, ok := groupLegal(n, "零壹貳參肆伍陸柒捌玖", []string{"", "拾", "佰", "仟", "萬"}); ok {
			return s
		}
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital":
		if n >= 0 {
			return ideographDigital(n)
		}
	case "ideographTraditional":
		if n >= 1 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[(n-1)%10])
		}
	case "ideographZodiac":
		if n >= 1 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[(n-1)%12])
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return fullWidth(strconv.Itoa(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune('⒈' + n - 1))
		}
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 {
			// Word repeats the letter: 27 → aa, 28 → bb.
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if fmtName == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if fmtName == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

var cnDigits = []rune("零一二三四五六七八九")

// chineseCounting writes n in Chinese numerals as Word's chineseCounting
// does: 10 十, 11 十一, 20 二十, 101 一百零一, 110 一百一十.
func chineseCounting(n int) (string, bool) {
	if n < 0 || n > 99999 {
		return "", false
	}
	if n == 0 {
		return "零", true
	}
	if n < 20 && n >= 10 {
		if n == 10 {
			return "十", true
		}
		return "十" + string(cnDigits[n-10]), true
	}
	return groupCN(n, cnDigits, []string{"", "十", "百", "千", "万"}), true
}

// groupLegal is the 大写 form (壹贰叁, 拾佰仟) used on financial forms.
func groupLegal(n int, digits string, units []string) (string, bool) {
	if n <= 0 || n > 99999 {
		return "", false
	}
	return groupCN(n, []rune(digits), units), true
}

func groupCN(n int, digits []rune, units []string) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	zero := false
	for i, c := range s {
		d := int(c - '0')
		pos := len(s) - 1 - i
		if d == 0 {
			zero = true
			continue
		}
		if zero {
			b.WriteRune(digits[0])
			zero = false
		}
		b.WriteRune(digits[d])
		b.WriteString(units[pos])
	}
	return b.String()
}

// ideographDigital writes each decimal digit as an ideograph: 10 → 一〇.
func ideographDigital(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		if c == '0' {
			b.WriteRune('〇')
		} else {
			b.WriteRune(cnDigits[c-'0'])
		}
	}
	return b.String()
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune('０' + (c - '0'))
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
