package zipsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// rawTokens is the token source under the decoder XML returns. It gives
// exactly the tokens encoding/xml's RawToken gives (Strict off, a charset
// reader for other encodings, as the decoder was set up before), with a
// fraction of the work, for the XML that OFD and DOCX producers write:
// UTF-8, no DTD, the five predefined entities and character references,
// quoted attribute values, ASCII names. encoding/xml reads a byte at a
// time through a reader and makes a new string of every name; this reads
// the member's bytes in place and makes each distinct name once. Reading
// an OFD page was a third tokenizing, most of it in those two costs.
//
// Anything outside that subset (a DOCTYPE or other directive, CDATA, another
// encoding, an entity of the document's own, a carriage return, an unquoted
// attribute, a name that is not ASCII, any malformed markup) hands over to
// encoding/xml: it reads the member from the start, skips the tokens already
// given and goes on from there, so every token and every error the reader
// sees past that point is encoding/xml's. The subset is a shortcut, never a
// second dialect; TestTokensMatchEncodingXML and FuzzTokens hold it to that.
// No entity is ever expanded on either path (no XXE, no billion laughs).
type rawTokens struct {
	data []byte
	pos  int
	n    int // tokens given so far

	names     map[string]knownName // every qualified name seen, split once
	recent    [64]knownName        // names last seen, by a cheap hash (name)
	buf       []byte               // CharData, Comment and ProcInst bytes; valid until the next Token, as encoding/xml's
	attrs     []xml.Attr           // scratch for a start tag's attributes
	slab      []xml.Attr           // where attrList cuts each tag's own attributes from
	needClose bool                 // the last start tag was self-closing
	toClose   xml.Name

	slow *xml.Decoder // encoding/xml, once handed over
	tok  rawToken     // Token's scratch
	// str, when set, is data as a string: a plain attribute value is cut
	// from it instead of made (a Cursor sets it; its values are read and
	// dropped, and one copy of the member costs less than a string each).
	str string
}

func newRawTokens(data []byte) *rawTokens {
	return &rawTokens{data: data, names: make(map[string]knownName), buf: make([]byte, 0, 256)}
}

// errOutside stops the fast path: the next token is outside the subset.
var errOutside = errors.New("outside the fast subset")

// Token is RawToken's.
func (t *rawTokens) Token() (xml.Token, error) {
	if t.slow != nil {
		return t.slow.RawToken()
	}
	err := t.next(&t.tok)
	if err == errOutside {
		return t.handOver()
	}
	if err != nil {
		return nil, err
	}
	t.n++
	switch t.tok.kind {
	case kindStart:
		return xml.StartElement{Name: t.tok.name, Attr: t.attrList()}, nil
	case kindEnd:
		return xml.EndElement{Name: t.tok.name}, nil
	case kindChar:
		return xml.CharData(t.tok.data), nil
	case kindComment:
		return xml.Comment(t.tok.data), nil
	}
	return xml.ProcInst{Target: t.tok.name.Local, Inst: t.tok.data}, nil
}

// The kinds of token next reads.
const (
	kindStart = iota + 1
	kindEnd
	kindChar
	kindComment
	kindProcInst
)

// rawToken is one token as next reads it, without the boxing into an
// xml.Token: name is the element's (or a ProcInst's target, in Local),
// the start tag's attributes are in rawTokens.attrs, data is CharData,
// Comment or ProcInst bytes (rawTokens.buf).
type rawToken struct {
	kind int
	name xml.Name
	data []byte
	// plain CharData is data[from:to] of the member as it is, with no
	// reference in it (text sets it; every other token leaves it false).
	plain    bool
	from, to int
}

// handOver starts encoding/xml on the member, skips the t.n tokens already
// given (the same ones: the fast path gives nothing encoding/xml would not)
// and returns its next token.
func (t *rawTokens) handOver() (xml.Token, error) {
	d := xml.NewDecoder(bytes.NewReader(t.data))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	t.slow = d
	for i := 0; i < t.n; i++ {
		if _, err := d.RawToken(); err != nil {
			return nil, err
		}
	}
	return d.RawToken()
}

