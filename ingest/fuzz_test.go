package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// FuzzReadText feeds the text reader and the shared parsers arbitrary bytes:
// they must return a document or an *readerr.Error, never panic, and a
// document they return must hold at least one form. The seed corpus (the
// fixture, cut and mangled) runs in every go test.
func FuzzReadText(f *testing.F) {
	src := seed(f)
	f.Add(src)
	f.Add(src[:len(src)/2])
	f.Add(src[len(src)/3:])
	f.Add(bytes.ReplaceAll(src, []byte("\t"), []byte("\t\t")))
	f.Add(bytes.ReplaceAll(src, []byte("-"), []byte("")))
	f.Add(bytes.ReplaceAll(src, []byte("\n"), []byte("\f\n")))
	f.Add([]byte("项目\t序号\t二级指标\t权重\n\t1-1\tx\t2\n"))
	f.Add([]byte("序号\t二级指标\t权重\t完成时限\n1-1-1\t\t\t\n1-1-1\t\t\t\n"))
	f.Add([]byte("\xff\xfe\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ingest.Read(context.Background(), "fuzz.txt", data)
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if len(doc.Forms) == 0 || doc.Findings == nil || doc.Schema != model.Schema {
			t.Fatalf("document without form or findings: %+v", doc)
		}
	})
}

// FuzzReadPDF runs the whole PDF pipeline, bytes to form: the object
// layer, the walker, the table finder, the form builder. Seeds are the
// fixture PDFs (their first 64 KB for the big ones, with a fake end), cut
// and flipped, and the hostile object-stream files.
func FuzzReadPDF(f *testing.F) {
	files, _ := filepath.Glob("../fixtures/pdf/*.pdf")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 64<<10 {
			data = append(bytes.Clone(data[:64<<10]), "\nstartxref\n0\n%%EOF\n"...)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
		m := bytes.Clone(data)
		for i := len(m) / 3; i < len(m)/3+32 && i < len(m); i++ {
			m[i] ^= 0x3C
		}
		f.Add(m)
	}
	f.Add(pdftest.ObjStm(0, false))
	f.Add(pdftest.ObjStm(4, false))
	f.Add(pdftest.ObjStm(0, true))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(bytes.TrimLeft(data, " \r\n\t"), []byte("%PDF")) {
			return // other readers have their own targets
		}
		doc, err := ingest.Read(context.Background(), "fuzz.pdf", data)
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if len(doc.Forms) == 0 || doc.Schema != model.Schema {
			t.Fatalf("document without a form: %+v", doc)
		}
	})
}
