// Package office recognises input formats by their content and converts the
// office formats kaoping does not parse itself (.doc, .wps, .xls, .et, and
// OpenDocument .odt/.ods) to DOCX or XLSX with LibreOffice, so that one DOCX
// reader and one XLSX reader serve them all. A clerk's file is often named
// wrongly (a .doc that is really DOCX, a .xls saved as HTML), so the name is
// never trusted alone: the bytes decide.
package office

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/kaoping/kaoping/ingest/zipsafe"
	"github.com/kaoping/kaoping/model"
	"github.com/richardlehane/mscfb"
)

// fileFormat is what Detect found: a Source.Format name (model.Format*)
// for what kaoping reads, or one of the kinds below it refuses.
type fileFormat string

const (
	formatUnknown fileFormat = ""
	formatPDF     fileFormat = model.FormatPDF
	formatDOCX    fileFormat = model.FormatDOCX
	formatXLSX    fileFormat = model.FormatXLSX
	formatOFD     fileFormat = model.FormatOFD
	formatODT     fileFormat = model.FormatODT // OpenDocument text: convert to DOCX
	formatODS     fileFormat = model.FormatODS // OpenDocument spreadsheet: convert to XLSX
	formatDoc     fileFormat = model.FormatDoc // OLE word processing (Word 97–2003, WPS Writer .wps)
	formatSheet   fileFormat = model.FormatXLS // OLE spreadsheet (Excel 97–2003, WPS Spreadsheets .et)
	formatOLE     fileFormat = "ole"           // an OLE compound file of another kind
	Crypt         fileFormat = "encrypted-ooxml"
	formatZip     fileFormat = "zip" // a zip of none of the kinds above
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Detect tells the format of data from its bytes: %PDF, the OLE compound
// file header D0 CF 11 E0 (then its stream names), or a zip and its members.
func Detect(data []byte) fileFormat {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return formatPDF
	case bytes.HasPrefix(data, oleMagic):
		return oleKind(data)
	case zipsafe.IsZip(data):
		return zipKind(data)
	}
	return formatUnknown
}

func zipKind(data []byte) fileFormat {
	zr, err := zipsafe.Open("", data, zipsafe.DefaultLimits)
	if err != nil {
		return formatUnknown
	}
	switch {
	case zr.Has("OFD.xml"):
		return formatOFD
	case zr.Has("word/document.xml"):
		return formatDOCX
	case zr.Has("xl/workbook.xml"):
		return formatXLSX
	case zr.Has("mimetype"):
		m, err := zr.ReadFile("mimetype")
		if err == nil {
			switch strings.TrimSpace(string(m)) {
			case "application/vnd.oasis.opendocument.text":
				return formatODT
			case "application/vnd.oasis.opendocument.spreadsheet":
				return formatODS
			}
		}
	}
	// A DOCX or XLSX whose main part is not at the usual place.
	if ct, err := zr.ReadFile("[Content_Types].xml"); err == nil {
		switch {
		case bytes.Contains(ct, []byte("wordprocessingml.document.main")):
			return formatDOCX
		case bytes.Contains(ct, []byte("spreadsheetml.sheet.main")):
			return formatXLSX
		}
	}
	return formatZip
}

// maxOLEEntries bounds the directory walk of a hostile compound file.
const maxOLEEntries = 10000

// oleKind looks at the stream names of a compound file: WordDocument for
// Word and WPS Writer, Workbook/Book for Excel and WPS Spreadsheets,
// EncryptedPackage for a password-protected DOCX/XLSX.
func oleKind(data []byte) (f fileFormat) {
	defer func() {
		if recover() != nil {
			f = formatOLE // a damaged directory: still OLE, not ours to parse
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return formatOLE
	}
	for i := 0; i < maxOLEEntries; i++ {
		e, err := r.Next()
		if errors.Is(err, io.EOF) || err != nil {
			break
		}
		switch e.Name {
		case "WordDocument":
			return formatDoc
		case "Workbook", "Book", "WORKBOOK", "BOOK":
			return formatSheet
		case "EncryptedPackage":
			return Crypt
		}
	}
	return formatOLE
}
