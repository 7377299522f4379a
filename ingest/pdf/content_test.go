package pdf

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
)

// legacyInterpret is how the walker read content streams before
// content.go: the stream measured against the budget, then tokenized by
// the library's Interpret, each operator's operands popped off its stack.
func legacyInterpret(w *walker, s lpdf.Value) {
	rd := s.Reader()
	n, err := io.Copy(io.Discard, io.LimitReader(rd, w.d.budget+1))
	rd.Close()
	if n > w.d.budget {
		w.d.budget = 0
		w.fail(fmt.Errorf("content stream: %w", errLimit))
	}
	w.d.budget -= n
	if err != nil {
		w.fail(fmt.Errorf("content stream: %w", err))
	}
	lpdf.Interpret(s, func(stk *lpdf.Stack, op string) {
		args := make([]operand, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = fromValue(stk.Pop())
		}
		w.args = args
		w.exec(op)
	})
}

// fromValue is the operand the library's Value stands for.
func fromValue(v lpdf.Value) operand {
	switch v.Kind() {
	case lpdf.Bool:
		if v.Bool() {
			return operand{kind: okBool, num: 1}
		}
		return operand{kind: okBool}
	case lpdf.Integer:
		return operand{kind: okInt, num: float64(v.Int64())}
	case lpdf.Real:
		return operand{kind: okReal, num: v.Float64()}
	case lpdf.String:
		return operand{kind: okString, b: []byte(v.RawString())}
	case lpdf.Name:
		return operand{kind: okName, b: []byte(v.Name())}
	case lpdf.Array:
		o := operand{kind: okArray, arr: []operand{}}
		for i := 0; i < v.Len(); i++ {
			o.arr = append(o.arr, fromValue(v.Index(i)))
		}
		return o
	case lpdf.Dict:
		o := operand{kind: okDict, arr: []operand{}}
		for _, k := range v.Keys() {
			o.arr = append(o.arr, operand{kind: okName, b: []byte(k)}, fromValue(v.Key(k)))
		}
		return o
	}
	return operand{}
}

