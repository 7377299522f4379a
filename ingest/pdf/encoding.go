package pdf

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Base encodings of simple fonts, as code → rune tables. They are built once
// from golang.org/x/text's code pages and never written afterwards.
var (
	winAnsi  = table(charmap.Windows1252)
	macRoman = table(charmap.Macintosh)
	standard = standardTable()
)

func table(cm *charmap.Charmap) *[256]rune {
	var t [256]rune
	for i := 0; i < 256; i++ {
		r := cm.DecodeByte(byte(i))
		if r == '\uFFFD' {
			r = 0
		}
		t[i] = r
	}
	return &t
}

// standardTable is Adobe StandardEncoding's printable ASCII and the few
// differences that matter for text (quotes); its upper half has no
// Windows-1252 counterpart worth guessing.
func standardTable() *[256]rune {
	var t [256]rune
	for i := 32; i < 127; i++ {
		t[i] = rune(i)
	}
	t['\''] = '’'
	t['`'] = '‘'
	return &t
}

func baseEncoding(name string) *[256]rune {
	switch name {
	case "WinAnsiEncoding":
		return winAnsi
	case "MacRomanEncoding":
		return macRoman
	case "StandardEncoding":
		return standard
	}
	return nil
}

// glyphNames maps the Adobe glyph names that Differences arrays use for
// Latin text and punctuation. Names of the uniXXXX and uXXXX forms are
// decoded by glyphRune; other unknown names yield no text.
var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '’', "parenleft": '(', "parenright": ')',
	"asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "minus": '−', "period": '.', "slash": '/',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>',
	"question": '?', "at": '@', "bracketleft": '[', "backslash": '\\', "bracketright": ']',
	"asciicircum": '^', "underscore": '_', "grave": '`', "quoteleft": '‘', "braceleft": '{', "bar": '|',
	"braceright": '}', "asciitilde": '~', "bullet": '•', "endash": '–', "emdash": '—', "ellipsis": '…',
	"quotedblleft": '“', "quotedblright": '”', "quotesinglbase": '‚', "quotedblbase": '„',
	"dagger": '†', "daggerdbl": '‡', "perthousand": '‰', "trademark": '™', "copyright": '©',
	"registered": '®', "degree": '°', "plusminus": '±', "multiply": '×', "divide": '÷', "section": '§',
	"paragraph": '¶', "periodcentered": '·', "middot": '·', "nbspace": '\u00a0', "sterling": '£',
	"yen": '¥', "cent": '¢', "Euro": '€', "euro": '€', "fi": 'ﬁ', "fl": 'ﬂ', "ff": 'ﬀ', "ffi": 'ﬃ',
	"ffl": 'ﬄ', "guillemotleft": '«', "guillemotright": '»', "exclamdown": '¡', "questiondown": '¿',
	"germandbls": 'ß', "circle": '○', "blackcircle": '●', "square": '□', "checkmark": '✓',
	"arrowright": '→', "arrowleft": '←', "arrowup": '↑', "arrowdown": '↓', "logicalnot": '¬',
	"mu": 'µ', "onehalf": '½', "onequarter": '¼', "threequarters": '¾', "fraction": '⁄',
}

// glyphRune maps a glyph name to its character: the Adobe names above,
// single letters, uniXXXX, uXXXX[XX], and names with a .suffix (a.sc).
func glyphRune(name string) (rune, bool) {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return rune(name[0]), true
	}
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 {
		v, err := strconv.ParseUint(name[3:7], 16, 32)
		if err == nil {
			return rune(v), true
		}
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		v, err := strconv.ParseUint(name[1:], 16, 32)
		if err == nil && v <= 0x10FFFF {
			return rune(v), true
		}
	}
	return 0, false
}

// predefined describes a predefined CJK CMap named by a Type0 font's
// /Encoding: how to split strings into codes, and how to read text from
// the codes when the font has no ToUnicode (the usual case for fonts of
// older Chinese producers that name GBK-EUC-H and rely on the reader).
type predefined struct {
	space []codeRange
	// text decodes one code's bytes; nil when the codes are CIDs.
	text     func(b []byte) string
	identity bool // code = CID
	vertical bool
}

