package ingest

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/internal/scantest"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// The scan corpus: every PDF fixture below, scanned along the axes of
// scantest.Variants, read by OCR and scored against the fixture itself
// (its text layer and the document kaoping reads from it). Minutes of CPU,
// so it runs only with -ocr.corpus; -ocr.variants sets how many scans of
// each fixture (the first clean, the last a phone photo).
var (
	ocrCorpus   = flag.Bool("ocr.corpus", false, "run the OCR scan corpus (slow)")
	ocrVariants = flag.Int("ocr.variants", 4, "scans per fixture in the OCR corpus")
)

// OCR_CORPUS_ONLY=substring narrows the corpus to the fixtures whose path
// holds it; OCR_CORPUS_VARIANT=substring to the variants whose name holds it
// (phone, scan200; several separated by commas), so one case is rerun
// without paying for the others.
var corpusPDFs = []string{
	"../fixtures/pdf/lo-writer-notice.pdf",
	// Not fpdf-notice.pdf: poppler draws its unembedded Helvetica digits
	// as boxes, so its scans lack what its text layer says.
	"../fixtures/pdf/chromium-web.pdf",
	"../fixtures/pdf/lo-calc-kaopingbiao.pdf",
	"../fixtures/pdf/tables/calc-kaoping.pdf",
}

// score gathers one axis' counts.
type score struct {
	pages                int
	f1                   float64 // summed per page
	minF1                float64
	noticeDocs, fieldsOK int // notice elements: documents, all four exact
	cellsTruth, cellsGot int
	cellsBoth            int
	fields, fieldsRight  int
	wrongUnflagged       int // wrong fields without a finding on their cell
	wrongWeightUnflagged int
	wrongFlagged         int // wrong fields with a finding on their cell
	lowFlags, lowRight   int // low-confidence findings on an item's field, and those whose field was read right
	lowWrong, lowMissed  int // wrong fields of the items read, and those with no low-confidence finding on them
	doubtFlags           int // reading-doubt findings on an item's field
	doubtRight           int // those whose field was read right
	misreadFlags         int // weight-misread findings (the weights' arithmetic) on an item's weight
	misreadRight         int // those whose weight was read right
}

// add sums o into s.
func (s *score) add(o *score) {
	s.pages += o.pages
	s.f1 += o.f1
	s.minF1 = min(s.minF1, o.minF1)
	s.noticeDocs += o.noticeDocs
	s.fieldsOK += o.fieldsOK
	s.cellsTruth += o.cellsTruth
	s.cellsGot += o.cellsGot
	s.cellsBoth += o.cellsBoth
	s.fields += o.fields
	s.fieldsRight += o.fieldsRight
	s.wrongUnflagged += o.wrongUnflagged
	s.wrongWeightUnflagged += o.wrongWeightUnflagged
	s.wrongFlagged += o.wrongFlagged
	s.lowFlags += o.lowFlags
	s.lowWrong += o.lowWrong
	s.lowMissed += o.lowMissed
	s.lowRight += o.lowRight
	s.doubtFlags += o.doubtFlags
	s.doubtRight += o.doubtRight
	s.misreadFlags += o.misreadFlags
	s.misreadRight += o.misreadRight
}

func (s *score) log(t *testing.T, axis string) {
	t.Helper()
	falseFlags := "-"
	if s.lowFlags > 0 {
		falseFlags = fmt.Sprintf("%.2f (%d/%d)", float64(s.lowRight)/float64(s.lowFlags), s.lowRight, s.lowFlags)
	}
	t.Logf("%-12s pages %2d  char F1 mean %.4f min %.4f  notice 4/4 exact %d/%d  cell F1 %.4f  fields %d/%d  wrong flagged %d unflagged %d (weights %d)  low-confidence false-flag rate %s, miss rate %.2f (%d/%d)  reading-doubts on right fields %d/%d, weight-misread on right weights %d/%d",
		axis, s.pages, s.f1/float64(max(1, s.pages)), s.minF1, s.fieldsOK, s.noticeDocs, f1(s.cellsBoth, s.cellsTruth, s.cellsGot),
		s.fieldsRight, s.fields, s.wrongFlagged, s.wrongUnflagged, s.wrongWeightUnflagged, falseFlags,
		float64(s.lowMissed)/float64(max(1, s.lowWrong)), s.lowMissed, s.lowWrong, s.doubtRight, s.doubtFlags, s.misreadRight, s.misreadFlags)
}

