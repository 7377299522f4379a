package diff_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/pdf"
	"github.com/kaoping/kaoping/render/xlsx"
)

// key is a change as the truth and Compare both name it.
type key struct{ kind, row, field string }

func keyOf(c diff.Change) key { return key{c.Kind, c.Row, c.Field} }

// bases are the forms the edits are made to: the handmade sample and the
// seed's golden document (62 rows, two- and three-level 序号).
func bases(t *testing.T) []*model.Document {
	seed, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "quanxin-2023-9-notice.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d model.Document
	if err := json.Unmarshal(seed, &d); err != nil {
		t.Fatal(err)
	}
	return []*model.Document{sample.Document(t), &d}
}

func clone(t *testing.T, d *model.Document) *model.Document {
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var c model.Document
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	c.Findings = []model.Finding{}
	return &c
}

// itemRef points at an item of form 0.
type itemRef struct{ c, i, k int }

func items(d *model.Document) []itemRef {
	var out []itemRef
	for ci, c := range d.Forms[0].Categories {
		for ii, ind := range c.Indicators {
			for k, it := range ind.Items {
				if it.ID != "" && strings.Count(it.ID, "-") == 2 && it.Text != "" {
					out = append(out, itemRef{ci, ii, k})
				}
			}
		}
	}
	return out
}

func at(d *model.Document, r itemRef) *model.Item {
	return &d.Forms[0].Categories[r.c].Indicators[r.i].Items[r.k]
}

var names = []string{"林嘉达", "陈志远", "王丽华", "黄文斌", "郑晓燕", "吴建国", "刘思敏", "蔡明辉"}

