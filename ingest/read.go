// Package ingest turns one input file (text dump, PDF, XLSX, DOCX, OFD) into a
// kaoping/v2 document. Each format has a reader in a package of its own that
// produces a flow.Flow; the notice parser (ingest/notice) and the form builder
// (ingest/form) then work on the flow alone, whatever the format was.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
)

// MaxInput is the largest input read, in bytes. A 考评表 notice is a few MB at most.
const MaxInput = 256 << 20

// FormatImage is the reader of page images (a scan, a photo), read by OCR,
// as PagedFormats names it; Detect and Source.Format name the image's own
// format (model.FormatJPEG, FormatPNG, FormatTIFF).
const FormatImage = "image"

// Detect names the format of data from its content, never from the file
// name, as Source.Format would (one of the model.Format* names): the first
// reader of the table that knows it, "" for none.
func Detect(data []byte) string {
	if r := lookup(data); r != nil {
		return r.name(data)
	}
	return ""
}

// Read reads one input. name is used in messages and in Source.File only.
// Errors are *readerr.Error naming the file, or the context's; they come
// with a nil document. A file that holds a notice but no form is a document
// with its notice and no forms.
func Read(ctx context.Context, name string, data []byte) (*model.Document, error) {
	doc, err := read(ctx, name, data)
	return doc, readerr.In(name, err)
}

func read(ctx context.Context, name string, data []byte) (*model.Document, error) {
	if len(data) > MaxInput {
		return nil, readerr.Newf(readerr.TooLarge, nil, "%d MB", "%d MB", len(data)>>20)
	}
	r := lookup(data)
	switch {
	case r == nil:
		return nil, readerr.New(readerr.Binary, nil, "", "")
	case r.doc != nil:
		return r.doc(ctx, name, data)
	case r.convert != nil:
		conv, err := r.convert(ctx, name, data)
		if err != nil {
			return nil, err
		}
		doc, err := read(ctx, name, conv)
		if doc != nil {
			sum := sha256.Sum256(data)
			doc.Source.Format = r.name(data)
			doc.Source.SHA256 = hex.EncodeToString(sum[:])
		}
		return doc, err
	}
	in, err := r.read(ctx, name, data)
	if err != nil {
		return nil, err
	}
	if r.paged {
		// Lines of running text and the rows of ruled and unruled tables,
		// joined across pages (ingest/tables).
		if in.flow, err = tables.Flow(ctx, in.pages); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := flowSize(in.flow); err != nil {
		return nil, err
	}
	doc, err := build(name, r.name(data), in.encoding, data, in.flow)
	if doc != nil {
		doc.Source.Signed, doc.Source.Annotated = in.signed, in.annotated
		doc.Source.OCR, doc.Source.Sealed = in.ocr, in.sealed
		if in.ocr {
			flagLowConfidence(doc, in.flow, in.pages)
		}
	}
	return doc, err
}

// Caps on the flow any reader hands to the form builder: a 考评表 notice is
// a few thousand blocks at most; past these the builder, the audit and the
// renderers would cost gigabytes.
const (
	maxBlocks = 100_000
	maxCells  = 1_000_000
)

func flowSize(fl flow.Flow) error {
	cells := 0
	for _, b := range fl.Blocks {
		cells += len(b.Cells)
	}
	if n := len(fl.Blocks); n > maxBlocks {
		return readerr.Newf(readerr.TooLarge, nil, "%d 段文字或表格行，上限 %d", "%d lines and table rows, the limit is %d", n, maxBlocks)
	}
	if cells > maxCells {
		return readerr.Newf(readerr.TooLarge, nil, "%d 个表格单元格，上限 %d", "%d table cells, the limit is %d", cells, maxCells)
	}
	return nil
}

// ErrNoPages is Pages' error for a format read straight to a flow (text,
// DOCX, XLSX): it has no page model to show.
var ErrNoPages = errors.New("ingest: the format has no page model")

// Pages reads the page model of a paged input (PDF, OFD): glyphs with
// boxes and ruling segments, what `kaoping text` prints. Errors are
// *readerr.Error naming the file, ErrNoPages, or the context's.
func Pages(ctx context.Context, name string, data []byte) ([]page.Page, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &readerr.Error{File: name, Kind: readerr.Empty}
	}
	r := lookup(data)
	if r == nil || !r.paged {
		return nil, ErrNoPages
	}
	in, err := r.read(ctx, name, data)
	return in.pages, readerr.In(name, err)
}

// PagedFormats are the formats Pages reads, in the table's order: model's
// format names, and FormatImage for every image format.
func PagedFormats() []string {
	var fs []string
	for _, r := range readers {
		if r.paged {
			fs = append(fs, r.format)
		}
	}
	return fs
}

// build runs the parsers shared by every format over the reader's flow.
func build(name string, format string, enc string, data []byte, fl flow.Flow) (*model.Document, error) {
	sum := sha256.Sum256(data)
	doc := &model.Document{
		Schema: model.Schema,
		Source: model.Source{File: name, Format: format, SHA256: hex.EncodeToString(sum[:]), Encoding: enc},
	}
	if fl.Pages > 0 {
		doc.Source.Pages = model.Int(fl.Pages)
	}
	doc.Notice = notice.Parse(fl)
	forms, findings, err := form.Build(fl, form.Options{NoticeDate: noticeDate(doc.Notice)})
	if err != nil {
		if readerr.KindOf(err) == readerr.NoForm && isNotice(doc.Notice) {
			// A 正文 without its 附件 (the usual case: OA systems send them
			// as two files) is a notice of its own, checked as one; a caller
			// that has the 附件 as well joins them (kaoping convert
			// --as-one, kaoping batch).
			doc.Forms = []model.Form{}
			doc.Findings = []model.Finding{}
			return doc, nil
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
