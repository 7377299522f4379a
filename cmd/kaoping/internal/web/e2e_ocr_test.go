package web

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/model"
)

// TestBrowserOCRProgress: a two-page scan dropped on the page shows which
// page OCR is reading — 「正在识别第 1 / 2 页」 — beside the cancel button,
// and cancelling stops the read on the server. The scan is read by the real
// reader (the recogniser in this process), so the progress the page shows
// is what ingest reports.
func TestBrowserOCRProgress(t *testing.T) {
	chromium(t)
	dir := ocr.Dir("")
	if _, err := os.Stat(filepath.Join(dir, "rec.onnx")); err != nil {
		if os.Getenv("KAOPING_OCR_REQUIRED") != "" {
			t.Fatalf("OCR required: %v", err)
		}
		t.Skipf("OCR not installed (%s)", ocr.InstallCommand)
	}
	if _, err := exec.LookPath("gs"); err != nil {
		t.Skip("Ghostscript makes the scan")
	}
	scan := filepath.Join(t.TempDir(), "scan.pdf")
	if b, err := exec.Command("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfimage8", "-r150",
		"-dFirstPage=1", "-dLastPage=2", "-o", scan, "../../../../fixtures/pdf/lo-writer-notice.pdf").CombinedOutput(); err != nil {
		t.Fatalf("gs: %v %s", err, b)
	}
	ended := make(chan error, 1)
	s := New(Config{Timeout: 5 * time.Minute, Read: func(ctx context.Context, name string, data []byte) (*model.Document, error) {
		doc, err := ingest.Read(ctx, name, data)
		ended <- err
		return doc, err
	}})
	srv := httptest.NewServer(s)
	defer srv.Close()
	p := openTab(t, 1366, 768)
	p.run("drop the scan", chromedp.Navigate(srv.URL), chromedp.WaitVisible("#drop", chromedp.ByQuery),
		chromedp.SetUploadFiles("#file", []string{scan}, chromedp.ByQuery),
		chromedp.WaitVisible(".progress-box button.cancel", chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('.progress-label').textContent.startsWith('正在识别第 1 / 2 页')`, nil,
			chromedp.WithPollingTimeout(90*time.Second)))
	var bar []int
	p.eval(`[document.querySelector('.progress-box progress').value, document.querySelector('.progress-box progress').max]`, &bar)
	if len(bar) != 2 || bar[0] != 0 || bar[1] != 2 {
		t.Errorf("progress bar at %v, want 0 of 2 pages done", bar)
	}
	p.eval(`document.querySelector('.progress-box button.cancel').focus()`, nil)
	p.key(kb.Enter)
	select {
	case err := <-ended:
		if err == nil {
			t.Error("the read finished instead of being cancelled")
		}
	case <-time.After(60 * time.Second):
		t.Fatal("cancelling did not stop the read on the server")
	}
	var msg string
	p.run("cancelled", chromedp.WaitVisible(".error-box", chromedp.ByQuery), chromedp.Text(".error-box", &msg, chromedp.ByQuery))
	if msg != "已取消读取" {
		t.Errorf("after cancelling the page says %q", msg)
	}
}
