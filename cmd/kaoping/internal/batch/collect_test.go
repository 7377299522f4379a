package batch

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/kaoping/kaoping/ingest/zipsafe"
)

func write(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func zipOf(t *testing.T, members map[string][]byte, gbk bool) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, data := range members {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if gbk {
			n, err := simplifiedchinese.GBK.NewEncoder().String(name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = n, true
		}
		f, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.Write(data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCollect: folders walked in name order, the output folder and junk left
// out, zip members (names in GBK, a zip inside a zip) listed under the zip.
func TestCollect(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "报回")
	write(t, filepath.Join(in, "b.txt"), []byte("b"))
	write(t, filepath.Join(in, "a", "考评表.xlsx"), []byte("x"))
	write(t, filepath.Join(in, ".DS_Store"), []byte("junk"))
	write(t, filepath.Join(in, "a", "~$考评表.xlsx"), []byte("lock"))
	write(t, filepath.Join(in, "out", "old.json"), []byte("{}"))
	inner := zipOf(t, map[string][]byte{"内层.txt": []byte("i")}, false)
	write(t, filepath.Join(in, "单位.zip"), zipOf(t, map[string][]byte{
		"单位C/考评表.txt": []byte("c"), "__MACOSX/._x": []byte("m"), "嵌套.zip": inner,
	}, true))
	got := Collect([]string{in}, filepath.Join(in, "out"), zipsafe.DefaultLimits)
	var rels, names []string
	for _, s := range got.Sources {
		rels = append(rels, s.Rel)
		names = append(names, s.Name)
	}
	want := []string{"报回/a/考评表.xlsx", "报回/b.txt", "报回/单位.zip/单位C/考评表.txt", "报回/单位.zip/嵌套.zip/内层.txt"}
	if diff := cmp.Diff(want, rels); diff != "" {
		t.Errorf("rels (-want +got):\n%s", diff)
	}
	zipName := filepath.Join(in, "单位.zip")
	if names[2] != zipName+"!单位C/考评表.txt" || names[3] != zipName+"!嵌套.zip!内层.txt" {
		t.Errorf("zip member names %q", names[2:])
	}
	b, err := got.Sources[3].Read()
	if err != nil || string(b) != "i" {
		t.Errorf("nested member reads %q, %v", b, err)
	}
	if len(got.Skipped) != 2 || len(got.Failed) != 0 {
		t.Errorf("skipped %v, failed %v", got.Skipped, got.Failed)
	}
}

// TestUniqueRels: two folders of the same name, names differing in case.
func TestUniqueRels(t *testing.T) {
	srcs := []source{{Rel: "x/a.pdf"}, {Rel: "x/a.pdf"}, {Rel: "x/A.pdf"}, {Rel: "summary"}}
	uniqueRels(srcs)
	var got []string
	for _, s := range srcs {
		got = append(got, s.Rel)
	}
	if diff := cmp.Diff([]string{"x/a.pdf", "x/a~2.pdf", "x/A~3.pdf", "summary~2"}, got); diff != "" {
		t.Error(diff)
	}
}

// TestPair: 正文 with the 附件 beside it; in a folder of several 文件, each
// 附件 with the 正文 it shares its name's start with; nothing across folders.
func TestPair(t *testing.T) {
	src := func(rel string) source { return source{Name: rel, Rel: rel} }
	docs := Pair([]source{
		src("u/正文.pdf"), src("u/附件1.xlsx"), src("u/附件2.xlsx"),
		src("v/关于甲的通知_正文.docx"), src("v/关于乙的通知_正文.docx"), src("v/关于乙的通知_附件.xlsx"), src("v/关于甲的通知_附件.xlsx"),
		src("w/附件.xlsx"), src("x/考评表.xlsx"),
	})
	var got [][]string
	for _, d := range docs {
		var g []string
		for _, s := range d.Sources() {
			g = append(g, s.Rel)
		}
		got = append(got, g)
	}
	want := [][]string{
		{"u/正文.pdf", "u/附件1.xlsx", "u/附件2.xlsx"},
		{"v/关于甲的通知_正文.docx", "v/关于甲的通知_附件.xlsx"},
		{"v/关于乙的通知_正文.docx", "v/关于乙的通知_附件.xlsx"},
		{"w/附件.xlsx"}, {"x/考评表.xlsx"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
