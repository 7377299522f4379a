package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"
)

func cdpBackend(id int64) cdp.BackendNodeID { return cdp.BackendNodeID(id) }

// checkExcelRow finds the first row of the workbook with a cell reading label
// (a 序号 or a total's label) and checks its 权重 cell.
func checkExcelRow(t *testing.T, b []byte, label, want string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	wc := -1
	for _, r := range rows {
		for j, v := range r {
			if v == "权重" && wc < 0 {
				wc = j
			}
		}
		if wc < 0 {
			continue
		}
		for _, v := range r {
			if v == label {
				if wc >= len(r) || r[wc] != want {
					t.Errorf("the downloaded workbook's %s row: %q, want %s under 权重", label, r, want)
				}
				return
			}
		}
	}
	t.Errorf("no row %s (权重 column %d) in the downloaded workbook", label, wc)
}

// tab is the page open in headless Chromium, with what a test needs to drive
// it by keyboard and to see its downloads and dialogs.
type tab struct {
	t         *testing.T
	ctx       context.Context
	srv       *httptest.Server
	dir       string      // the download folder
	downloads chan string // completed downloads' file names in dir
	chooser   chan cdpNode
	mu        sync.Mutex
	dialogs   []string // the types of the dialogs the page opened (beforeunload …)
}

type cdpNode struct{ id int64 }

func openTab(t *testing.T, w, h int64) *tab {
	t.Helper()
	srv := httptest.NewServer(New(Config{}))
	t.Cleanup(srv.Close)
	p := &tab{t: t, srv: srv, dir: t.TempDir(), downloads: make(chan string, 8), chooser: make(chan cdpNode, 2)}
	p.ctx = newBrowser(t, 3*time.Minute)
	guids := map[string]string{}
	chromedp.ListenTarget(p.ctx, func(ev any) {
		switch e := ev.(type) {
		case *browser.EventDownloadWillBegin:
			p.mu.Lock()
			guids[e.GUID] = e.SuggestedFilename
			p.mu.Unlock()
		case *browser.EventDownloadProgress:
			if e.State == browser.DownloadProgressStateCompleted {
				p.mu.Lock()
				name := guids[e.GUID]
				p.mu.Unlock()
				// AllowAndName saves under the GUID; keep the suggested name for the test
				_ = os.Rename(filepath.Join(p.dir, e.GUID), filepath.Join(p.dir, name))
				p.downloads <- name
			}
		case *page.EventJavascriptDialogOpening:
			p.mu.Lock()
			p.dialogs = append(p.dialogs, string(e.Type))
			p.mu.Unlock()
			go func() { _ = chromedp.Run(p.ctx, page.HandleJavaScriptDialog(true)) }()
		case *page.EventFileChooserOpened:
			p.chooser <- cdpNode{int64(e.BackendNodeID)}
		}
	})
	p.run("open the page",
		chromedp.EmulateViewport(w, h),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(p.dir).WithEventsEnabled(true),
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible("#drop", chromedp.ByQuery),
	)
	return p
}