// edit makes one new version of base with edits known edits of the kinds
// a 考评办 and a unit make: weights, deadlines, people, light text edits,
// rows added at the end of an indicator, rows removed at its end, rows moved
// to the end of another indicator. The rows touched are distinct, so the
// truth is exact. It returns the new document and the truth.
func edit(t *testing.T, base *model.Document, rng *rand.Rand, edits int) (*model.Document, map[key]bool) {
	nd := clone(t, base)
	truth := map[key]bool{}
	refs := items(nd)
	rng.Shuffle(len(refs), func(i, j int) { refs[i], refs[j] = refs[j], refs[i] })
	used := map[string]bool{}    // rows touched
	indUsed := map[[2]int]bool{} // indicators whose rows were added, removed or moved
	type structural struct {
		kind string
		ref  itemRef
	}
	var later []structural
	for _, r := range refs {
		if len(truth)+len(later) >= edits {
			break
		}
		it := at(nd, r)
		if used[it.ID] {
			continue
		}
		ind := &nd.Forms[0].Categories[r.c].Indicators[r.i]
		indKey := [2]int{r.c, r.i}
		switch rng.IntN(10) {
		case 8:
			rs := []rune(ind.Text)
			if indUsed[indKey] || ind.ID == "" || len(rs) < 14 {
				continue
			}
			p := 2 + rng.IntN(len(rs)-8)
			ind.Text, ind.Raw = string(slices.Concat(rs[:p], []rune("切实"), rs[p:])), ""
			truth[key{diff.Changed, ind.ID, diff.FieldIndicator}] = true
			indUsed[indKey] = true
			continue
		case 9:
			if indUsed[indKey] || ind.ID == "" || ind.Points == nil {
				continue
			}
			ind.Points, ind.Raw = model.Float(*ind.Points+1), ""
			truth[key{diff.Changed, ind.ID, diff.FieldPoints}] = true
			indUsed[indKey] = true
			continue
		case 0:
			if it.Weight == nil {
				continue
			}
			it.Weight = model.Float(*it.Weight + float64(1+rng.IntN(3)))
			truth[key{diff.Changed, it.ID, diff.FieldWeight}] = true
		case 1:
			nd := []string{"6月底前", "9月底前", "11月底前", "年底前", "10月31日前"}[rng.IntN(5)]
			if nd == it.Deadline {
				continue
			}
			it.Deadline, it.Due = nd, ""
			truth[key{diff.Changed, it.ID, diff.FieldDeadline}] = true
		case 2:
			n := names[rng.IntN(len(names))]
			if len(it.Owners) == 0 || slices.Contains(it.Owners, n) {
				continue
			}
			it.Owners = slices.Clone(it.Owners)
			it.Owners[rng.IntN(len(it.Owners))] = n
			delete(it.Raw, model.ColOwners)
			truth[key{diff.Changed, it.ID, diff.FieldOwners}] = true
		case 3:
			if len(it.Leaders) == 0 {
				continue
			}
			it.Leaders = append(slices.Clone(it.Leaders), names[rng.IntN(len(names))])
			delete(it.Raw, model.ColLeaders)
			truth[key{diff.Changed, it.ID, diff.FieldLeaders}] = true
		case 4:
			rs := []rune(it.Text)
			if len(rs) < 12 {
				continue
			}
			p := 2 + rng.IntN(len(rs)-8)
			switch rng.IntN(3) {
			case 0:
				rs = slices.Concat(rs[:p], []rune("进一步"), rs[p:])
			case 1:
				rs = slices.Concat(rs[:p], rs[p+2:])
			default:
				rs = slices.Concat(rs[:p], []rune("全面"), rs[p+2:])
			}
			it.Text = string(rs)
			truth[key{diff.Changed, it.ID, diff.FieldText}] = true
		case 5, 6, 7:
			later = append(later, structural{[]string{diff.Added, diff.Removed, diff.Moved}[rng.IntN(3)], r})
		}
		used[it.ID] = true
	}
	// structural edits last, each on its own indicator, at its end so no
	// other row is renumbered
	f := &nd.Forms[0]
	for _, s := range later {
		ind := &f.Categories[s.ref.c].Indicators[s.ref.i]
		if indUsed[[2]int{s.ref.c, s.ref.i}] || len(ind.Items) < 2 || ind.ID == "" {
			continue
		}
		last := ind.Items[len(ind.Items)-1]
		if used[last.ID] && last.ID != at(nd, s.ref).ID {
			continue
		}
		// in the middle of an indicator none of whose rows was edited: the
		// rows below are renumbered, which is no change of theirs
		untouched := true
		for _, it := range ind.Items {
			if used[it.ID] && it.ID != at(nd, s.ref).ID {
				untouched = false
			}
		}
		middle := untouched && rng.IntN(2) == 0
		renumber := func() {
			for k := range ind.Items {
				ind.Items[k].ID = ind.ID + "-" + strconv.Itoa(k+1)
			}
		}
		switch s.kind {
		case diff.Added:
			p := len(ind.Items)
			if middle {
				p = rng.IntN(len(ind.Items))
			}
			ind.Items = slices.Insert(ind.Items, p, model.Item{Text: fmt.Sprintf("新增：组织开展第%d轮专项督查，形成督查报告并通报整改情况。", len(truth)+1),
				Weight: model.Float(1), Deadline: "12月底前", Leaders: []string{"洪武强"}, Departments: []string{"综合办"}, Owners: []string{"王丽华"}})
			renumber()
			truth[key{diff.Added, ind.Items[p].ID, ""}] = true
		case diff.Removed:
			p := len(ind.Items) - 1
			if middle {
				p = rng.IntN(len(ind.Items))
			}
			truth[key{diff.Removed, ind.Items[p].ID, ""}] = true
			ind.Items = slices.Delete(ind.Items, p, p+1)
			renumber()
		case diff.Moved:
			// to the end of another indicator of the same category
			var to *model.Indicator
			cat := &f.Categories[s.ref.c]
			for ti := range cat.Indicators {
				if ti != s.ref.i && !indUsed[[2]int{s.ref.c, ti}] && cat.Indicators[ti].ID != "" && len(cat.Indicators[ti].Items) > 0 {
					to = &cat.Indicators[ti]
					indUsed[[2]int{s.ref.c, ti}] = true
					break
				}
			}
			if to == nil {
				continue
			}
			ind.Items = ind.Items[:len(ind.Items)-1]
			last.ID = to.ID + "-" + strconv.Itoa(len(to.Items)+1)
			to.Items = append(to.Items, last)
			truth[key{diff.Moved, last.ID, ""}] = true
		}
		indUsed[[2]int{s.ref.c, s.ref.i}] = true
	}
	f.RecomputeTotals()
	return nd, truth
}

