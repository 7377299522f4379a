package pdf

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// decrypt is the stage between the guards and the library for encrypted
// files: it authenticates the empty user password (security.go) and writes
// the same document without encryption — every object at its number and
// generation, its strings and streams decrypted, object streams kept (their
// contents were encrypted as one stream), under a new cross-reference
// stream — so the library, and everything after it, sees an ordinary file.
// Decrypting here rather than in the library is what makes RC4-40,
// /EncryptMetadata false and AES-256 readable, and keeps one code path for
// every encrypted file. A file without /Encrypt in its newest trailer is
// returned as it is.
//
// The structure is taken from the library's own cross-reference table
// (libraryXref), read from a copy whose trailer hides /Encrypt, so the
// merged /Prev chains and xref streams are the ones the library would use;
// the objects themselves are rewritten token by token from the bytes.
func decrypt(data []byte, pdf2 bool) ([]byte, error) {
	hidden := withoutEncrypt(data)
	if len(hidden) == 0 || &hidden[0] == &data[0] {
		return data, nil
	}
	r, err := safe(func() (*lpdf.Reader, error) { return lpdf.NewReader(readerFor(hidden, pdf2), int64(len(hidden))) })
	if err != nil {
		return nil, classify("", hidden, 0, err) // damage, not a password
	}
	table, err := libraryXref(r)
	if err != nil {
		return nil, err
	}
	trailer := trailerEntries(data)
	enc, err := safe(func() (encryptDict, error) { return readEncrypt(r) })
	if err != nil {
		return nil, fail(readerr.Corrupt, 0, err)
	}
	sec, err := newSecurity(enc)
	switch {
	case errors.Is(err, errPassword):
		return nil, fail(readerr.Encrypted, 0, err)
	case errors.Is(err, errMalformed):
		return nil, fail(readerr.Corrupt, 0, err)
	case err != nil:
		return nil, err
	}
	encNum := -1
	if n, _, ok := refOf(trailer.toks["Encrypt"]); ok {
		encNum = int(n)
	}

	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	type entry struct {
		typ  byte
		a, b uint32
	}
	entries := make([]entry, len(table)+1)
	rw := rewriter{data: data, table: table, sec: sec}
	for i, e := range table {
		switch {
		case e.inStream:
			entries[i] = entry{2, e.stream, uint32(e.offset)}
		case e.offset > 0 && i != encNum:
			at := out.Len()
			ok, err := rw.object(&out, uint32(i), e.gen, e.offset)
			if err != nil {
				return nil, err
			}
			if ok {
				entries[i] = entry{1, uint32(at), uint32(e.gen)}
			}
		}
	}
	// The cross-reference stream, carrying the trailer's other entries.
	xrefNum, at := len(table), out.Len()
	entries[xrefNum] = entry{1, uint32(at), 0}
	var xs bytes.Buffer
	for _, e := range entries {
		xs.WriteByte(e.typ)
		xs.Write(binary.BigEndian.AppendUint32(nil, e.a))
		xs.Write(binary.BigEndian.AppendUint32(nil, e.b))
	}
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 4] /Length %d", xrefNum, xrefNum+1, xs.Len())
	for _, k := range trailer.keys {
		switch k {
		case "Size", "Prev", "Encrypt", "XRefStm", "Type", "W", "Index", "Filter", "DecodeParms", "Length":
			continue
		}
		fmt.Fprintf(&out, " /%s %s", k, trailer.raw[k])
	}
	out.WriteString(" >>\nstream\n")
	out.Write(xs.Bytes())
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}

