package pdf

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
)

// content.go tokenizes content streams for the walker. It reads the same
// syntax the same way as ledongthuc/pdf's Interpret, which the walker used
// before (operand for operand, error for error; TestContentLexer holds it
// to that on every fixture), but from the stream's bytes, read once, and
// without a heap object per operand: Interpret boxed every number, name
// and string in an interface and read the stream a second time after the
// byte budget had measured it, a fifth of a convert's work.
//
// Where Interpret would raise an error the document is malformed, as
// before: a stray ')' or '>' at the top level, a bad escape, an integer out
// of range. Inside an array or dictionary such an error discards the
// operand and reading goes on where it stopped, as Interpret's
// readObjectRecover did. One difference: an unterminated hex string at the
// end of a stream is malformed here; Interpret never returned from it.

// okind is an operand's type.
type okind uint8

const (
	okNull okind = iota
	okBool
	okInt
	okReal
	okString
	okName
	okArray
	okDict
)

// operand is one operand of a content operator. Its bytes (a string's or a
// name's) and elements point into the stream or the lexer's scratch memory
// and stay valid until the next operator: what outlives it is copied
// (clone).
type operand struct {
	kind okind
	num  float64   // okInt, okReal; 1 for a true okBool
	b    []byte    // okString's bytes, okName's (without the slash)
	arr  []operand // okArray's elements; okDict's keys and values, alternating
}

// float is the operand's number, 0 for anything else (as the library's
// Value.Float64).
func (o operand) float() float64 {
	if o.kind == okInt || o.kind == okReal {
		return o.num
	}
	return 0
}

// str is a string operand's bytes, nil for anything else.
func (o operand) str() []byte {
	if o.kind == okString {
		return o.b
	}
	return nil
}

// key returns a dictionary operand's value for key; a key given twice
// counts the last time, as in the library's map.
func (o operand) key(k string) (operand, bool) {
	var v operand
	found := false
	if o.kind != okDict {
		return v, false
	}
	for i := 0; i+1 < len(o.arr); i += 2 {
		if string(o.arr[i].b) == k {
			v, found = o.arr[i+1], true
		}
	}
	return v, found
}

// clone copies o out of the stream and scratch memory.
func (o operand) clone() operand {
	if o.b != nil {
		o.b = append([]byte(nil), o.b...)
	}
	if o.arr != nil {
		a := make([]operand, len(o.arr))
		for i, e := range o.arr {
			a[i] = e.clone()
		}
		o.arr = a
	}
	return o
}

// ctkind is a token's type.
type ctkind uint8

const (
	ctEOF ctkind = iota
	ctKeyword
	ctInt
	ctReal
	ctBool
	ctString
	ctName
)

type ctoken struct {
	kind ctkind
	num  float64
	b    []byte
}

func (t ctoken) is(kw string) bool { return t.kind == ctKeyword && string(t.b) == kw }

// lexError is a syntax error in a content stream. At the top level it ends
// the document as malformed (through safe); inside an array or dictionary
// it discards the operand.
type lexError struct{ msg string }

func (e lexError) Error() string { return e.msg }

func lexFail(format string, args ...any) { panic(lexError{fmt.Sprintf(format, args...)}) }

// maxObjectDepth bounds nested arrays and dictionaries, as the library's
// limit of the same name.
const maxObjectDepth = 1000

// contentLexer reads one content stream. One lexer serves a page and the
// forms it paints, so its scratch memory is allocated once.
type contentLexer struct {
	data    []byte
	pos     int
	eof     bool // a read went past the end: reads give '\n' from then on
	unread  []ctoken
	depth   int
	scratch []byte    // strings that need decoding
	tmp     []operand // elements of the arrays and dictionaries being read
	pool    []operand // elements of the finished ones
	stack   []operand // the operands of the operator to come
	buf     []byte    // the stream's bytes; the next stream's then
}

func (l *contentLexer) reset(data []byte) {
	l.data, l.pos, l.eof, l.depth = data, 0, false, 0
	l.unread = l.unread[:0]
	l.scratch, l.tmp, l.pool = l.scratch[:0], l.tmp[:0], l.pool[:0]
}

// release frees the scratch memory for the next operator's operands.
func (l *contentLexer) release() {
	l.scratch, l.pool = l.scratch[:0], l.pool[:0]
}

func (l *contentLexer) readByte() byte {
	if l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		return c
	}
	l.eof = true
	return '\n'
}

// unreadByte steps back over the byte just read, unless that was the end.
func (l *contentLexer) unreadByte() {
	if !l.eof && l.pos > 0 {
		l.pos--
	}
}

