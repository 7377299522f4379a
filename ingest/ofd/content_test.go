package ofd

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/ingest/zipsafe"
)

// TestDecodeObjectsAsDecodeElement: the hand-written decoders of text and
// path objects read what encoding/xml's DecodeElement reads into the same
// structs, on the shapes producers write and on odd ones: prefixes,
// repeated attributes, entities and CDATA, unknown and nested children.
func TestDecodeObjectsAsDecodeElement(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		`<ofd:TextObject xmlns:ofd="http://www.ofdspec.org/2016" ID="1" Boundary="1 2 3 4" CTM="1 0 0 1 0 0" Font="3" Size="3.5"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="3" DeltaX="g 3 3.5">考评&amp;表</ofd:TextCode></ofd:TextObject>`,
		`<TextObject Font="1" Font="2" HScale="0.5" ReadDirection="90"><TextCode X="1">a<![CDATA[<b>]]>c<Sub>lost</Sub>d</TextCode><Other><TextCode X="9">nested</TextCode></Other><TextCode Y="2" DeltaY="1"> 二 </TextCode></TextObject>`,
		`<TextObject/>`,
		`<ofd:PathObject xmlns:ofd="http://www.ofdspec.org/2016" ID="103" Fill="true" Stroke="false" CTM="0.01 0 0 0.01 0 0" Boundary="11.9 26.9 9.2 0.2" LineWidth="0.3" DrawParam="5"><ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>M 0 0 L 919.9 0 C</ofd:AbbreviatedData></ofd:PathObject>`,
		`<PathObject><AbbreviatedData>M 0 0</AbbreviatedData><X><AbbreviatedData>L 9 9</AbbreviatedData></X><AbbreviatedData>M 1 1 <i>x</i>L 2 2</AbbreviatedData></PathObject>`,
		`<ofd:ImageObject xmlns:ofd="http://www.ofdspec.org/2016" ID="9" ResourceID="7" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"><ofd:Border LineWidth="0"/></ofd:ImageObject>`,
		`<ImageObject ResourceID="1" ResourceID="2"><!-- c --><?pi x?>text<x><y/></x></ImageObject>`,
	} {
		d := xml.NewDecoder(strings.NewReader(src))
		var s xml.StartElement
		for {
			tok, err := d.Token()
			if err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			var ok bool
			if s, ok = tok.(xml.StartElement); ok {
				break
			}
		}
		c := zipsafe.NewCursor("", []byte(src), 0)
		for {
			k, err := c.Next()
			if err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			if k == zipsafe.StartElement {
				break
			}
		}
		switch s.Name.Local {
		case "TextObject":
			sameAsDecodeElement(t, src, d, s, c, decodeTextObject)
		case "PathObject":
			sameAsDecodeElement(t, src, d, s, c, decodePathObject)
		default:
			sameAsDecodeElement(t, src, d, s, c, decodeImageObject)
		}
		// Both leave the cursor after the object's end.
		if k, err := c.Next(); err != io.EOF {
			t.Errorf("%s: token %d (%v) after the object", src, k, err)
		}
	}
	// A truncated object is an error, as DecodeElement says.
	for _, src := range []string{`<TextObject><TextCode>a`, `<PathObject><AbbreviatedData>M 0 0</X></PathObject>`, `<ImageObject><a></ImageObject>`} {
		c := zipsafe.NewCursor("", []byte(src), 0)
		if _, err := c.Next(); err != nil {
			t.Fatal(err)
		}
		var err error
		switch src[1] {
		case 'T':
			_, err = decodeTextObject(c)
		case 'P':
			_, err = decodePathObject(c)
		default:
			_, err = decodeImageObject(c)
		}
		if err == nil {
			t.Errorf("%s: no error", src)
		}
	}
}

// sameAsDecodeElement decodes the object at s with DecodeElement, and at
// the cursor with decode, and reports any difference.
func sameAsDecodeElement[T any](t *testing.T, src string, d *xml.Decoder, s xml.StartElement, c *zipsafe.Cursor, decode func(*zipsafe.Cursor) (T, error)) {
	t.Helper()
	var want T
	if err := d.DecodeElement(&want, &s); err != nil {
		t.Fatal(err)
	}
	got, err := decode(c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-DecodeElement +hand-written):\n%s", src, diff)
	}
}
