package zipsafe

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe/ziptest"
)

// FuzzLimits: any bytes opened as a zip under small limits give members
// within the limits or a *readerr.Error, never a panic, and never more
// bytes than MaxMember per member or MaxTotal together; an XML member
// decodes to its end or to an error, never nesting past MaxDepth. The
// seeds add the hostile zips of the hostile corpus at small sizes: a
// member that inflates a thousandfold, deep nesting, entity expansion.
func FuzzLimits(f *testing.F) {
	small := func(files map[string]string) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for n, c := range files {
			w, _ := zw.Create(n)
			w.Write([]byte(c))
		}
		zw.Close()
		return b.Bytes()
	}
	f.Add(small(map[string]string{"a.xml": "<a/>", "b/c.xml": "<c><d/></c>"}))
	f.Add(small(map[string]string{"big.xml": string(bytes.Repeat([]byte("<"), 8<<10))}))
	f.Add(small(map[string]string{"A.XML": "<a/>", "a.xml": "<b/>"}))
	f.Add([]byte("PK\x03\x04"))
	f.Add(ziptest.Bomb("a.xml", 1<<20))
	f.Add(ziptest.Of("d.xml", ziptest.Deep("r", "x", 20), "e.xml", ziptest.Deep("r", "x", 5)))
	f.Add(ziptest.Of("word/document.xml", ziptest.BillionLaughs))
	lim := Limits{MaxMembers: 16, MaxMember: 4 << 10, MaxTotal: 6 << 10, MaxDepth: 8}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open("f.zip", data, lim)
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		var total int64
		for _, n := range r.Names() {
			b, err := r.ReadFile(n)
			if err != nil {
				if readerr.KindOf(err) == readerr.Unknown {
					t.Fatalf("%s: untyped error %v", n, err)
				}
				continue
			}
			if int64(len(b)) > lim.MaxMember {
				t.Fatalf("%s: %d bytes, over MaxMember", n, len(b))
			}
			if total += int64(len(b)); total > lim.MaxTotal {
				t.Fatalf("%d bytes in all, over MaxTotal", total)
			}
			if !strings.HasSuffix(n, ".xml") {
				continue
			}
			d := newXMLDecoder("f.zip", b, lim.MaxDepth)
			depth := 0
			for {
				tok, err := d.Token()
				if err != nil {
					break
				}
				switch tok.(type) {
				case xml.StartElement:
					if depth++; depth > lim.MaxDepth {
						t.Fatalf("%s: nested %d deep, over MaxDepth", n, depth)
					}
				case xml.EndElement:
					depth--
				}
			}
		}
	})
}
