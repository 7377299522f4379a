// Package pdftest builds small PDFs for tests of the PDF reader: objects
// given as text, with a correct cross-reference table.
package pdftest

import (
	"bytes"
	"fmt"
	"image"
	"image/png"

	"codeberg.org/go-pdf/fpdf"
)

// Build writes a PDF whose objects are numbered 1… in order, object 1
// being the catalog.
func Build(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// Stream writes a stream object with its dictionary entries and data.
func Stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Encrypted returns a one-page PDF made by fpdf, encrypted with a user
// password ("secret"), so a reader without it cannot open it.
func Encrypted() ([]byte, error) {
	f := fpdf.New("P", "mm", "A5", "")
	f.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Cell(40, 10, "hidden")
	var b bytes.Buffer
	err := f.Output(&b)
	return b.Bytes(), err
}

// Scanned returns a one-page PDF made by fpdf whose page is an image and
// has no text, like a scan without OCR.
func Scanned() ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 4)
	}
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		return nil, err
	}
	f := fpdf.New("P", "mm", "A5", "")
	f.AddPage()
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	f.RegisterImageOptionsReader("scan", opt, &p)
	f.ImageOptions("scan", 10, 10, 100, 100, false, opt, 0, "")
	var b bytes.Buffer
	err := f.Output(&b)
	return b.Bytes(), err
}