func (l *contentLexer) unreadToken(t ctoken) { l.unread = append(l.unread, t) }

func (l *contentLexer) readToken() ctoken {
	if n := len(l.unread); n > 0 {
		t := l.unread[n-1]
		l.unread = l.unread[:n-1]
		return t
	}
	c := l.readByte()
	for {
		if isWhite(c) {
			if l.eof {
				return ctoken{}
			}
			c = l.readByte()
		} else if c == '%' {
			for c != '\r' && c != '\n' {
				c = l.readByte()
			}
		} else {
			break
		}
	}
	switch c {
	case '<':
		if l.readByte() == '<' {
			return ctoken{kind: ctKeyword, b: l.data[l.pos-2 : l.pos]}
		}
		l.unreadByte()
		return l.readHex()
	case '(':
		return l.readLiteral()
	case '[', ']', '{', '}':
		return ctoken{kind: ctKeyword, b: l.data[l.pos-1 : l.pos]}
	case '/':
		return l.readName()
	case '>':
		if l.readByte() == '>' {
			return ctoken{kind: ctKeyword, b: l.data[l.pos-2 : l.pos]}
		}
		l.unreadByte()
	}
	if isDelim(c) {
		lexFail("unexpected delimiter %#q", rune(c))
	}
	l.unreadByte()
	return l.readKeyword()
}

func (l *contentLexer) readHex() ctoken {
	start := len(l.scratch)
	for {
		c := l.readByte()
		for isWhite(c) {
			if l.eof {
				lexFail("unterminated hex string")
			}
			c = l.readByte()
		}
		if c == '>' {
			break
		}
		c2 := l.readByte()
		for isWhite(c2) {
			if l.eof {
				lexFail("unterminated hex string")
			}
			c2 = l.readByte()
		}
		hi, ok1 := unhex(c)
		lo, ok2 := unhex(c2)
		if !ok1 || !ok2 {
			lexFail("malformed hex string %c %c", c, c2)
		}
		l.scratch = append(l.scratch, hi<<4|lo)
	}
	return ctoken{kind: ctString, b: l.scratch[start:len(l.scratch):len(l.scratch)]}
}

func (l *contentLexer) readLiteral() ctoken {
	// Most strings have no escapes: they are their bytes in the stream.
	depth := 1
	for i := l.pos; i < len(l.data); i++ {
		switch l.data[i] {
		case '(':
			depth++
			continue
		case ')':
			if depth--; depth > 0 {
				continue
			}
			b := l.data[l.pos:i:i]
			l.pos = i + 1
			return ctoken{kind: ctString, b: b}
		case '\\':
		default:
			continue
		}
		break
	}
	start := len(l.scratch)
	depth = 1
loop:
	for !l.eof {
		c := l.readByte()
		switch c {
		default:
			l.scratch = append(l.scratch, c)
		case '(':
			depth++
			l.scratch = append(l.scratch, c)
		case ')':
			if depth--; depth == 0 {
				break loop
			}
			l.scratch = append(l.scratch, c)
		case '\\':
			switch c = l.readByte(); c {
			default:
				lexFail("invalid escape sequence \\%c", c)
			case 'n':
				l.scratch = append(l.scratch, '\n')
			case 'r':
				l.scratch = append(l.scratch, '\r')
			case 'b':
				l.scratch = append(l.scratch, '\b')
			case 't':
				l.scratch = append(l.scratch, '\t')
			case 'f':
				l.scratch = append(l.scratch, '\f')
			case '(', ')', '\\':
				l.scratch = append(l.scratch, c)
			case '\r':
				if l.readByte() != '\n' {
					l.unreadByte()
				}
			case '\n':
			case '0', '1', '2', '3', '4', '5', '6', '7':
				x := int(c - '0')
				for range 2 {
					c = l.readByte()
					if c < '0' || c > '7' {
						l.unreadByte()
						break
					}
					x = x*8 + int(c-'0')
				}
				if x > 255 {
					lexFail("invalid octal escape \\%03o", x)
				}
				l.scratch = append(l.scratch, byte(x))
			}
		}
	}
	return ctoken{kind: ctString, b: l.scratch[start:len(l.scratch):len(l.scratch)]}
}

