package office

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kaoping/kaoping/ingest/docx"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
)

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDetect(t *testing.T) {
	tests := []struct {
		file string
		want fileFormat
	}{
		{"../../fixtures/docx/form.docx", formatDOCX},
		{"../../fixtures/docx/form.xlsx", formatXLSX},
		{"../../fixtures/docx/form.pdf", formatPDF},
		{"../../fixtures/docx/form.doc", formatDoc},
		{"../../fixtures/docx/form.xls", formatSheet},
		{"../../fixtures/docx/form.odt", formatODT},
		{"../../fixtures/ofd/bengbu-han.ofd", formatOFD},
		{"../../fixtures/docx/form.html", formatUnknown},
	}
	for _, tc := range tests {
		if got := Detect(read(t, tc.file)); got != tc.want {
			t.Errorf("%s: %q, want %q", filepath.Base(tc.file), got, tc.want)
		}
	}
	// The bytes decide, not the name: a DOCX renamed .doc is still DOCX,
	// a truncated OLE header is not a document.
	if got := Detect(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)); got != formatOLE {
		t.Errorf("bare OLE header: %q", got)
	}
	if got := Detect([]byte("PK\x03\x04garbage")); got != formatUnknown {
		t.Errorf("broken zip: %q", got)
	}
}

// TestConvertDoc converts the .doc twin of form.docx with LibreOffice and
// reads it: the same rows, texts and spans as the DOCX.
func TestConvertDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("converts through LibreOffice; runs without -short")
	}
	if soffice() == "" {
		t.Skip("soffice not installed (apt-get install libreoffice-writer-nogui)")
	}
	ctx := context.Background()
	conv, err := Convert(ctx, "form.doc", read(t, "../../fixtures/docx/form.doc"), formatDoc)
	if err != nil {
		t.Fatal(err)
	}
	if Detect(conv) != formatDOCX {
		t.Fatal("conversion is not DOCX")
	}
	got, err := docx.Read(ctx, "form.doc", conv)
	if err != nil {
		t.Fatal(err)
	}
	want, err := docx.Read(ctx, "form.docx", read(t, "../../fixtures/docx/form.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(rows(want), rows(got)); d != "" {
		t.Errorf("rows differ (-docx +doc):\n%s", d)
	}
}

func TestConvertXls(t *testing.T) {
	if testing.Short() {
		t.Skip("converts through LibreOffice; runs without -short")
	}
	if soffice() == "" {
		t.Skip("soffice not installed (apt-get install libreoffice-calc-nogui)")
	}
	conv, err := Convert(context.Background(), "form.xls", read(t, "../../fixtures/docx/form.xls"), formatSheet)
	if err != nil {
		if strings.Contains(err.Error(), "LibreOffice") && readerr.KindOf(err) == readerr.Corrupt {
			t.Skipf("Calc not installed: %v", err)
		}
		t.Fatal(err)
	}
	if Detect(conv) != formatXLSX {
		t.Fatal("conversion is not XLSX")
	}
}

func rows(f flow.Flow) []string {
	var out []string
	for _, b := range f.Blocks {
		if !b.IsRow() {
			continue
		}
		var s []string
		for _, c := range b.Cells {
			s = append(s, strings.Join([]string{itoa(c.Col), itoa(c.RowSpan), itoa(c.ColSpan), c.Text}, "/"))
		}
		out = append(out, strings.Join(s, " | "))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestNoSoffice: without LibreOffice the clerk is told what to install.
func TestNoSoffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	for _, tc := range []struct {
		f   fileFormat
		pkg string
	}{{formatDoc, "libreoffice-writer-nogui"}, {formatSheet, "libreoffice-calc-nogui"}} {
		_, err := Convert(context.Background(), "a.doc", []byte("x"), tc.f)
		var e *readerr.Error
		if !errors.As(err, &e) || e.Kind != readerr.Unsupported {
			t.Fatalf("got %v", err)
		}
		if !strings.Contains(e.Detail, "apt-get install "+tc.pkg) || !strings.Contains(e.DetailEn, "apt-get install "+tc.pkg) {
			t.Errorf("message %q / %q", e.Detail, e.DetailEn)
		}
	}
}

// TestTimeout: a conversion past its deadline is stopped and reported.
func TestTimeout(t *testing.T) {
	if soffice() == "" {
		t.Skip("soffice not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 1)
	defer cancel()
	_, err := Convert(ctx, "form.doc", read(t, "../../fixtures/docx/form.doc"), formatDoc)
	if readerr.KindOf(err) != readerr.Corrupt || !strings.Contains(err.Error(), "超时") {
		t.Errorf("got %v", err)
	}
}

// FuzzDetect: any bytes give a format, never a panic (OLE directories and
// zips are parsed by libraries). The seeds are 1–2 KB (detectSeeds): the
// 10–23 KB files of Word and Excel made each minimisation, which is
// quadratic in the input's length, take the whole minute it is allowed.
func FuzzDetect(f *testing.F) {
	for _, s := range detectSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Detect(data)
	})
}

// TestTimeoutKillsSoffice: a conversion stopped by its deadline leaves no
// LibreOffice process behind (soffice.bin is a child of soffice, so the
// whole process group is killed).
func TestTimeoutKillsSoffice(t *testing.T) {
	if soffice() == "" {
		t.Skip("soffice not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	before := sofficeProfiles(t)
	_, err := Convert(ctx, "form.doc", read(t, "../../fixtures/docx/form.doc"), formatDoc)
	if err == nil {
		t.Skip("the conversion finished within 300 ms; nothing to stop")
	}
	if !strings.Contains(err.Error(), "超时") {
		t.Fatalf("got %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	for p := range sofficeProfiles(t) {
		if !before[p] {
			t.Errorf("LibreOffice still running with profile %s", p)
		}
	}
}

// sofficeProfiles lists the kaoping temp profiles of running soffice
// processes, from /proc (Linux).
func sofficeProfiles(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc")
	}
	for _, e := range ents {
		cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		for _, a := range strings.Split(string(cmd), "\x00") {
			if strings.Contains(a, "kaoping-office-") {
				out[a] = true
			}
		}
	}
	return out
}
