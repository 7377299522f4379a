package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"

	lpdf "github.com/ledongthuc/pdf"
)

// The library resolves an object stored in an object stream by first
// resolving the stream, and decodes that stream by resolving the indirect
// values of its dictionary (/Length, /Filter, /DecodeParms, /N, /First,
// /Extends). Nothing stops that recursion: an object stream the
// cross-reference data lists as stored inside itself, or a /Length kept in
// the very stream it measures, recurses until the goroutine's stack
// overflows — a fatal error recover cannot catch, which would take
// `kaoping serve` down with it.
//
// guardObjStreams reads the library's own cross-reference table (the
// entries it will act on, through reflection, since it keeps them private)
// and walks the graph "resolving X needs resolving Y" before anything is
// resolved: a cycle, or a chain deeper than maxResolveDepth, refuses the
// file. TestObjStmGuardSeesLibraryTable fails if an upgrade of the library
// renames the fields read here.

// maxResolveDepth bounds nested resolution through object streams. A valid
// file needs 2 (object → its stream; a stream's /Length kept in another
// stream adds one per hop); the bound leaves room for odd producers while
// keeping the library's recursion far from the stack limit.
const maxResolveDepth = 64

// xrefEntry mirrors the library's private xref entry.
type xrefEntry struct {
	inStream bool
	stream   uint32 // object number of the containing object stream
	offset   int64  // in the file; for an object in a stream, its index there
	gen      uint16 // the generation the entry expects
}

// libraryXref returns the library's cross-reference table. It fails,
// rather than guess, when the library's layout is not the one expected.
func libraryXref(r *lpdf.Reader) ([]xrefEntry, error) {
	bad := errors.New("ledongthuc/pdf: unexpected Reader layout; the object-stream guard needs updating")
	rv := reflect.ValueOf(r)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, bad
	}
	x := rv.Elem().FieldByName("xref")
	if x.Kind() != reflect.Slice {
		return nil, bad
	}
	out := make([]xrefEntry, x.Len())
	for i := range out {
		e := x.Index(i)
		in, st, off, ptr := e.FieldByName("inStream"), e.FieldByName("stream"), e.FieldByName("offset"), e.FieldByName("ptr")
		if in.Kind() != reflect.Bool || st.Kind() != reflect.Struct || off.Kind() != reflect.Int64 || ptr.Kind() != reflect.Struct {
			return nil, bad
		}
		id, gen := st.FieldByName("id"), ptr.FieldByName("gen")
		if id.Kind() != reflect.Uint32 || gen.Kind() != reflect.Uint16 {
			return nil, bad
		}
		out[i] = xrefEntry{inStream: in.Bool(), stream: uint32(id.Uint()), offset: off.Int(), gen: uint16(gen.Uint())}
	}
	return out, nil
}

