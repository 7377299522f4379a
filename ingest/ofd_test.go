package ingest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
)

// TestOFDNotice: the 公文 elements of 路卫发〔2011〕76号, read from the real
// OFD through the same lines and notice parser as a PDF.
func TestOFDNotice(t *testing.T) {
	data, err := os.ReadFile("../fixtures/ofd/luqiao-weishengju-pifu.ofd")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := OFDPages(context.Background(), "luqiao.ofd", data)
	if err != nil {
		t.Fatal(err)
	}
	fl, err := tables.Flow(context.Background(), pages, lines.Flow) // as Read does
	if err != nil {
		t.Fatal(err)
	}
	if fl.Pages != 2 {
		t.Errorf("pages %d", fl.Pages)
	}
	n := notice.Parse(fl)
	if n == nil {
		t.Fatal("no notice")
	}
	tests := []struct{ what, got, want string }{
		{"发文机关标志", n.IssuerMark, "测试符路桥区卫生局文件"},
		{"发文字号", docNumberText(n.DocNumber), "路卫发〔2011〕76号"},
		{"标题", n.Title, "关于同意张阿三同志辞职的批复"},
		{"主送", strings.Join(n.Recipients, "|"), "区中医院"},
		{"成文日期", n.Date, "2011-03-10"},
		{"成文日期原文", n.DateText, "2011年3月10日"},
		{"落款", n.Signer, "测试符路桥区卫生局办公室"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.what, tc.got, tc.want)
		}
	}
	if r, ok := n.Where["docNumber"]; !ok || r.Page == nil || *r.Page != 1 || r.Box == nil {
		t.Errorf("发文字号 location %+v", n.Where["docNumber"])
	}
}

func TestOFDErrors(t *testing.T) {
	data, err := os.ReadFile("../fixtures/ofd/bengbu-han.ofd")
	if err != nil {
		t.Fatal(err)
	}
	// without its end-of-central-directory record the zip cannot be opened
	_, err = Read(context.Background(), "x.ofd", data[:len(data)-22])
	if KindOf(err) != KindCorrupt {
		t.Errorf("got %v", err)
	}
	var e *Error
	if !asErr(err, &e) || !strings.Contains(e.Message("en"), "zip") {
		t.Errorf("english message: %v", err)
	}
}

func docNumberText(d *model.DocNumber) string {
	if d == nil {
		return ""
	}
	return d.Text
}
