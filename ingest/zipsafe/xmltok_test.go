package zipsafe

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html/charset"

	"github.com/kaoping/kaoping/ingest/zipsafe/ziptest"
)

// stdTokens is what rawTokens stands in for: encoding/xml's RawToken with
// Strict off and a charset reader, as the decoder was set up before.
func stdTokens(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// copyToken copies tok out of its decoder's buffer, keeping whether a start
// tag's attributes are nil or empty (xml.CopyToken makes both empty).
func copyToken(tok xml.Token) xml.Token {
	if s, ok := tok.(xml.StartElement); ok && s.Attr == nil {
		return s
	}
	return xml.CopyToken(tok)
}

// compareTokens reads data through both and reports the first difference
// (token, or error text), or "" when the streams are the same to their end.
// fast reports whether rawTokens stayed on its own path throughout.
func compareTokens(data []byte) (diff string, fast bool) {
	a, b := newRawTokens(data), stdTokens(data)
	for i := 0; ; i++ {
		ta, ea := a.Token()
		ta = copyToken(ta)
		tb, eb := b.RawToken()
		tb = copyToken(tb)
		if fmt.Sprint(ea) != fmt.Sprint(eb) {
			return fmt.Sprintf("token %d: error %v, encoding/xml %v", i, ea, eb), a.fastPath()
		}
		if !reflect.DeepEqual(ta, tb) {
			return fmt.Sprintf("token %d: %#v, encoding/xml %#v", i, ta, tb), a.fastPath()
		}
		if ea != nil {
			return "", a.fastPath()
		}
		if i > 1<<20 {
			return "more than a million tokens", a.fastPath()
		}
	}
}

// tokenTests are inputs on the subset and off it, for TestTokensMatchEncodingXML
// and TestCursorMatchesToken.
var tokenTests = []struct {
	in   string
	fast bool // stays on the fast path to the end
}{
	{`<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1"><ofd:DocBody/></ofd:OFD>`, true},
	{`<?xml version='1.0' encoding='utf-8' standalone='yes'?>` + "\n<a b=\"1\"\tc='2'\n/>", true},
	{`<a>x &lt; y &gt; z &amp; &apos;q&apos; &quot;w&quot;</a>`, true},
	{`<a t="&#65;&#x42;&#x6a;&#20013;&#x1F600;">&#9;&#10;&#13;&#x4E2D;</a>`, true},
	{`<a><!-- a comment - with dashes --><b/></a>`, true},
	{`<?pi some data?><a/>`, true},
	{"\uFEFF<a>中文 text \uFEFF \U0001F600</a>", true},
	{`<a x="]]>">b > c</a>`, true},
	{`<:a b:="1" c:d="2"/>`, true},
	{`<a b="1"c="2"></a >`, true},
	{`<a>`, true}, // unclosed: RawToken does not check nesting
	{`</a>`, true},
	{`text only`, true},
	{``, true},
	// Off the subset: encoding/xml reads on from the same token.
	{"<a>one</a><b>two\r\nlines</b>", false},
	{"<a b=\"x\r\ny\"/>", false},
	{"<a\r\nb='1'/>", false},
	{`<a>&nbsp;</a>`, false},
	{`<a>&#0;</a>`, false},
	{`<a>&#xD800;</a>`, false},
	{`<a>&#x110000;</a>`, false},
	{`<a>&#X41;</a>`, false},
	{`<a>&#;</a>`, false},
	{`<a>& b</a>`, false},
	{`<a>&amp</a>`, false},
	{`<a>x ]]> y</a>`, false},
	{`<a><![CDATA[<b>]]></a>`, false},
	{`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, false},
	{ziptest.BillionLaughs, false},
	{`<a b=c/>`, false},
	{`<a b/>`, false},
	{`<a b="1/>`, false},
	{`<a b="<"/>`, false},
	{`<名 属性="值"/>`, false},
	{`<a:b:c/>`, false},
	{`<1a/>`, false},
	{`< a/>`, false},
	{`<a/`, false},
	{`<a><`, false},
	{`</a b>`, false},
	{"<a>\x01</a>", false},
	{"<a>\xff</a>", false},
	{"<a b=\"\xff\"/>", false},
	{"<a>\uFFFE</a>", false},
	{`<?xml version="1.1"?><a/>`, false},
	{`<?xml version="1.0" encoding="GBK"?><a>` + "\xd6\xd0" + `</a>`, false},
	{`<?xml version = "1.0" encoding = "GBK"?><a/>`, false},
	{`<?xml version="1.0"  encoding="UTF-8"?><a/>`, false},
	{`<?xml?><a/>`, true},
	{"<?pi\r\ndata?><a/>", false},
	{`<?pi data`, false},
	{`<!-- a -- b --><a/>`, false},
	{`<!--->`, false},
	{`<!----><a/>`, true},
	{`<!-x-->`, false},
}

// TestTokensMatchEncodingXML: on the subset (fast) and off it (handed over,
// at the start or in the middle of a member), the tokens and errors are
// encoding/xml's.
func TestTokensMatchEncodingXML(t *testing.T) {
	for _, tt := range tokenTests {
		diff, fast := compareTokens([]byte(tt.in))
		if diff != "" {
			t.Errorf("%q: %s", tt.in, diff)
		}
		if fast != tt.fast {
			t.Errorf("%q: fast path to the end = %v, want %v", tt.in, fast, tt.fast)
		}
	}
}

// TestTokensMatchOnFixtures: every XML member of every OFD, DOCX and XLSX
// in the repository reads the same through both; the OFD and DOCX members
// (what the readers open with XML) never leave the fast path, or the
// shortcut would be quietly lost.
func TestTokensMatchOnFixtures(t *testing.T) {
	var files []string
	root := filepath.Join("..", "..")
	for _, dir := range []string{"fixtures", "ingest", "cmd"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				switch strings.ToLower(filepath.Ext(p)) {
				case ".ofd", ".docx", ".xlsx":
					files = append(files, p)
				}
			}
			return nil
		})
	}
	if len(files) < 10 {
		t.Fatalf("only %d containers found under %s", len(files), root)
	}
	members := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue // a deliberately broken fixture
		}
		for _, m := range zr.File {
			if !strings.HasSuffix(strings.ToLower(m.Name), ".xml") && !strings.HasSuffix(m.Name, ".rels") {
				continue
			}
			rc, err := m.Open()
			if err != nil {
				continue
			}
			var b bytes.Buffer
			_, err = b.ReadFrom(rc)
			rc.Close()
			if err != nil {
				continue
			}
			members++
			diff, fast := compareTokens(b.Bytes())
			if diff != "" {
				t.Errorf("%s %s: %s", f, m.Name, diff)
			}
			if diff := compareCursor(b.Bytes(), 0); diff != "" {
				t.Errorf("%s %s: cursor: %s", f, m.Name, diff)
			}
			if !fast && !strings.EqualFold(filepath.Ext(f), ".xlsx") {
				t.Errorf("%s %s: left the fast path", f, m.Name)
			}
		}
	}
	t.Logf("%d XML members of %d containers", members, len(files))
}

// FuzzTokens: on any bytes, rawTokens gives encoding/xml's tokens and
// errors, and a Cursor (at a small depth limit) Token's.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="10 10 50 5" Font="3" Size="3.5"><ofd:TextCode X="0" Y="3" DeltaX="g 3 3.5">考评表 &amp; 附件</ofd:TextCode></ofd:TextObject><ofd:PathObject ID="4" Boundary="0 0 100 0.3" Fill="true"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 0.3 C</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>`,
		`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t xml:space="preserve"> 一、 </w:t></w:r></w:p></w:body></w:document>`,
		"<a>\r\n&#13;&nbsp;<![CDATA[x]]><!-- c --></a>",
		`<?xml version="1.0" encoding="GBK"?><a/>`,
		ziptest.BillionLaughs,
		ziptest.Deep("r", "x", 10),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if diff, _ := compareTokens(data); diff != "" {
			t.Fatal(diff)
		}
		if diff := compareCursor(data, 4); diff != "" {
			t.Fatal("cursor:", diff)
		}
	})
}
