package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch/batchtest"
	"github.com/kaoping/kaoping/ingest/office/officetest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/summary"
)

// readSummary reads summary.jsonl.
func readSummary(tb testing.TB, out string) []summary.Record {
	tb.Helper()
	f, err := os.Open(filepath.Join(out, "summary.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var recs []summary.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r summary.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("summary line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

// TestBatchCorpus: 200 mixed documents, twenty of them in a zip file, and
// broken inputs. Every input has one summary line; the broken ones failed
// with their reason; every other has the counts single-file convert gives.
func TestBatchCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200 documents twice")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "报回")
	paths := batchtest.Corpus(t, in, 200)
	// the last twenty go back as one zip file, as a unit's 办公室 sends them
	zipped := paths[180:]
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for _, p := range zipped {
		w, err := zw.Create("补报/" + filepath.Base(p))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		_, _ = w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	singles := filepath.Join(dir, "singles")
	if err := os.MkdirAll(singles, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range zipped {
		if err := os.Rename(p, filepath.Join(singles, filepath.Base(p))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(in, "补报.zip"), zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	somePDF, _ := os.ReadFile(paths[6])
	broken := map[string]struct {
		data []byte
		why  string
	}{
		"坏/空白.txt":    {nil, "文件为空"},
		"坏/截断.pdf":    {somePDF[:len(somePDF)/2], "截断"},
		"坏/加密.xlsx":   {officetest.CompoundFile("EncryptedPackage"), "加密"},
		"坏/不是考评表.txt": {[]byte("各位同事：\n\n周五下午三点在三楼会议室开会，请准时参加。\n\n办公室\n"), "未找到绩效目标考评表"},
	}
	for name, b := range broken {
		p := filepath.Join(in, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a 正文 sent without its 附件 is read, as convert reads it, with no form
	notice, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "docx", "notice.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(in, "缺附件"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "缺附件", "正文.docx"), notice, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "汇总")
	var stdout, stderr bytes.Buffer
	code := run([]string{"batch", in, "-o", out, "--to", "json,xlsx", "--jobs", "2"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d (some inputs are broken)\n%s", code, exitUsage, stderr.String())
	}
	recs := readSummary(t, out)
	if want := 200 + len(broken) + 1; len(recs) != want {
		t.Fatalf("%d summary lines, want %d", len(recs), want)
	}
	byFile := map[string]summary.Record{}
	for _, r := range recs {
		if _, dup := byFile[r.File]; dup {
			t.Errorf("%s has two summary lines", r.File)
		}
		byFile[r.File] = r
	}
	for name, b := range broken {
		r, ok := byFile[filepath.Join(in, name)]
		switch {
		case !ok:
			t.Errorf("%s: no summary line", name)
		case r.Status != summary.StatusFailed || !strings.Contains(r.Why, b.why):
			t.Errorf("%s: status %s, why %q; want failed saying %q", name, r.Status, r.Why, b.why)
		}
	}
	if r := byFile[filepath.Join(in, "缺附件", "正文.docx")]; r.Status != summary.StatusOK || r.Forms != 0 || r.DocNumber == "" {
		t.Errorf("a 正文 alone: %+v", r)
	}
	// single-file convert of every good input, originals of the zip members included
	var inputs []string
	inputs = append(inputs, paths[:180]...)
	for _, p := range zipped {
		inputs = append(inputs, filepath.Join(singles, filepath.Base(p)))
	}
	conv := filepath.Join(dir, "convert")
	stderr.Reset()
	if code := run(append([]string{"convert", "-o", conv}, inputs...), strings.NewReader(""), &stdout, &stderr); code == exitUsage {
		t.Fatalf("convert: exit %d\n%s", code, stderr.String())
	}
	ok := 0
	for i, p := range inputs {
		key := p
		if i >= 180 {
			key = filepath.Join(in, "补报.zip") + "!补报/" + filepath.Base(p)
		}
		r, found := byFile[key]
		if !found {
			t.Errorf("%s: no summary line", key)
			continue
		}
		b, err := os.ReadFile(filepath.Join(conv, strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))+".json"))
		if err != nil {
			t.Errorf("%s: convert wrote no JSON: %v", p, err)
			continue
		}
		var doc model.Document
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		want := summary.Of(&doc)
		want.File, want.Outputs, want.Status = r.File, r.Outputs, summary.StatusOK
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("%s: batch and convert differ (-convert +batch):\n%s", key, diff)
		}
		if r.Items == 0 {
			t.Errorf("%s: no items read", key)
		}
		ok++
	}
	if ok != 200 {
		t.Errorf("%d of 200 documents agree with convert", ok)
	}
	// the summary workbook lists every input and totals the 自评分
	if _, err := os.Stat(filepath.Join(out, "summary.xlsx")); err != nil {
		t.Error(err)
	}
}
