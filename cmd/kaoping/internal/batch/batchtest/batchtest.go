// Package batchtest writes the corpora the batch tests read: the sample
// form as many units return it, in every format kaoping reads. Generated at
// test time, never committed.
package batchtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/pdf"
	"github.com/kaoping/kaoping/render/xlsx"
)

// fixtures is the repository's fixtures directory.
func fixtures(tb testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("no caller")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "..", "fixtures")
}

// variant is the sample form as unit i returns it: its own unit name,
// weights moved a little, a 自评分 column filled in.
func variant(tb testing.TB, i int) *model.Document {
	doc := sample.Document(tb)
	doc.Findings = []model.Finding{}
	doc.Notice = nil
	f := &doc.Forms[0]
	f.Unit = fmt.Sprintf("第%03d参评单位", i)
	n := 0
	for ci := range f.Categories {
		for ii := range f.Categories[ci].Indicators {
			ind := &f.Categories[ci].Indicators[ii]
			for k := range ind.Items {
				it := &ind.Items[k]
				if it.Weight != nil && (i+n)%7 == 0 {
					it.Weight = model.Float(*it.Weight + 1)
				}
				if it.Weight != nil && ci < 2 {
					if it.Extra == nil {
						it.Extra = map[string]string{}
					}
					it.Extra["自评分"] = fmt.Sprint(*it.Weight - float64((i+n)%2)*0.5)
				}
				n++
			}
		}
	}
	f.RecomputeTotals()
	return doc
}

// Corpus writes n mixed documents into dir (xlsx and pdf from kaoping's
// renderers, the seed's text dump, the DOCX, OFD and LibreOffice PDF
// fixtures) in folders of ten, and returns their paths.
func Corpus(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	fx := fixtures(tb)
	copies := []string{
		filepath.Join(fx, "docx", "form.docx"),
		filepath.Join(fx, "docx", "form.xlsx"),
		filepath.Join(fx, "ofd", "synthetic-form.ofd"),
		filepath.Join(fx, "pdf", "lo-calc-kaopingbiao.pdf"),
	}
	seed, err := os.ReadFile(filepath.Join(fx, "quanxin-2023-9-notice.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var paths []string
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("第%02d组", i/10))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			tb.Fatal(err)
		}
		var (
			name string
			b    bytes.Buffer
		)
		switch k := i % 10; {
		case k < 6:
			name = fmt.Sprintf("单位%03d.xlsx", i)
			err = xlsx.Write(context.Background(), &b, variant(tb, i), xlsx.Options{Clean: true})
		case k < 8:
			name = fmt.Sprintf("单位%03d.pdf", i)
			err = pdf.Write(context.Background(), &b, variant(tb, i), pdf.Options{Clean: true})
		case k == 8:
			name = fmt.Sprintf("单位%03d.txt", i)
			b.Write(bytes.Replace(seed, []byte("2023年9月26日"), []byte(fmt.Sprintf("2023年9月%d日", 1+i%28)), 1))
		default:
			src := copies[(i/10)%len(copies)]
			name = fmt.Sprintf("单位%03d%s", i, filepath.Ext(src))
			var data []byte
			data, err = os.ReadFile(src)
			b.Write(data)
		}
		if err != nil {
			tb.Fatal(err)
		}
		p := filepath.Join(sub, name)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}
