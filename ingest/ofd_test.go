package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// TestOFDSigned: an OFD carrying a signature folder says so in Source, and
// the form is read as without it.
func TestOFDSigned(t *testing.T) {
	data, err := os.ReadFile("../fixtures/ofd/synthetic-form.ofd")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Read(context.Background(), "form.ofd", data)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Source.Signed || plain.Source.Annotated {
		t.Fatalf("unsigned fixture reads as signed: %+v", plain.Source)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	w, err := zw.Create("Doc_0/Signs/Signatures.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"/>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	signed, err := Read(context.Background(), "signed.ofd", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !signed.Source.Signed {
		t.Error("Source.Signed is false for an OFD with Signs/")
	}
	if len(signed.Forms) != len(plain.Forms) || len(signed.Forms[0].Categories) != len(plain.Forms[0].Categories) {
		t.Error("the signature changed the form")
	}
}

// TestOFDScanNeedsOCR: an image-only OFD without the OCR engine names the
// command that installs it, as an image-only PDF does.
func TestOFDScanNeedsOCR(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 20, 20))); err != nil {
		t.Fatal(err)
	}
	data, err := ofdtest.Write([]ofdtest.Page{{Images: []ofdtest.Image{{X: 0, Y: 0, W: 210, H: 297, Data: b.Bytes(), Format: "PNG"}}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Pages(WithOCR(context.Background(), &OCR{Dir: t.TempDir()}), "scan.ofd", data)
	if readerr.KindOf(err) != readerr.NoOCR || !strings.Contains(err.Error()+readerrMessage(err), "install-ocr.sh") {
		t.Fatalf("image-only OFD without OCR: %v, want NoOCR naming the install command", err)
	}
}

func readerrMessage(err error) string {
	var e *readerr.Error
	if errors.As(err, &e) {
		return e.Message("en")
	}
	return ""
}
