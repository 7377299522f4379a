package web

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/render/grid"
)

var screenshots = flag.Bool("screenshots", false, "write the page's screenshots to docs/ (1366×768 PNG)")

// chromium finds Debian's chromium (or another Chromium build on PATH).
func chromium(t testing.TB) string {
	if testing.Short() {
		t.Skip("drives Chromium; runs without -short")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH (apt-get install chromium); the browser test is skipped")
	return ""
}

// TestBrowser drives the page in headless Chromium as a clerk would: upload
// the seed, compare the flagged cells with the audit, correct 文明创建's
// weight, download the Excel — and checks that no request leaves the server.
func TestBrowser(t *testing.T) {
	srv := httptest.NewServer(New(Config{})) // listens on 127.0.0.1
	defer srv.Close()
	bctx := newBrowser(t, 90*time.Second)

	var mu sync.Mutex
	var requests []string
	done := make(chan string, 4)
	chromedp.ListenTarget(bctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		case *browser.EventDownloadProgress:
			if e.State == browser.DownloadProgressStateCompleted {
				done <- e.GUID
			}
		}
	})
	dl := t.TempDir()
	fixtureAbs := absFixture(t)
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("open the page",
		network.Enable(),
		chromedp.EmulateViewport(1366, 768),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(dl).WithEventsEnabled(true),
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible("#drop", chromedp.ByQuery),
	)
	run("upload the seed",
		chromedp.SetUploadFiles("#file", []string{fixtureAbs}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery),
	)

	// What the audit says, computed here without the browser.
	rev := reviewedDoc(t)
	g := grid.Build(rev, 0)
	wantFlagged, wantOpen := 0, 0
	for _, c := range g.Cells {
		for _, i := range c.Findings {
			if !rev.Findings[i].Fixed {
				wantFlagged++
				break
			}
		}
	}
	for _, f := range rev.Findings {
		if !f.Fixed {
			wantOpen++
		}
	}
	var flagged, listed int
	var shown string
	run("count",
		chromedp.Evaluate(`document.querySelectorAll('td.flag').length`, &flagged),
		chromedp.Evaluate(`document.querySelectorAll('.findings li:not(.is-fixed)').length`, &listed),
		chromedp.Text(".flagged-count", &shown, chromedp.ByQuery),
	)
	if flagged == 0 || flagged != wantFlagged || shown != fmt.Sprint(wantFlagged) {
		t.Errorf("flagged cells: page %d (says %q), audit %d", flagged, shown, wantFlagged)
	}
	if listed != wantOpen {
		t.Errorf("findings listed: page %d, audit %d", listed, wantOpen)
	}
	var notice string
	run("notice", chromedp.Text(".notice", &notice, chromedp.ByQuery))
	for _, want := range []string{"泉芯管〔2023〕9号", "2023年度绩效目标工作方案", "泉州半导体高新区管委会2023年度绩效目标考评表"} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice summary lacks %q: %q", want, notice)
		}
	}
	// where a finding is, in words: a notice element by its Chinese name (not
	// its JSON key), a form row without a 序号 by its line
	var rawKeys, rowless int
	run("where",
		chromedp.Evaluate(`[...document.querySelectorAll('.findings .where')].filter(w => /\b(body|outline|attachments|recipients|signer|issuerMark|docNumber|dateText)\b/.test(w.textContent)).length`, &rawKeys),
		chromedp.Evaluate(`[...document.querySelectorAll('.findings li')].filter(li => li.textContent.includes('未命名') && li.querySelector('.where').textContent.trim() === '').length`, &rowless))
	if rawKeys != 0 || rowless != 0 {
		t.Errorf("findings placed by a JSON key: %d; with no place at all: %d", rawKeys, rowless)
	}
	// merged cells as in the model: 文件依据 of 1-1 spans its indicator's rows
	var span int
	run("merges", chromedp.Evaluate(`(() => { const r = [...document.querySelectorAll('td[data-key=id]')].find(td => td.textContent === '1-1-1').parentElement;
		return +(r.querySelector('td[data-key=indicator]').getAttribute('rowspan') || 1); })()`, &span))
	if n := len(rev.Forms[0].Categories[0].Indicators[0].Items); span != n {
		t.Errorf("一级指标 1-1 spans %d rows, has %d items", span, n)
	}

	const wenming = `[...document.querySelectorAll('.findings li[data-rule="category-total"]')].filter(li => li.textContent.includes('文明创建')).length`
	var before int
	run("文明创建 finding", chromedp.Evaluate(wenming, &before))
	if before != 1 {
		t.Fatalf("%d category-total findings on 文明创建 before the edit, want 1", before)
	}
	// clicking the finding scrolls to its cell
	var inView bool
	run("click the finding",
		chromedp.Click(`.findings li[data-rule="category-total"].link`, chromedp.ByQuery),
		chromedp.Sleep(1500*time.Millisecond), // the cell's highlight fades
		chromedp.Evaluate(`(() => { const li = document.querySelector('.findings li[data-rule="category-total"].link');
			const c = document.getElementById(li.dataset.cell).getBoundingClientRect();
			const w = document.querySelector('.tables').getBoundingClientRect();
			return c.top >= Math.max(0, w.top) - 1 && c.bottom <= Math.min(innerHeight, w.bottom) + 1 && c.left >= w.left - 1 && c.right <= w.right + 1; })()`, &inView),
	)
	if !inView {
		t.Error("clicking the finding did not bring its cell into view")
	}

	var cellID string
	run("find the 9-1 weight", chromedp.Evaluate(`[...document.querySelectorAll('td[data-key=id]')].find(td => td.textContent === '9-1')
		.parentElement.querySelector('td[data-edit-column=weight]').id`, &cellID))
	sel := "#" + cellID
	var hover string
	run("hover message", chromedp.AttributeValue(sel, "title", &hover, nil, chromedp.ByQuery))
	if !strings.Contains(hover, "文明创建") {
		t.Errorf("the 9-1 weight cell's hover text lacks the category-total message: %q", hover)
	}
	wenmingAt := findItem(t, seedDoc(t), "9-1")
	run("edit 20 → 6",
		chromedp.Click(sel, chromedp.ByQuery),
		chromedp.Evaluate(`(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('`+sel+`'));
			const s = getSelection(); s.removeAllRanges(); s.addRange(r); })()`, nil),
		chromedp.SendKeys(sel, "6"+kb.Enter, chromedp.ByQuery),
		chromedp.Poll(`!(`+wenming+`) && document.querySelector('.edited') !== null`, nil, chromedp.WithPollingTimeout(10*time.Second)),
	)
	var weight string
	run("read back", chromedp.Text(sel, &weight, chromedp.ByQuery))
	if weight != "6" {
		t.Errorf("the 9-1 weight cell shows %q after the edit", weight)
	}

	// An edit the server refuses (over the length limit) shows its message and
	// is dropped, so the changes after it still work (the fix switch below).
	var refused string
	run("a refused edit",
		chromedp.Evaluate(`[...document.querySelectorAll('td[data-key=id]')].find(td => td.textContent === '9-1')
			.parentElement.querySelector('td[data-edit-column=item]').focus()`, nil),
		chromedp.KeyEvent(kb.F2),
		chromedp.Evaluate(`document.activeElement.textContent = '长'.repeat(`+fmt.Sprint(maxEditRunes+1)+`)`, nil),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(".doc .error-box", chromedp.ByQuery),
		chromedp.Text(".doc .error-box", &refused, chromedp.ByQuery),
	)
	if !strings.Contains(refused, fmt.Sprint(maxEditRunes)) {
		t.Errorf("refused edit message: %q", refused)
	}

	run("download the Excel", chromedp.Click(`button.download[data-to=xlsx]`, chromedp.ByQuery))
	var guid string
	select {
	case guid = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the Excel download did not complete")
	}
	b, err := os.ReadFile(filepath.Join(dl, guid))
	if err != nil {
		t.Fatal(err)
	}
	checkExcelWeight(t, b, "9-1", "6")

	// The switch applies the certain fixes: the page shows what the server's
	// review of the edited document with fixes gives.
	fixedView, err := buildView(context.Background(), viewRequest{Document: reviewedDoc(t), Fix: true,
		Edits: []edit{{Form: 0, Category: wenmingAt.Category, Ind: wenmingAt.Ind, Item: wenmingAt.Item, Column: "weight", Value: "6"}}})
	if err != nil {
		t.Fatal(err)
	}
	wantFixed := 0
	for _, f := range fixedView.Document.Findings {
		if f.Fixed {
			wantFixed++
		}
	}
	var fixedBefore, fixedAfter int
	const fixedCount = `document.querySelectorAll('.findings li.is-fixed').length`
	run("count the fixed",
		chromedp.SetValue(".filter-sev", "all", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('.filter-sev').dispatchEvent(new Event('change'))`, nil),
		chromedp.Evaluate(fixedCount, &fixedBefore))
	run("apply the fixes",
		chromedp.Click(".fix-switch", chromedp.ByQuery),
		chromedp.Poll(fixedCount+` > `+fmt.Sprint(fixedBefore), nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(fixedCount, &fixedAfter),
	)

	if fixedAfter != wantFixed {
		t.Errorf("fixed findings on the page after the switch: %d, the review gives %d (before: %d)", fixedAfter, wantFixed, fixedBefore)
	}

	// A file dropped on the page that is not a 考评表 gets the CLI's message.
	badData := "关于开会的通知\n\n请准时参加。\n"
	_, readErr := ingest.Read(context.Background(), "notable.txt", []byte(badData))
	var ie *readerr.Error
	if !errors.As(readErr, &ie) {
		t.Fatalf("ingest reads the bad file: %v", readErr)
	}
	var shownErr string
	run("drop a bad file",
		chromedp.Evaluate(`(() => { const dt = new DataTransfer();
			dt.items.add(new File([`+"`"+badData+"`"+`], 'notable.txt', { type: 'text/plain' }));
			document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); })()`, nil),
		chromedp.WaitVisible("#docs > section:last-child .error-box", chromedp.ByQuery),
		chromedp.Text("#docs > section:last-child .error-box", &shownErr, chromedp.ByQuery),
	)
	if shownErr != ie.Message("zh") {
		t.Errorf("the page says %q, the CLI %q", shownErr, ie.Message("zh"))
	}

	// A table that reads back out of order (as a misread one does) gets the
	// warning to check it against the original, with the places; the seed,
	// read right, has none.
	shuffled := "附件\n\n某局2024年度绩效目标考评表\n\n项目\t序号\t一级指标\t二级指标\t权重\t完成时限\t分管领导\t责任部门\t责任人\n" +
		"重点工作目标\t1-1-1\t抓好招商引资（6分）\t制定年度招商行动方案。\t2\t6月底前\t洪武强\t经济发展科\t褚达志\n" +
		"\t1-1-3\t\t招引龙头企业。\t2\t12月底前\t洪武强\t经济发展科\t褚达志\n\t1-1-2\t\t推进实验室项目。\t2\t9月底前\t洪武强\t经济发展科\t褚达志\n"
	var doubt string
	var seedDoubts int
	run("drop a misread table",
		chromedp.Evaluate(`(() => { const dt = new DataTransfer();
			dt.items.add(new File([`+"`"+shuffled+"`"+`], 'shuffled.txt', { type: 'text/plain' }));
			document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); })()`, nil),
		chromedp.WaitVisible("#docs > section:last-child .banner.doubt", chromedp.ByQuery),
		chromedp.Text("#docs > section:last-child .banner.doubt", &doubt, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('#docs > section:first-child .banner.doubt').length`, &seedDoubts),
	)
	if !strings.Contains(doubt, "表格识别可能不完整，请对照原件核对") || !strings.Contains(doubt, "1-1-2 序号") {
		t.Errorf("the doubt banner says %q", doubt)
	}
	if seedDoubts != 0 {
		t.Errorf("the seed shows %d doubt banners", seedDoubts)
	}

	if *screenshots {
		run("English", chromedp.Evaluate(`show(entries[0])`, nil), chromedp.Click("#lang", chromedp.ByQuery), chromedp.Sleep(300*time.Millisecond),
			chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
		shot(t, bctx, "serve-en.png")
	}

	mu.Lock()
	defer mu.Unlock()
	var api []string
	for _, u := range requests {
		if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:"+srv.URL+"/") {
			t.Errorf("the page made a request that does not go to the local server: %s", u)
		}
		if strings.Contains(u, "/api/") {
			api = append(api, strings.TrimPrefix(u, srv.URL))
		}
	}
	for _, want := range []string{"/api/convert", "/api/view", "/api/render?to=xlsx"} {
		found := false
		for _, u := range api {
			found = found || u == want
		}
		if !found {
			t.Errorf("the page never called %s (calls: %v)", want, api)
		}
	}
}

