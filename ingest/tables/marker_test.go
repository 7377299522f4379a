package tables_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	renderpdf "github.com/kaoping/kaoping/render/pdf"
)

// TestAnnotatedRoundTrip feeds kaoping's own annotated PDF of the audited
// seed (finding markers [n] in the flagged cells) back through ingest.Read:
// the forms are those of the clean PDF, and each marker taken out is a
// fixed finding-marker repair. The same bytes with another Creator are
// another producer's PDF: its bracketed numbers are what it says, kept in
// the cells, and nothing is repaired.
func TestAnnotatedRoundTrip(t *testing.T) {
	want := seedModel(t)
	if err := audit.Review(context.Background(), &want, audit.Options{}); err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) == 0 {
		t.Fatal("the audited seed has no findings: the PDF would carry no markers")
	}
	render := func(clean bool) []byte {
		var b bytes.Buffer
		if err := renderpdf.Write(context.Background(), &b, &want, renderpdf.Options{Clean: clean}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	read := func(name string, data []byte) *model.Document {
		doc, err := ingest.Read(context.Background(), name, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Forms) != 1 {
			t.Fatalf("%s: %d forms", name, len(doc.Forms))
		}
		return doc
	}
	markers := func(doc *model.Document) (n int) {
		for _, f := range doc.Findings {
			if f.Rule == model.RuleFindingMarker {
				n++
			}
		}
		return n
	}
	clean := read("clean.pdf", render(true))
	annotated := render(false)
	got := read("annotated.pdf", annotated)
	opts := cmp.Options{
		cmpopts.IgnoreFields(model.Item{}, "Source", "Raw"),
		// Notes: the heading of the findings list printed after the form
		// (审核意见) is read as a note of the form.
		cmpopts.IgnoreFields(model.Form{}, "Where", "HeaderWhere", "Notes"),
		cmpopts.IgnoreFields(model.Total{}, "Where"),
		cmpopts.EquateEmpty(),
	}
	if d := cmp.Diff(clean.Forms, got.Forms, opts); d != "" {
		t.Errorf("annotated PDF read back differs from the clean one (-clean +annotated):\n%s", d)
	}
	if markers(clean) != 0 {
		t.Errorf("clean PDF: %d finding-marker repairs", markers(clean))
	}
	n := markers(got)
	if n == 0 {
		t.Error("annotated PDF: no finding-marker repair recorded")
	}
	for _, f := range got.Findings {
		if f.Rule == model.RuleFindingMarker && (!f.Fixed || len(f.Values) != 2 || !strings.HasPrefix(f.Values[0], "[") || !strings.Contains(f.Values[1], f.Values[0])) {
			t.Errorf("repair %+v", f)
		}
	}
	t.Logf("%d findings, %d markers removed", len(want.Findings), n)

	// fpdf writes the Creator as UTF-16BE: same length, another producer.
	from := []byte("\x00k\x00a\x00o\x00p\x00i\x00n\x00g")
	if c := bytes.Count(annotated, from); c != 1 {
		t.Fatalf("Creator found %d times in the PDF", c)
	}
	other := bytes.Replace(annotated, from, []byte("\x00K\x00A\x00O\x00P\x00I\x00N\x00G"), 1)
	doc := read("other.pdf", other)
	if m := markers(doc); m != 0 {
		t.Errorf("another producer's PDF: %d finding-marker repairs", m)
	}
	kept := 0
	for _, c := range doc.Forms[0].Categories {
		if strings.Contains(c.Name, "[") {
			kept++
		}
		for _, ind := range c.Indicators {
			for _, it := range ind.Items {
				for _, s := range append([]string{ind.Text, it.Text, it.Deadline}, append(append(it.Leaders, it.Departments...), it.Owners...)...) {
					if strings.Contains(s, "[") {
						kept++
					}
				}
			}
		}
	}
	if kept == 0 {
		t.Error("another producer's PDF: no bracketed number kept in any cell")
	}
}
