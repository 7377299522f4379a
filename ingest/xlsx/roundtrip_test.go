package xlsx_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	rx "github.com/kaoping/kaoping/render/xlsx"
)

// fixtures are the inputs whose model must survive model → xlsx → model.
func fixtures(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../fixtures/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures (%v)", err)
	}
	return files
}

// ignorePlaces drops where things were read (line numbers of a text dump,
// rows of a sheet), which differ between the two inputs by nature.
// Headers are compared without white space, and Indicator.Raw not at all:
// the cleaned workbook prints a letter-spaced header (完 成 时 限) plain and
// an indicator the canonical way (（3分） for (3分)); those are the changes a
// clean form makes, and the model read from it keeps no printed variant.
var ignorePlaces = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Headers" },
		cmp.Transformer("unspace", func(m map[string]string) map[string]string {
			out := make(map[string]string, len(m))
			for k, v := range m {
				out[k] = strings.ReplaceAll(v, " ", "")
			}
			return out
		})),
	cmpopts.IgnoreFields(model.Item{}, "Source"),
	cmpopts.IgnoreFields(model.Indicator{}, "Raw"),
	cmpopts.IgnoreFields(model.Form{}, "Where", "HeaderWhere"),
	cmpopts.IgnoreFields(model.Total{}, "Where"),
	cmpopts.EquateEmpty(),
}

// TestRoundTrip reads each fixture (and the handmade sample model), renders
// its forms to xlsx, reads the workbook back through the same form builder
// and compares the forms.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	docs := map[string]*model.Document{}
	for _, path := range fixtures(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Read(ctx, filepath.Base(path), data)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(path)] = doc
	}
	docs["sample.json"] = sample.Document(t)
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := rx.Write(ctx, &buf, doc, rx.Options{}); err != nil {
				t.Fatal(err)
			}
			back, err := ingest.Read(ctx, "back.xlsx", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if back.Source.Format != "xlsx" {
				t.Errorf("format %q", back.Source.Format)
			}
			for i := range doc.Forms {
				// The clean form prints its 附件 label; a form that had
				// none comes back as 附件1.
				if i < len(back.Forms) && doc.Forms[i].Attachment == 0 && back.Forms[i].Attachment == 1 {
					back.Forms[i].Attachment = 0
				}
			}
			if d := cmp.Diff(doc.Forms, back.Forms, ignorePlaces); d != "" {
				t.Errorf("forms differ after the round trip (-before +after):\n%s", d)
			}
			// a cleaned workbook needs no repair when read back
			for _, f := range back.Findings {
				t.Errorf("finding on the round trip: %s %s %s", f.Rule, f.At.Row, f.Message)
			}
		})
	}
}
