package ingest

import (
	"context"
	"os"
	"testing"

	"github.com/kaoping/kaoping/ingest/docx"
	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/ofd"
)

// BenchmarkReaders times the DOCX and OFD readers on their fixtures next to
// the PDF reader on the PDF of the same 考评表 (made from the same source as
// form.docx), so the numbers of one run compare. "reader" is the format
// reader alone; "flow" adds glyphs → lines for the paged formats, which is
// what ingest.Read feeds the parsers.
func BenchmarkReaders(b *testing.B) {
	ctx := context.Background()
	load := func(p string) []byte {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	cases := []struct {
		name string
		file string
		run  func([]byte) error
	}{
		{"docx/reader/form", "../fixtures/docx/form.docx", func(d []byte) error { _, err := docx.Read(ctx, "f", d); return err }},
		{"docx/reader/notice", "../fixtures/docx/notice.docx", func(d []byte) error { _, err := docx.Read(ctx, "f", d); return err }},
		{"ofd/reader/luqiao", "../fixtures/ofd/luqiao-weishengju-pifu.ofd", func(d []byte) error { _, err := ofd.Read(ctx, "f", d); return err }},
		{"ofd/reader/bengbu", "../fixtures/ofd/bengbu-han.ofd", func(d []byte) error { _, err := ofd.Read(ctx, "f", d); return err }},
		{"ofd/flow/luqiao", "../fixtures/ofd/luqiao-weishengju-pifu.ofd", func(d []byte) error {
			p, err := Pages(ctx, "f", d)
			lines.Flow(p)
			return err
		}},
		{"ofd/reader/synthetic-form", "../fixtures/ofd/synthetic-form.ofd", func(d []byte) error { _, err := ofd.Read(ctx, "f", d); return err }},
		{"pdf/reader/synthetic-form", "../fixtures/ofd/synthetic-form.pdf", func(d []byte) error { _, err := Pages(ctx, "f", d); return err }},
		{"read/synthetic-form.ofd", "../fixtures/ofd/synthetic-form.ofd", func(d []byte) error { _, err := Read(ctx, "f", d); return err }},
		{"read/synthetic-form.pdf", "../fixtures/ofd/synthetic-form.pdf", func(d []byte) error { _, err := Read(ctx, "f", d); return err }},
		{"pdf/reader/form", "../fixtures/docx/form.pdf", func(d []byte) error { _, err := Pages(ctx, "f", d); return err }},
		{"pdf/flow/form", "../fixtures/docx/form.pdf", func(d []byte) error {
			p, err := Pages(ctx, "f", d)
			lines.Flow(p)
			return err
		}},
		{"read/form.docx", "../fixtures/docx/form.docx", func(d []byte) error { _, err := Read(ctx, "f", d); return err }},
		{"read/form.pdf", "../fixtures/docx/form.pdf", func(d []byte) error { _, err := Read(ctx, "f", d); return err }},
	}
	for _, c := range cases {
		data := load(c.file)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := c.run(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
