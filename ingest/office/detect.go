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
	"github.com/richardlehane/mscfb"
)

// Format is what Detect found.
type Format string

const (
	Unknown Format = ""
	PDF     Format = "pdf"
	DOCX    Format = "docx"
	XLSX    Format = "xlsx"
	OFD     Format = "ofd"
	ODT     Format = "odt" // OpenDocument text: convert to DOCX
	ODS     Format = "ods" // OpenDocument spreadsheet: convert to XLSX
	Doc     Format = "doc" // OLE word processing (Word 97–2003, WPS Writer .wps)
	Sheet   Format = "xls" // OLE spreadsheet (Excel 97–2003, WPS Spreadsheets .et)
	OLE     Format = "ole" // an OLE compound file of another kind
	Crypt   Format = "encrypted-ooxml"
	Zip     Format = "zip" // a zip of none of the kinds above
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Detect tells the format of data from its bytes: %PDF, the OLE compound
// file header D0 CF 11 E0 (then its stream names), or a zip and its members.
func Detect(data []byte) Format {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(data, oleMagic):
		return oleKind(data)
	case zipsafe.IsZip(data):
		return zipKind(data)
	}
	return Unknown
}

func zipKind(data []byte) Format {
	zr, err := zipsafe.Open("", data, zipsafe.DefaultLimits)
	if err != nil {
		return Unknown
	}
	switch {
	case zr.Has("OFD.xml"):
		return OFD
	case zr.Has("word/document.xml"):
		return DOCX
	case zr.Has("xl/workbook.xml"):
		return XLSX
	case zr.Has("mimetype"):
		m, err := zr.ReadFile("mimetype")
		if err == nil {
			switch strings.TrimSpace(string(m)) {
			case "application/vnd.oasis.opendocument.text":
				return ODT
			case "application/vnd.oasis.opendocument.spreadsheet":
				return ODS
			}
		}
	}
	// A DOCX or XLSX whose main part is not at the usual place.
	if ct, err := zr.ReadFile("[Content_Types].xml"); err == nil {
		switch {
		case bytes.Contains(ct, []byte("wordprocessingml.document.main")):
			return DOCX
		case bytes.Contains(ct, []byte("spreadsheetml.sheet.main")):
			return XLSX
		}
	}
	return Zip
}

// maxOLEEntries bounds the directory walk of a hostile compound file.
const maxOLEEntries = 10000

// oleKind looks at the stream names of a compound file: WordDocument for
// Word and WPS Writer, Workbook/Book for Excel and WPS Spreadsheets,
// EncryptedPackage for a password-protected DOCX/XLSX.
func oleKind(data []byte) (f Format) {
	defer func() {
		if recover() != nil {
			f = OLE // a damaged directory: still OLE, not ours to parse
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return OLE
	}
	for i := 0; i < maxOLEEntries; i++ {
		e, err := r.Next()
		if errors.Is(err, io.EOF) || err != nil {
			break
		}
		switch e.Name {
		case "WordDocument":
			return Doc
		case "Workbook", "Book", "WORKBOOK", "BOOK":
			return Sheet
		case "EncryptedPackage":
			return Crypt
		}
	}
	return OLE
}
