package ingest

import (
	"bytes"
	"context"

	"github.com/kaoping/kaoping/ingest/docx"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/kpjson"
	"github.com/kaoping/kaoping/ingest/ofd"
	"github.com/kaoping/kaoping/ingest/office"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/text"
	"github.com/kaoping/kaoping/ingest/xlsx"
	"github.com/kaoping/kaoping/model"
)

// reader is one entry of the table of input formats: how its bytes are
// known, and how they are read. Read, Detect and Pages (and through them
// every command) dispatch on this table alone, so a new format (a scan read
// by OCR) is one entry here and a package of its own.
type reader struct {
	format string
	// is reports whether data is this format, from its content only.
	is func(data []byte) bool
	// paged: read gives a page model (glyphs, rulings) whose lines and
	// tables ingest/lines and ingest/tables find; otherwise it gives the
	// flow itself.
	paged bool
	read  func(ctx context.Context, name string, data []byte) (input, error)
	// doc, instead of read, gives the whole document: a kaoping document
	// read back.
	doc func(ctx context.Context, name string, data []byte) (*model.Document, error)
	// convert, instead of read, turns data into a format of the table (an
	// office file through LibreOffice); the source keeps the original's
	// format and checksum.
	convert func(ctx context.Context, name string, data []byte) ([]byte, error)
	// detected, when set, names the format of data more finely than format
	// (the office formats).
	detected func(data []byte) string
}

// input is what a reader gives: pages or a flow, and the facts the source
// records.
type input struct {
	pages             []page.Page
	flow              flow.Flow
	encoding          string
	signed, annotated bool
	// ocr: the pages were read from images; sealed: the red seals on them.
	ocr    bool
	sealed []model.Ref
}

// readers is the table, tried in order; the first whose is matches reads.
var readers = []reader{
	// A kaoping document written earlier (convert's JSON, the page's
	// download), read back as it was written: its source is the file it was
	// first read from, its findings and repairs stay.
	{format: "kaoping", is: kpjson.Sniff, doc: func(_ context.Context, _ string, data []byte) (*model.Document, error) {
		return kpjson.Read(data)
	}},
	// .doc/.wps/.xls/.et/.odt/.ods: LibreOffice makes DOCX or XLSX of them.
	{format: "office", is: isOffice, convert: convertOffice, detected: func(data []byte) string { return string(office.Detect(data)) }},
	{format: model.FormatPDF, is: func(data []byte) bool { return bytes.HasPrefix(data, []byte("%PDF")) }, paged: true, read: readPDF},
	// The zip-based formats are told apart by their member names, which
	// the local file headers carry in the clear.
	{format: model.FormatXLSX, is: zipWith("xl/workbook.xml"), read: readXLSX},
	{format: model.FormatDOCX, is: zipWith("word/document.xml"), read: readDOCX},
	{format: model.FormatOFD, is: zipWith("OFD.xml"), paged: true, read: readOFD},
	// Page images (a scan, a photo) are read by OCR (ingest/scan).
	{format: FormatImage, is: isImage, detected: imageFormat, paged: true, read: readImage},
	{format: model.FormatText, is: func(data []byte) bool { return !bytes.HasPrefix(data, []byte("PK\x03\x04")) }, read: readText},
}

// lookup is the reader of data, nil for none.
func lookup(data []byte) *reader {
	for i := range readers {
		if readers[i].is(data) {
			return &readers[i]
		}
	}
	return nil
}

// name is the format data is recorded under.
func (r *reader) name(data []byte) string {
	if r.detected != nil {
		return r.detected(data)
	}
	return r.format
}

func zipWith(member string) func([]byte) bool {
	return func(data []byte) bool {
		return bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data, []byte(member))
	}
}

// readOFD gives the same page model as a PDF: the same lines and tables.
// An OFD whose pages are images only (scanner software's) is read by OCR.
func readOFD(ctx context.Context, name string, data []byte) (input, error) {
	d, err := ofd.Read(ctx, name, data)
	if readerr.KindOf(err) == readerr.Scanned {
		return readOFDScan(ctx, name, data)
	}
	if err != nil {
		return input{}, err
	}
	return input{pages: d.Pages, signed: d.Signed, annotated: d.Annotated}, nil
}

func readXLSX(ctx context.Context, _ string, data []byte) (input, error) {
	fl, err := xlsx.Read(ctx, data)
	return input{flow: fl}, err
}

func readDOCX(ctx context.Context, name string, data []byte) (input, error) {
	fl, err := docx.Read(ctx, name, data)
	return input{flow: fl}, err
}

func readText(_ context.Context, _ string, data []byte) (input, error) {
	t, err := text.Decode(data)
	if err != nil {
		return input{}, err
	}
	fl, err := text.Flow(t.Text)
	return input{flow: fl, encoding: t.Encoding}, err
}

// isOffice: a file LibreOffice converts for us, or an encrypted OOXML (a
// compound file with an EncryptedPackage stream), refused.
func isOffice(data []byte) bool {
	of := office.Detect(data)
	_, ok := office.Target(of)
	return ok || of == office.Crypt
}

// convertOffice has LibreOffice convert an office file to DOCX or XLSX.
func convertOffice(ctx context.Context, name string, data []byte) ([]byte, error) {
	f := office.Detect(data)
	if f == office.Crypt {
		// Word and Excel save a password-protected DOCX or XLSX as a
		// compound file with an EncryptedPackage stream.
		return nil, readerr.New(readerr.Encrypted, nil, "", "")
	}
	return office.Convert(ctx, name, data, f)
}
