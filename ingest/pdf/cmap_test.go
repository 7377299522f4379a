package pdf

import (
	"os"
	"testing"
)

func TestCMapLookup(t *testing.T) {
	const header = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
	tests := []struct {
		name string
		cmap string
		code []byte
		want string
		ok   bool
	}{
		{"bfchar", "1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <03> <0020> <41> <4E2D> endbfchar", []byte{0x41}, "中", true},
		{"bfchar unmapped", "2 beginbfchar <03> <0020> <41> <4E2D> endbfchar", []byte{0x42}, "", false},
		{"bfchar ligature", "1 beginbfchar <0012> <00660069> endbfchar", []byte{0, 0x12}, "fi", true},
		{"bfchar surrogate pair", "1 beginbfchar <0100> <D840DC00> endbfchar", []byte{1, 0}, "\U00020000", true},
		{"bfchar glyph name", "1 beginbfchar <05> /emdash endbfchar", []byte{5}, "—", true},
		{"bfrange string", "1 beginbfrange <0010> <0020> <4E00> endbfrange", []byte{0, 0x15}, "\u4E05", true},
		// fpdf writes one identity range over the whole codespace: the
		// destination must carry past each 256 boundary.
		{"bfrange fpdf identity carry", "1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange", []byte{0x6C, 0xC9}, "泉", true},
		{"bfrange carry into high byte", "1 beginbfrange <00F0> <0110> <00F0> endbfrange", []byte{0x01, 0x05}, "\u0105", true},
		{"bfrange array", "1 beginbfrange <0005> <0007> [<0041> <00660066> <4E2D>] endbfrange", []byte{0, 7}, "中", true},
		{"bfrange array middle", "1 beginbfrange <0005> <0007> [<0041> <00660066> <4E2D>] endbfrange", []byte{0, 6}, "ff", true},
		{"bfrange array short", "1 beginbfrange <0005> <0009> [<0041>] endbfrange", []byte{0, 8}, "", false},
		{"bfrange outside", "1 beginbfrange <0010> <0020> <4E00> endbfrange", []byte{0, 0x21}, "", false},
		{"code length matters", "1 beginbfrange <0010> <0020> <4E00> endbfrange", []byte{0x15}, "", false},
		{"bfchar wins over range", "1 beginbfrange <0010> <0020> <4E00> endbfrange 1 beginbfchar <0012> <0058> endbfchar", []byte{0, 0x12}, "X", true},
		{"later range overrides", "2 beginbfrange <0010> <0020> <4E00> <0012> <0012> <0059> endbfrange", []byte{0, 0x12}, "Y", true},
		{"bad range skipped, array after it kept", "2 beginbfrange <0020> <0010> [<0041>] <0001> <0002> [<0042> <0043>] endbfrange", []byte{0, 2}, "C", true},
		{"literal string destination", "1 beginbfchar <01> (\\000A) endbfchar", []byte{1}, "A", true},
		{"odd destination byte", "1 beginbfchar <01> <41> endbfchar", []byte{1}, "A", true},
		{"comments and dict noise", "% comment\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n1 beginbfchar <01> <0042> endbfchar", []byte{1}, "B", true},
		{"truncated program", "1 beginbfchar <01> <0042> endbfchar 1 beginbfrange <02> <05", []byte{1}, "B", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := parseCMap([]byte(header + tt.cmap + "\nendcmap end end"))
			got, ok := m.lookup(codeOf(tt.code))
			if got != tt.want || ok != tt.ok {
				t.Errorf("lookup(% X) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCMapCodespace(t *testing.T) {
	// GBK-style mixed codespace: one byte for ASCII, two for the rest.
	m := parseCMap([]byte("2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange"))
	tests := []struct {
		in   []byte
		code codeKey
		n    int
	}{
		{[]byte{0x41, 0xB0}, codeKey{0x41, 1}, 1},
		{[]byte{0xD6, 0xD0, 0x41}, codeKey{0xD6D0, 2}, 2},
		{[]byte{0xFF, 0x41}, codeKey{0xFF, 1}, 1}, // no range: shortest length
		{[]byte{0xD6}, codeKey{0xD6, 1}, 1},       // truncated two-byte code
	}
	for _, tt := range tests {
		k, n := m.nextCode(tt.in)
		if k != tt.code || n != tt.n {
			t.Errorf("nextCode(% X) = %v, %d; want %v, %d", tt.in, k, n, tt.code, tt.n)
		}
	}
}

func TestCMapCIDs(t *testing.T) {
	m := parseCMap([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 begincidrange <0100> <01FF> 500 endcidrange 1 begincidchar <0150> 7 endcidchar"))
	for _, tt := range []struct {
		code uint32
		cid  uint32
		ok   bool
	}{{0x0100, 500, true}, {0x0101, 501, true}, {0x0150, 7, true}, {0x0200, 0, false}} {
		cid, ok := m.cid(codeKey{tt.code, 2})
		if cid != tt.cid || ok != tt.ok {
			t.Errorf("cid(%04X) = %d, %v; want %d, %v", tt.code, cid, ok, tt.cid, tt.ok)
		}
	}
}

func TestPredefinedCMaps(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"GBK-EUC-H", []byte{0xD6, 0xD0}, "中"},
		{"GBK-EUC-H", []byte{0x41}, "A"},
		{"UniGB-UCS2-H", []byte{0x4E, 0x2D}, "中"},
		{"UniGB-UTF16-V", []byte{0xD8, 0x40, 0xDC, 0x00}, "\U00020000"},
		{"B5pc-H", []byte{0xA4, 0xA4}, "中"},
	} {
		p, ok := predefinedCMap(tt.name)
		if !ok || p.text == nil {
			t.Fatalf("%s: not known", tt.name)
		}
		m := cmap{space: p.space}
		_, n := m.nextCode(tt.in)
		if got := p.text(tt.in[:n]); got != tt.want {
			t.Errorf("%s % X: %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
	if p, ok := predefinedCMap("Identity-V"); !ok || !p.identity || !p.vertical {
		t.Errorf("Identity-V = %+v, %v", p, ok)
	}
	if _, ok := predefinedCMap("Nonsense-H"); ok {
		t.Error("unknown CMap accepted")
	}
}

func TestGlyphRune(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    rune
		ok   bool
	}{{"A", 'A', true}, {"uni4E2D", '中', true}, {"u1F600", '😀', true}, {"emdash", '—', true}, {"a.sc", 'a', true}, {"g123", 0, false}} {
		r, ok := glyphRune(tt.name)
		if r != tt.r || ok != tt.ok {
			t.Errorf("glyphRune(%q) = %q, %v", tt.name, r, ok)
		}
	}
}

func TestUnifyRadicals(t *testing.T) {
	for in, want := range map[string]string{"项⽬": "项目", "⻔⻰": "门龙", "⼆⼈⼒⼤⼯⽇⽉⾼": "二人力大工日月高", "plain 文本": "plain 文本", "⺀": "⺀"} {
		if got := unifyRadicals(in); got != want {
			t.Errorf("unifyRadicals(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGlyphRunesOfEmbeddedFont(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/pdf/fpdf-notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	m := glyphRunes(embeddedFont(t, data))
	found := map[rune]bool{}
	for _, r := range m {
		found[r] = true
	}
	for _, r := range "泉州半导体文件" {
		if !found[r] {
			t.Errorf("%q not in the reversed cmap (%d glyphs)", r, len(m))
		}
	}
	if glyphRunes([]byte("not a font")) != nil || glyphRunes(nil) != nil {
		t.Error("garbage read as a font")
	}
}