var (
	twoByte   = []codeRange{{[]byte{0, 0}, []byte{0xff, 0xff}}}
	eucSpace  = []codeRange{{[]byte{0x00}, []byte{0x80}}, {[]byte{0x81, 0x40}, []byte{0xfe, 0xfe}}}
	utf16Span = []codeRange{{[]byte{0xd8, 0x00, 0xdc, 0x00}, []byte{0xdb, 0xff, 0xdf, 0xff}}, {[]byte{0, 0}, []byte{0xff, 0xff}}}
)

func decodeWith(e encoding.Encoding) func([]byte) string {
	return func(b []byte) string {
		s, err := e.NewDecoder().Bytes(b)
		if err != nil {
			return ""
		}
		return strings.TrimRight(string(s), "\uFFFD")
	}
}

func utf16BE(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// predefinedCMap returns the description of a predefined CMap, or false for
// a name we do not know.
func predefinedCMap(name string) (predefined, bool) {
	vertical := strings.HasSuffix(name, "-V")
	base := strings.TrimSuffix(strings.TrimSuffix(name, "-H"), "-V")
	p := predefined{vertical: vertical}
	switch {
	case base == "Identity":
		p.space, p.identity = twoByte, true
	case strings.HasSuffix(base, "-UCS2"):
		p.space, p.text = twoByte, utf16BE
	case strings.HasSuffix(base, "-UTF16"):
		p.space, p.text = utf16Span, utf16BE
	case base == "GB-EUC" || base == "GBpc-EUC" || base == "GBK-EUC" || base == "GBKp-EUC" || base == "GBK2K" || base == "GBT-EUC":
		p.space, p.text = eucSpace, decodeWith(simplifiedchinese.GB18030)
	case base == "B5pc" || base == "ETen-B5" || base == "HKscs-B5" || base == "ETenms-B5" || base == "CNS-EUC":
		p.space, p.text = eucSpace, decodeWith(traditionalchinese.Big5)
	case base == "90ms-RKSJ" || base == "90msp-RKSJ" || base == "83pv-RKSJ" || base == "90pv-RKSJ":
		p.space = []codeRange{{[]byte{0x00}, []byte{0x80}}, {[]byte{0xa0}, []byte{0xdf}}, {[]byte{0x81, 0x40}, []byte{0x9f, 0xfc}}, {[]byte{0xe0, 0x40}, []byte{0xfc, 0xfc}}}
		p.text = decodeWith(japanese.ShiftJIS)
	case base == "EUC":
		p.space, p.text = eucSpace, decodeWith(japanese.EUCJP)
	case base == "KSC-EUC" || base == "KSCms-UHC" || base == "KSCpc-EUC":
		p.space, p.text = eucSpace, decodeWith(korean.EUCKR)
	default:
		return p, false
	}
	return p, true
}

// winAnsiCode maps a rune back to its Windows-1252 code, to look up the
// standard 14 widths of a glyph known only by its text.
var winAnsiCode = func() map[rune]byte {
	m := make(map[rune]byte, 256)
	for i := 255; i >= 0; i-- {
		if r := winAnsi[i]; r != 0 {
			m[r] = byte(i)
		}
	}
	return m
}()

// std14 returns the metrics of the standard font a /BaseFont names, by
// family and style, with Helvetica for any other font that comes without
// widths (as viewers substitute it).
func std14(base string) *[256]uint16 {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[i+1:]
	}
	lower := strings.ToLower(base)
	bold := strings.Contains(lower, "bold")
	italic := strings.Contains(lower, "italic") || strings.Contains(lower, "oblique")
	family := "Helvetica"
	switch {
	case strings.Contains(lower, "courier"):
		family = "Courier"
	case strings.Contains(lower, "times"):
		family = "Times"
	case strings.Contains(lower, "dingbats"):
		return std14Widths["ZapfDingbats"]
	}
	name := family
	switch family {
	case "Times":
		switch {
		case bold && italic:
			name = "Times-BoldItalic"
		case bold:
			name = "Times-Bold"
		case italic:
			name = "Times-Italic"
		default:
			name = "Times-Roman"
		}
	default:
		switch {
		case bold && italic:
			name += "-BoldOblique"
		case bold:
			name += "-Bold"
		case italic:
			name += "-Oblique"
		}
	}
	return std14Widths[name]
}