func absFixture(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newBrowser starts headless Chromium for the test (skipped without one),
// with the network cut, and stops it when the test ends.
func newBrowser(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	exe := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		// The network is cut for the browser: no host name resolves except the test server's address.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"),
		chromedp.WindowSize(1366, 768),
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	return bctx
}

// checkExcelWeight finds the row whose cell reads id and checks its 权重.
func checkExcelWeight(t *testing.T, b []byte, id, want string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wc := -1
	for _, r := range rows {
		for j, v := range r {
			if v == "权重" {
				wc = j
			}
		}
		if wc < 0 {
			continue
		}
		for _, v := range r {
			if v == id {
				if wc >= len(r) || r[wc] != want {
					t.Errorf("the downloaded workbook's %s row: %q", id, r)
				}
				return
			}
		}
	}
	t.Errorf("no row %s (权重 column %d) in the downloaded workbook", id, wc)
}

// shot saves the viewport to docs/ when -screenshots is set, as a paletted
// PNG so the committed files stay small.
func shot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	var buf []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&buf)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	pal := image.NewPaletted(img.Bounds(), palette(img))
	draw.Draw(pal, pal.Rect, img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, pal); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "..", "..", "..", "docs", name), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// palette is the 64 most frequent colours of img: a UI screenshot has few,
// and text stays legible with them.
func palette(img image.Image) color.Palette {
	count := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			count[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}]++
		}
	}
	type kv struct {
		c color.RGBA
		n int
	}
	var all []kv
	for c, n := range count {
		all = append(all, kv{c, n})
	}
	// most frequent first; ties by value for a stable palette
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return less(all[i].c, all[j].c)
	})
	var p color.Palette
	for i := 0; i < len(all) && i < 64; i++ {
		p = append(p, all[i].c)
	}
	return p
}

func less(a, b color.RGBA) bool {
	return uint32(a.R)<<16|uint32(a.G)<<8|uint32(a.B) < uint32(b.R)<<16|uint32(b.G)<<8|uint32(b.B)
}
