package ofd

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	} {
		start := func() (*xml.Decoder, xml.StartElement) {
			d := xml.NewDecoder(strings.NewReader(src))
			for {
				tok, err := d.Token()
				if err != nil {
					t.Fatalf("%s: %v", src, err)
				}
				if s, ok := tok.(xml.StartElement); ok {
					return d, s
				}
			}
		}
		d, s := start()
		if s.Name.Local == "TextObject" {
			d = sameAsDecodeElement(t, src, d, s, start, decodeTextObject)
		} else {
			d = sameAsDecodeElement(t, src, d, s, start, decodePathObject)
		}
		// Both leave the decoder after the object's end.
		if tok, err := d.Token(); err == nil {
			t.Errorf("%s: token %v after the object", src, tok)
		}
	}
	// A truncated object is an error, as DecodeElement says.
	d := xml.NewDecoder(strings.NewReader(`<TextObject><TextCode>a`))
	tok, _ := d.Token()
	if _, err := decodeTextObject(d, tok.(xml.StartElement)); err == nil {
		t.Error("truncated TextObject: no error")
	}
}

// sameAsDecodeElement decodes the object at s with DecodeElement, then
// again from a fresh start with decode, and reports any difference; it
// returns the second decoder, left after the object.
func sameAsDecodeElement[T any](t *testing.T, src string, d *xml.Decoder, s xml.StartElement, start func() (*xml.Decoder, xml.StartElement), decode func(*xml.Decoder, xml.StartElement) (T, error)) *xml.Decoder {
	t.Helper()
	var want T
	if err := d.DecodeElement(&want, &s); err != nil {
		t.Fatal(err)
	}
	d, s = start()
	got, err := decode(d, s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-DecodeElement +hand-written):\n%s", src, diff)
	}
	return d
}
