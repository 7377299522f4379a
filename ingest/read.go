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
	"errors"
	"fmt"
	"strings"

	"github.com/kaoping/kaoping/ingest/docx"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/ingest/kpjson"
	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/ingest/office"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/ingest/text"
	"github.com/kaoping/kaoping/ingest/zipsafe"
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
// A file that holds a notice but no form is a document with its notice and
// no forms; every error comes with a nil document.
func Read(ctx context.Context, name string, data []byte) (*model.Document, error) {
	if len(data) > MaxInput {
		return nil, Errorf(name, KindTooLarge, nil, "%d MB", len(data)>>20)
	}
	// A kaoping document written earlier (convert's JSON, the page's download).
	if kpjson.Sniff(data) {
		return readDocument(name, data)
	}
	// .doc/.wps/.xls/.et/.odt/.ods: LibreOffice makes DOCX or XLSX of them.
	if of := office.Detect(data); of != office.Unknown {
		if of == office.Crypt {
			// Word and Excel save a password-protected DOCX or XLSX as a
			// compound file with an EncryptedPackage stream.
			return nil, Errorf(name, KindEncrypted, nil, "")
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
			return nil, textError(name, err)
		}
		enc = t.Encoding
		fl, err = text.Flow(t.Text)
		if err != nil {
			return nil, textError(name, err)
		}
	case FormatDOCX:
		fl, err = docx.Read(ctx, name, data)
		if err != nil {
			return nil, zipError(name, err)
		}
	case FormatPDF:
		pages, err := PDFPages(ctx, name, data)
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
		d, err := readOFD(ctx, name, data)
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
		fl, err = readXLSX(ctx, name, data)
		if err != nil {
			return nil, err
		}
	default:
		if format == "" {
			return nil, Errorf(name, KindBinary, nil, "")
		}
		return nil, Errorf(name, KindUnsupported, nil, "%s", format)
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
		if form.IsNoForm(err) && isNotice(doc.Notice) {
			// A 正文 without its 附件 (the usual case: OA systems send them
			// as two files) is a notice of its own, checked as one; a caller
			// that has the 附件 as well joins them (kaoping convert
			// --as-one, kaoping batch).
			doc.Forms = []model.Form{}
			doc.Findings = []model.Finding{}
			return doc, nil
		}
		return nil, formError(name, err)
	}
	doc.Forms = forms
	doc.Findings = findings
	if doc.Findings == nil {
		doc.Findings = []model.Finding{}
	}
	return doc, nil
}

// isNotice reports whether a notice read from a file without a form is a
// 公文 worth its own document: it names itself (发文机关标志, 发文字号 or a
// title) and whom or when (主送 or 成文日期). A memo that opens with 各位同事：
// is neither a notice nor a form.
func isNotice(n *model.Notice) bool {
	return n != nil && (n.IssuerMark != "" || n.DocNumber != nil || n.Title != "") && (len(n.Recipients) > 0 || n.Date != "")
}

func noticeDate(n *model.Notice) string {
	if n == nil {
		return ""
	}
	return n.Date
}

func textError(name string, err error) error {
	switch {
	case text.IsEmpty(err):
		return Errorf(name, KindEmpty, err, "")
	case text.IsBinary(err):
		return Errorf(name, KindBinary, err, "")
	case text.IsEncoding(err):
		return Errorf(name, KindEncoding, err, "")
	}
	var tl *text.LineTooLongError
	if asErr(err, &tl) {
		e := Errorf(name, KindTooLarge, err, "第 %d 行超过 %d KB", tl.Line, text.MaxLine>>10)
		e.DetailEn = fmt.Sprintf("line %d is over %d KB", tl.Line, text.MaxLine>>10)
		return e
	}
	return Errorf(name, KindUnknown, err, "")
}

func formError(name string, err error) error {
	switch {
	case form.IsNoForm(err):
		return Errorf(name, KindNoForm, err, "")
	case form.IsTruncated(err):
		var t *form.TruncatedError
		if asErr(err, &t) {
			e := Errorf(name, KindTruncated, err, "序号 %s", t.Row)
			e.DetailEn = "row " + t.Row
			return e
		}
		return Errorf(name, KindTruncated, err, "")
	}
	return Errorf(name, KindUnknown, fmt.Errorf("build form: %w", err), "")
}

// readDocument reads a kaoping JSON document back as it was written: its
// source is the file it was first read from, its findings and repairs stay.
func readDocument(name string, data []byte) (*model.Document, error) {
	doc, err := kpjson.Read(data)
	if err == nil {
		return doc, nil
	}
	var se *kpjson.ErrSchema
	if errors.As(err, &se) {
		e := Errorf(name, KindUnsupported, err, "kaoping 文档版本 %q，本版本读 %s", se.Schema, strings.Join(kpjson.Schemas, "、"))
		e.DetailEn = fmt.Sprintf("kaoping document version %q; this version reads %s", se.Schema, strings.Join(kpjson.Schemas, ", "))
		return nil, e
	}
	e := Errorf(name, KindCorrupt, err, "kaoping JSON 文档无法解析：%v", err)
	e.DetailEn = fmt.Sprintf("the kaoping JSON document cannot be parsed: %v", err)
	return nil, e
}

// readConverted reads an office file through its LibreOffice conversion; the
// source keeps the original's format and checksum.
func readConverted(ctx context.Context, name string, data []byte, f office.Format) (*model.Document, error) {
	conv, err := office.Convert(ctx, name, data, f)
	if err != nil {
		return nil, zipError(name, err)
	}
	doc, err := Read(ctx, name, conv)
	if doc == nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	doc.Source.Format = string(f)
	doc.Source.SHA256 = hex.EncodeToString(sum[:])
	return doc, err
}

// zipError maps the failures of the zip-based readers (DOCX, OFD, the
// LibreOffice conversion) to ingest kinds.
func zipError(name string, err error) error {
	var ze *zipsafe.Error
	if !asErr(err, &ze) {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return Errorf(name, KindUnknown, err, "")
	}
	kind := map[zipsafe.Kind]Kind{
		zipsafe.KindCorrupt:     KindCorrupt,
		zipsafe.KindTooLarge:    KindTooLarge,
		zipsafe.KindTruncated:   KindTruncated,
		zipsafe.KindUnsupported: KindUnsupported,
		zipsafe.KindEncrypted:   KindEncrypted,
		zipsafe.KindScanned:     KindScanned,
	}[ze.Kind]
	e := Errorf(name, kind, err, "%s", ze.Detail)
	e.DetailEn = ze.DetailEn
	return e
}
