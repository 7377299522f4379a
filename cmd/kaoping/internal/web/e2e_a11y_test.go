package web

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kaoping/kaoping/model"
)

// axeScript finds axe-core, installed from npm outside the repository
// (.ci/run: npm install axe-core into the user cache), or "" when absent.
func axeScript(t *testing.T) string {
	t.Helper()
	var paths []string
	if p := os.Getenv("KAOPING_AXE"); p != "" {
		paths = append(paths, p)
	}
	if dir, err := os.UserCacheDir(); err == nil {
		paths = append(paths, filepath.Join(dir, "kaoping", "npm", "node_modules", "axe-core", "axe.min.js"))
	}
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	t.Skipf("axe-core is not installed (npm install --prefix ~/.cache/kaoping/npm axe-core, or set KAOPING_AXE); looked in %v", paths)
	return ""
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// axe runs axe-core on the page as it is and reports the serious and
// critical violations.
func (p *tab) axe(view string) {
	p.t.Helper()
	var res []axeViolation
	p.eval(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) =>
		({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target.map(String) })) })))`, &res)
	for _, v := range res {
		if v.Impact == "serious" || v.Impact == "critical" {
			var at []string
			for _, n := range v.Nodes {
				at = append(at, strings.Join(n.Target, " "))
			}
			p.t.Errorf("%s view: axe %s (%s): %s at %v", view, v.ID, v.Impact, v.Help, at)
		} else {
			p.t.Logf("%s view: axe %s (%s): %s", view, v.ID, v.Impact, v.Help)
		}
	}
}

// TestBrowserAxe: axe-core finds no serious or critical accessibility
// violation on the upload view, the table view and the findings view (a
// finding selected, the list filtered, a cell being edited), in Chinese and
// in English; and the tab of a 正文 joined with its 附件.
func TestBrowserAxe(t *testing.T) {
	src := axeScript(t)
	p := openTab(t, 1366, 768)
	inject := func() { p.run("inject axe-core", chromedp.Evaluate(src, nil)) }
	inject()
	p.axe("upload")
	p.run("upload", chromedp.SetUploadFiles("#file", []string{absFixture(t)}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	p.axe("table")
	p.focusCell("1-1-1", "weight")
	p.key(kb.F8)
	p.key(kb.F8)
	p.eval(`document.querySelector('.findings ol').focus()`, nil)
	p.key(kb.ArrowDown)
	p.axe("findings")
	p.edit("9-1", "weight", "6")
	p.focusCell("9-1", "item")
	p.key(kb.F2)
	p.axe("editing")
	p.key(kb.Escape)
	p.run("English", chromedp.Click("#lang", chromedp.ByQuery), chromedp.Sleep(200*time.Millisecond))
	p.axe("table in English")
	dir := filepath.Join("..", "..", "..", "..", "fixtures", "docx")
	notice, err := filepath.Abs(filepath.Join(dir, "notice.docx"))
	if err != nil {
		t.Fatal(err)
	}
	p.run("a 正文 and its 附件 at once", chromedp.SetUploadFiles("#file", []string{notice, filepath.Join(filepath.Dir(notice), "form.xlsx")}, chromedp.ByQuery),
		chromedp.Poll(`entries.length === 2 && active && active.joined && active.view`, nil, chromedp.WithPollingTimeout(60*time.Second)))
	p.settle()
	p.axe("joined, in English")
}

// TestBrowserStatus: a reading in doubt gets a banner and a mark on its cell
// whatever rule name carries it; the findings filter by severity and column.
func TestBrowserStatus(t *testing.T) {
	doc := reviewedDoc(t)
	e := findItem(t, doc, "1-1-1")
	_ = e
	doc.Findings = append(doc.Findings, model.Finding{Rule: "reading-doubt", Severity: model.SevWarning, Origin: model.OriginIngest,
		At: model.Location{Form: model.Int(0), Row: "1-1-1", Column: model.ColWeight}, Message: "此处文字层可能有误", MessageEn: "the text layer may be wrong here"})
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doubt.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	p := openTab(t, 1366, 768)
	p.run("upload", chromedp.SetUploadFiles("#file", []string{path}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	var banner string
	p.run("banner", chromedp.Text(".banner.doubt", &banner, chromedp.ByQuery))
	if !strings.Contains(banner, "表格识别可能不完整，请对照原件核对") || !strings.Contains(banner, "reading-doubt") || !strings.Contains(banner, "1-1-1") {
		t.Errorf("the doubt banner says %q", banner)
	}
	var doubtCell string
	p.eval(`(() => { const c = document.querySelector('td.doubt'); return c ? c.closest('tr').querySelector('td[data-key=id]').dataset.text + ' ' + c.dataset.key : ''; })()`, &doubtCell)
	if doubtCell != "1-1-1 weight" {
		t.Errorf("the cell marked in doubt: %q", doubtCell)
	}
	var clean int
	p.eval(`document.querySelectorAll('.banner.clean').length`, &clean)
	if clean != 0 {
		t.Error("a form with errors says it passed")
	}

	// filters: errors only; then the 权重 column of every severity
	count := func(sev, col string) (listed, want int) {
		p.run("filter", chromedp.SetValue(".filter-sev", sev, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector('.filter-sev').dispatchEvent(new Event('change'))`, nil),
			chromedp.SetValue(".filter-col", col, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector('.filter-col').dispatchEvent(new Event('change'))`, nil))
		p.eval(`document.querySelectorAll('.findings li[role=option]:not(.empty)').length`, &listed)
		for _, f := range doc.Findings {
			open := !f.Fixed
			if (sev == "error" && (!open || f.Severity != model.SevError)) || (sev == "all" && false) {
				continue
			}
			if col != "all" && (f.At.Form == nil || f.At.Column != col) {
				continue
			}
			want++
		}
		return listed, want
	}
	var all int
	p.eval(`active.view.document.findings.length`, &all)
	if got, want := count("error", "all"); got != want || got == 0 || got >= all {
		t.Errorf("errors only: %d listed, want %d (of %d)", got, want, all)
	}
	if got, want := count("all", "weight"); got != want || got == 0 {
		t.Errorf("the 权重 column: %d listed, want %d", got, want)
	}
}
