package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/xlsx/xlsxtest"
	"github.com/kaoping/kaoping/ingest/zipsafe/ziptest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
	rx "github.com/kaoping/kaoping/render/xlsx"
)

func sample(t testing.TB) *model.Document { return sampledoc.Document(t) }

func render(t testing.TB, doc *model.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := rx.Write(context.Background(), &buf, doc, rx.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// key renders a table cell for comparison.
func key(table, row, col int, text string, rs, cs int) string {
	return fmt.Sprintf("t%d r%d c%d %dx%d %q", table, row, col, rs, cs, text)
}

// TestRoundTripFlow renders the model and reads the workbook back: every
// grid cell must come back once at its position with its spans, and the lines
// around the table as text.
func TestRoundTripFlow(t *testing.T) {
	doc := sample(t)
	// a second form on a second sheet
	second := doc.Forms[0]
	second.Title = "第二张考评表"
	second.Categories = second.Categories[2:]
	second.Totals = second.Totals[1:2]
	doc.Forms = append(doc.Forms, second)
	fl, err := Read(context.Background(), render(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	if !fl.ExactSpans {
		t.Error("ExactSpans is false")
	}
	var want, got []string
	var wantText []string
	for fi := range doc.Forms {
		g := grid.Build(doc, fi)
		wantText = append(wantText, g.Attachment, g.Title, g.Unit, g.Date, g.Signatures)
		for _, c := range g.Cells {
			if c.Text == "" && c.RowSpan == 1 && c.ColSpan == 1 {
				continue // empty cells are not in the flow
			}
			want = append(want, key(fi, c.Row, c.Col, c.Text, c.RowSpan, c.ColSpan))
		}
	}
	var text []string
	first := map[int]int{}
	for _, b := range fl.Blocks {
		if !b.IsRow() {
			text = append(text, b.Text)
			continue
		}
		if _, ok := first[b.Table]; !ok {
			first[b.Table] = *b.Ref.Line
		}
		for _, c := range b.Cells {
			got = append(got, key(b.Table, *b.Ref.Line-first[b.Table], c.Col, c.Text, c.RowSpan, c.ColSpan))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("table cells differ:\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(text, "|") != strings.Join(wantText, "|") {
		t.Errorf("text lines = %q, want %q", text, wantText)
	}
}

func TestReadErrors(t *testing.T) {
	noTable := excelize.NewFile()
	_ = noTable.SetCellStr("Sheet1", "A1", "没有表格")
	var nb bytes.Buffer
	if err := noTable.Write(&nb); err != nil {
		t.Fatal(err)
	}
	valid := render(t, sample(t))
	tests := []struct {
		name string
		data []byte
		want readerr.Kind
	}{
		{"empty", nil, readerr.Empty},
		{"not a zip", []byte("hello"), readerr.Corrupt},
		{"truncated zip", valid[:len(valid)/2], readerr.Corrupt},
		{"no table", nb.Bytes(), readerr.NoForm},
	}
	for _, tc := range tests {
		_, err := Read(context.Background(), tc.data)
		if readerr.KindOf(err) != tc.want {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
}

// FuzzRead: any bytes give a flow whose cells have sane spans, or a
// classified error. The seeds are small: kaoping's own workbook of the tiny
// document (excelize's styles and theme), the hand-made control case and
// each hostile shape of the hostile corpus at a size that keeps an exec
// near a millisecond (a merge over a header, a merge bomb, many merges, a
// tall, a wide sheet, a big shared-strings table, deep XML, a member that
// inflates a thousandfold).
func FuzzRead(f *testing.F) {
	f.Add(render(f, sampledoc.Tiny()))
	f.Add([]byte("PK\x03\x04"))
	f.Add(xlsxtest.Honest())
	f.Add(xlsxtest.Book(xlsxtest.Sheet{Rows: func(w io.Writer) {
		xlsxtest.Row(w, 1, xlsxtest.Header...)
		io.WriteString(w, `<row r="200"><c r="A200"><v>1</v></c></row>`)
	}, Merges: []string{"A1:XFD200"}}, nil))
	f.Add(xlsxtest.MergeBomb(300))
	f.Add(xlsxtest.ManyMerges(20))
	f.Add(xlsxtest.TallSheet(50))
	f.Add(xlsxtest.WideSheet(40, 2))
	f.Add(xlsxtest.BigSharedStrings(8 << 10))
	f.Add(xlsxtest.Book(xlsxtest.Sheet{Rows: func(w io.Writer) {
		xlsxtest.Row(w, 1, xlsxtest.Header...)
		io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is>`+strings.Repeat("<r>", 2000)+`</is></c></row>`)
	}}, nil))
	f.Add(ziptest.Bomb("xl/workbook.xml", 1<<20))
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := Read(context.Background(), data)
		if err != nil {
			if readerr.KindOf(err) != readerr.Unknown {
				return
			}
			t.Fatalf("unclassified error %v", err)
		}
		for _, b := range fl.Blocks {
			for _, c := range b.Cells {
				if c.RowSpan < 1 || c.ColSpan < 1 || c.Col < 0 {
					t.Fatalf("bad cell %+v", c)
				}
			}
		}
		_ = flow.Flow{}
	})
}