func TestOCRCorpus(t *testing.T) {
	if !*ocrCorpus {
		t.Skip("the scan corpus runs with -ocr.corpus")
	}
	o := testOCR(t)
	ctx := WithOCR(context.Background(), o)
	byAxis, byPage := map[string]*score{}, map[string]*score{}
	for _, path := range corpusPDFs {
		if only := os.Getenv("OCR_CORPUS_ONLY"); only != "" && !strings.Contains(path, only) {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		truthPages, err := Pages(ctx, "src.pdf", src)
		if err != nil {
			t.Fatal(err)
		}
		truthDoc, err := Read(ctx, "src.pdf", src)
		if truthDoc == nil {
			t.Fatalf("%s: %v", path, err)
		}
		for vi, d := range scantest.Variants(uint64(len(path)), *ocrVariants) {
			if only := os.Getenv("OCR_CORPUS_VARIANT"); only != "" && !slices.ContainsFunc(strings.Split(only, ","), func(v string) bool { return strings.Contains(d.Name, v) }) {
				continue
			}
			var jpgs [][]byte
			var dpis []int
			for n := 1; n <= len(truthPages); n++ {
				d.Seals = sealsOn(truthDoc, n)
				img, err := scantest.Render(path, n, d.DPI)
				if err != nil {
					t.Fatal(err)
				}
				j, err := scantest.Apply(img, d)
				if err != nil {
					t.Fatal(err)
				}
				jpgs, dpis = append(jpgs, j), append(dpis, d.DPI)
			}
			scanPDF, err := scantest.PDF(jpgs, dpis)
			if err != nil {
				t.Fatal(err)
			}
			if os.Getenv("OCR_CORPUS_KEEP") != "" {
				os.WriteFile(fmt.Sprintf("%s/%s-%d.pdf", os.Getenv("OCR_CORPUS_KEEP"), strings.TrimSuffix(path[strings.LastIndex(path, "/")+1:], ".pdf"), vi), scanPDF, 0o644)
			}
			pages, err := cachedPages(ctx, path, d.Name, scanPDF)
			if err != nil {
				t.Fatalf("%s %s: %v", path, d.Name, err)
			}
			axis := axisOf(d)
			s := byAxis[axis]
			if s == nil {
				s = &score{minF1: 1}
				byAxis[axis] = s
			}
			var perPage []string
			for i := range min(len(pages), len(truthPages)) {
				f := charF1(pageText(truthPages[i]), pageText(pages[i]))
				s.pages++
				s.f1 += f
				s.minF1 = min(s.minF1, f)
				perPage = append(perPage, fmt.Sprintf("%.4f", f))
				pd := d
				pd.Seals = sealsOn(truthDoc, i+1)
				for _, a := range pageAxes(pd, truthPages[i]) {
					ps := byPage[a]
					if ps == nil {
						ps = &score{minF1: 1}
						byPage[a] = ps
					}
					ps.pages++
					ps.f1 += f
					ps.minF1 = min(ps.minF1, f)
				}
			}
			t.Logf("%s %s: page char F1 %s", path, d.Name, strings.Join(perPage, " "))
			fl, err := tables.Flow(ctx, pages)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := build("scan.pdf", model.FormatPDF, "", scanPDF, fl)
			if doc == nil {
				// Not read at all: every truth cell and field is missed.
				// The clerk is told (the error), so they count as flagged.
				t.Errorf("%s %s: %v", path, d.Name, err)
				s.cellsTruth += len(cells(truthDoc))
				for _, f := range truthDoc.Forms {
					n := 7 * len(items(f))
					s.fields += n
					s.wrongFlagged += n
				}
				continue
			}
			doc.Source.OCR = true
			flagLowConfidence(doc, fl, pages)
			_ = audit.Review(context.Background(), doc, audit.Options{})
			before := *s
			recs := compareDoc(t, path+" "+d.Name, truthDoc, doc, s)
			dumpFields(t, path, d.Name, doc, fl, pages, recs)
			t.Logf("%s %s: cells %d/%d/%d (both/truth/read), fields %d/%d, wrong unflagged %d (weights %d)", path, d.Name,
				s.cellsBoth-before.cellsBoth, s.cellsTruth-before.cellsTruth, s.cellsGot-before.cellsGot,
				s.fieldsRight-before.fieldsRight, s.fields-before.fields, s.wrongUnflagged-before.wrongUnflagged, s.wrongWeightUnflagged-before.wrongWeightUnflagged)
		}
	}
	all := score{minF1: 1}
	for _, a := range sortedKeys(byAxis) {
		byAxis[a].log(t, a)
		all.add(byAxis[a])
	}
	all.log(t, "all")
	// Character F1 per page along the axes a page varies on within a
	// variant: its tilt, a seal on it, a table on it.
	for _, a := range sortedKeys(byPage) {
		byPage[a].log(t, a)
	}
}

func sortedKeys(m map[string]*score) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pageAxes are the per-page axes of page i of a scan made with d.
func pageAxes(d scantest.Degrade, truth page.Page) []string {
	var out []string
	switch t := math.Abs(d.Tilt); {
	case d.Phone:
	case t < 1:
		out = append(out, "tilt<1°")
	case t < 2:
		out = append(out, "tilt1–2°")
	default:
		out = append(out, "tilt2–3°")
	}
	if len(d.Seals) > 0 {
		out = append(out, "sealed")
	}
	if len(truth.Segments) >= 10 {
		out = append(out, "table page")
	} else {
		out = append(out, "text page")
	}
	return out
}

func axisOf(d scantest.Degrade) string {
	switch {
	case d.Phone:
		return "phone"
	case d.Name == "clean200":
		return "clean200"
	}
	return fmt.Sprintf("scan%d", d.DPI)
}

func f1(both, a, b int) float64 {
	if a+b == 0 {
		return 1
	}
	return 2 * float64(both) / float64(a+b)
}

// sealsOn is where a seal is stamped on page n: over the 署名 and the date,
// as an office stamps a 文件.
func sealsOn(doc *model.Document, n int) []model.Box {
	if doc.Notice == nil {
		return nil
	}
	var out []model.Box
	for _, k := range []string{"date", "signer"} {
		if w, ok := doc.Notice.Where[k]; ok && w.Page != nil && *w.Page == n && w.Box != nil {
			out = append(out, *w.Box)
			return out // one seal covers both
		}
	}
	return out
}

// cells lists a document's form cells as column:value strings.
func cells(doc *model.Document) []string {
	var out []string
	for _, f := range doc.Forms {
		for _, c := range f.Categories {
			out = append(out, "category:"+c.Name)
			for _, ind := range c.Indicators {
				out = append(out, "indicator:"+ind.Text, "basis:"+ind.Basis)
				for _, it := range ind.Items {
					out = append(out, itemFields(it)...)
				}
			}
		}
	}
	return out
}

func itemFields(it model.Item) []string {
	w := ""
	if it.Weight != nil {
		w = strconv.FormatFloat(*it.Weight, 'f', -1, 64)
	}
	return []string{"id:" + it.ID, "item:" + it.Text, "weight:" + w, "deadline:" + it.Deadline,
		"leaders:" + strings.Join(it.Leaders, "、"), "departments:" + strings.Join(it.Departments, "、"), "owners:" + strings.Join(it.Owners, "、")}
}

// fieldRec is one item field of a scanned document compared with the truth.
type fieldRec struct {
	Key        string // form/row/column
	Right      bool
	Truth, Got string
	// Flags are the rules of the low-confidence, reading-doubt and
	// weight-misread findings on the field's cell or on its whole row.
	Flags []string
}

func compareDoc(t *testing.T, name string, truth, got *model.Document, s *score) (recs []fieldRec) {
	if truth.Notice != nil && truth.Notice.Title != "" {
		s.noticeDocs++
		tn, gn := truth.Notice, got.Notice
		ok := gn != nil && gn.Title == tn.Title && gn.Date == tn.Date && slices.Equal(gn.Recipients, tn.Recipients) &&
			(tn.DocNumber == nil) == (gn.DocNumber == nil) && (tn.DocNumber == nil || tn.DocNumber.Text == gn.DocNumber.Text)
		if ok {
			s.fieldsOK++
		} else if gn != nil {
			t.Logf("%s: notice elements differ:\n doc number %v / %v\n title %q / %q\n recipients %q / %q\n date %q / %q", name,
				tn.DocNumber, gn.DocNumber, tn.Title, gn.Title, tn.Recipients, gn.Recipients, tn.Date, gn.Date)
		} else {
			t.Logf("%s: no notice read", name)
		}
	}
	tc, gc := cells(truth), cells(got)
	s.cellsTruth += len(tc)
	s.cellsGot += len(gc)
	count := map[string]int{}
	for _, c := range tc {
		count[c]++
	}
	var extra []string
	for _, c := range gc {
		if count[c] > 0 {
			count[c]--
			s.cellsBoth++
		} else {
			extra = append(extra, c)
		}
	}
	// OCR_CORPUS_DIFF=1 logs the cells read wrong: the truth's cells not
	// read and the cells read that are not the truth's, in order.
	if os.Getenv("OCR_CORPUS_DIFF") != "" {
		var missed []string
		for _, c := range tc {
			if count[c] > 0 {
				count[c]--
				missed = append(missed, c)
			}
		}
		t.Logf("%s: %d cells missed, %d read wrong\n missed: %q\n read: %q", name, len(missed), len(extra), missed, extra)
	}
	// Fields, item by item in order; a wrong field is flagged when a
	// low-confidence, reading-doubt or weight-misread finding names it.
	// A finding with a column flags that cell; one with a row and no
	// column flags every cell of the row. (A weight's finding must not
	// count for the row's text: that hid wrong texts in rows whose
	// weights the arithmetic check had flagged, and made every field of
	// such a form look doubted.)
	flagged, low := map[string]bool{}, map[string]bool{}
	rules := map[string][]string{}
	for _, f := range got.Findings {
		if f.At.Form == nil {
			continue
		}
		key := fmt.Sprintf("%d/%s/%s", *f.At.Form, f.At.Row, f.At.Column)
		if f.Rule == model.RuleLowConfidence {
			low[key] = true
		}
		if f.Rule == model.RuleLowConfidence || f.Rule == model.RuleReadingDoubt || f.Rule == model.RuleWeightMisread {
			flagged[key] = true
			rules[key] = append(rules[key], f.Rule)
		}
	}
	flagsOn := func(fi int, row, col string) []string {
		return append(slices.Clone(rules[fmt.Sprintf("%d/%s/%s", fi, row, col)]), rules[fmt.Sprintf("%d/%s/", fi, row)]...)
	}
	// A low-confidence finding on an item's field read right is a false
	// flag (the fields itemFields compares; an indicator's or a
	// category's text is not counted).
	right := map[string]bool{}
	itemCols := []string{model.ColID, model.ColItem, model.ColWeight, model.ColDeadline, model.ColLeaders, model.ColDepartments, model.ColOwners}
	defer func() {
		for _, f := range got.Findings {
			if f.At.Form == nil || f.At.Row == "" || !slices.Contains(itemCols, f.At.Column) {
				continue
			}
			ok := right[fmt.Sprintf("%d/%s/%s", *f.At.Form, f.At.Row, f.At.Column)]
			switch f.Rule {
			case model.RuleLowConfidence:
				s.lowFlags++
				if ok {
					s.lowRight++
				}
			case model.RuleReadingDoubt:
				s.doubtFlags++
				if ok {
					s.doubtRight++
				}
			case model.RuleWeightMisread:
				s.misreadFlags++
				if ok {
					s.misreadRight++
				}
			}
		}
	}()
	for fi := range min(len(truth.Forms), len(got.Forms)) {
		ti, gi := items(truth.Forms[fi]), items(got.Forms[fi])
		for k := range ti {
			tf := itemFields(ti[k])
			if k >= len(gi) {
				s.fields += len(tf)
				s.wrongUnflagged += len(tf)
				for _, f := range tf {
					recs = append(recs, fieldRec{Key: "missing", Truth: f})
				}
				continue
			}
			gf := itemFields(gi[k])
			for j := range tf {
				s.fields++
				col := tf[j][:strings.IndexByte(tf[j], ':')]
				key := fmt.Sprintf("%d/%s/%s", fi, gi[k].ID, col)
				recs = append(recs, fieldRec{Key: key, Right: tf[j] == gf[j], Truth: tf[j], Got: gf[j], Flags: flagsOn(fi, gi[k].ID, col)})
				if tf[j] == gf[j] {
					s.fieldsRight++
					right[fmt.Sprintf("%d/%s/%s", fi, gi[k].ID, col)] = true
					continue
				}
				s.lowWrong++
				if !low[key] {
					s.lowMissed++
				}
				if flagged[fmt.Sprintf("%d/%s/%s", fi, gi[k].ID, col)] || flagged[fmt.Sprintf("%d/%s/", fi, gi[k].ID)] {
					s.wrongFlagged++
				} else {
					s.wrongUnflagged++
					if col == "weight" {
						s.wrongWeightUnflagged++
					}
					t.Logf("%s: unflagged wrong %s of %s: %q, truth %q", name, col, gi[k].ID, gf[j], tf[j])
				}
			}
		}
	}
	return recs
}

func items(f model.Form) []model.Item {
	var out []model.Item
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			out = append(out, ind.Items...)
		}
	}
	return out
}