// readEncrypt reads the encryption dictionary, which the copy the library
// opened keeps under a key of X's, and the first string of /ID.
func readEncrypt(r *lpdf.Reader) (encryptDict, error) {
	t := r.Trailer()
	var v lpdf.Value
	for _, k := range t.Keys() {
		if k != "" && strings.Trim(k, "X") == "" {
			v = t.Key(k)
		}
	}
	if v.Kind() != lpdf.Dict {
		return encryptDict{}, fmt.Errorf("%w: /Encrypt is not a dictionary", errMalformed)
	}
	e := encryptDict{
		filter: v.Key("Filter").Name(), subFilter: v.Key("SubFilter").Name(),
		v: v.Key("V").Int64(), r: v.Key("R").Int64(), length: v.Key("Length").Int64(),
		o: []byte(v.Key("O").RawString()), u: []byte(v.Key("U").RawString()),
		oe: []byte(v.Key("OE").RawString()), ue: []byte(v.Key("UE").RawString()),
		perm: []byte(v.Key("Perms").RawString()), p: v.Key("P").Int64(),
		encryptMetadata: v.Key("EncryptMetadata").Kind() != lpdf.Bool || v.Key("EncryptMetadata").Bool(),
		cf:              map[string]string{},
		strF:            v.Key("StrF").Name(), stmF: v.Key("StmF").Name(),
		id: []byte(t.Key("ID").Index(0).RawString()),
	}
	cf := v.Key("CF")
	for _, k := range cf.Keys() {
		e.cf[k] = cf.Key(k).Key("CFM").Name()
	}
	return e, nil
}

// rewriter writes objects of data without their encryption.
type rewriter struct {
	data  []byte
	table []xrefEntry
	sec   *security
}

