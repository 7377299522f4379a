// Package ingest turns one input file (text dump, PDF, XLSX, DOCX, OFD) into a
// kaoping/v1 document. Each format has a reader in a package of its own that
// produces a flow.Flow; the notice parser (ingest/notice) and the form builder
// (ingest/form) then work on the flow alone, whatever the format was.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/kaoping/kaoping/ingest/docx"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/ingest/kpjson"
	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/ingest/ofd"
	"github.com/kaoping/kaoping/ingest/office"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/ingest/text"
	"github.com/kaoping/kaoping/ingest/xlsx"
	"github.com/kaoping/kaoping/model"
)

// MaxInput is the largest input read, in bytes. A 考评表 notice is a few MB at most.
const MaxInput = 256 << 20

// Format names an input format, as in Source.Format.
type Format string

const (
	FormatText Format = "txt"
	FormatPDF  Format = "pdf"
	FormatXLSX Format = "xlsx"
	FormatDOCX Format = "docx"
	FormatOFD  Format = "ofd"
)

// Detect names the format of data from its content, never from the file name.
func Detect(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return FormatPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return zipFormat(data)
	}
	return FormatText
}

// zipFormat tells the zip-based formats apart by their member names, which the
// local file headers carry in the clear.
func zipFormat(data []byte) Format {
	switch {
	case bytes.Contains(data, []byte("xl/workbook.xml")):
		return FormatXLSX
	case bytes.Contains(data, []byte("word/document.xml")):
		return FormatDOCX
	case bytes.Contains(data, []byte("OFD.xml")):
		return FormatOFD
	}
	return ""
}

// Read reads one input. name is used in messages and in Source.File only.
// Errors are *readerr.Error naming the file, or the context's. A file that
// holds a notice but no form gives a readerr.NoForm error together with the
// document carrying that notice, for a caller that joins a 正文 to the 附件
// in another file; every other error comes with a nil document.
func Read(ctx context.Context, name string, data []byte) (*model.Document, error) {
	doc, err := read(ctx, name, data)
	return doc, readerr.In(name, err)
}

func read(ctx context.Context, name string, data []byte) (*model.Document, error) {
	if len(data) > MaxInput {
		return nil, readerr.Newf(readerr.TooLarge, nil, "%d MB", "%d MB", len(data)>>20)
	}
	// A kaoping document written earlier (convert's JSON, the page's
	// download), read back as it was written: its source is the file it was
	// first read from, its findings and repairs stay.
	if kpjson.Sniff(data) {
		return kpjson.Read(data)
	}
	// .doc/.wps/.xls/.et/.odt/.ods: LibreOffice makes DOCX or XLSX of them.
	if of := office.Detect(data); of != office.Unknown {
		if of == office.Crypt {
			// Word and Excel save a password-protected DOCX or XLSX as a
			// compound file with an EncryptedPackage stream.
			return nil, readerr.New(readerr.Encrypted, nil, "", "")
		}
		if _, ok := office.Target(of); ok {
			return readConverted(ctx, name, data, of)
		}
	}
	format := Detect(data)
	var (
		fl  flow.Flow
		enc string
		err error
	)
	switch format {
	case FormatText:
		var t text.Decoded
		t, err = text.Decode(data)
		if err != nil {
			return nil, err
		}
		enc = t.Encoding
		fl, err = text.Flow(t.Text)
		if err != nil {
			return nil, err
		}
	case FormatDOCX:
		fl, err = docx.Read(ctx, name, data)
		if err != nil {
			return nil, err
		}
	case FormatPDF:
		pages, err := pdf.Pages(ctx, name, data)
		if err != nil {
			return nil, err
		}
		// Lines of running text and the rows of ruled and unruled tables,
		// joined across pages (ingest/tables).
		fl, err = tables.Flow(ctx, pages, lines.Flow)
		if err != nil {
			return nil, err
		}
	case FormatOFD:
		// The same page model as a PDF: the same lines and tables.
		d, err := ofd.Read(ctx, name, data)
		if err != nil {
			return nil, err
		}
		fl, err = tables.Flow(ctx, d.Pages, lines.Flow)
		if err != nil {
			return nil, err
		}
		doc, err := build(name, format, enc, data, fl)
		if err != nil {
			return doc, err
		}
		doc.Source.Signed, doc.Source.Annotated = d.Signed, d.Annotated
		return doc, nil
	case FormatXLSX:
		fl, err = xlsx.Read(ctx, data)
		if err != nil {
			return nil, err
		}
	default:
		if format == "" {
			return nil, readerr.New(readerr.Binary, nil, "", "")
		}
		return nil, readerr.Newf(readerr.Unsupported, nil, "%s", "%s", format)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return build(name, format, enc, data, fl)
}

// build runs the parsers shared by every format over the reader's flow.
func build(name string, format Format, enc string, data []byte, fl flow.Flow) (*model.Document, error) {
	sum := sha256.Sum256(data)
	doc := &model.Document{
		Schema: model.Schema,
		Source: model.Source{File: name, Format: string(format), SHA256: hex.EncodeToString(sum[:]), Encoding: enc},
	}
	if fl.Pages > 0 {
		doc.Source.Pages = model.Int(fl.Pages)
	}
	doc.Notice = notice.Parse(fl)
	forms, findings, err := form.Build(fl, form.Options{NoticeDate: noticeDate(doc.Notice)})
	if err != nil {
		if readerr.KindOf(err) == readerr.NoForm && doc.Notice != nil {
			// A 正文 without its 附件: the caller that reads the 附件 from
			// another file (kaoping batch) joins this notice to its forms.
			doc.Findings = []model.Finding{}
			return doc, err
		}
		return nil, err
	}
	doc.Forms = forms
	doc.Findings = findings
	if doc.Findings == nil {
		doc.Findings = []model.Finding{}
	}
	return doc, nil
}

func noticeDate(n *model.Notice) string {
	if n == nil {
		return ""
	}
	return n.Date
}

// readConverted reads an office file through its LibreOffice conversion; the
// source keeps the original's format and checksum.
func readConverted(ctx context.Context, name string, data []byte, f office.Format) (*model.Document, error) {
	conv, err := office.Convert(ctx, name, data, f)
	if err != nil {
		return nil, err
	}
	doc, err := read(ctx, name, conv)
	if doc == nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	doc.Source.Format = string(f)
	doc.Source.SHA256 = hex.EncodeToString(sum[:])
	return doc, err
}