func (l *contentLexer) readName() ctoken {
	start := l.pos
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isDelim(c) || isWhite(c) {
			return ctoken{kind: ctName, b: l.data[start:l.pos:l.pos]}
		}
		if c == '#' {
			break
		}
		l.pos++
	}
	if l.pos >= len(l.data) {
		l.eof = true
		return ctoken{kind: ctName, b: l.data[start:l.pos:l.pos]}
	}
	// A #xx escape: decode the name from its start.
	l.pos = start
	s := len(l.scratch)
	for {
		c := l.readByte()
		if isDelim(c) || isWhite(c) {
			l.unreadByte()
			break
		}
		if c == '#' {
			hi, ok1 := unhex(l.readByte())
			lo, ok2 := unhex(l.readByte())
			if !ok1 || !ok2 {
				lexFail("malformed name")
			}
			l.scratch = append(l.scratch, hi<<4|lo)
			continue
		}
		l.scratch = append(l.scratch, c)
	}
	return ctoken{kind: ctName, b: l.scratch[s:len(l.scratch):len(l.scratch)]}
}

func (l *contentLexer) readKeyword() ctoken {
	start := l.pos
	for l.pos < len(l.data) && !isDelim(l.data[l.pos]) && !isWhite(l.data[l.pos]) {
		l.pos++
	}
	if l.pos >= len(l.data) {
		l.eof = true // the library read past the end to find the keyword's end
	}
	b := l.data[start:l.pos:l.pos]
	switch {
	case string(b) == "true":
		return ctoken{kind: ctBool, num: 1}
	case string(b) == "false":
		return ctoken{kind: ctBool}
	}
	digits, dots := 0, 0
	for i, c := range b {
		switch {
		case '0' <= c && c <= '9':
			digits++
		case c == '.':
			dots++
		case i == 0 && (c == '+' || c == '-'):
		default:
			return ctoken{kind: ctKeyword, b: b}
		}
	}
	switch {
	case dots == 0 && digits > 0:
		x, ok := parseInt(b)
		if !ok {
			lexFail("invalid integer %s", b)
		}
		return ctoken{kind: ctInt, num: float64(x)}
	case dots == 1:
		x, ok := parseReal(b)
		if !ok {
			lexFail("invalid real %s", b)
		}
		return ctoken{kind: ctReal, num: x}
	}
	return ctoken{kind: ctKeyword, b: b}
}