var reObjHead = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\x00\t\n\f\r ]*(\d+)[\x00\t\n\f\r ]+(\d+)[\x00\t\n\f\r ]+obj`)
})

// object writes object (num, gen) found at off to out and reports whether
// it wrote one: a cross-reference stream is dropped (the new file has its
// own), and so is an entry that points at no object header, which the
// library would have failed to load.
func (rw *rewriter) object(out *bytes.Buffer, num uint32, gen uint16, off int64) (bool, error) {
	if off >= int64(len(rw.data)) {
		return false, nil
	}
	w := rw.data[off:]
	m := reObjHead().FindSubmatchIndex(w[:min(len(w), 128)])
	if m == nil {
		return false, nil
	}
	toks, kw, pos := scanObject(w, m[1])
	typ, length, lengthAt, crypt := "", -1, -1, false
	depth := 0
	for i, t := range toks {
		switch t.kind {
		case '<':
			depth++
		case '>':
			depth--
		case '/':
			if depth != 1 || i+1 >= len(toks) {
				continue
			}
			next := toks[i+1]
			switch decodeName(t.raw[1:]) {
			case "Type":
				if next.kind == '/' {
					typ = decodeName(next.raw[1:])
				}
			case "Length":
				lengthAt = i + 1
				length = rw.length(toks[i+1:])
			case "Filter":
				crypt = next.kind == '/' && decodeName(next.raw[1:]) == "Crypt" ||
					next.kind == '[' && i+2 < len(toks) && toks[i+2].kind == '/' && decodeName(toks[i+2].raw[1:]) == "Crypt"
			}
		}
	}
	if kw == "stream" && typ == "XRef" {
		return false, nil
	}
	var body []byte
	if kw == "stream" {
		if crypt {
			return false, unsupported("数据流级加密过滤器（/Filter /Crypt）", "stream crypt filters (/Filter /Crypt)")
		}
		raw := streamData(w, pos, length)
		body = raw
		if typ != "Metadata" || rw.sec.encryptMetadata {
			body = rw.sec.decryptObject(rw.sec.stm, num, gen, raw)
		}
	}
	fmt.Fprintf(out, "%d %d obj\n", num, gen)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case i == 1 && lengthAt == -1 && kw == "stream" && toks[0].kind == '<':
			fmt.Fprintf(out, "/Length %d ", len(body)) // the library needs one
			i--                                        // and then the token itself
			lengthAt = -2
			continue
		case i == lengthAt && kw == "stream":
			fmt.Fprintf(out, "%d ", len(body))
			if _, _, ok := refOf(toks[i:min(i+3, len(toks))]); ok {
				i += 2
			}
			continue
		case t.kind == '(' || t.kind == 'h':
			s := rw.sec.decryptObject(rw.sec.str, num, gen, t.str)
			out.WriteByte('<')
			out.WriteString(hex.EncodeToString(s))
			out.WriteByte('>')
		default:
			out.Write(t.raw)
		}
		out.WriteByte(' ')
	}
	if kw == "stream" {
		out.WriteString("\nstream\n")
		out.Write(body)
		out.WriteString("\nendstream")
	}
	out.WriteString("\nendobj\n")
	return true, nil
}

// length is the value of a /Length whose value starts toks: a number, or a
// reference to an object stored at an offset holding one; -1 otherwise.
func (rw *rewriter) length(toks []rawTok) int {
	if n, _, ok := refOf(toks[:min(3, len(toks))]); ok {
		if int(n) >= len(rw.table) || rw.table[n].inStream || rw.table[n].offset <= 0 || rw.table[n].offset >= int64(len(rw.data)) {
			return -1
		}
		w := rw.data[rw.table[n].offset:]
		m := reObjHead().FindSubmatchIndex(w[:min(len(w), 128)])
		if m == nil {
			return -1
		}
		t, _ := nextToken(w, m[1])
		toks = []rawTok{t}
	}
	if len(toks) == 0 || toks[0].kind != 'k' {
		return -1
	}
	v, err := strconv.Atoi(string(toks[0].raw))
	if err != nil || v < 0 {
		return -1
	}
	return v
}

// streamData returns the bytes of a stream whose keyword "stream" ends at
// pos in w: /Length bytes when the "endstream" keyword follows them, else
// up to the next "endstream" (the library reads /Length bytes whatever
// follows; a wrong /Length read this way gives what the producer meant).
func streamData(w []byte, pos, length int) []byte {
	if pos < len(w) && w[pos] == '\r' {
		pos++
	}
	if pos < len(w) && w[pos] == '\n' {
		pos++
	}
	w = w[pos:]
	if length >= 0 && length <= len(w) && bytes.HasPrefix(bytes.TrimLeft(w[length:], "\x00\t\n\f\r "), []byte("endstream")) {
		return w[:length]
	}
	end := bytes.Index(w, []byte("endstream"))
	if end < 0 {
		if length >= 0 && length <= len(w) {
			return w[:length]
		}
		return w
	}
	d := w[:end]
	d = bytes.TrimSuffix(d, []byte("\n"))
	return bytes.TrimSuffix(d, []byte("\r"))
}

// rawTok is one token of an object: its kind ('<' and '>' for dictionary
// brackets, '[' ']' '{' '}', '/' a name, '(' a literal and 'h' a hex
// string, 'k' a number or keyword, 'x' a stray delimiter), its bytes in the
// file, and for strings the bytes they stand for.
type rawTok struct {
	kind byte
	raw  []byte
	str  []byte
}

// nextToken returns the token at or after i in w and the position after
// it; kind 0 at the end.
func nextToken(w []byte, i int) (rawTok, int) {
	for i < len(w) {
		switch c := w[i]; {
		case isWhite(c):
			i++
		case c == '%':
			for i < len(w) && w[i] != '\n' && w[i] != '\r' {
				i++
			}
		case c == '<' && i+1 < len(w) && w[i+1] == '<':
			return rawTok{kind: '<', raw: w[i : i+2]}, i + 2
		case c == '>' && i+1 < len(w) && w[i+1] == '>':
			return rawTok{kind: '>', raw: w[i : i+2]}, i + 2
		case c == '<' || c == '(':
			l := lexer{data: w, pos: i}
			var t token
			kind := byte('h')
			if c == '<' {
				t = l.hex()
			} else {
				t, kind = l.literal(), '('
			}
			return rawTok{kind: kind, raw: w[i:l.pos], str: []byte(t.s)}, l.pos
		case c == '[' || c == ']' || c == '{' || c == '}':
			return rawTok{kind: c, raw: w[i : i+1]}, i + 1
		case c == ')' || c == '>':
			return rawTok{kind: 'x', raw: w[i : i+1]}, i + 1
		default:
			j := i + 1
			for j < len(w) && !isWhite(w[j]) && !isDelim(w[j]) {
				j++
			}
			if c == '/' {
				return rawTok{kind: '/', raw: w[i:j]}, j
			}
			return rawTok{kind: 'k', raw: w[i:j]}, j
		}
	}
	return rawTok{}, i
}

// scanObject reads the tokens of an object's value from pos up to the
// keyword that ends it, "stream" or "endobj" (or the header of the next
// object when "endobj" is missing), and returns them, that keyword and the
// position after it.
func scanObject(w []byte, pos int) ([]rawTok, string, int) {
	var toks []rawTok
	for {
		t, next := nextToken(w, pos)
		if t.kind == 0 {
			return toks, "", next
		}
		if t.kind == 'k' {
			switch string(t.raw) {
			case "stream", "endobj":
				return toks, string(t.raw), next
			case "obj":
				return toks[:max(0, len(toks)-2)], "endobj", pos
			}
		}
		toks = append(toks, t)
		pos = next
	}
}

// refOf reads "N G R" at the start of toks.
func refOf(toks []rawTok) (uint32, uint16, bool) {
	if len(toks) < 3 || toks[0].kind != 'k' || toks[1].kind != 'k' || string(toks[2].raw) != "R" {
		return 0, 0, false
	}
	n, err1 := strconv.ParseUint(string(toks[0].raw), 10, 32)
	g, err2 := strconv.ParseUint(string(toks[1].raw), 10, 16)
	return uint32(n), uint16(g), err1 == nil && err2 == nil
}

// entries is a dictionary's keys in order, the raw text of each value
// and its tokens.
type entries struct {
	keys []string
	raw  map[string][]byte
	toks map[string][]rawTok
}

// trailerEntries reads the entries of the newest trailer dictionary (the
// one after "trailer", or the cross-reference stream's).
func trailerEntries(data []byte) entries {
	e := entries{raw: map[string][]byte{}, toks: map[string][]rawTok{}}
	at, ok := trailerAt(data)
	if !ok {
		return e
	}
	w := data[at:min(int64(len(data)), at+maxDictScan)]
	t, pos := nextToken(w, 0)
	if t.kind != '<' {
		return e
	}
	for {
		t, next := nextToken(w, pos)
		if t.kind != '/' {
			return e // ">>", or damage: what was read so far
		}
		k := decodeName(t.raw[1:])
		toks, end := value(w, next)
		if len(toks) == 0 {
			return e
		}
		if _, dup := e.raw[k]; !dup {
			e.keys = append(e.keys, k)
		}
		e.raw[k], e.toks[k] = bytes.TrimSpace(w[next:end]), toks
		pos = end
	}
}

// value reads one whole value at pos: a token, a reference, or a
// dictionary or array with everything in it.
func value(w []byte, pos int) ([]rawTok, int) {
	t, next := nextToken(w, pos)
	toks := []rawTok{t}
	switch t.kind {
	case 0:
		return nil, next
	case '<', '[':
		for depth := 1; depth > 0; {
			t, next = nextToken(w, next)
			switch t.kind {
			case 0:
				return toks, next
			case '<', '[':
				depth++
			case '>', ']':
				depth--
			}
			toks = append(toks, t)
		}
	case 'k':
		t2, n2 := nextToken(w, next)
		t3, n3 := nextToken(w, n2)
		if t2.kind == 'k' && string(t3.raw) == "R" {
			return append(toks, t2, t3), n3
		}
	}
	return toks, next
}