// lexerCorpus is every PDF in the repository (the fixtures, the producer
// matrix sample, the encrypted test files), the fuzz seeds, and content
// streams that probe the tokenizer's corners.
func lexerCorpus(t *testing.T) map[string][]byte {
	t.Helper()
	corpus := map[string][]byte{}
	err := filepath.WalkDir("../..", func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (e.Name() == ".git" || e.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			corpus[p] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range pdftest.Seeds() {
		corpus[fmt.Sprintf("seed %d", i)] = s
	}
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	for i, c := range lexerProbes {
		corpus[fmt.Sprintf("probe %d %q", i, c)] = onePage(c, res, helv)
	}
	return corpus
}

// lexerProbes are content streams at the corners of the syntax: escapes,
// numbers at the edges of their types, nesting, errors inside and outside
// arrays and dictionaries, the PostScript the library runs, the end of the
// stream in the middle of a token.
var lexerProbes = []string{
	"BT /F1 10 Tf 10 20 Td [(A) -1000 (B)] TJ ET",
	"BT /F1 10 Tf 10 20 Td [(A) -1000 (B) TJ ET",
	"BT /F1 10 Tf 10 20 Td [(A) foo (B)] TJ (AB) Tj ET",
	"BT /F1 10 Tf 10 20 Td [(A) > (B)] TJ ET",
	"BT /F1 10 Tf 10 20 Td [(A) <41 42> <4> (B)] TJ ET",
	"BT /F1 10 Tf 10 20 Td (A\\101\\7B\\0500\\n\\r\\t\\b\\f\\(\\)\\\\\\\nB\\\r\nA\\\rB) Tj ET",
	"BT /F1 10 Tf 10 20 Td (A(B)A) Tj ((A)) Tj (A\\q) Tj ET",
	"BT /F1 10 Tf 10 20 Td (A\\777) Tj ET",
	"BT /F1 10 Tf +10 -20.5 Td -.5 +.25 TD 1. 0 Td 0.000000000000000000000001 0 Td ET",
	"BT /F1 10 Tf 12345678901234567890.5 1 Td 1234567890123456.75 1 Td 0.1234567890123456789 1 Td ET",
	"BT /F1 10 Tf 9223372036854775807 -9223372036854775808 Td ET",
	"BT /F1 10 Tf 9223372036854775808 0 Td ET",
	"BT /F1 10 Tf . 0 Td ET",
	"BT /F1 10 Tf 1..2 3 Td +- 5 Td 1e5 6 Td true false Td null 3 Td ET",
	"BT /F#31 10 Tf 10 20 Td (A) Tj /F#3 10 Tf ET",
	"BT /F1 10 Tf 10 20 Td /Span << /ActualText (\xfe\xff\x62\x37) >> BDC (A) Tj EMC ET",
	"BT /F1 10 Tf 10 20 Td /Span << /ActualText (B\x80\xa0) /ActualText (AB) >> BDC (AB) Tj EMC ET",
	"BT /F1 10 Tf 10 20 Td /Span << /ActualText (\x01) >> BDC (AB) Tj EMC ET",
	"BT /F1 10 Tf 10 20 Td /Span << 3 (x) >> BDC (AB) Tj EMC ET",
	"BT /F1 10 Tf 10 20 Td /Span << /A >> /ActualText (B) >> BDC (AB) Tj EMC ET",
	"BT /F1 10 Tf 10 20 Td [[[(A)]] (B) [1 [2]] <<>> >> ] TJ ET",
	"BT /F1 10 Tf 10 20 Td ] >> { } (A) Tj ET",
	"BT /F1 10 Tf 10 20 Td 5 dict begin /x (A) def x Tj end x Tj ET",
	"BT /F1 10 Tf 10 20 Td (B) (A) pop Tj 3 def ET",
	"BT /F1 10 Tf 10 20 Td 5 begin ET",
	"BT /F1 10 Tf 10 20 Td end ET",
	"BT /F1 10 Tf 10 20 Td currentdict ET",
	"BT /F1 10 Tf 10 20 Td % comment (A) Tj\r(B) Tj%\n(A) Tj ET",
	"BT /F1 10 Tf 10 20 Td (A) Tj ) ET",
	"BT /F1 10 Tf 10 20 Td (A) Tj > ET",
	"BT /F1 10 Tf 10 20 Td <4G> Tj ET",
	"q 1 0 0 1 0 0 cm BI /W 1 /H 1 ID \x00\xff EI Q BT /F1 10 Tf 10 20 Td (A) Tj ET",
	"q q q 1 0 0 1 0 0 cm BI /W 1 /H 1 ID \x00\xff) EI Q",
	"0 0 m 100 0 l 100 100 l h S 10 10 50 50 re f 2 w 0 0 m 0 100 l S",
	"BT /F1 10 Tf 10 20 Td (A) Tj ET (unterminated",
	"BT /F1 10 Tf 10 20 Td (A) Tj ET (unterminated\\",
	"BT /F1 10 Tf 10 20 Td (A) Tj ET [(A) (B",
	"BT /F1 10 Tf 10 20 Td (A) Tj ET << /a [ (unterminated",
	"BT /F1 10 Tf 10 20 Td (A) Tj /F1",
	"BT /F1 10 Tf 10 20 Td (A) Tj ET 12",
	"BT /F1 10 Tf 10 20 Td (A) Tj ET",
	strings.Repeat("[", 1100) + "(A)" + strings.Repeat("]", 1100) + " BT /F1 10 Tf 10 20 Td (A) Tj ET",
}

// TestContentLexer reads every file of the corpus with content.go and with
// the library's Interpret: the same pages, or an error from both.
func TestContentLexer(t *testing.T) {
	lim := defaultLimits()
	opts := cmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateEmpty()}
	for name, data := range lexerCorpus(t) {
		got, gotErr := pagesWith(context.Background(), "x.pdf", data, lim, nil)
		want, wantErr := pagesWith(context.Background(), "x.pdf", data, lim, legacyInterpret)
		if (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s: error %v, Interpret's %v", name, gotErr, wantErr)
			continue
		}
		if d := cmp.Diff(want, got, opts); d != "" {
			t.Errorf("%s: pages differ from Interpret's (-Interpret +content.go):\n%s", name, d)
		}
	}
}

// TestContentLexerHexAtEnd: a hex string the stream ends in is malformed
// (the library's Interpret never returned from it).
func TestContentLexerHexAtEnd(t *testing.T) {
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	for _, c := range []string{"BT /F1 10 Tf (A) Tj ET <41", "BT /F1 10 Tf (A) Tj ET <", "BT /F1 10 Tf (A) Tj ET [<4"} {
		_, err := Pages(context.Background(), "x.pdf", onePage(c, res, helv))
		if err == nil && !strings.HasPrefix(c, "BT /F1 10 Tf (A) Tj ET [") {
			t.Errorf("%q: no error", c)
		}
	}
}

// TestParseReal holds the short path of parseReal to strconv.ParseFloat.
func TestParseReal(t *testing.T) {
	for _, s := range []string{"0.1", "-0.0", "+.5", "1.", "123456789012345.6", "0.000000000000000000000123", "999999999999999.9", "1234567890123456.7", "0.30000000000000004", "-7.000000000000001"} {
		got, ok := parseReal([]byte(s))
		want, _ := strconv.ParseFloat(s, 64)
		if !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseReal(%s) = %v %v, want %v", s, got, ok, want)
		}
	}
}

