package ingest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// tinyDump is the smallest text dump with every part the readers look for:
// a 红头, 文号, title, addressees, body, signature, date, 附件 and a form with
// a two-row header, a merged 一级指标, a page break and a total. The fuzz
// seeds are built from it rather than from the 24 KB fixture: every seed is
// run on each mutation of itself and minimised on every new path, so a
// seed's size is paid on every exec.
const tinyDump = "某某局文件\n\n某发〔2024〕3号\n\n某某局关于印发2024年度绩效目标的通知\n\n各科室：\n\n现将考评表印发给你们。\n\n某某局\n\n2024年3月5日\n\n" +
	"附件\n\n2024年度绩效目标考评表\n\n" +
	"项 目\t序号\t一级指标\t目 标 内 容\t\t\t责 任 分 解\n" +
	"\t\t\t二级指标\t权重\t完成时限\t责任部门\n" +
	"重点工作\t1-1\t招商引资（5分）\t签约项目10个。\t2\t6月底前\t经济科\n" +
	"\t1-2\t\t举办对接会。\t3\t12月底前\t经济科、办公室\n\f" +
	"常规工作\t2-1\t党建\t学习贯彻。\t1.5\t全年\t办公室\n" +
	"合计\t\t\t\t6.5\t\t\n"

// textSeeds are the fuzz seeds of the text reader: tinyDump, cut, in each
// encoding the reader detects, and the hostile shapes it has limits for
// (a very long row, very many columns, NUL bytes, lone CRs).
func textSeeds(tb testing.TB) [][]byte {
	src := []byte(tinyDump)
	enc := func(tr transform.Transformer) []byte {
		out, _, err := transform.Bytes(tr, src)
		if err != nil {
			tb.Fatal(err)
		}
		return out
	}
	return [][]byte{
		src,
		src[:len(src)/2],
		src[len(src)/3:],
		bytes.ReplaceAll(src, []byte("\t"), []byte("\t\t")),
		bytes.ReplaceAll(src, []byte("-"), []byte("")),
		bytes.ReplaceAll(src, []byte("\n"), []byte("\r")),
		bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")),
		enc(simplifiedchinese.GBK.NewEncoder()),
		enc(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()),
		append([]byte("\xef\xbb\xbf"), src...),
		[]byte("项目\t序号\t二级指标\t权重\n\t1-1\tx\t2\n"),
		[]byte("序号\t二级指标\t权重\t完成时限\n1-1-1\t\t\t\n1-1-1\t\t\t\n"),
		[]byte("序号\t二级指标\t权重\n1-1-1-1-1-1-1-1-1-1-1-1\tx\t1e308\n1\t" + strings.Repeat("长", 1000) + "\t-0\n"),
		[]byte("序号\t二级指标\t权重" + strings.Repeat("\t权重", 300) + "\n1\tx\t2\n"),
		[]byte("序号\x00\t二级指标\t权重\n1\x00\tx\t2\n"),
		[]byte("\xff\xfe\x00\x00"),
	}
}

// FuzzReadText feeds the text reader and the shared parsers arbitrary bytes:
// they must return a document or an *readerr.Error, never panic, and a
// document they return must hold a form or a notice. The seed corpus runs in
// every go test.
func FuzzReadText(f *testing.F) {
	for _, s := range textSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if ingest.Detect(data) != model.FormatText {
			// the other readers have their own targets; an office file
			// would start LibreOffice and an image OCR on every exec
			return
		}
		doc, err := ingest.Read(context.Background(), "fuzz.txt", data)
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		// a 正文 without its 附件 is a document of its own, with a notice
		if (len(doc.Forms) == 0 && doc.Notice == nil) || doc.Findings == nil || doc.Schema != model.Schema {
			t.Fatalf("document without form, notice or findings: %+v", doc)
		}
	})
}

// FuzzReadPDF runs the whole PDF pipeline, bytes to form: the object
// layer, the walker, the table finder, the form builder. Its seeds are
// small PDFs that read to a form and the hostile shapes (pdftest.Seeds).
func FuzzReadPDF(f *testing.F) {
	for _, s := range pdftest.Seeds() {
		f.Add(s)
	}
	// A PDF without text would open the OCR engine (a second) and render
	// its pages with poppler on every exec; OCR has its own tests, so here
	// the engine is missing and such a file fails with readerr.NoOCR.
	ctx := ingest.WithOCR(context.Background(), &ingest.OCR{Dir: f.TempDir()})
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(bytes.TrimLeft(data, " \r\n\t"), []byte("%PDF")) {
			return // other readers have their own targets
		}
		doc, err := ingest.Read(ctx, "fuzz.pdf", data)
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if (len(doc.Forms) == 0 && doc.Notice == nil) || doc.Findings == nil || doc.Schema != model.Schema {
			t.Fatalf("document without form, notice or findings: %+v", doc)
		}
	})
}