// guardObjStreams refuses files whose object resolution would recurse
// without end or too deep. data is the file as the library sees it.
func guardObjStreams(r *lpdf.Reader, data []byte) error {
	table, err := libraryXref(r)
	if err != nil {
		return err
	}
	container := make([]bool, len(table))
	some := false
	for _, e := range table {
		if e.inStream && int(e.stream) < len(table) {
			container[e.stream], some = true, true
		}
	}
	if !some {
		return nil // without object streams the library never recurses in resolve
	}
	// needs lists what resolving object i resolves first.
	needs := func(i uint32) []uint32 {
		e := table[i]
		if e.inStream {
			return []uint32{e.stream}
		}
		if !container[i] {
			return nil
		}
		return dictRefs(data, e.offset)
	}
	const (
		unseen = iota
		active
		done
	)
	state := make([]uint8, len(table))
	depth := make([]int, len(table))
	var visit func(i uint32) error
	visit = func(i uint32) error {
		switch state[i] {
		case active:
			return fmt.Errorf("%w: object %d is needed to read itself (an object stream stored in itself or an object-stream loop)", errMalformed, i)
		case done:
			return nil
		}
		state[i] = active
		d := 0
		for _, j := range needs(i) {
			if int(j) >= len(table) {
				continue // the library resolves it to null
			}
			if err := visit(j); err != nil {
				return err
			}
			d = max(d, depth[j]+1)
		}
		if d > maxResolveDepth {
			return fmt.Errorf("%w: objects nested through object streams deeper than %d", errMalformed, maxResolveDepth)
		}
		depth[i], state[i] = d, done
		return nil
	}
	// The graph is acyclic with depth ≤ maxResolveDepth when this returns
	// nil, so visit's own recursion is bounded too: it fails at the first
	// path longer than that.
	for i, e := range table {
		if e.inStream {
			if err := visit(uint32(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxDictScan bounds the bytes read for one object's dictionary.
const maxDictScan = 1 << 20

// dictRefs lists the indirect references in the dictionary of the object
// at off (every one: the library may resolve any key of it). The
// dictionary is read with the CMap lexer, whose white space (NUL
// included), comments and strings are the library's, so "6\x000 R" and
// "6 0 %c\nR" count and a reference-shaped string does not. (A regexp on
// \s missed the NUL the library takes for a space, and a fuzzed object
// stream whose /Length sat inside itself overflowed the stack.) It
// over-counts rather than under-counts: any whole numbers before R.
func dictRefs(data []byte, off int64) []uint32 {
	if off <= 0 || off >= int64(len(data)) {
		return nil
	}
	w := data[off:min(int64(len(data)), off+maxDictScan)]
	o := bytes.Index(w, []byte("obj"))
	if o < 0 {
		return nil
	}
	w = w[o+3:]
	end := scanDict(w, nil)
	var out []uint32
	l := lexer{data: w[:end]}
	var prev [2]token // the two tokens before the current one
	for {
		t, ok := l.next()
		if !ok {
			return out
		}
		if t.kind == tokKeyword && t.s == "R" && prev[0].kind == tokNumber && prev[1].kind == tokNumber &&
			wholeNumber(prev[1].num) && wholeNumber(prev[0].num) && prev[0].num <= math.MaxUint32 {
			out = append(out, uint32(prev[0].num))
		}
		prev[0], prev[1] = prev[1], t
	}
}

// wholeNumber reports whether v is a whole number ≥ 0.
func wholeNumber(v float64) bool { return v >= 0 && v == math.Trunc(v) }

// scanDict scans the dictionary that starts w (after white space and
// comments) the way the library's lexer does, calling name with the span
// of every name token in it, and returns its end. Without a dictionary, or
// when it is unbalanced, the end is the first "stream"/"endobj" or len(w).
func scanDict(w []byte, name func(i, j int)) int {
	limit := len(w)
	for _, kw := range []string{"stream", "endobj"} {
		if i := bytes.Index(w, []byte(kw)); i >= 0 && i < limit {
			limit = i
		}
	}
	depth := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '%':
			for i < len(w) && w[i] != '\r' && w[i] != '\n' {
				i++
			}
		case c == '(':
			for n := 0; i < len(w); i++ {
				if w[i] == '\\' {
					i++
				} else if w[i] == '(' {
					n++
				} else if w[i] == ')' {
					if n--; n == 0 {
						break
					}
				}
			}
		case c == '<' && i+1 < len(w) && w[i+1] == '<':
			depth++
			i++
		case c == '<':
			for i < len(w) && w[i] != '>' {
				i++
			}
		case c == '>' && i+1 < len(w) && w[i+1] == '>':
			depth--
			i++
			if depth <= 0 {
				return i + 1
			}
		case c == '/':
			j := i + 1
			for j < len(w) && !isPDFSpace(w[j]) && !isPDFDelim(w[j]) {
				j++
			}
			if name != nil && depth > 0 {
				name(i, j)
			}
			i = j - 1
		case depth == 0 && !isPDFSpace(c):
			return limit // not a dictionary
		}
	}
	return limit
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelim(c byte) bool { return bytes.IndexByte([]byte("<>()[]{}/%"), c) >= 0 }

// decodeName decodes the #xx escapes of a name token (without its slash).
func decodeName(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// withoutEncrypt returns data with the /Encrypt key of the newest trailer
// renamed (same length, so every offset holds), or data itself when it has
// none. The library resolves the encryption dictionary while it opens the
// file, before guardObjStreams can look at its table; opening this copy
// first gives the table without resolving anything.
func withoutEncrypt(data []byte) []byte {
	at, ok := trailerAt(data)
	if !ok {
		return data
	}
	var spans [][2]int
	scanDict(data[at:min(int64(len(data)), at+maxDictScan)], func(i, j int) {
		if decodeName(data[at+int64(i)+1:at+int64(j)]) == "Encrypt" {
			spans = append(spans, [2]int{i, j})
		}
	})
	if spans == nil {
		return data
	}
	out := bytes.Clone(data)
	for _, s := range spans {
		for k := s[0] + 1; k < s[1]; k++ {
			out[at+int64(k)] = 'X'
		}
	}
	return out
}

// trailerAt finds the newest trailer dictionary: after the "trailer"
// keyword of a cross-reference table, or after "obj" of a
// cross-reference stream.
func trailerAt(data []byte) (int64, bool) {
	at, ok := startXref(data)
	if !ok || at < 0 || at >= int64(len(data)) {
		return 0, false
	}
	w := data[at:]
	if t := bytes.TrimLeft(w, "\x00\t\n\f\r "); bytes.HasPrefix(t, []byte("xref")) {
		i := bytes.Index(w, []byte("trailer"))
		if i < 0 {
			return 0, false
		}
		return at + int64(i+len("trailer")), true
	}
	i := bytes.Index(w[:min(len(w), 64)], []byte("obj"))
	if i < 0 {
		return 0, false
	}
	return at + int64(i+len("obj")), true
}

// startXref finds the offset the library starts from: the last
// "startxref" on a line of its own within the last 100 bytes.
func startXref(data []byte) (int64, bool) {
	const endChunk = 100
	if len(data) < endChunk {
		return 0, false
	}
	buf := bytes.TrimRight(data[len(data)-endChunk:], "\r\n\t ")
	for hi := len(buf); ; {
		i := bytes.LastIndex(buf[:hi], []byte("startxref"))
		if i <= 0 || i+9 >= len(buf) {
			return 0, false
		}
		if (buf[i-1] == '\n' || buf[i-1] == '\r') && (buf[i+9] == '\n' || buf[i+9] == '\r') {
			f := bytes.Fields(buf[i+9:])
			if len(f) == 0 {
				return 0, false
			}
			n, err := strconv.ParseInt(string(f[0]), 10, 64)
			return n, err == nil
		}
		hi = i
	}
}
