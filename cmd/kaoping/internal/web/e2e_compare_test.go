package web

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/xlsx"
)

// TestBrowserCompare: two versions of a form dropped on the page, 「比较」
// lists what changed between them, as /api/diff (and kaoping diff) does.
func TestBrowserCompare(t *testing.T) {
	srv := httptest.NewServer(New(Config{}))
	defer srv.Close()
	bctx := newBrowser(t, 60*time.Second)
	oldPath, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "fixtures", "docx", "form.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(oldPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Read(context.Background(), "form.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	it := &doc.Forms[0].Categories[0].Indicators[0].Items[0]
	it.Weight = model.Float(*it.Weight + 1)
	var b bytes.Buffer
	if err := xlsx.Write(context.Background(), &b, doc, xlsx.Options{Clean: true}); err != nil {
		t.Fatal(err)
	}
	newPath := filepath.Join(t.TempDir(), "报回.xlsx")
	if err := os.WriteFile(newPath, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var items []string
	var count string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible("#drop", chromedp.ByQuery),
		chromedp.SetUploadFiles("#file", []string{oldPath, newPath}, chromedp.ByQuery),
		chromedp.WaitVisible("#compare-btn", chromedp.ByQuery),
		chromedp.Click("#compare-btn", chromedp.ByQuery),
		chromedp.WaitVisible("#compare-list li", chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#compare-list li')].map(li => li.textContent)`, &items),
		chromedp.Text("#compare-count", &count, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || !strings.Contains(items[0], it.ID) || !strings.Contains(items[0], "权重") || count != "共 1 处变更" {
		t.Errorf("the page lists %q (%q), want the one weight change of %s", items, count, it.ID)
	}
}
