package office

import (
	"github.com/kaoping/kaoping/ingest/office/officetest"
	"github.com/kaoping/kaoping/ingest/zipsafe/ziptest"
)

// ole is officetest's compound file with one stream, cut after its
// directory: 1.5 KB where Word's and Excel's files are 10–25 KB. Detect
// reads only the directory.
func ole(stream string) []byte { return officetest.CompoundFile(stream)[:3*512] }

// detectSeeds are small inputs of every kind Detect tells apart, and
// damaged ones: compound files (ole), zips with the members that name
// DOCX, XLSX, OFD, ODT, ODS or a [Content_Types].xml, a PDF head.
func detectSeeds() [][]byte {
	doc := ole("WordDocument")
	bad := append([]byte(nil), doc...)
	bad[512+4] = 0x07 // the directory's chain points past the end
	return [][]byte{
		doc, ole("Workbook"), ole("EncryptedPackage"), ole("Root"), doc[:700], bad,
		ziptest.Of("word/document.xml", "<w:document/>"), ziptest.Of("xl/workbook.xml", "<workbook/>"), ziptest.Of("OFD.xml", "<ofd:OFD/>"),
		ziptest.Of("mimetype", "application/vnd.oasis.opendocument.text"), ziptest.Of("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
		ziptest.Of("[Content_Types].xml", `<Types><Override PartName="/w/d.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
		[]byte("%PDF-1.7\n"),
	}
}