// fastPath reports whether every token so far came from the fast path (for
// the tests: the fixtures must not silently fall back).
func (t *rawTokens) fastPath() bool { return t.slow == nil }

// next reads the next token into tok; errOutside when it is outside the
// subset, io.EOF at the end.
func (t *rawTokens) next(tok *rawToken) error {
	if t.needClose {
		t.needClose = false
		tok.kind, tok.name = kindEnd, t.toClose
		return nil
	}
	if t.pos >= len(t.data) {
		return io.EOF
	}
	if t.data[t.pos] != '<' {
		return t.text(tok)
	}
	if t.pos+1 >= len(t.data) {
		return errOutside
	}
	switch t.data[t.pos+1] {
	case '/':
		t.pos += 2
		name, ok := t.name()
		if !ok {
			return errOutside
		}
		t.space()
		if t.pos >= len(t.data) || t.data[t.pos] != '>' {
			return errOutside
		}
		t.pos++
		tok.kind, tok.name = kindEnd, name
		return nil
	case '?':
		return t.procInst(tok)
	case '!':
		return t.comment(tok)
	}
	t.pos++
	return t.startTag(tok)
}

// text reads character data up to the next '<' or the end.
func (t *rawTokens) text(tok *rawToken) error {
	t.buf = t.buf[:0]
	d := t.data
	i := t.pos
	run := i // start of bytes not yet copied to buf
	start, plain := i, true
	for i < len(d) {
		b := d[i]
		switch {
		case b == '<':
			t.buf = append(t.buf, d[run:i]...)
			t.pos = i
			tok.kind, tok.data = kindChar, t.buf
			tok.plain, tok.from, tok.to = plain, start, i
			return nil
		case b == '&':
			plain = false
			t.buf = append(t.buf, d[run:i]...)
			n, ok := t.entity(i)
			if !ok {
				return errOutside
			}
			i = n
			run = i
			continue
		case b == '>':
			if i-2 >= run && d[i-1] == ']' && d[i-2] == ']' {
				return errOutside // "]]>" outside CDATA: an error
			}
		case b < 0x20:
			if b != '\t' && b != '\n' {
				return errOutside // '\r' is rewritten; the rest are illegal
			}
		case b >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 || !inCharRange(r) {
				return errOutside
			}
			i += size
			continue
		}
		i++
	}
	t.buf = append(t.buf, d[run:i]...)
	t.pos = i
	tok.kind, tok.data = kindChar, t.buf
	tok.plain, tok.from, tok.to = plain, start, i
	return nil
}

// entity appends the text of the reference at d[i] ('&') to t.buf and
// returns the index after it: one of the five predefined entities or a
// character reference to a character XML allows.
func (t *rawTokens) entity(i int) (int, bool) {
	d := t.data
	j := i + 1
	if j < len(d) && d[j] == '#' {
		j++
		base := 10
		if j < len(d) && d[j] == 'x' {
			base = 16
			j++
		}
		k := j
		for k < len(d) && (d[k] >= '0' && d[k] <= '9' || base == 16 && (d[k]|0x20 >= 'a' && d[k]|0x20 <= 'f')) {
			k++
		}
		if k == j || k >= len(d) || d[k] != ';' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(d[j:k]), base, 64)
		if err != nil || n > unicode.MaxRune || !inCharRange(rune(n)) || n >= 0xD800 && n <= 0xDFFF {
			return 0, false
		}
		t.buf = utf8.AppendRune(t.buf, rune(n))
		return k + 1, true
	}
	k := bytes.IndexByte(d[j:min(len(d), j+6)], ';')
	if k < 0 {
		return 0, false
	}
	var c byte
	switch string(d[j : j+k]) {
	case "lt":
		c = '<'
	case "gt":
		c = '>'
	case "amp":
		c = '&'
	case "apos":
		c = '\''
	case "quot":
		c = '"'
	default:
		return 0, false
	}
	t.buf = append(t.buf, c)
	return j + k + 1, true
}

