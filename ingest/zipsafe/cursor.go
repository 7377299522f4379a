package zipsafe

import (
	"encoding/xml"
	"io"
	"unsafe"
)

// Cursor walks one XML member token by token, as the decoder XML returns
// walks it with Token, for a reader that looks at element and attribute
// local names, attribute values and character data only (OFD's page
// content, thousands of elements a page). On the tokenizer's subset it
// hands those over in place: no xml.Token interface to box and unbox, no
// namespace translation, no copy of the attributes. Everything else goes
// to that decoder: a token outside the subset, an end tag that is not the
// open element's (encoding/xml's non-strict repair or its error), an end
// of data inside an element, a nesting past MaxDepth. The decoder starts
// on the member from the beginning and skips the tokens already given, so
// from there on every token and every error is exactly Token's
// (TestCursorMatchesToken, FuzzTokens). Names keep their prefix in Space
// on the fast path where Token gives the namespace URL: Space is not for
// the caller to read.
type Cursor struct {
	file  string
	data  []byte
	str   string // data as a string
	max   int
	raw   *rawTokens
	stack []xml.Name // open elements, as written
	n     int        // tokens given
	slow  *xml.Decoder

	tok rawToken
	// Attr is the current start element's attributes, valid until Next;
	// a value is a cut of the member's text, to be cloned if kept.
	Attr []xml.Attr
}

// Cursor returns a cursor over one XML member; see XML for the depth limit.
func (r *Reader) Cursor(name string) (*Cursor, error) {
	data, err := r.ReadFile(name)
	if err != nil {
		return nil, err
	}
	// The member's bytes are the cursor's alone (ReadFile inflated them
	// for this call) and nothing writes them from here on, so the string
	// the values are cut from is those bytes, not a copy of the member.
	return newCursor(r.file, data, unsafe.String(unsafe.SliceData(data), len(data)), r.lim.MaxDepth), nil
}

// newCursor is a cursor over data; str is data as a string (the same bytes
// or a copy).
func newCursor(file string, data []byte, str string, maxDepth int) *Cursor {
	if maxDepth <= 0 {
		maxDepth = DefaultLimits.MaxDepth
	}
	raw := newRawTokens(data)
	raw.str = str
	return &Cursor{file: file, data: data, str: str, max: maxDepth, raw: raw}
}

// Source is the member's whole text, for a reader that sizes what it
// builds before walking the tokens. It is read only.
func (c *Cursor) Source() string { return c.str }

// The kinds of token Next reports.
const (
	StartElement = kindStart
	EndElement   = kindEnd
	CharData     = kindChar
	Other        = kindComment // a comment, processing instruction or directive
)

// Next moves to the next token and returns its kind: StartElement,
// EndElement, CharData or Other. At the end of the member it returns
// io.EOF; its other errors are Token's.
func (c *Cursor) Next() (int, error) {
	if c.slow != nil {
		return c.fromSlow(c.slow.Token())
	}
	t := &c.tok
	err := c.raw.next(t)
	switch {
	case err == io.EOF && len(c.stack) == 0:
		return 0, io.EOF
	case err != nil:
		return c.handOver()
	}
	switch t.kind {
	case kindStart:
		if len(c.stack) >= c.max {
			return c.handOver()
		}
		c.stack = append(c.stack, t.name)
		c.Attr = c.raw.attrs
	case kindEnd:
		if len(c.stack) == 0 || c.stack[len(c.stack)-1] != t.name {
			return c.handOver()
		}
		c.stack = c.stack[:len(c.stack)-1]
	case kindProcInst:
		t.kind = kindComment
	}
	c.n++
	return t.kind, nil
}

// handOver replays the tokens given on the decoder XML returns and reads
// the next one there (see Cursor).
func (c *Cursor) handOver() (int, error) {
	c.slow = newXMLDecoder(c.file, c.data, c.max)
	c.raw = nil
	for i := 0; i < c.n; i++ {
		if _, err := c.slow.Token(); err != nil {
			return 0, err
		}
	}
	return c.fromSlow(c.slow.Token())
}

func (c *Cursor) fromSlow(tok xml.Token, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	c.n++
	switch t := tok.(type) {
	case xml.StartElement:
		c.tok = rawToken{kind: kindStart, name: t.Name}
		c.Attr = t.Attr
	case xml.EndElement:
		c.tok = rawToken{kind: kindEnd, name: t.Name}
	case xml.CharData:
		c.tok = rawToken{kind: kindChar, data: t}
	default:
		c.tok = rawToken{kind: kindComment}
	}
	return c.tok.kind, nil
}

// Local is the current element's local name (StartElement, EndElement).
func (c *Cursor) Local() string { return c.tok.name.Local }

// Text is the current CharData, valid until Next.
func (c *Cursor) Text() []byte { return c.tok.data }

// Skip reads up to the end of the element just started, as
// xml.Decoder.Skip.
func (c *Cursor) Skip() error {
	depth := 0
	for {
		k, err := c.Next()
		if err != nil {
			return err
		}
		switch k {
		case StartElement:
			depth++
		case EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// Attrs sets *dst[i] to the value of the current start element's attribute
// names[i] (by local name, the last of a repeated one), as DecodeElement
// fills ",attr" fields.
func (c *Cursor) Attrs(names []string, dst ...*string) {
	for _, a := range c.Attr {
		for i, n := range names {
			if a.Name.Local == n {
				*dst[i] = a.Value
				break
			}
		}
	}
}

// AttrValue is the value of the current start element's attribute local
// (the first of a repeated one), or "".
func (c *Cursor) AttrValue(local string) string {
	for _, a := range c.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// OwnText reads the element just started up to its end and returns its own
// character data, the text of nested elements left out, as DecodeElement
// fills a string.
func (c *Cursor) OwnText() (string, error) {
	// One CharData is the usual case: its string is made directly, without
	// an intermediate copy.
	var s string
	var b []byte
	n := 0
	for {
		k, err := c.Next()
		if err != nil {
			return "", err
		}
		switch k {
		case CharData:
			switch n++; n {
			case 1:
				if c.tok.plain && c.raw != nil && c.raw.str != "" {
					// Text without a reference is the member's own
					// bytes: a cut of its string, no new one.
					s = c.raw.str[c.tok.from:c.tok.to]
				} else {
					s = string(c.tok.data)
				}
			case 2:
				b = append([]byte(s), c.tok.data...)
			default:
				b = append(b, c.tok.data...)
			}
		case StartElement:
			if err := c.Skip(); err != nil {
				return "", err
			}
		case EndElement:
			if n > 1 {
				return string(b), nil
			}
			return s, nil
		}
	}
}

// NewCursor is Cursor for bytes already in memory (file names them in
// errors).
func NewCursor(file string, data []byte, maxDepth int) *Cursor {
	// A copy: the caller may write its bytes after, and the values
	// handed out are cut from this string.
	return newCursor(file, data, string(data), maxDepth)
}
