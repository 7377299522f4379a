package office

import (
	"encoding/binary"
	"testing"
	"unicode/utf16"

	"github.com/kaoping/kaoping/ingest/zipsafe/ziptest"
)

// ole writes the smallest compound file (version 3, 512-byte sectors) whose
// directory holds empty streams of the given names: 1.5 KB where Word's and
// Excel's files are 10–25 KB. Sector 0 is the FAT, sector 1 the directory
// (four entries: the root, then the streams as a chain of right siblings).
func ole(names ...string) []byte {
	const sect = 512
	const free, end, fatSect, noStream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
	if len(names) > 3 {
		panic("ole: at most three streams")
	}
	b := make([]byte, 3*sect)
	le := binary.LittleEndian
	copy(b, oleMagic)
	le.PutUint16(b[24:], 0x3E)
	le.PutUint16(b[26:], 3)
	le.PutUint16(b[28:], 0xFFFE)
	le.PutUint16(b[30:], 9)
	le.PutUint16(b[32:], 6)
	le.PutUint32(b[44:], 1)      // FAT sectors
	le.PutUint32(b[48:], 1)      // first directory sector
	le.PutUint32(b[56:], 0x1000) // mini stream cutoff
	le.PutUint32(b[60:], end)    // no mini FAT
	le.PutUint32(b[68:], end)    // no DIFAT sectors
	for i := range 109 {
		le.PutUint32(b[76+4*i:], free)
	}
	le.PutUint32(b[76:], 0) // the FAT is sector 0
	fat := b[sect : 2*sect]
	for i := range sect / 4 {
		le.PutUint32(fat[4*i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], end)
	dir := b[2*sect:]
	entry := func(i int, name string, typ byte, right, child uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], end)
	}
	child := uint32(noStream)
	if len(names) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, noStream, child)
	for i, n := range names {
		right := uint32(noStream)
		if i+1 < len(names) {
			right = uint32(i + 2)
		}
		entry(i+1, n, 2, right, noStream)
	}
	for i := len(names) + 1; i < 4; i++ {
		e := dir[128*i:]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	return b
}

func TestOLE(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  Format
	}{
		{[]string{"WordDocument", "1Table"}, Doc},
		{[]string{"Workbook"}, Sheet},
		{[]string{"\x05SummaryInformation", "EncryptedInfo", "EncryptedPackage"}, Crypt},
		{nil, OLE},
	} {
		if got := Detect(ole(tc.names...)); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.names, got, tc.want)
		}
	}
}

// detectSeeds are small inputs of every kind Detect tells apart, and
// damaged ones: compound files (ole), zips with the members that name
// DOCX, XLSX, OFD, ODT, ODS or a [Content_Types].xml, a PDF head.
func detectSeeds() [][]byte {
	doc := ole("WordDocument", "1Table")
	bad := append([]byte(nil), doc...)
	bad[512+4] = 0x07 // the directory's chain points past the end
	return [][]byte{
		doc, ole("Workbook"), ole("EncryptedInfo", "EncryptedPackage"), doc[:700], bad,
		ziptest.Of("word/document.xml", "<w:document/>"), ziptest.Of("xl/workbook.xml", "<workbook/>"), ziptest.Of("OFD.xml", "<ofd:OFD/>"),
		ziptest.Of("mimetype", "application/vnd.oasis.opendocument.text"), ziptest.Of("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
		ziptest.Of("[Content_Types].xml", `<Types><Override PartName="/w/d.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
		[]byte("%PDF-1.7\n"),
	}
}