// parseInt is strconv.ParseInt(b, 10, 64) for a sign and digits, without
// the string.
func parseInt(b []byte) (int64, bool) {
	neg := false
	if b[0] == '+' || b[0] == '-' {
		neg = b[0] == '-'
		b = b[1:]
	}
	var u uint64
	for _, c := range b {
		if u > (math.MaxUint64-9)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// parseReal is strconv.ParseFloat(b, 64) for a sign, digits and one dot.
// With at most 15 digits and 22 after the dot the quotient of two exact
// doubles is the correctly rounded value, which is what ParseFloat gives;
// longer numbers go to ParseFloat.
func parseReal(b []byte) (float64, bool) {
	s := b
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		s = s[1:]
	}
	var m uint64
	digits, frac, seen := 0, 0, false
	for _, c := range s {
		if c == '.' {
			seen = true
			continue
		}
		if m != 0 || c != '0' {
			digits++
		}
		m = m*10 + uint64(c-'0')
		if seen {
			frac++
		}
		if digits > 15 {
			break
		}
	}
	if digits <= 15 && frac <= 22 && len(s) > 1 {
		f := float64(m) / math.Pow10(frac)
		if neg {
			f = -f
		}
		return f, true
	}
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
}

// readObject reads one operand: the token read next, or the array or
// dictionary it opens.
func (l *contentLexer) readObject() operand {
	l.depth++
	defer func() { l.depth-- }()
	if l.depth > maxObjectDepth {
		lexFail("object nesting exceeds maximum depth %d", maxObjectDepth)
	}
	t := l.readToken()
	switch t.kind {
	case ctKeyword:
		switch string(t.b) {
		case "null", ">>", "]":
			return operand{}
		case "<<":
			return l.readDict()
		case "[":
			return l.readArray()
		}
		lexFail("unexpected keyword %q parsing object", t.b)
	case ctInt:
		return operand{kind: okInt, num: t.num}
	case ctReal:
		return operand{kind: okReal, num: t.num}
	case ctBool:
		return operand{kind: okBool, num: t.num}
	case ctString:
		return operand{kind: okString, b: t.b}
	case ctName:
		return operand{kind: okName, b: t.b}
	}
	return operand{} // the end of the stream
}

func (l *contentLexer) readArray() operand {
	start := len(l.tmp)
	for {
		t := l.readToken()
		if t.kind == ctEOF || t.is("]") {
			break
		}
		l.unreadToken(t)
		o := l.readObject()
		l.tmp = append(l.tmp, o)
	}
	return operand{kind: okArray, arr: l.finish(start)}
}

func (l *contentLexer) readDict() operand {
	start := len(l.tmp)
	for {
		t := l.readToken()
		if t.kind == ctEOF || t.is(">>") {
			break
		}
		if t.kind != ctName {
			lexFail("unexpected non-name key parsing dictionary")
		}
		l.tmp = append(l.tmp, operand{kind: okName, b: t.b})
		o := l.readObject()
		l.tmp = append(l.tmp, o)
	}
	return operand{kind: okDict, arr: l.finish(start)}
}

// finish moves the elements read since start from tmp into the pool.
func (l *contentLexer) finish(start int) []operand {
	n := len(l.tmp) - start
	if n == 0 {
		return []operand{}
	}
	p := len(l.pool)
	l.pool = append(l.pool, l.tmp[start:]...)
	l.tmp = l.tmp[:start]
	return l.pool[p : p+n : p+n]
}

// readOperand reads one operand at the top level; ok is false when a
// syntax error inside it discarded it.
func (l *contentLexer) readOperand() (o operand, ok bool) {
	defer func() {
		if x := recover(); x != nil {
			if _, lex := x.(lexError); !lex {
				panic(x)
			}
			l.depth, l.tmp = 0, l.tmp[:0]
			o, ok = operand{}, false
		}
	}()
	return l.readObject(), true
}

// interpret reads content stream s and calls w.exec for each operator with its
// operands in w.args. Besides operators it runs the PostScript the library
// ran (dict, begin, end, def, currentdict, pop), with its errors: content
// streams have no use for them, but a stream that has them reads as before.
func (w *walker) interpret(s lpdf.Value) {
	// A form XObject is interpreted inside its Do: each nesting has its
	// lexer, and the document keeps them for the next page.
	var l *contentLexer
	if n := len(w.d.lexers); n > 0 {
		l, w.d.lexers = w.d.lexers[n-1], w.d.lexers[:n-1]
	} else {
		l = &contentLexer{}
	}
	defer func() { w.d.lexers = append(w.d.lexers, l) }()
	data, err := readContent(s, &w.d.budget, l.buf, w.d.inflate)
	if err != nil {
		w.fail(err)
	}
	l.buf = data
	l.reset(data)
	stk := l.stack[:0]
	var dicts []map[string]operand
	pop := func() operand {
		if n := len(stk); n > 0 {
			o := stk[n-1]
			stk = stk[:n-1]
			return o
		}
		return operand{}
	}
reading:
	for {
		t := l.readToken()
		if t.kind == ctEOF {
			break
		}
		if t.kind == ctKeyword {
			switch string(t.b) {
			case "null", "[", "]", "<<", ">>":
			default:
				for i := len(dicts) - 1; i >= 0; i-- {
					if v, ok := dicts[i][string(t.b)]; ok {
						stk = append(stk, v)
						continue reading
					}
				}
				w.args = stk
				w.exec(opName(t.b))
				stk = stk[:0]
				l.release()
				continue
			case "dict":
				pop()
				stk = append(stk, operand{kind: okDict, arr: []operand{}})
				continue
			case "currentdict":
				if len(dicts) == 0 {
					lexFail("no current dictionary")
				}
				stk = append(stk, dictOperand(dicts[len(dicts)-1]))
				continue
			case "begin":
				d := pop()
				if d.kind != okDict {
					lexFail("cannot begin non-dict")
				}
				m := map[string]operand{}
				for i := 0; i+1 < len(d.arr); i += 2 {
					m[string(d.arr[i].b)] = d.arr[i+1].clone()
				}
				dicts = append(dicts, m)
				continue
			case "end":
				if len(dicts) == 0 {
					lexFail("mismatched begin/end")
				}
				dicts = dicts[:len(dicts)-1]
				continue
			case "def":
				val := pop()
				if len(dicts) == 0 {
					continue
				}
				key := pop()
				if key.kind != okName {
					continue
				}
				dicts[len(dicts)-1][string(key.b)] = val.clone()
				continue
			case "pop":
				pop()
				continue
			}
		}
		switch t.kind {
		case ctInt:
			stk = append(stk, operand{kind: okInt, num: t.num})
		case ctReal:
			stk = append(stk, operand{kind: okReal, num: t.num})
		case ctBool:
			stk = append(stk, operand{kind: okBool, num: t.num})
		case ctString:
			stk = append(stk, operand{kind: okString, b: t.b})
		case ctName:
			stk = append(stk, operand{kind: okName, b: t.b})
		default:
			// An array, a dictionary, or what reads as null.
			l.unreadToken(t)
			if o, ok := l.readOperand(); ok {
				stk = append(stk, o)
			}
		}
	}
	l.stack = stk[:0]
	w.args = nil
}

// dictOperand is a dictionary begun by "begin", as an operand.
func dictOperand(m map[string]operand) operand {
	o := operand{kind: okDict, arr: []operand{}}
	for k, v := range m {
		o.arr = append(o.arr, operand{kind: okName, b: []byte(k)}, v)
	}
	return o
}

// opName returns the operator's name, without allocating for the
// operators of the PDF reference.
func opName(b []byte) string {
	switch string(b) {
	case "b":
		return "b"
	case "B":
		return "B"
	case "b*":
		return "b*"
	case "B*":
		return "B*"
	case "BDC":
		return "BDC"
	case "BI":
		return "BI"
	case "BMC":
		return "BMC"
	case "BT":
		return "BT"
	case "BX":
		return "BX"
	case "c":
		return "c"
	case "cm":
		return "cm"
	case "CS":
		return "CS"
	case "cs":
		return "cs"
	case "d":
		return "d"
	case "d0":
		return "d0"
	case "d1":
		return "d1"
	case "Do":
		return "Do"
	case "DP":
		return "DP"
	case "EI":
		return "EI"
	case "EMC":
		return "EMC"
	case "ET":
		return "ET"
	case "EX":
		return "EX"
	case "f":
		return "f"
	case "F":
		return "F"
	case "f*":
		return "f*"
	case "G":
		return "G"
	case "g":
		return "g"
	case "gs":
		return "gs"
	case "h":
		return "h"
	case "i":
		return "i"
	case "ID":
		return "ID"
	case "j":
		return "j"
	case "J":
		return "J"
	case "K":
		return "K"
	case "k":
		return "k"
	case "l":
		return "l"
	case "m":
		return "m"
	case "M":
		return "M"
	case "MP":
		return "MP"
	case "n":
		return "n"
	case "q":
		return "q"
	case "Q":
		return "Q"
	case "re":
		return "re"
	case "RG":
		return "RG"
	case "rg":
		return "rg"
	case "ri":
		return "ri"
	case "s":
		return "s"
	case "S":
		return "S"
	case "SC":
		return "SC"
	case "sc":
		return "sc"
	case "SCN":
		return "SCN"
	case "scn":
		return "scn"
	case "sh":
		return "sh"
	case "T*":
		return "T*"
	case "Tc":
		return "Tc"
	case "Td":
		return "Td"
	case "TD":
		return "TD"
	case "Tf":
		return "Tf"
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "TL":
		return "TL"
	case "Tm":
		return "Tm"
	case "Tr":
		return "Tr"
	case "Ts":
		return "Ts"
	case "Tw":
		return "Tw"
	case "Tz":
		return "Tz"
	case "v":
		return "v"
	case "w":
		return "w"
	case "W":
		return "W"
	case "W*":
		return "W*"
	case "y":
		return "y"
	case "'":
		return "'"
	case "\"":
		return "\""
	}
	return string(b)
}

// textString decodes a text string (PDF 32000-1 7.9.2.2) as the library's
// Value.Text: PDFDocEncoding when every byte has a meaning there, else
// UTF-16BE after its byte order mark, else the bytes as they are.
func textString(b []byte) string {
	utf16BOM := len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff && len(b)%2 == 0
	if !utf16BOM {
		doc := true
		for _, c := range b {
			if _, ok := pdfDocRune(c); !ok {
				doc = false
				break
			}
		}
		if doc {
			r := make([]rune, len(b))
			for i, c := range b {
				r[i], _ = pdfDocRune(c)
			}
			return string(r)
		}
	}
	if utf16BOM {
		u := make([]uint16, 0, len(b)/2-1)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(b)
}

// pdfDocRune is PDFDocEncoding (PDF 32000-1 Table D.2); ok is false for
// the codes it leaves undefined.
func pdfDocRune(c byte) (rune, bool) {
	switch {
	case c == '\t' || c == '\n' || c == '\r':
		return rune(c), true
	case c < 0x18 || c == 0x7f || c == 0x9f || c == 0xad:
		return 0, false
	case c < 0x20:
		return rune([]uint16{0x02d8, 0x02c7, 0x02c6, 0x02d9, 0x02dd, 0x02db, 0x02da, 0x02dc}[c-0x18]), true
	case c < 0x7f:
		return rune(c), true
	case c < 0xa0:
		return rune([]uint16{
			0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
			0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
			0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160,
			0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e,
		}[c-0x80]), true
	case c == 0xa0:
		return 0x20ac, true
	}
	return rune(c), true
}
