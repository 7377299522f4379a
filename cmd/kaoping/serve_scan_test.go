package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/web"
	"github.com/kaoping/kaoping/ingest/ocr"
)

// TestServeScan: a two-page scan posted to serve is read by OCR in its
// worker under the default limits, as the CLI reads it, within a --timeout
// that holds per page (two minutes: a page takes 10 s on a quiet machine
// and over a minute on a loaded one), and while it is read GET /api/progress tells which page the
// worker is on (its progress lines cross the isolate protocol). With a 1 GB
// worker cap one page sometimes failed with ONNX Runtime's std::bad_alloc
// (one try in four), so this test cannot be relied on to catch a cap that
// is borderline; it does catch a cap or timeout that stops scans outright.
func TestServeScan(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the OCR engine in a worker; runs without -short")
	}
	dir := ocr.Dir("")
	for _, f := range []string{"det.onnx", "rec.onnx", "keys.txt", "libonnxruntime.so.1"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			if os.Getenv("KAOPING_OCR_REQUIRED") != "" {
				t.Fatalf("OCR required: %v", err)
			}
			t.Skipf("OCR not installed in %s (install with %s)", dir, ocr.InstallCommand)
		}
	}
	scan := twoPageScan(t)
	url, _ := startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "60MB", timeout: 2 * time.Minute, jobs: 1})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "scan.pdf")
	_, _ = w.Write(scan)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, url+"api/convert", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set(web.TokenHeader, token(t, url))
	req.Header.Set(web.JobHeader, "serve-scan")
	// poll as the page does, until the conversion ends
	seen := map[string]bool{}
	stop := make(chan struct{})
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		for {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
			res, err := http.Get(url + "api/progress?job=serve-scan")
			if err != nil {
				continue
			}
			var p struct{ Page, Pages int }
			if res.StatusCode == 200 && json.NewDecoder(res.Body).Decode(&p) == nil && p.Pages > 0 {
				seen[fmt.Sprintf("%d/%d", p.Page, p.Pages)] = true
			}
			res.Body.Close()
		}
	}()
	res, err := http.DefaultClient.Do(req)
	close(stop)
	<-polled
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s (progress seen %v)", res.StatusCode, b, seen)
	}
	var doc struct {
		Source struct {
			OCR bool `json:"ocr"`
		} `json:"source"`
		Notice *struct {
			DocNumber *struct {
				Text string `json:"text"`
			} `json:"docNumber"`
		} `json:"notice"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Source.OCR || doc.Notice == nil || doc.Notice.DocNumber == nil || doc.Notice.DocNumber.Text == "" {
		t.Errorf("the scan was not read as an OCR'd notice with its 文号: %.400s", b)
	}
	if !seen["1/2"] || !seen["2/2"] {
		t.Errorf("progress seen while reading: %v, want 1/2 and 2/2", seen)
	}
}

// twoPageScan is pages 1 and 2 of the notice fixture as an image-only PDF:
// Ghostscript's pdfimage8 device rasterises each page at 150 dpi into one
// Flate image, as a print-to-image driver does.
func twoPageScan(t *testing.T) []byte {
	t.Helper()
	if _, err := exec.LookPath("gs"); err != nil {
		t.Skip("Ghostscript makes the scan")
	}
	out := filepath.Join(t.TempDir(), "scan.pdf")
	if b, err := exec.Command("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfimage8", "-r150",
		"-dFirstPage=1", "-dLastPage=2", "-o", out, "../../fixtures/pdf/lo-writer-notice.pdf").CombinedOutput(); err != nil {
		t.Fatalf("gs: %v %s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
