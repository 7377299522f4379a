// Package docx reads a Word document (Office Open XML, .docx) into a
// flow.Flow: paragraphs in order as text blocks and tables as rows with exact
// row and column spans, so the notice parser and the form builder that read
// PDFs and text dumps read DOCX too.
//
// What a person sees in Word is not all in document.xml: the 一、/（一）/1.
// in front of a heading usually comes from automatic numbering
// (numbering.xml, often through the heading's style in styles.xml). The
// reader keeps Word's counters and puts the rendered marker in front of the
// text, so the outline parser sees what it would see in a PDF of the file.
package docx

import (
	"context"
	"encoding/xml"
	"errors"
	"path"
	"strings"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
)

const (
	mainType      = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	macroMainType = "application/vnd.ms-word.document.macroEnabled.main+xml"
	templateType  = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	relNumbering  = "/numbering"
	relStyles     = "/styles"
)

// isDOCX reports whether data is a zip container holding a WordprocessingML
// main part, deciding by content, not by the file name.
func isDOCX(data []byte) bool {
	if !zipsafe.IsZip(data) {
		return false
	}
	zr, err := zipsafe.Open("", data, zipsafe.DefaultLimits)
	if err != nil {
		return false
	}
	return mainPart(zr) != ""
}

type xTypes struct {
	Override []struct {
		PartName    string `xml:"PartName,attr"`
		ContentType string `xml:"ContentType,attr"`
	} `xml:"Override"`
}

type xRels struct {
	Rel []struct {
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

// mainPart finds the document part: from [Content_Types].xml, else the
// conventional word/document.xml.
func mainPart(zr *zipsafe.Reader) string {
	if d, err := zr.XML("[Content_Types].xml"); err == nil {
		var ct xTypes
		if d.Decode(&ct) == nil {
			for _, o := range ct.Override {
				switch o.ContentType {
				case mainType, macroMainType, templateType:
					name := strings.TrimPrefix(o.PartName, "/")
					if zr.Has(name) {
						return name
					}
				}
			}
		}
	}
	if zr.Has("word/document.xml") {
		return "word/document.xml"
	}
	return ""
}

// Read parses a DOCX file into a flow with exact spans.
func Read(ctx context.Context, file string, data []byte) (flow.Flow, error) {
	return readLimits(ctx, file, data, zipsafe.DefaultLimits)
}

// readLimits is Read with explicit container limits.
func readLimits(ctx context.Context, file string, data []byte, lim zipsafe.Limits) (flow.Flow, error) {
	zr, err := zipsafe.Open(file, data, lim)
	if err != nil {
		return flow.Flow{}, err
	}
	main := mainPart(zr)
	if main == "" {
		return flow.Flow{}, readerr.New(readerr.Corrupt, zipsafe.ErrMissing, "ZIP 中没有 word/document.xml，不是 DOCX 文件", "no word/document.xml in the zip: not a DOCX file")
	}
	if err := ctx.Err(); err != nil {
		return flow.Flow{}, err
	}
	rels := parts(zr, main)
	st, err := optional(zr, file, rels[relStyles], "word/styles.xml", parseStyles)
	if err != nil {
		return flow.Flow{}, err
	}
	num, err := optional(zr, file, rels[relNumbering], "word/numbering.xml", func(d *xml.Decoder) (*numbering, error) {
		return parseNumbering(d, st)
	})
	if err != nil {
		return flow.Flow{}, err
	}
	if num == nil {
		num, _ = parseNumbering(nil, st)
	}
	if num.styles == nil {
		num.styles = &styles{byID: map[string]xStyle{}}
	}
	d, err := zr.XML(main)
	if err != nil {
		return flow.Flow{}, err
	}
	b := &bodyReader{num: num}
	if err := b.run(d); err != nil {
		return flow.Flow{}, wrap(file, main, err)
	}
	return flow.Flow{Blocks: b.blocks, ExactSpans: true}, nil
}

// parts reads the main part's relationships and returns the target member of
// each relationship type suffix (/styles, /numbering).
func parts(zr *zipsafe.Reader, main string) map[string]string {
	out := map[string]string{}
	relName := path.Join(path.Dir(main), "_rels", path.Base(main)+".rels")
	d, err := zr.XML(relName)
	if err != nil {
		return out
	}
	var r xRels
	if d.Decode(&r) != nil {
		return out
	}
	for _, rel := range r.Rel {
		if strings.EqualFold(rel.Mode, "External") {
			continue
		}
		i := strings.LastIndex(rel.Type, "/")
		if i < 0 {
			continue
		}
		t := rel.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(path.Dir(main), t)
		}
		out[rel.Type[i:]] = t
	}
	return out
}

// optional parses a part that a document may lack (styles, numbering): a
// missing part is nil, a broken one is an error, a too large one too.
func optional[T any](zr *zipsafe.Reader, file, name, fallback string, parse func(*xml.Decoder) (T, error)) (T, error) {
	var zero T
	if name == "" || !zr.Has(name) {
		name = fallback
	}
	if !zr.Has(name) {
		return zero, nil
	}
	d, err := zr.XML(name)
	if err != nil {
		return zero, err
	}
	v, err := parse(d)
	if err != nil {
		return zero, wrap(file, name, err)
	}
	return v, nil
}

func wrap(file, part string, err error) error {
	var ie *readerr.Error
	if errors.As(err, &ie) {
		return err
	}
	if errors.Is(err, errTooManyBlocks) {
		return readerr.Newf(readerr.TooLarge, err, "段落和表格行超过 %d 个", "more than %d paragraphs and table rows", maxBlocks)
	}
	return readerr.Newf(readerr.Corrupt, err, "%s 不是有效的 XML", "%s is not valid XML", part)
}
