package ingest_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// FuzzReadText feeds the text reader and the shared parsers arbitrary bytes:
// they must return a document or an *readerr.Error, never panic, and a
// document they return must hold at least one form. The seed corpus (the
// fixture, cut and mangled) runs in every go test.
func FuzzReadText(f *testing.F) {
	src := seed(f)
	f.Add(src)
	f.Add(src[:len(src)/2])
	f.Add(src[len(src)/3:])
	f.Add(bytes.ReplaceAll(src, []byte("\t"), []byte("\t\t")))
	f.Add(bytes.ReplaceAll(src, []byte("-"), []byte("")))
	f.Add(bytes.ReplaceAll(src, []byte("\n"), []byte("\f\n")))
	f.Add([]byte("项目\t序号\t二级指标\t权重\n\t1-1\tx\t2\n"))
	f.Add([]byte("序号\t二级指标\t权重\t完成时限\n1-1-1\t\t\t\n1-1-1\t\t\t\n"))
	f.Add([]byte("\xff\xfe\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ingest.Read(context.Background(), "fuzz.txt", data)
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if len(doc.Forms) == 0 || doc.Findings == nil || doc.Schema != model.Schema {
			t.Fatalf("document without form or findings: %+v", doc)
		}
	})
}