// startTag reads an element's name and its attributes (into t.attrs);
// t.pos is after '<'.
func (t *rawTokens) startTag(tok *rawToken) error {
	name, ok := t.name()
	if !ok {
		return errOutside
	}
	t.attrs = t.attrs[:0]
	d := t.data
	for {
		t.space()
		if t.pos >= len(d) {
			return errOutside
		}
		switch d[t.pos] {
		case '/':
			if t.pos+1 >= len(d) || d[t.pos+1] != '>' {
				return errOutside
			}
			t.pos += 2
			t.needClose = true
			t.toClose = name
			tok.kind, tok.name = kindStart, name
			return nil
		case '>':
			t.pos++
			tok.kind, tok.name = kindStart, name
			return nil
		}
		an, ok := t.name()
		if !ok {
			return errOutside
		}
		t.space()
		if t.pos >= len(d) || d[t.pos] != '=' {
			return errOutside // no value: Strict=false would make one up
		}
		t.pos++
		t.space()
		v, ok := t.attrValue()
		if !ok {
			return errOutside
		}
		t.attrs = append(t.attrs, xml.Attr{Name: an, Value: v})
	}
}

// attrList copies the scratch attributes into a slice of their own (the
// decoder above rewrites their names in place), empty but not nil when
// there are none, as encoding/xml gives. The slices are cut from a slab of
// a few hundred attributes, one allocation for many start tags; each ends
// at its own length, so an append by the caller copies, never writing
// into the next tag's attributes.
func (t *rawTokens) attrList() []xml.Attr {
	n := len(t.attrs)
	if n == 0 {
		return []xml.Attr{}
	}
	if len(t.slab)+n > cap(t.slab) {
		t.slab = make([]xml.Attr, 0, max(256, n))
	}
	i := len(t.slab)
	t.slab = append(t.slab, t.attrs...)
	return t.slab[i : i+n : i+n]
}

// attrValue reads a quoted value; t.pos is at the quote.
func (t *rawTokens) attrValue() (string, bool) {
	d := t.data
	if t.pos >= len(d) || d[t.pos] != '"' && d[t.pos] != '\'' {
		return "", false
	}
	q := d[t.pos]
	i := t.pos + 1
	start := i
	plain := true // no reference: the value is the bytes as they are
	t.buf = t.buf[:0]
	for i < len(d) {
		b := d[i]
		switch {
		case b == q:
			t.pos = i + 1
			if plain {
				if t.str != "" {
					return t.str[start:i], true
				}
				return string(d[start:i]), true
			}
			t.buf = append(t.buf, d[start:i]...)
			return string(t.buf), true
		case b == '<':
			return "", false
		case b == '&':
			t.buf = append(t.buf, d[start:i]...)
			n, ok := t.entity(i)
			if !ok {
				return "", false
			}
			plain = false
			i = n
			start = i
			continue
		case b < 0x20:
			if b != '\t' && b != '\n' {
				return "", false
			}
		case b >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 || !inCharRange(r) {
				return "", false
			}
			i += size
			continue
		}
		i++
	}
	return "", false
}

// name reads an ASCII XML name and splits it at its colon as encoding/xml
// does (a leading or trailing colon stays in Local; two colons are an
// error).
func (t *rawTokens) name() (xml.Name, bool) {
	d := t.data
	i := t.pos
	if i >= len(d) || !nameStart(d[i]) {
		return xml.Name{}, false
	}
	j := i + 1
	for j < len(d) && nameByte(d[j]) {
		j++
	}
	if j < len(d) && d[j] >= utf8.RuneSelf {
		return xml.Name{}, false
	}
	// A page repeats a dozen names thousands of times: a slot picked by
	// the name's length and ends, compared byte for byte, finds most of
	// them without hashing; the map has the rest.
	h := (j-i)*31 + int(d[i]) + int(d[j-1])*7
	slot := &t.recent[h&(len(t.recent)-1)]
	if slot.key == string(d[i:j]) && slot.key != "" {
		t.pos = j
		return slot.name, true
	}
	if k, ok := t.names[string(d[i:j])]; ok {
		*slot = k
		t.pos = j
		return k.name, true
	}
	s := string(d[i:j])
	if strings.Count(s, ":") > 1 {
		return xml.Name{}, false
	}
	var n xml.Name
	if space, local, ok := strings.Cut(s, ":"); !ok || space == "" || local == "" {
		n.Local = s
	} else {
		n.Space, n.Local = space, local
	}
	*slot = knownName{key: s, name: n}
	t.names[s] = *slot
	t.pos = j
	return n, true
}