func (p *tab) run(what string, actions ...chromedp.Action) {
	p.t.Helper()
	if err := chromedp.Run(p.ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) into out.
func (p *tab) eval(expr string, out any) {
	p.t.Helper()
	p.run("eval "+shorten(expr), chromedp.Evaluate(expr, out, func(e *runtime.EvaluateParams) *runtime.EvaluateParams {
		return e.WithAwaitPromise(true)
	}))
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// key presses keys on the focused element, as a person at the keyboard does.
func (p *tab) key(keys string, mods ...input.Modifier) {
	p.t.Helper()
	var opts []chromedp.KeyOption
	if len(mods) > 0 {
		opts = append(opts, chromedp.KeyModifiers(mods...))
	}
	p.run("key "+fmt.Sprintf("%q", keys), chromedp.KeyEvent(keys, opts...))
}

// settle waits until the page has no request in flight for the shown file.
func (p *tab) settle() {
	p.t.Helper()
	p.run("settle", chromedp.Poll(`active && active.view && !active.node.classList.contains('busy') && !active.loading`, nil,
		chromedp.WithPollingTimeout(30*time.Second)))
}

// uploadByKeyboard opens the file chooser from the 选择文件 button reached
// with Tab, and answers it with path.
func (p *tab) uploadByKeyboard(path string) {
	p.t.Helper()
	p.run("intercept the chooser", page.SetInterceptFileChooserDialog(true))
	p.tabTo(`document.activeElement.id === 'choose'`, false)
	p.key(kb.Enter)
	select {
	case n := <-p.chooser:
		p.run("choose the file", dom.SetFileInputFiles([]string{path}).WithBackendNodeID(cdpBackend(n.id)))
	case <-time.After(10 * time.Second):
		p.t.Fatal("Enter on 选择文件 opened no file chooser")
	}
}

// tabTo presses Tab (Shift+Tab when back) until cond holds of the focus.
func (p *tab) tabTo(cond string, back bool) {
	p.t.Helper()
	for range 40 {
		var ok bool
		p.eval(cond, &ok)
		if ok {
			return
		}
		if back {
			p.key(kb.Tab, input.ModifierShift)
		} else {
			p.key(kb.Tab)
		}
	}
	var at string
	p.eval(`document.activeElement.outerHTML.slice(0, 120)`, &at)
	p.t.Fatalf("Tab never reached %s (focus on %s)", cond, at)
}

func (p *tab) download(want string) string {
	p.t.Helper()
	select {
	case name := <-p.downloads:
		if !strings.HasSuffix(name, want) {
			p.t.Errorf("downloaded %q, want a %s", name, want)
		}
		return filepath.Join(p.dir, name)
	case <-time.After(30 * time.Second):
		p.t.Fatalf("no %s download", want)
	}
	return ""
}

// mouseWatch counts every mouse and pointer event the page receives from
// now on; a keyboard-only path must leave it at 0.
const mouseWatch = `(() => { window.__mouse = [];
  for (const t of ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'pointerup', 'dblclick', 'contextmenu', 'wheel'])
    addEventListener(t, (e) => { if (e.isTrusted) window.__mouse.push(t); }, true);
  addEventListener('click', (e) => { if (e.isTrusted && e.detail > 0) window.__mouse.push('click'); }, true); })()`

// focusedCell describes the focused grid cell: its 序号 row, column and text.
const focusedCell = `(() => { const c = document.activeElement; if (!c || !c.matches('td, th')) return null;
  const id = c.closest('tr').querySelector('td[data-key=id]');
  return { id: id ? id.dataset.text : '', column: c.dataset.editColumn || c.dataset.key, text: c.dataset.text, cell: c.id }; })()`

type cellInfo struct {
	ID, Column, Text, Cell string
}

// TestBrowserKeyboard: a clerk without a mouse opens the file with the
// 选择文件 button, filters the findings to 权重, goes to the third with F8,
// corrects the cell and downloads the Excel; no mouse event reaches the page.
func TestBrowserKeyboard(t *testing.T) {
	p := openTab(t, 1366, 768)
	p.eval(mouseWatch, nil)
	p.uploadByKeyboard(absFixture(t))
	p.run("the table", chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()

	// the column filter, reached by Tab, set with the arrow keys
	p.tabTo(`document.activeElement.matches('.filter-col')`, false)
	for range 20 {
		var v string
		p.eval(`document.querySelector('.filter-col').value`, &v)
		if v == "weight" {
			break
		}
		p.key(kb.ArrowDown)
	}
	var shown []int
	p.eval(`active.shown`, &shown)
	if len(shown) < 3 {
		t.Fatalf("%d weight findings listed, want at least 3", len(shown))
	}
	for range 3 {
		p.key(kb.F8)
	}
	var cell cellInfo
	var want struct{ Rule, Row string }
	p.eval(focusedCell, &cell)
	p.eval(`(() => { const f = active.view.document.findings[active.shown[2]]; return { rule: f.rule, row: f.at.row }; })()`, &want)
	var selected string
	p.eval(`document.querySelector('.findings li[aria-selected=true]').dataset.index`, &selected)
	if selected != fmt.Sprint(shown[2]) || cell.Cell == "" {
		t.Fatalf("after three F8: finding %s selected (want %d), focus on %+v", selected, shown[2], cell)
	}
	var cellOf string
	p.eval(`active.cellOf[active.shown[2]]`, &cellOf)
	if cell.Cell != cellOf {
		t.Fatalf("the third finding (%+v) is on cell %s, focus on %+v", want, cellOf, cell)
	}
	var live string
	p.run("announced", chromedp.Poll(`document.getElementById('live').textContent.includes('3/')`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Text("#live", &live, chromedp.ByQuery))
	if !strings.Contains(live, "第 3/") {
		t.Errorf("the live region says %q", live)
	}

	// correct it: F2, replace the text, Enter
	const fixed = "115"
	p.key(kb.F2)
	p.eval(`document.execCommand('selectAll')`, nil)
	p.key(fixed)
	p.key(kb.Enter)
	p.settle()
	var edits int
	p.eval(`active.edits.length`, &edits)
	var now string
	p.eval(`document.getElementById(`+jsString(cell.Cell)+`).dataset.text`, &now)
	if edits != 1 || now != fixed {
		t.Fatalf("after the edit: %d edits, the cell shows %q", edits, now)
	}
	var marked bool
	p.eval(`document.getElementById(`+jsString(cell.Cell)+`).classList.contains('edited')`, &marked)
	if !marked {
		t.Error("the edited cell is not marked")
	}

	// download the Excel: Shift+Tab back from the grid to its button
	p.tabTo(`document.activeElement.matches('button.download[data-to=xlsx]')`, true)
	p.key(kb.Enter)
	xlsxPath := p.download(".xlsx")
	b, err := os.ReadFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	checkExcelRow(t, b, want.Row, fixed)
	if !strings.Contains(filepath.Base(xlsxPath), "绩效目标考评表") {
		t.Errorf("the download is named %q, not after the form's title", filepath.Base(xlsxPath))
	}
	var mouse []string
	p.eval(`window.__mouse`, &mouse)
	if len(mouse) > 0 {
		t.Errorf("the keyboard path made mouse events: %v", mouse)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// edit puts the keyboard on the cell of row id, column col, and types value.
func (p *tab) edit(id, col, value string) {
	p.t.Helper()
	p.focusCell(id, col)
	p.key(kb.F2)
	p.eval(`document.execCommand('selectAll')`, nil)
	p.key(value)
	p.key(kb.Enter)
	p.settle()
}

// focusCell moves the keyboard to a cell (the page's own cursor, as arrow keys would).
func (p *tab) focusCell(id, col string) {
	p.t.Helper()
	var ok bool
	p.eval(`(() => { const row = [...document.querySelectorAll('td[data-key=id]')].find((td) => td.dataset.text === `+jsString(id)+`);
		const c = row && row.parentElement.querySelector('td[data-edit-column=`+col+`]'); if (!c) return false;
		setCursor(active, +c.closest('table').dataset.form, +c.dataset.r, +c.dataset.c, true); return document.activeElement === c; })()`, &ok)
	if !ok {
		p.t.Fatalf("no cell %s %s", id, col)
	}
}

func (p *tab) cellText(id, col string) string {
	p.t.Helper()
	var s string
	p.eval(`(() => { const row = [...document.querySelectorAll('td[data-key=id]')].find((td) => td.dataset.text === `+jsString(id)+`);
		return row.parentElement.querySelector('td[data-edit-column=`+col+`]').dataset.text; })()`, &s)
	return s
}

// TestBrowserUndoRedo: three edits, undone one by one with Ctrl+Z in reverse
// order and redone with Ctrl+Y; each step shows on its cell; a reload asks
// before leaving, then offers the draft, which brings the edits back.
func TestBrowserUndoRedo(t *testing.T) {
	p := openTab(t, 1366, 768)
	p.run("upload", chromedp.SetUploadFiles("#file", []string{absFixture(t)}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	type change struct{ id, col, from, to string }
	changes := []change{{"9-1", "weight", "", "6"}, {"1-1-1", "deadline", "", "6月底前"}, {"1-1-2", "owners", "", "张三"}}
	for i := range changes {
		changes[i].from = p.cellText(changes[i].id, changes[i].col)
		p.edit(changes[i].id, changes[i].col, changes[i].to)
		if got := p.cellText(changes[i].id, changes[i].col); got != changes[i].to {
			t.Fatalf("edit %d: %s %s shows %q", i+1, changes[i].id, changes[i].col, got)
		}
	}
	check := func(what string, n int) {
		t.Helper()
		for i, c := range changes {
			want := c.from
			if i < n {
				want = c.to
			}
			if got := p.cellText(c.id, c.col); got != want {
				t.Errorf("%s: %s %s shows %q, want %q", what, c.id, c.col, got, want)
			}
		}
	}
	check("three edits", 3)
	for n := 2; n >= 0; n-- {
		p.key("z", input.ModifierCtrl)
		p.settle()
		check(fmt.Sprintf("undone to %d", n), n)
	}
	for n := 1; n <= 3; n++ {
		p.key("y", input.ModifierCtrl)
		p.settle()
		check(fmt.Sprintf("redone to %d", n), n)
	}

	// leaving asks first; the draft comes back after the reload
	p.run("reload", chromedp.Reload())
	p.mu.Lock()
	dialogs := strings.Join(p.dialogs, ",")
	p.mu.Unlock()
	if !strings.Contains(dialogs, "beforeunload") {
		t.Errorf("leaving with edits not downloaded asked nothing (dialogs: %q)", dialogs)
	}
	var resume string
	p.run("the draft is offered", chromedp.WaitVisible("#resume .resume-draft", chromedp.ByQuery),
		chromedp.Text("#resume", &resume, chromedp.ByQuery))
	if !strings.Contains(resume, "继续上次的编辑") || !strings.Contains(resume, "3") {
		t.Errorf("the resume box says %q", resume)
	}
	p.eval(`document.querySelector('#resume .resume-draft').focus()`, nil)
	p.key(kb.Enter)
	p.run("the table again", chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	check("after the reload", 3)
	// and undo still works on the restored draft
	p.focusCell("9-1", "weight")
	p.key("z", input.ModifierCtrl)
	p.settle()
	check("undo after the reload", 2)
}

// TestBrowserPlaceKept: an edit keeps the clerk's place — the scroll of the
// table and of the findings are the same after the redraw, and the keyboard
// is on the cell below the one edited.
func TestBrowserPlaceKept(t *testing.T) {
	p := openTab(t, 1366, 768)
	p.run("upload", chromedp.SetUploadFiles("#file", []string{absFixture(t)}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	// scroll the table to the 2-4 rows and the findings half way
	p.eval(`(() => { const row = [...document.querySelectorAll('td[data-key=id]')].find((td) => td.dataset.text === '2-4-1');
		const box = document.querySelector('.tables'); box.scrollTop = row.offsetTop - box.clientHeight / 3; box.scrollLeft = 120;
		const ol = document.querySelector('.findings ol'); ol.scrollTop = ol.scrollHeight / 2; })()`, nil)
	p.focusCell("2-4-1", "weight")
	type offsets struct{ Table, TableLeft, Findings float64 }
	read := func() (o offsets) {
		p.eval(`({ table: document.querySelector('.tables').scrollTop, tableLeft: document.querySelector('.tables').scrollLeft,
			findings: document.querySelector('.findings ol').scrollTop })`, &o)
		return o
	}
	before := read()
	if before.Table < 500 || before.Findings < 200 {
		t.Fatalf("the test could not scroll: %+v", before)
	}
	var below cellInfo
	p.eval(`(() => { const c = document.activeElement; const r = +c.dataset.r + (+c.getAttribute('rowspan') || 1);
		const n = active.node.querySelector('table.form').cover[r][+c.dataset.c]; return { cell: n.id }; })()`, &below)
	p.key(kb.F2)
	p.eval(`document.execCommand('selectAll')`, nil)
	p.key("3")
	p.key(kb.Enter)
	p.settle()
	after := read()
	if after != before {
		t.Errorf("scroll before the edit %+v, after %+v", before, after)
	}
	var focus cellInfo
	p.eval(focusedCell, &focus)
	if focus.Cell != below.Cell {
		t.Errorf("focus after Enter on %+v, want the cell below (%s)", focus, below.Cell)
	}
	if got := p.cellText("2-4-1", "weight"); got != "3" {
		t.Errorf("the edited cell shows %q", got)
	}
}

// TestBrowserReopenJSON: the JSON the page downloads opens again on the
// page with the edit and the same findings.
func TestBrowserReopenJSON(t *testing.T) {
	p := openTab(t, 1366, 768)
	p.run("upload", chromedp.SetUploadFiles("#file", []string{absFixture(t)}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	p.edit("9-1", "weight", "6")
	var findings int
	p.eval(`active.view.document.findings.length`, &findings)
	p.eval(`document.querySelector('button.download[data-to=json]').focus()`, nil)
	p.key(kb.Enter)
	path := p.download(".json")
	p.run("open it again", chromedp.SetUploadFiles("#file", []string{path}, chromedp.ByQuery),
		chromedp.Poll(`entries.length === 2 && entries[1].view !== null`, nil, chromedp.WithPollingTimeout(20*time.Second)))
	p.settle()
	var again struct {
		Findings int
		Name     string
		Error    any
	}
	p.eval(`({ findings: active.view.document.findings.length, name: active.name, error: active.error })`, &again)
	if again.Error != nil || again.Findings != findings || again.Name != filepath.Base(path) {
		t.Errorf("reopened: %+v, want %d findings", again, findings)
	}
	if got := p.cellText("9-1", "weight"); got != "6" {
		t.Errorf("the reopened document shows the 9-1 weight %q", got)
	}
	var tabs []string
	p.eval(`[...document.querySelectorAll('#tabs [role=tab]')].map((b) => b.textContent)`, &tabs)
	if len(tabs) != 2 || !strings.HasPrefix(tabs[0], "quanxin") || !strings.HasPrefix(tabs[1], filepath.Base(path)) {
		t.Errorf("tabs %q: the files are not in the order opened", tabs)
	}
}

// visibleRows counts the table's body rows wholly inside the table's scroll
// area, the rows a clerk sees without scrolling.
const visibleRows = `(() => { const box = document.querySelector('.tables').getBoundingClientRect();
  const head = document.querySelector('table.form thead').getBoundingClientRect();
  return [...document.querySelectorAll('table.form tbody tr')].filter((tr) => { const r = tr.getBoundingClientRect();
    return r.height > 0 && r.top >= Math.max(box.top, head.bottom) - 1 && r.bottom <= box.bottom + 1; }).length; })()`

// TestBrowserLayout: on an office screen (1366×768) and a large one
// (1920×1080) the window does not scroll, the table shows at least 12 rows
// under its header, and the header and first columns stay put when the
// table scrolls. -screenshots writes docs/serve-*.png.
func TestBrowserLayout(t *testing.T) {
	for _, size := range []struct {
		w, h    int64
		minRows int
		name    string
	}{{1366, 768, 12, "serve-upload.png"}, {1920, 1080, 18, "serve-1920.png"}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			p := openTab(t, size.w, size.h)
			p.run("upload", chromedp.SetUploadFiles("#file", []string{absFixture(t)}, chromedp.ByQuery),
				chromedp.WaitVisible("table.form", chromedp.ByQuery))
			p.settle()
			var rows int
			var pageScroll struct{ W, H, IW, IH float64 }
			p.eval(visibleRows, &rows)
			p.eval(`({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, iw: innerWidth, ih: innerHeight })`, &pageScroll)
			if rows < size.minRows {
				t.Errorf("%d table rows visible, want at least %d", rows, size.minRows)
			}
			if pageScroll.W > pageScroll.IW || pageScroll.H > pageScroll.IH {
				t.Errorf("the window itself scrolls: %+v", pageScroll)
			}
			shot(t, p.ctx, size.name)
			// scrolled down and right, the header row and the 序号 column stay in view
			var stuck struct{ HeadTop, BoxTop, IDLeft, BoxLeft float64 }
			p.eval(`(() => { const box = document.querySelector('.tables'); box.scrollTop = 1500; box.scrollLeft = 400;
				const b = box.getBoundingClientRect(); const th = document.querySelector('table.form thead th').getBoundingClientRect();
				const id = [...document.querySelectorAll('td[data-key=id]')].find((td) => { const r = td.getBoundingClientRect(); return r.top > b.top + 80 && r.bottom < b.bottom; });
				return { headTop: th.top, boxTop: b.top, idLeft: id.getBoundingClientRect().left, boxLeft: b.left }; })()`, &stuck)
			if stuck.HeadTop-stuck.BoxTop > 2 || stuck.IDLeft-stuck.BoxLeft > 60 {
				t.Errorf("scrolled, the header is %.0fpx below the top and 序号 %.0fpx right of the left edge", stuck.HeadTop-stuck.BoxTop, stuck.IDLeft-stuck.BoxLeft)
			}
			if size.w == 1366 {
				p.eval(`document.querySelector('.tables').scrollTop = 0; document.querySelector('.tables').scrollLeft = 0`, nil)
				p.run("errors only", chromedp.SetValue(".filter-sev", "error", chromedp.ByQuery),
					chromedp.Evaluate(`document.querySelector('.filter-sev').dispatchEvent(new Event('change'))`, nil))
				p.focusCell("1-1-1", "weight")
				for range 3 {
					p.key(kb.F8)
				}
				p.run("the highlight fades", chromedp.Sleep(1500*time.Millisecond))
				shot(t, p.ctx, "serve-finding.png")
			}
		})
	}
}

// TestBrowserPreview: 打印预览 shows the PDF of the edited form in the page;
// Esc closes it and the keyboard is back on the button.
func TestBrowserPreview(t *testing.T) {
	p := openTab(t, 1366, 768)
	p.run("upload", chromedp.SetUploadFiles("#file", []string{absFixture(t)}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	p.eval(`document.querySelector('button.print-preview').focus()`, nil)
	p.key(kb.Enter)
	p.run("the preview", chromedp.Poll(`document.getElementById('preview').open && document.getElementById('preview-frame').src.startsWith('blob:')`, nil,
		chromedp.WithPollingTimeout(20*time.Second)))
	var pdf struct {
		Type  string
		Size  int
		Title string
	}
	p.eval(`(() => { const d = document.getElementById('preview'); return { type: d.pdf.type, size: d.pdf.size, title: document.getElementById('preview-frame').title }; })()`, &pdf)
	if pdf.Type != "application/pdf" || pdf.Size < 10000 || !strings.HasSuffix(pdf.Title, ".pdf") {
		t.Errorf("the preview holds %+v", pdf)
	}
	if *screenshots {
		p.run("the viewer draws", chromedp.Sleep(3*time.Second))
		shot(t, p.ctx, "serve-preview.png")
	}
	p.key(kb.Escape)
	var back bool
	p.run("closed", chromedp.Poll(`!document.getElementById('preview').open`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	p.eval(`document.activeElement.matches('button.print-preview')`, &back)
	if !back {
		t.Error("closing the preview did not give the keyboard back to its button")
	}
}

// TestBrowserCancel: a slow conversion shows its progress and a cancel
// button; cancelling ends the request on the server (which stops the work)
// and says so on the page.
func TestBrowserCancel(t *testing.T) {
	s := New(Config{})
	ended := make(chan error, 1)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/convert" {
			// a conversion that takes until the client gives up (the body
			// read first, as the real handler does: only then does the
			// server notice a client that went away)
			_, _ = io.Copy(io.Discard, r.Body)
			<-r.Context().Done()
			ended <- r.Context().Err()
			return
		}
		s.ServeHTTP(w, r)
	}))
	defer slow.Close()
	p := openTab(t, 1366, 768)
	p.run("the slow server", chromedp.Navigate(slow.URL), chromedp.WaitVisible("#drop", chromedp.ByQuery),
		chromedp.SetUploadFiles("#file", []string{absFixture(t)}, chromedp.ByQuery),
		chromedp.WaitVisible(".progress-box button.cancel", chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('.progress-label').textContent.includes('正在转换')`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	var bar bool
	p.eval(`!document.querySelector('.progress-box progress').hasAttribute('value')`, &bar)
	if !bar {
		t.Error("no indeterminate progress bar while the server converts")
	}
	p.eval(`document.querySelector('.progress-box button.cancel').focus()`, nil)
	p.key(kb.Enter)
	select {
	case err := <-ended:
		if err == nil {
			t.Error("the request ended without a cancellation")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cancelling did not end the request on the server")
	}
	var msg string
	p.run("cancelled", chromedp.WaitVisible(".error-box", chromedp.ByQuery), chromedp.Text(".error-box", &msg, chromedp.ByQuery))
	if msg != "已取消读取" {
		t.Errorf("after cancelling the page says %q", msg)
	}
}