// FuzzContentLexer reads content streams with content.go and with the
// library's Interpret: the same page, or an error from both. The probes
// are its seeds. A stream ending in an unterminated hex string is skipped:
// Interpret never returns from it (TestContentLexerHexAtEnd).
func FuzzContentLexer(f *testing.F) {
	for _, c := range lexerProbes {
		f.Add(c)
	}
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	lim := limits{MaxPages: 5, MaxObjects: 1000, MaxBytes: 1 << 20, MaxOps: 100000, MaxGlyphs: 10000}
	opts := cmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateEmpty()}
	f.Fuzz(func(t *testing.T, content string) {
		data := onePage(content, res, helv)
		got, gotErr := pagesWith(context.Background(), "x.pdf", data, lim, nil)
		if gotErr != nil && strings.Contains(gotErr.Error(), "unterminated hex string") || hexAtEnd(content) {
			return
		}
		want, wantErr := pagesWith(context.Background(), "x.pdf", data, lim, legacyInterpret)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("error %v, Interpret's %v", gotErr, wantErr)
		}
		if d := cmp.Diff(want, got, opts); d != "" {
			t.Fatalf("pages differ from Interpret's (-Interpret +content.go):\n%s", d)
		}
	})
}

// hexAtEnd reports a stream whose tokens end inside a hex string, which
// the library reads forever, also where content.go recovers (in an array).
func hexAtEnd(content string) bool {
	l := &contentLexer{}
	l.reset([]byte(content))
	hang := false
	func() {
		defer func() {
			if x := recover(); x != nil {
				if e, ok := x.(lexError); ok && e.msg == "unterminated hex string" {
					hang = true
				}
			}
		}()
		for {
			_, ok := func() (t ctoken, ok bool) {
				defer func() {
					if x := recover(); x != nil {
						if e, isLex := x.(lexError); isLex && e.msg == "unterminated hex string" {
							panic(x)
						}
						ok = true // another error: keep reading from here
					}
				}()
				t = l.readToken()
				return t, t.kind != ctEOF
			}()
			if !ok {
				return
			}
		}
	}()
	return hang
}
