package main

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kaoping/kaoping/ingest/ocr"
)

// TestServeScan: a scanned page posted to serve is read by OCR in its
// worker under the default limits, as the CLI reads it. With a 1 GB worker
// cap the same page sometimes failed with ONNX Runtime's std::bad_alloc (one
// try in four), so this test cannot be relied on to catch a cap that is
// borderline; it does catch a cap or timeout that stops scans outright.
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
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) makes the scan")
	}
	tmp := t.TempDir()
	if out, err := exec.Command("pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile",
		"../../fixtures/pdf/lo-writer-notice.pdf", filepath.Join(tmp, "scan")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	png, err := os.ReadFile(filepath.Join(tmp, "scan.png"))
	if err != nil {
		t.Fatal(err)
	}
	url, _ := startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "60MB", timeout: 2 * time.Minute, jobs: 1})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "scan.png")
	_, _ = w.Write(png)
	_ = mw.Close()
	res, err := post(t, url+"api/convert", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, b)
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
}
