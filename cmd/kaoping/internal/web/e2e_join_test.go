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

// TestBrowserJoin: a 附件 and its 正文 chosen together become one tab, the
// document `kaoping convert --as-one` makes of them (the notice's 发文字号,
// the form's table, the same findings), and the pairing is announced;
// 「分开」, pressed from the keyboard, gives each file its own tab again.
func TestBrowserJoin(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "fixtures", "docx"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(joinGolden)
	if err != nil {
		t.Fatal(err)
	}
	var want model.Document
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	p := openTab(t, 1366, 768)
	p.run("choose the 附件 and the 正文 at once",
		chromedp.SetUploadFiles("#file", []string{filepath.Join(dir, "form.xlsx"), filepath.Join(dir, "notice.docx")}, chromedp.ByQuery),
		chromedp.Poll(`entries.length === 1 && active && active.joined && active.view`, nil, chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.WaitVisible("table.form", chromedp.ByQuery))
	p.settle()
	var got struct {
		Tabs      []string
		DocNumber string
		Tables    int
		Findings  int
		Banner    string
	}
	p.eval(`({ tabs: [...document.querySelectorAll('#tabs [role=tab]')].map((b) => b.firstChild.textContent),
	  docNumber: active.node.querySelector('dd[data-field=docNumber]').textContent,
	  tables: active.node.querySelectorAll('table.form').length,
	  findings: active.view.document.findings.length,
	  banner: active.node.querySelector('.banner.joined').textContent })`, &got)
	const pairing = "已合并：notice.docx + form.xlsx"
	if len(got.Tabs) != 1 || got.Tabs[0] != "notice.docx + form.xlsx" {
		t.Errorf("tabs %q, want the one joined tab", got.Tabs)
	}
	if got.DocNumber != want.Notice.DocNumber.Text || got.DocNumber != "泉芯管〔2023〕9号" {
		t.Errorf("发文字号 shown %q, want %q", got.DocNumber, want.Notice.DocNumber.Text)
	}
	if got.Tables != 1 || got.Findings != len(want.Findings) {
		t.Errorf("%d tables and %d findings, want 1 and convert --as-one's %d", got.Tables, got.Findings, len(want.Findings))
	}
	if !strings.HasPrefix(got.Banner, pairing) {
		t.Errorf("the banner says %q, want %q", got.Banner, pairing)
	}
	p.run("the pairing announced", chromedp.Poll(`document.getElementById('live').textContent === `+jsString(pairing), nil,
		chromedp.WithPollingTimeout(5*time.Second)))

	p.tabTo(`document.activeElement.matches('.banner.joined .btn.split')`, false)
	p.key(kb.Enter)
	p.run("split", chromedp.Poll(`entries.length === 2 && entries.every((e) => e.view && !e.node.classList.contains('busy'))`, nil,
		chromedp.WithPollingTimeout(30*time.Second)))
	var split struct {
		Tabs   []string
		Forms  []int
		Joined int
		Live   string
	}
	p.eval(`({ tabs: [...document.querySelectorAll('#tabs [role=tab]')].map((b) => b.firstChild.textContent),
	  forms: entries.map((e) => e.view.forms.length), joined: document.querySelectorAll('.banner.joined').length,
	  live: document.getElementById('live').textContent })`, &split)
	if strings.Join(split.Tabs, ",") != "notice.docx,form.xlsx" || len(split.Forms) != 2 || split.Forms[0] != 0 || split.Forms[1] != 1 || split.Joined != 0 {
		t.Errorf("after 分开: tabs %q with %v forms (%d joined banners), want notice.docx with none and form.xlsx with one", split.Tabs, split.Forms, split.Joined)
	}
	p.run("the split announced", chromedp.Poll(`document.getElementById('live').textContent.startsWith('已分开')`, nil,
		chromedp.WithPollingTimeout(5*time.Second)))
}
