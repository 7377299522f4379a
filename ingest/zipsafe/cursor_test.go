package zipsafe

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

// cursorToken is what a Cursor's caller may read of a token, as the same
// text for a Token from the decoder XML returns: the kind, local names,
// attribute values, character data (not Space, which Token translates).
func cursorToken(c *Cursor, k int) string {
	switch k {
	case StartElement:
		var b strings.Builder
		fmt.Fprintf(&b, "<%s", c.Local())
		for _, a := range c.Attr {
			fmt.Fprintf(&b, " %s=%q", a.Name.Local, a.Value)
		}
		return b.String() + ">"
	case EndElement:
		return "</" + c.Local() + ">"
	case CharData:
		return fmt.Sprintf("%q", c.Text())
	}
	return "other"
}

func decoderToken(tok xml.Token) string {
	switch t := tok.(type) {
	case xml.StartElement:
		var b strings.Builder
		fmt.Fprintf(&b, "<%s", t.Name.Local)
		for _, a := range t.Attr {
			fmt.Fprintf(&b, " %s=%q", a.Name.Local, a.Value)
		}
		return b.String() + ">"
	case xml.EndElement:
		return "</" + t.Name.Local + ">"
	case xml.CharData:
		return fmt.Sprintf("%q", []byte(t))
	}
	return "other"
}

// compareCursor reads data through a Cursor and through Token of the
// decoder XML returns and reports the first difference, or "".
func compareCursor(data []byte, maxDepth int) string {
	c := newCursor("f", data, string(data), maxDepth)
	d := newXMLDecoder("f", data, maxDepth)
	for i := 0; ; i++ {
		k, ec := c.Next()
		tok, ed := d.Token()
		if fmt.Sprint(ec) != fmt.Sprint(ed) {
			return fmt.Sprintf("token %d: error %v, Token %v", i, ec, ed)
		}
		if ec != nil {
			return ""
		}
		if a, b := cursorToken(c, k), decoderToken(tok); a != b {
			return fmt.Sprintf("token %d: %s, Token %s", i, a, b)
		}
		// Text marked plain is the member's bytes as they are (OwnText
		// cuts it from the member's string).
		if k == CharData && c.tok.plain && (c.raw == nil || c.raw.str[c.tok.from:c.tok.to] != string(c.Text())) {
			return fmt.Sprintf("token %d: plain text %q is not the member's bytes", i, c.Text())
		}
		if i > 1<<20 {
			return "more than a million tokens"
		}
	}
}

// TestCursorMatchesToken: on the inputs of TestTokensMatchEncodingXML and
// on nesting the raw tokens do not check (an end tag of another element,
// of another prefix, of nothing open; the end inside an element; the depth
// limit), a Cursor gives what Token gives, errors included.
func TestCursorMatchesToken(t *testing.T) {
	ins := []string{
		`<a><b></a>`,
		`<a></b></a>`,
		`<p:a xmlns:p="u" xmlns:q="u"></q:a>`,
		`<p:a xmlns:p="u"><p:b/></p:a>`,
		`<a></a></a>`,
		`</a>`,
		`<a><b>text`,
		`<a><b><c><d/></c></b></a>`,
		`<a><b><c><d><e/></d></c></b></a>`,
		`<a xmlns="d"><b x="1" y:z="2" xmlns:y="e"/></a>`,
		`<a/><!DOCTYPE x><b></b>`,
		`<a>x</a><b>&nbsp;</b>`,
	}
	for _, tt := range tokenTests {
		ins = append(ins, tt.in)
	}
	for _, in := range ins {
		for _, depth := range []int{0, 3} {
			if diff := compareCursor([]byte(in), depth); diff != "" {
				t.Errorf("%q (depth %d): %s", in, depth, diff)
			}
		}
	}
	// The fast path holds on what producers write, to the end.
	page := `<?xml version="1.0"?><ofd:Page xmlns:ofd="u"><ofd:Content><!-- x --><ofd:Layer/></ofd:Content></ofd:Page>`
	c := newCursor("f", []byte(page), page, 0)
	for {
		if _, err := c.Next(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if c.slow != nil {
		t.Error("a plain page left the fast path")
	}
}
