package zipsafe

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/readerr"
)

type member struct {
	name string
	body []byte
	// lie, when > 0, is the uncompressed size written in the headers
	// instead of the true one, as a hostile file would.
	lie uint64
}

func makeZip(t *testing.T, ms ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range ms {
		if m.lie == 0 {
			w, err := zw.Create(m.name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(m.body); err != nil {
				t.Fatal(err)
			}
			continue
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		fw.Write(m.body)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: m.name, Method: zip.Deflate, CompressedSize64: uint64(comp.Len()), UncompressedSize64: m.lie})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(comp.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLimits(t *testing.T) {
	big := bytes.Repeat([]byte("a"), 3000)
	var many []member
	for i := 0; i < 11; i++ {
		many = append(many, member{name: "m" + strconv.Itoa(i), body: []byte("x")})
	}
	lim := Limits{MaxMembers: 10, MaxMember: 2000, MaxTotal: 5000, MaxDepth: 8}
	tests := []struct {
		name    string
		data    []byte
		read    []string
		kind    readerr.Kind // readerr.Unknown: no error
		openErr bool
	}{
		{"fine", makeZip(t, member{name: "a", body: []byte("hello")}), []string{"a"}, readerr.Unknown, false},
		{"too many members", makeZip(t, many...), nil, readerr.TooLarge, true},
		{"member over limit", makeZip(t, member{name: "a", body: big}), []string{"a"}, readerr.TooLarge, false},
		// archive/zip stops at the declared size and reports the rest as damage
		{"header lies about size", makeZip(t, member{name: "a", body: big, lie: 10}), []string{"a"}, readerr.Corrupt, false},
		{"total over limit", makeZip(t, member{name: "a", body: big[:1900]}, member{name: "b", body: big[:1900]}, member{name: "c", body: big[:1900]}), []string{"a", "b", "c"}, readerr.TooLarge, false},
		{"same member read twice counts twice", makeZip(t, member{name: "a", body: big[:1900]}), []string{"a", "a", "a"}, readerr.TooLarge, false},
		{"missing member", makeZip(t, member{name: "a", body: []byte("x")}), []string{"b"}, readerr.Corrupt, false},
		{"not a zip", []byte("%PDF-1.4"), nil, readerr.Corrupt, true},
		{"truncated", makeZip(t, member{name: "a", body: big})[:40], nil, readerr.Corrupt, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Open("t.zip", tc.data, lim)
			if tc.openErr {
				if readerr.KindOf(err) != tc.kind {
					t.Fatalf("open: %v, want kind %v", err, tc.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var last error
			for _, n := range tc.read {
				if _, err := r.ReadFile(n); err != nil {
					last = err
					break
				}
			}
			if readerr.KindOf(last) != tc.kind {
				t.Errorf("got %v, want kind %v", last, tc.kind)
			}
		})
	}
}

// TestBomb: 64 MiB of zeros pack into 64 KiB; with a 16 MiB member limit,
// the member is refused before inflating, whether its header tells the true
// size or an absurd one. (A header that understates the size is caught by
// archive/zip itself, which stops at the declared size: see TestLimits.)
func TestBomb(t *testing.T) {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	zero := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		fw.Write(zero)
	}
	fw.Close()
	for _, declared := range []uint64{64 << 20, 1<<63 - 1} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
		w.Write(comp.Bytes())
		zw.Close()
		r, err := Open("bomb.docx", buf.Bytes(), Limits{MaxMember: 16 << 20})
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.ReadFile("word/document.xml")
		if readerr.KindOf(err) != readerr.TooLarge {
			t.Fatalf("declared %d: got %v", declared, err)
		}
		var e *readerr.Error
		if !errors.As(err, &e) || !strings.Contains(e.DetailEn, "zip member") || !strings.Contains(e.Detail, "ZIP 成员") {
			t.Errorf("message: %q / %q", e.Detail, e.DetailEn)
		}
	}
}

func TestXMLDepth(t *testing.T) {
	tests := []struct {
		depth int
		ok    bool
	}{{8, true}, {9, false}, {100000, false}}
	for _, tc := range tests {
		doc := strings.Repeat("<a:x xmlns:a='u'>", tc.depth) + strings.Repeat("</a:x>", tc.depth)
		d := newXMLDecoder("t.xml", []byte(doc), 8)
		var err error
		n := 0
		for err == nil {
			var tok xml.Token
			tok, err = d.Token()
			if se, ok := tok.(xml.StartElement); ok && se.Name.Space != "u" {
				t.Fatalf("namespace not translated: %+v", se.Name)
			}
			n++
		}
		if tc.ok && err != io.EOF {
			t.Errorf("depth %d: %v", tc.depth, err)
		}
		if !tc.ok && readerr.KindOf(err) != readerr.TooLarge {
			t.Errorf("depth %d: got %v, want readerr.TooLarge", tc.depth, err)
		}
	}
}

func TestNames(t *testing.T) {
	r, err := Open("t.zip", makeZip(t, member{name: "/Doc_0/Signs/Sign_0/x.dat", body: []byte("x")}, member{name: "OFD.xml", body: []byte("<a/>")}), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Has("Doc_0/Signs/Sign_0/x.dat") || !r.Has("./OFD.xml") || !r.HasPrefix("Doc_0/Signs") || r.HasPrefix("Doc_0/Sig") || len(r.Names()) != 2 {
		t.Error("name lookups wrong")
	}
}