// through renders doc in format to and reads it back, as a clerk's file.
func through(t *testing.T, doc *model.Document, to string) *model.Document {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch to {
	case "xlsx":
		err = xlsx.Write(context.Background(), &b, doc, xlsx.Options{Clean: true})
	case "pdf":
		err = pdf.Write(context.Background(), &b, doc, pdf.Options{Clean: true})
	}
	if err != nil {
		t.Fatal(err)
	}
	got, err := ingest.Read(context.Background(), "form."+to, b.Bytes())
	if err != nil {
		t.Fatalf("reading back the %s: %v", to, err)
	}
	return got
}

// TestKnownEdits: precision and recall of the reported changes over
// generated pairs with known edits, the old version through xlsx or PDF and
// the new through xlsx, as the 考评办's PDF and a unit's returned workbook.
func TestKnownEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and reads 80 forms")
	}
	rng := rand.New(rand.NewPCG(15, 2026))
	for _, old := range []string{"xlsx", "pdf"} {
		tp, fp, fn := 0, 0, 0
		kinds := map[string]int{}
		for bi, base := range bases(t) {
			// the base as read from the old format is the reference: the
			// edits are made to what a reader gives, as a unit edits the
			// form it received
			ref := through(t, base, "xlsx")
			oldDoc := through(t, ref, old)
			for n := range 20 {
				nd, truth := edit(t, ref, rng, 3+rng.IntN(6))
				newDoc := through(t, nd, "xlsx")
				got := map[key]bool{}
				for _, c := range diff.Compare(oldDoc, newDoc).Changes {
					got[keyOf(c)] = true
				}
				for k := range got {
					if truth[k] {
						tp++
					} else {
						fp++
						t.Logf("%s base %d pair %d: reported %v, not made", old, bi, n, k)
					}
				}
				for k := range truth {
					kinds[k.kind+" "+k.field]++
					if !got[k] {
						fn++
						t.Logf("%s base %d pair %d: missed %v", old, bi, n, k)
					}
				}
			}
		}
		p := float64(tp) / float64(max(tp+fp, 1))
		r := float64(tp) / float64(max(tp+fn, 1))
		t.Logf("%s vs xlsx: %d edits %v, precision %.3f, recall %.3f", old, tp+fn, kinds, p, r)
		if p < 0.98 || r < 0.98 {
			t.Errorf("%s vs xlsx: precision %.3f, recall %.3f; want ≥ 0.98", old, p, r)
		}
	}
}

// TestReexportNoChange: a form and its own re-export through another format
// (the PDF kaoping prints of it, against the workbook) differ in nothing.
func TestReexportNoChange(t *testing.T) {
	for bi, base := range bases(t) {
		x := through(t, base, "xlsx")
		p := through(t, x, "pdf")
		xx := through(t, x, "xlsx")
		for name, pair := range map[string][2]*model.Document{"pdf vs xlsx": {p, x}, "xlsx vs xlsx": {xx, x}, "xlsx vs pdf": {x, p}} {
			if cs := diff.Compare(pair[0], pair[1]).Changes; len(cs) != 0 {
				t.Errorf("base %d %s: %d changes, want none; first %+v", bi, name, len(cs), cs[0])
			}
		}
	}
}

// TestReexportLibreOffice: the workbook printed to PDF by LibreOffice, as a
// clerk does, reads back as the same form: no change against the workbook.
func TestReexportLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	for bi, base := range bases(t) {
		var b bytes.Buffer
		if err := xlsx.Write(context.Background(), &b, base, xlsx.Options{Clean: true}); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, fmt.Sprintf("form%d.xlsx", bi))
		if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--headless", "--convert-to", "pdf", "--outdir", dir, in)
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		pdfData, err := os.ReadFile(strings.TrimSuffix(in, ".xlsx") + ".pdf")
		if err != nil {
			t.Fatal(err)
		}
		fromPDF, err := ingest.Read(context.Background(), "form.pdf", pdfData)
		if err != nil {
			t.Fatalf("base %d: reading LibreOffice's PDF: %v", bi, err)
		}
		fromXLSX, err := ingest.Read(context.Background(), "form.xlsx", b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if cs := diff.Compare(fromPDF, fromXLSX).Changes; len(cs) != 0 {
			for _, c := range cs[:min(len(cs), 5)] {
				t.Logf("%+v", c)
			}
			t.Errorf("base %d: LibreOffice's PDF against the workbook: %d changes, want none", bi, len(cs))
		}
	}
}
