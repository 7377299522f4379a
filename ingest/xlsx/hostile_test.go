package xlsx

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/xlsx/xlsxtest"
)

// hostile are workbooks that cost minutes and gigabytes before the sheet
// was streamed and its merges kept as ranges, each with the cap that now
// stops it while it is read ("" for the one that reads: a merge within the
// caps, clipped to the content).
func hostile() []struct {
	name string
	data []byte
	want string // the detail in English, "" when it reads
} {
	return []struct {
		name string
		data []byte
		want string
	}{
		{"merge A3:XFD2000", xlsxtest.MergeBomb(2000), "sheet “Sheet1”: merged ranges cover more than 1000000 cells, passed at A3:XFD2000"},
		{"merge A3:XFD20000", xlsxtest.MergeBomb(20000), "sheet “Sheet1”: merged ranges cover more than 1000000 cells, passed at A3:XFD20000"},
		{"merge A3:Z2000, past the content", xlsxtest.MergeTo("Z", 2000), ""},
		{"merge A3:XFD1048576", xlsxtest.MergeBomb(1048576), "sheet “Sheet1”: more than 20000 rows"},
		{"20,000 merges", xlsxtest.ManyMerges(20000), "sheet “Sheet1”: more than 10000 merged ranges"},
		{"30,000 rows", xlsxtest.TallSheet(30000), "sheet “Sheet1”: more than 20000 rows"},
		{"1,048,576 rows", xlsxtest.TallSheet(1048576), "worksheet sheet1.xml holds 53 MB, the limit is 32 MB"},
		{"2,000 columns", xlsxtest.WideSheet(2000, 10), "sheet “Sheet1”: more than 1024 columns"},
		{"16,384 columns × 100 rows", xlsxtest.WideSheet(16384, 100), "worksheet sheet1.xml holds 38 MB, the limit is 32 MB"},
		{"250,000 cells", xlsxtest.WideSheet(1000, 250), "sheet “Sheet1”: more than 200000 cells"},
		{"60 MB of shared strings", xlsxtest.BigSharedStrings(60 << 20), "shared strings table of 60 MB, the limit is 8 MB"},
	}
}

func TestHostileWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("opens hostile workbooks up to the limits; runs without -short")
	}
	for _, tt := range hostile() {
		t.Run(tt.name, func(t *testing.T) {
			fl, err := Read(context.Background(), tt.data)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				for _, b := range fl.Blocks {
					for _, c := range b.Cells {
						if c.ColSpan > 5 || c.RowSpan > 20000 {
							t.Fatalf("span %dx%d not clipped to the content", c.RowSpan, c.ColSpan)
						}
					}
				}
				return
			}
			var re *readerr.Error
			if !errors.As(err, &re) || re.Kind != readerr.TooLarge || re.DetailEn != tt.want {
				t.Fatalf("err %v, want TooLarge with %q", err, tt.want)
			}
		})
	}
}

// TestMergeKeptAsRange: a merge that reaches past the content is clipped
// to it, and its cells are covered without being listed.
func TestMergeKeptAsRange(t *testing.T) {
	fl, err := Read(context.Background(), xlsxtest.MergeTo("Z", 2000))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range fl.Blocks {
		for _, c := range b.Cells {
			if c.RowSpan == 1998 && c.ColSpan == 5 && c.Col == 0 {
				found = true
			}
		}
	}
	if !found {
		t.Fatalf("no 1998×5 merge at A3 (A3:Z2000 clipped) in %+v", fl.Blocks)
	}
}

// TestReadCancelled: cancellation is seen inside a sheet, not only
// between sheets.
func TestReadCancelled(t *testing.T) {
	data := xlsxtest.TallSheet(19000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if _, err := Read(ctx, data); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
}