// knownName is a qualified name as written (key) and split.
type knownName struct {
	key  string
	name xml.Name
}

func (t *rawTokens) space() {
	for t.pos < len(t.data) {
		switch t.data[t.pos] {
		case ' ', '\n', '\t':
			t.pos++
		default:
			return // '\r' too: encoding/xml skips it, but the slow path will
		}
	}
}

// procInst reads <?target inst?>; the XML declaration only in its plain
// form, version 1.0 and UTF-8 (anything else is encoding/xml's to judge,
// and another encoding is its charset reader's to convert).
func (t *rawTokens) procInst(tok *rawToken) error {
	t.pos += 2
	target, ok := t.name()
	if !ok || target.Space != "" {
		return errOutside
	}
	t.space()
	end := bytes.Index(t.data[t.pos:], []byte("?>"))
	if end < 0 {
		return errOutside
	}
	inst := t.data[t.pos : t.pos+end]
	if target.Local == "xml" && !plainDecl(inst) {
		return errOutside
	}
	if len(inst) > 0 && inst[0] == '\r' {
		return errOutside // encoding/xml's space() skips it; ours stops there
	}
	t.pos += end + 2
	t.buf = append(t.buf[:0], inst...)
	tok.kind, tok.name, tok.data = kindProcInst, target, t.buf
	return nil
}

// plainDecl reports whether an XML declaration's content is pairs
// name="value" (single spaces between, none around '='): version 1.0,
// encoding UTF-8 and standalone yes or no, each at most once. In that form
// encoding/xml's own reading of version and encoding gives the same.
func plainDecl(b []byte) bool {
	seen := map[string]bool{}
	for s := strings.TrimRight(string(b), " \n\t"); s != ""; {
		k, rest, ok := strings.Cut(s, "=")
		if !ok || rest == "" || rest[0] != '"' && rest[0] != '\'' || seen[k] {
			return false
		}
		seen[k] = true
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return false
		}
		v := rest[1 : 1+end]
		switch k {
		case "version":
			if v != "1.0" {
				return false
			}
		case "encoding":
			if !strings.EqualFold(v, "utf-8") {
				return false
			}
		case "standalone":
			if v != "yes" && v != "no" {
				return false
			}
		default:
			return false
		}
		s = rest[2+end:]
		if s != "" {
			if s[0] != ' ' {
				return false
			}
			s = s[1:]
		}
	}
	return true
}

// comment reads <!--…-->; any other <! (CDATA, DOCTYPE) is outside.
func (t *rawTokens) comment(tok *rawToken) error {
	d := t.data[t.pos:]
	if len(d) < 4 || d[2] != '-' || d[3] != '-' {
		return errOutside
	}
	body := d[4:]
	end := bytes.Index(body, []byte("--"))
	if end < 0 || end+2 >= len(body) || body[end+2] != '>' {
		return errOutside
	}
	t.pos += 4 + end + 3
	t.buf = append(t.buf[:0], body[:end]...)
	tok.kind, tok.data = kindComment, t.buf
	return nil
}

func nameStart(b byte) bool {
	return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || b == '_' || b == ':'
}

func nameByte(b byte) bool {
	return nameStart(b) || '0' <= b && b <= '9' || b == '.' || b == '-'
}

// inCharRange is XML's Char production.
func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
