// Package xlsxtest writes small workbooks by hand, part by part, for the
// tests: hostile ones (merge bombs, a million rows, sixteen thousand
// columns, a huge shared-strings table) that excelize would refuse to
// write or would materialise while writing, and whose zipped size is tiny.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// Header is a 考评表 header row as shared-string-free inline cells.
var Header = []string{"序号", "一级指标", "二级指标", "权重", "评分标准"}

// Sheet describes one worksheet: rows written by write (which receives a
// writer for the <sheetData> content), then the merges.
type Sheet struct {
	Rows   func(w io.Writer)
	Merges []string
}

// Book zips a workbook of one sheet. sst, when not nil, writes the
// content of xl/sharedStrings.xml's <sst>.
func Book(sh Sheet, sst func(w io.Writer)) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	part := func(name string, write func(w io.Writer)) {
		w, err := z.Create(name)
		if err != nil {
			panic(err) // writing to memory does not fail
		}
		write(w)
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	if sst != nil {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	part("[Content_Types].xml", text(ct+`</Types>`))
	part("_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != nil {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	part("xl/_rels/workbook.xml.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		if sh.Rows != nil {
			sh.Rows(w)
		}
		io.WriteString(w, `</sheetData>`)
		if len(sh.Merges) > 0 {
			fmt.Fprintf(w, `<mergeCells count="%d">`, len(sh.Merges))
			for _, m := range sh.Merges {
				fmt.Fprintf(w, `<mergeCell ref="%s"/>`, m)
			}
			io.WriteString(w, `</mergeCells>`)
		}
		io.WriteString(w, `</worksheet>`)
	})
	if sst != nil {
		part("xl/sharedStrings.xml", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			sst(w)
			io.WriteString(w, `</sst>`)
		})
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Row writes row r (1-based) with inline strings from column A.
func Row(w io.Writer, r int, cells ...string) {
	fmt.Fprintf(w, `<row r="%d">`, r)
	for i, c := range cells {
		fmt.Fprintf(w, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, col(i+1), r, c)
	}
	io.WriteString(w, `</row>`)
}

// col is the column name of 1-based column c (1 → A, 16384 → XFD).
func col(c int) string {
	s := ""
	for ; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// form writes a header and a few item rows, so the sheet holds a 考评表.
func form(w io.Writer) {
	Row(w, 1, Header...)
	Row(w, 2, "1", "党建", "学习", "10", "按时完成")
}

// Honest is a small valid 考评表 with one merge, the control case.
func Honest() []byte {
	return Book(Sheet{Rows: form, Merges: []string{"B2:B3"}}, nil)
}

// MergeBomb merges A3 to column XFD, row rows, and has a value in that last
// row: 16,384 × rows cells for a reader that materialises merges, in a
// file of a few KB.
func MergeBomb(rows int) []byte { return MergeTo("XFD", rows) }

// MergeTo is the 考评表 of form with one merge from A3 to column col, row
// rows, and a value in that last row; the header is left alone.
func MergeTo(col string, rows int) []byte {
	return Book(Sheet{Rows: func(w io.Writer) {
		form(w)
		fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>1</v></c></row>`, rows, rows)
	}, Merges: []string{fmt.Sprintf("A3:%s%d", col, rows)}}, nil)
}

// ManyMerges has n one-row merges, each across the form's five columns
// (small merges: only their number is hostile).
func ManyMerges(n int) []byte {
	m := make([]string, n)
	for i := range m {
		m[i] = fmt.Sprintf("A%d:E%d", i+3, i+3)
	}
	return Book(Sheet{Rows: form, Merges: m}, nil)
}

// TallSheet has a value in every one of rows rows.
func TallSheet(rows int) []byte {
	return Book(Sheet{Rows: func(w io.Writer) {
		form(w)
		for r := 3; r <= rows; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
		}
	}}, nil)
}

// WideSheet has cols values in each of rows rows.
func WideSheet(cols, rows int) []byte {
	return Book(Sheet{Rows: func(w io.Writer) {
		form(w)
		for r := 3; r < rows+3; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r)
			for c := 1; c <= cols; c++ {
				fmt.Fprintf(w, `<c r="%s%d"><v>1</v></c>`, col(c), r)
			}
			io.WriteString(w, `</row>`)
		}
	}}, nil)
}

// BigSharedStrings has a shared-strings table of about size bytes, n
// strings of equal length, and a cell using the first.
func BigSharedStrings(size int) []byte {
	const n = 1000
	s := bytes.Repeat([]byte("字"), size/n/3)
	return Book(Sheet{Rows: func(w io.Writer) {
		form(w)
		io.WriteString(w, `<row r="3"><c r="A3" t="s"><v>0</v></c></row>`)
	}}, func(w io.Writer) {
		for range n {
			fmt.Fprintf(w, "<si><t>%s</t></si>", s)
		}
	})
}
