package ingest

import (
	"bytes"
	"context"
	"math"
	"os"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// TestOFDTwin: the synthetic ruled 考评表 of ofdtest.SampleForm, written as
// OFD by ofdtest and as PDF by fpdf (fixtures/ofd/make-twin.sh), gives the
// same page model through the OFD and the PDF readers: the same characters
// at the same places, the same rules, and so the same lines of text.
func TestOFDTwin(t *testing.T) {
	ctx := context.Background()
	ofdData, err := os.ReadFile("../fixtures/ofd/synthetic-form.ofd")
	if err != nil {
		t.Fatal(err)
	}
	pg, _ := ofdtest.SampleForm()
	fresh, err := ofdtest.Write([]ofdtest.Page{pg})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, ofdData) {
		t.Fatal("fixtures/ofd/synthetic-form.ofd is not what ofdtest writes now: run fixtures/ofd/make-twin.sh")
	}
	pdfData, err := os.ReadFile("../fixtures/ofd/synthetic-form.pdf")
	if err != nil {
		t.Fatal(err)
	}
	op, err := Pages(ctx, "synthetic-form.ofd", ofdData)
	if err != nil {
		t.Fatal(err)
	}
	pp, err := Pages(ctx, "synthetic-form.pdf", pdfData)
	if err != nil {
		t.Fatal(err)
	}
	if len(op) != 1 || len(pp) != 1 {
		t.Fatalf("pages: ofd %d, pdf %d", len(op), len(pp))
	}
	o, p := op[0], pp[0]
	if math.Abs(o.Width-p.Width) > 0.5 || math.Abs(o.Height-p.Height) > 0.5 {
		t.Errorf("page size ofd %.2f×%.2f, pdf %.2f×%.2f", o.Width, o.Height, p.Width, p.Height)
	}
	if len(o.Glyphs) != len(p.Glyphs) {
		t.Fatalf("glyphs: ofd %d, pdf %d", len(o.Glyphs), len(p.Glyphs))
	}
	for i := range o.Glyphs {
		a, b := o.Glyphs[i], p.Glyphs[i]
		// Boxes come from different font metrics (the PDF's embedded font,
		// the OFD reader's em estimate); origins and centres must agree.
		ca, cb := (a.Box.Y0+a.Box.Y1)/2, (b.Box.Y0+b.Box.Y1)/2
		if a.Text != b.Text || math.Abs(a.Box.X0-b.Box.X0) > 0.5 || math.Abs(ca-cb) > 0.3*a.Size || math.Abs(a.Size-b.Size) > 0.1 {
			t.Errorf("glyph %d: ofd %q %+v %.2f, pdf %q %+v %.2f", i, a.Text, a.Box, a.Size, b.Text, b.Box, b.Size)
		}
	}
	osg, psg := sortedSegs(o.Segments), sortedSegs(p.Segments)
	if len(osg) != len(psg) {
		t.Fatalf("segments: ofd %d, pdf %d", len(osg), len(psg))
	}
	for i := range osg {
		a, b := osg[i], psg[i]
		if math.Abs(a.X0-b.X0) > 0.5 || math.Abs(a.Y0-b.Y0) > 0.5 || math.Abs(a.X1-b.X1) > 0.5 || math.Abs(a.Y1-b.Y1) > 0.5 || math.Abs(a.Width-b.Width) > 0.2 {
			t.Errorf("segment %d: ofd %+v, pdf %+v", i, a, b)
		}
	}
	ol, pl := lines.Document(op), lines.Document(pp)
	var ot, pt []string
	for _, l := range ol[0] {
		ot = append(ot, l.Text)
	}
	for _, l := range pl[0] {
		pt = append(pt, l.Text)
	}
	if len(ot) < 30 || len(ot) != len(pt) {
		t.Fatalf("lines: ofd %d, pdf %d", len(ot), len(pt))
	}
	for i := range ot {
		if ot[i] != pt[i] {
			t.Errorf("line %d: ofd %q, pdf %q", i, ot[i], pt[i])
		}
	}
}

// sortedSegs orders segments with their ends normalised (left/top first).
func sortedSegs(in []page.Segment) []page.Segment {
	out := make([]page.Segment, len(in))
	for i, s := range in {
		if s.X0 > s.X1 || (s.X0 == s.X1 && s.Y0 > s.Y1) {
			s.X0, s.Y0, s.X1, s.Y1 = s.X1, s.Y1, s.X0, s.Y0
		}
		out[i] = s
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if math.Abs(a.Y0-b.Y0) > 0.01 {
			return a.Y0 < b.Y0
		}
		if math.Abs(a.X0-b.X0) > 0.01 {
			return a.X0 < b.X0
		}
		if math.Abs(a.Y1-b.Y1) > 0.01 {
			return a.Y1 < b.Y1
		}
		return a.X1 < b.X1
	})
	return out
}

// TestOFDTwinModel: the synthetic OFD and its PDF twin give the same forms
// through ingest.Read. Boxes differ in the last digits (different font
// metrics for the title), so Where is not compared. The table comes from
// the ruling lines (ingest/tables) in both.
func TestOFDTwinModel(t *testing.T) {
	ctx := context.Background()
	read := func(name string) (*model.Document, error) {
		data, err := os.ReadFile("../fixtures/ofd/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return Read(ctx, name, data)
	}
	o, oerr := read("synthetic-form.ofd")
	p, perr := read("synthetic-form.pdf")
	if oerr != nil || perr != nil {
		t.Fatalf("ofd: %v; pdf: %v", oerr, perr)
	}
	strip := func(d *model.Document) []model.Form {
		fs := append([]model.Form(nil), d.Forms...)
		for i := range fs {
			fs[i].Where, fs[i].HeaderWhere = nil, nil
			fs[i].Totals = append([]model.Total(nil), fs[i].Totals...)
			for j := range fs[i].Totals {
				fs[i].Totals[j].Where = nil
			}
			cats := append([]model.Category(nil), fs[i].Categories...)
			for j := range cats {
				inds := append([]model.Indicator(nil), cats[j].Indicators...)
				for k := range inds {
					items := append([]model.Item(nil), inds[k].Items...)
					for l := range items {
						items[l].Source = model.Ref{}
					}
					inds[k].Items = items
				}
				cats[j].Indicators = inds
			}
			fs[i].Categories = cats
		}
		return fs
	}
	if d := cmp.Diff(strip(p), strip(o)); d != "" {
		t.Errorf("forms differ (-pdf +ofd):\n%s", d)
	}
	if len(o.Forms) != 1 || len(o.Forms[0].Categories) != 1 || len(o.Forms[0].Categories[0].Indicators) != 2 {
		t.Errorf("the synthetic 考评表 has one category of two indicators: %+v", o.Forms)
	}
}
