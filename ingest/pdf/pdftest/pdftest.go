// Package pdftest builds small PDFs for tests of the PDF reader: objects
// given as text, with a correct cross-reference table.
package pdftest

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"

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

// ObjStm builds a one-page PDF whose page tree (objects 2 and 3) is stored
// in object stream 4 and whose cross-reference data is a stream (object
// 5). container is the object stream the cross-reference stream names for
// object 4 itself: 0 for the honest file (4 stored plainly), 4 for the
// hostile one that lists the object stream as stored inside itself.
// lengthRef, when set, makes the object stream's /Length an indirect
// reference to object 6, stored in stream 4 (the stream needed to read
// its own length).
func ObjStm(container int, lengthRef bool) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := map[int]int{}
	obj := func(n int, body string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	members := []string{
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 100] >>",
		"<< /Type /Page /Parent 2 0 R >>",
	}
	ids := []int{2, 3}
	if lengthRef {
		members = append(members, "000000") // the length, filled in below
		ids = append(ids, 6)
	}
	var head, body bytes.Buffer
	for i, m := range members {
		fmt.Fprintf(&head, "%d %d ", ids[i], body.Len())
		body.WriteString(m)
		body.WriteString("\n")
	}
	data := head.String() + body.String()
	if lengthRef {
		data = strings.TrimSuffix(data, "000000\n") + fmt.Sprintf("%06d\n", len(data))
	}
	length := fmt.Sprint(len(data))
	if lengthRef {
		length = "6 0 R"
	}
	obj(4, fmt.Sprintf("<< /Type /ObjStm /N %d /First %d /Length %s >>\nstream\n%s\nendstream", len(members), head.Len(), length, data))
	// cross-reference stream: W [1 4 2], entries 0–6, uncompressed
	x := b.Len()
	var tab bytes.Buffer
	entry := func(t, f2, f3 int) {
		tab.WriteByte(byte(t))
		tab.Write([]byte{byte(f2 >> 24), byte(f2 >> 16), byte(f2 >> 8), byte(f2)})
		tab.Write([]byte{byte(f3 >> 8), byte(f3)})
	}
	entry(0, 0, 65535)
	entry(1, offs[1], 0)
	entry(2, 4, 0)
	entry(2, 4, 1)
	if container == 0 {
		entry(1, offs[4], 0)
	} else {
		entry(2, container, 2)
	}
	entry(1, x, 0)
	entry(2, 4, 2)
	fmt.Fprintf(&b, "5 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", tab.Len())
	b.Write(tab.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}
