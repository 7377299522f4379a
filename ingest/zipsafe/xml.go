package zipsafe

import (
	"encoding/xml"
	"fmt"
)

// XML returns a decoder over one XML member whose element nesting is bounded
// by the Limits' MaxDepth. Deeply nested XML costs stack and memory in every
// parser that builds a tree, and no real document nests more than a few dozen
// levels (a table in a table in a table is already unusual), so a member past
// the limit is refused with readerr.TooLarge.
func (r *Reader) XML(name string) (*xml.Decoder, error) {
	data, err := r.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return newXMLDecoder(r.file, data, r.lim.MaxDepth), nil
}

// newXMLDecoder is XML for bytes already in memory.
func newXMLDecoder(file string, data []byte, maxDepth int) *xml.Decoder {
	if maxDepth <= 0 {
		maxDepth = DefaultLimits.MaxDepth
	}
	return xml.NewTokenDecoder(&depthReader{file: file, d: newRawTokens(data), max: maxDepth})
}

type depthReader struct {
	file  string
	d     *rawTokens
	depth int
	max   int
}

func (t *depthReader) Token() (xml.Token, error) {
	tok, err := t.d.Token()
	if err != nil {
		return tok, err
	}
	switch tok.(type) {
	case xml.StartElement:
		t.depth++
		if t.depth > t.max {
			return nil, tooLarge(t.file, fmt.Sprintf("XML 嵌套超过 %d 层", t.max),
				fmt.Sprintf("XML nested deeper than %d levels", t.max))
		}
	case xml.EndElement:
		t.depth--
	}
	return tok, nil
}
