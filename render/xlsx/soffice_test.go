package xlsx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLibreOffice converts our workbook to PDF with LibreOffice, as a clerk's
// office suite would open it, and checks the PDF has the form's text and
// the recalculated totals. It runs when soffice is installed (CI installs it).
func TestLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("prints through LibreOffice; runs without -short")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	dir := t.TempDir()
	doc := sample(t)
	f, err := workbook(context.Background(), doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "form.xlsx")
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// a profile of its own, so a running LibreOffice does not take the job
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "form.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, want := range []string{doc.Forms[0].Title, "目标内容", "责任分解", "绩效目标考评得分", "1-3-2", "单位主要领导", "审核意见"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's PDF lacks %q", want)
		}
	}
	// LibreOffice recalculates on load: the 合计 shows the items' sum (16),
	// not the stated 18 cached in the file.
	found := false
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "合计") && !strings.Contains(line, "权重合计") && !strings.Contains(line, "category-total") {
			found = true
			if !strings.Contains(line, "16") {
				t.Errorf("合计 line %q does not show the recalculated 16", strings.TrimSpace(line))
			}
		}
	}
	if !found {
		t.Error("no 合计 line in LibreOffice's PDF")
	}
	if os.Getenv("KAOPING_KEEP") != "" {
		b, _ := os.ReadFile(filepath.Join(dir, "form.pdf"))
		_ = os.WriteFile(filepath.Join(os.Getenv("KAOPING_KEEP"), "lo.pdf"), b, 0o644)
	}
}
