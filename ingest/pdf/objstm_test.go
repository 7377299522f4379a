package pdf

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"testing"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// TestObjStmHonest: a page tree kept in an object stream reads, so the
// guard does not refuse what the library handles.
func TestObjStmHonest(t *testing.T) {
	pages, err := Pages(context.Background(), "ok.pdf", pdftest.ObjStm(0, false))
	if err != nil {
		t.Fatalf("Pages: %v", err)
	}
	if len(pages) != 1 || pages[0].Width != 200 {
		t.Fatalf("got %d pages, first %+v", len(pages), pages)
	}
}

// TestObjStmLoops: files whose objects are needed to read themselves are
// refused as corrupt. Without the guard the library recurses until the
// stack overflows, a fatal error that no recover catches: this test would
// crash the test binary rather than fail.
func TestObjStmLoops(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"stream stored in itself", pdftest.ObjStm(4, false)},
		{"length stored in the stream it measures", pdftest.ObjStm(0, true)},
		{"encrypted and stored in itself", encryptRef(pdftest.ObjStm(4, false))},
		// the library's white space includes NUL and form feed, where a
		// regexp's \s does not (two fuzzed files overflowed the stack so)
		{"length reference split by NUL", lengthSep("6\x000 R")},
		{"length reference split by NUL before R", lengthSep("6 0\x00R")},
		{"length reference split by form feed and tab", lengthSep("6\f0\tR")},
		{"length reference split by a comment", lengthSep("6%\n0 R")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Pages(context.Background(), "loop.pdf", tt.data)
			var pe *readerr.Error
			if !errors.As(err, &pe) || pe.Kind != readerr.Corrupt {
				t.Fatalf("err %v, want a Corrupt *readerr.Error", err)
			}
			if !errors.Is(err, errMalformed) {
				t.Fatalf("err %v does not wrap errMalformed", err)
			}
		})
	}
}

// lengthSep is the file whose object stream's /Length is stored in
// itself, with the reference "6 0 R" written as ref (as many bytes, so
// every offset holds).
func lengthSep(ref string) []byte {
	in := string(pdftest.ObjStm(0, true))
	out := replaceOnce(in, "/Length 6 0 R", "/Length "+ref)
	if out == in {
		panic("pdftest.ObjStm(0, true) has no /Length 6 0 R to rewrite")
	}
	return []byte(out)
}

// encryptRef adds to the cross-reference stream's dictionary an /Encrypt
// that points at object 2, stored in the looping object stream: the
// library resolves it while opening the file.
func encryptRef(data []byte) []byte {
	return []byte(replaceOnce(string(data), "/Type /XRef", "/Encrypt 2 0 R /ID [(a)] /Type /XRef"))
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

// TestObjStmGuardSeesLibraryTable: the guard reads the library's private
// table; a library upgrade that changes it must fail here, not silently
// disable the guard.
func TestObjStmGuardSeesLibraryTable(t *testing.T) {
	data := pdftest.ObjStm(4, false)
	r, err := lpdf.NewReader(readerFor(data, false), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := libraryXref(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab) != 7 || !tab[2].inStream || tab[2].stream != 4 || !tab[4].inStream || tab[4].stream != 4 || tab[1].inStream || tab[1].offset == 0 {
		t.Fatalf("table %+v", tab)
	}
}

// TestObjStmFixtures: every fixture rewritten by qpdf with object streams
// (and cross-reference streams) reads to the same glyphs, so the guard
// passes what real writers produce.
func TestObjStmFixtures(t *testing.T) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed")
	}
	for _, file := range fixtures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "os.pdf")
			if b, err := exec.Command(qpdf, "--object-streams=generate", file, out).CombinedOutput(); err != nil {
				t.Skipf("qpdf: %v %s", err, b) // qpdf refuses some damaged fixtures
			}
			want := readFixture(t, file)
			got := readFixture(t, out)
			if len(got) != len(want) {
				t.Fatalf("%d pages, want %d", len(got), len(want))
			}
			for i := range got {
				if text(got[i]) != text(want[i]) {
					t.Fatalf("page %d differs", i+1)
				}
			}
		})
	}
}

// TestEntryRef: entryRef reads the reference a dictionary entry holds
// without resolving it, as the font cache needs; a library upgrade that
// changes its private types must fail here, not silently lose the cache.
func TestEntryRef(t *testing.T) {
	data := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R /F2 << /Type /Font >> >> >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	)
	r, err := lpdf.NewReader(readerFor(data, false), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	fonts := r.Page(1).V.Key("Resources").Key("Font")
	for _, c := range []struct {
		v    lpdf.Value
		key  string
		want objID
	}{
		{fonts, "F1", objID{4, 0}},
		{fonts, "F2", objID{}},                 // a direct dictionary
		{fonts, "F9", objID{}},                 // no such entry
		{fonts.Key("F1"), "BaseFont", objID{}}, // a name
		{lpdf.Value{}, "F1", objID{}},          // null
	} {
		if got := entryRef(c.v, c.key); got != c.want {
			t.Errorf("entryRef(%s) = %v, want %v", c.key, got, c.want)
		}
	}
	if got := idOf(fonts.Key("F1")); got != (objID{4, 0}) {
		t.Errorf("idOf(resolved F1) = %v: the cache key of a font found by reference differs from the one found by resolving", got)
	}
}
