package audit

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestReadingDoubt plants each sign of a misread in the clean documents and
// wants a reading-doubt at its place; the clean documents raise none.
func TestReadingDoubt(t *testing.T) {
	items := func(doc *model.Document) []*model.Item {
		var out []*model.Item
		for _, r := range allRows(doc) {
			out = append(out, r.it)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		plant func(doc *model.Document) (row, col string)
	}{
		{"digits run together", func(doc *model.Document) (string, string) {
			it := items(doc)[3]
			w := *items(doc)[0].Weight
			s := strings.Repeat(fmtW(w), 3)
			v, _ := parseFloat(s)
			it.Weight = &v
			return it.ID, model.ColWeight
		}},
		{"two numbers in a weight", func(doc *model.Document) (string, string) {
			it := items(doc)[2]
			it.Weight = nil
			it.Raw = map[string]string{model.ColWeight: "2 3"}
			return it.ID, model.ColWeight
		}},
		{"rows out of order", func(doc *model.Document) (string, string) {
			is := items(doc)
			is[1].ID, is[2].ID = is[2].ID, is[1].ID
			return is[2].ID, model.ColID
		}},
		{"rows lost", func(doc *model.Document) (string, string) {
			ind := &doc.Forms[0].Categories[0].Indicators[0]
			ind.Items = ind.Items[1:]
			return ind.Items[0].ID, model.ColID
		}},
		{"column lost", func(doc *model.Document) (string, string) {
			is := items(doc)
			for _, it := range is[:len(is)/2+1] {
				it.Deadline = ""
			}
			return is[0].ID, model.ColDeadline
		}},
		{"header in a body row", func(doc *model.Document) (string, string) {
			it := items(doc)[4]
			it.Deadline = "完成时限"
			return it.ID, model.ColDeadline
		}},
		{"two deadlines", func(doc *model.Document) (string, string) {
			it := items(doc)[5]
			it.Deadline = "6月底前12月底前"
			return it.ID, model.ColDeadline
		}},
		{"another row's text", func(doc *model.Document) (string, string) {
			it := items(doc)[6]
			it.Text += "1-2-3统筹推进项目建设"
			return it.ID, model.ColItem
		}},
		{"rows outside the table", func(doc *model.Document) (string, string) {
			doc.Forms[0].Notes = append(doc.Forms[0].Notes, "3-4-1")
			return "", ""
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for di, mk := range []func() *model.Document{seedShaped, otherShaped} {
				if n := len(auditRun(mk(), Options{Only: []string{model.RuleReadingDoubt}})); n != 0 {
					t.Fatalf("doc %d: %d doubts on the clean document", di, n)
				}
				doc := mk()
				row, col := tc.plant(doc)
				fs := auditRun(doc, Options{Only: []string{model.RuleReadingDoubt}})
				if !slices.ContainsFunc(fs, func(f model.Finding) bool { return f.At.Row == row && f.At.Column == col }) {
					t.Errorf("doc %d: no doubt at %s/%s; got %v", di, row, col, keys(fs))
				}
				for _, f := range fs {
					if !strings.HasPrefix(f.Message, DoubtBanner) || f.Severity != model.SevWarning {
						t.Errorf("doc %d: %s %q", di, f.Severity, f.Message)
					}
				}
				if len(Doubts(fs, "zh")) == 0 {
					t.Errorf("doc %d: Doubts lists no place", di)
				}
			}
		})
	}
	// A big weight that is no run of the form's others (20 among 2s, as in
	// the seed's 文明创建) is what the form says.
	if !runTogether(454, map[string]bool{"4": true, "5": true}) || runTogether(20, map[string]bool{"2": true, "1": true}) {
		t.Error("runTogether")
	}
}

func fmtW(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }

func parseFloat(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// TestReadingDoubtOCREmptyCell: on a document read by OCR, a cell left
// empty in a column the other rows fill is doubted on that cell; the same
// document born digital raises nothing, and neither does a column no row
// fills.
func TestReadingDoubtOCREmptyCell(t *testing.T) {
	mk := func(ocr bool, blank func(i int, it *model.Item)) *model.Document {
		var items []model.Item
		for i := range 6 {
			it := model.Item{ID: "1-1-" + strconv.Itoa(i+1), Text: "推进项目建设" + strconv.Itoa(i+1), Weight: model.Float(2),
				Departments: []string{"经济发展科"}, Owners: []string{"张三"}}
			blank(i, &it)
			items = append(items, it)
		}
		return &model.Document{
			Source: model.Source{Format: "pdf", OCR: ocr},
			Forms: []model.Form{{
				Columns:    []string{model.ColID, model.ColItem, model.ColWeight, model.ColDepartments, model.ColOwners},
				Categories: []model.Category{{Name: "项目", Indicators: []model.Indicator{{Text: "招商", Items: items}}}},
			}},
		}
	}
	row3 := func(i int, it *model.Item) {
		if i == 2 {
			it.Weight, it.Departments, it.Owners = nil, nil, nil
		}
	}
	noOwners := func(_ int, it *model.Item) { it.Owners = nil }
	for _, tc := range []struct {
		name   string
		doc    *model.Document
		want   []string // row/column of the doubts
		wantIn string   // a word of the message
	}{
		{"ocr, one row's cells empty", mk(true, row3), []string{"1-1-3/weight", "1-1-3/departments", "1-1-3/owners"}, "文字识别"},
		{"born digital, one row's cells empty", mk(false, row3), nil, ""},
		{"ocr, nothing empty", mk(true, func(int, *model.Item) {}), nil, ""},
		{"ocr, a column no row fills", mk(true, noOwners), []string{"1-1-1/owners"}, "该列可能没有读出"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := auditRun(tc.doc, Options{Only: []string{model.RuleReadingDoubt}})
			var got []string
			for _, f := range fs {
				got = append(got, f.At.Row+"/"+f.At.Column)
				if !strings.Contains(f.Message, tc.wantIn) || !strings.HasPrefix(f.Message, DoubtBanner) {
					t.Errorf("%s: message %q", f.At.Row, f.Message)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("doubts at %v, want %v", got, tc.want)
			}
		})
	}
}
