// Package pdftest builds small PDFs for tests of the PDF reader: objects
// given as text, with a correct cross-reference table.
package pdftest

import (
	"bytes"
	"compress/zlib"
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

// Table builds a one-page PDF of a ruled table, a title line above it:
// the smallest born-digital 考评表 the whole pipeline reads to a form, for
// fuzz seeds (about 2 KB, where a producer's file is 30–220 KB). Its font
// is a Type0 font with Identity-H codes and a ToUnicode CMap, not
// embedded, one 10-point em per character.
func Table(title string, rows [][]string) []byte {
	const size, pad, rowH = 10.0, 4.0, 16.0
	codes := map[rune]int{}
	var order []rune
	hex := func(s string) string {
		var h strings.Builder
		for _, r := range s {
			c, ok := codes[r]
			if !ok {
				c = len(order) + 1
				codes[r] = c
				order = append(order, r)
			}
			fmt.Fprintf(&h, "%04X", c)
		}
		return h.String()
	}
	var widths []float64
	for _, row := range rows {
		for i, cell := range row {
			for len(widths) <= i {
				widths = append(widths, 2*pad)
			}
			widths[i] = max(widths[i], float64(len([]rune(cell)))*size+2*pad)
		}
	}
	tableW := 0.0
	for _, w := range widths {
		tableW += w
	}
	const left = 20.0
	pageW, pageH := tableW+2*left, float64(len(rows))*rowH+80
	top := pageH - 50
	var c strings.Builder
	fmt.Fprintf(&c, "BT /F1 14 Tf %.1f %.1f Td <%s> Tj ET\n", left, pageH-30, hex(title))
	for r, row := range rows {
		x := left
		for i, cell := range row {
			fmt.Fprintf(&c, "BT /F1 %.0f Tf %.1f %.1f Td <%s> Tj ET\n", size, x+pad, top-float64(r+1)*rowH+4, hex(cell))
			x += widths[i]
		}
	}
	c.WriteString("0.5 w\n")
	for r := 0; r <= len(rows); r++ {
		y := top - float64(r)*rowH
		fmt.Fprintf(&c, "%.1f %.1f m %.1f %.1f l S\n", left, y, left+tableW, y)
	}
	x := left
	for i := 0; i <= len(widths); i++ {
		fmt.Fprintf(&c, "%.1f %.1f m %.1f %.1f l S\n", x, top, x, top-float64(len(rows))*rowH)
		if i < len(widths) {
			x += widths[i]
		}
	}
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	for i := 0; i < len(order); i += 100 {
		chunk := order[i:min(i+100, len(order))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(chunk))
		for j, r := range chunk {
			fmt.Fprintf(&cmap, "<%04X> <%s>\n", i+j+1, utf16Hex(r))
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end")
	return Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 %.0f %.0f] >>", pageW, pageH),
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		Stream("", c.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
		Stream("", cmap.String()))
}

// utf16Hex is r in UTF-16BE, as hex digits.
func utf16Hex(r rune) string {
	if r < 0x10000 {
		return fmt.Sprintf("%04X", r)
	}
	r -= 0x10000
	return fmt.Sprintf("%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
}

// page is a one-page PDF whose page has content and no resources.
func page(content string) []byte {
	return Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 100] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		Stream("", content))
}

// LoopingPages has a page tree that holds itself.
func LoopingPages() []byte {
	return Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>",
		"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R >>")
}

// CircularPrev has a trailer that names its own table as the previous one.
func CircularPrev() []byte {
	circ := Build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
	x := bytes.LastIndex(circ, []byte("xref"))
	return bytes.Replace(circ, []byte("/Root 1 0 R"), fmt.Appendf(nil, "/Root 1 0 R /Prev %d", x), 1)
}

// DeepNesting has a content stream of n open arrays.
func DeepNesting(n int) []byte { return page(strings.Repeat("[", n)) }

// ManyPages has a page tree of n pages (the 100,000-page file is 3 MB).
func ManyPages(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	var kids strings.Builder
	for i := range n {
		fmt.Fprintf(&kids, "%d 0 R ", i+3)
	}
	objs = append(objs, fmt.Sprintf("<< /Type /Pages /Count %d /MediaBox [0 0 10 10] /Kids [%s] >>", n, kids.String()))
	for range n {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R >>")
	}
	return Build(objs...)
}

// ToUnicodeBomb is a one-page PDF whose font's ToUnicode stream inflates to
// n bytes (a multiple of 1 MB) from about n/1000 on disk.
func ToUnicodeBomb(n int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := make([]byte, 1<<20)
	for range n >> 20 {
		zw.Write(chunk) // writing to memory does not fail
	}
	zw.Close()
	return Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 100] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		Stream("", "BT /F1 10 Tf 10 10 Td (A) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
		Stream("/Filter /FlateDecode", z.String()))
}

// hostile is every hostile PDF shape of the hostile corpus in a small size,
// for fuzz seeds: the object stream stored in itself, the object stream
// whose /Length is stored in it, a looping page tree, a circular /Prev,
// 2,000 open arrays, 20 pages and a ToUnicode bomb of 1 MB (1 KB on disk).
func hostile() [][]byte {
	return [][]byte{ObjStm(0, false), ObjStm(4, false), ObjStm(0, true), LoopingPages(), CircularPrev(),
		DeepNesting(2000), ManyPages(20), ToUnicodeBomb(1 << 20)}
}

// Seeds are small PDFs for the fuzz targets over PDF bytes: two tables the
// whole pipeline reads to a form (Table, 2–3 KB, where a producer's file is
// 30–220 KB), cut and with bytes flipped, and the hostile shapes. A seed's
// size is paid on every exec of its mutations and on every minimisation.
func Seeds() [][]byte {
	form := Table("绩效目标考评表", [][]string{
		{"序号", "一级指标", "二级指标", "权重", "完成时限", "责任部门"},
		{"1-1", "招商引资", "签约项目10个。", "2", "6月底前", "经济科"},
		{"1-2", "", "举办对接会。", "3", "12月底前", "办公室"},
		{"合计", "", "", "5", "", ""},
	})
	small := Table("考核表", [][]string{{"序号", "考核内容", "分值"}, {"1", "x", "10"}})
	var seeds [][]byte
	for _, data := range [][]byte{form, small} {
		seeds = append(seeds, data, data[:len(data)/2], data[:len(data)-10])
		m := bytes.Clone(data)
		for i := len(m) / 3; i < len(m)/3+32 && i < len(m); i++ {
			m[i] ^= 0x3C
		}
		seeds = append(seeds, m)
	}
	return append(seeds, hostile()...)
}
