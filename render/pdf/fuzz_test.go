package pdf

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// FuzzRender feeds the renderer's input model: the sample document with
// fuzzed texts (title, item, deadline, unit: long, empty, control and
// astral characters, no break opportunity), a weight of any float and a
// findings count. Write must give a PDF or an error, never panic or hang.
func FuzzRender(f *testing.F) {
	f.Add("绩效目标考评表", "制定年度招商行动方案。", "6月底前", "某局", 2.0, 3)
	f.Add("", "", "", "", 0.0, 0)
	f.Add(string(bytes.Repeat([]byte("长"), 3000)), "a\x00b\tc\r\nd\u200b𠀀😀", "\ufeff", "\u202e", math.Inf(1), 50)
	f.Add("x", string(bytes.Repeat([]byte("W"), 20000)), "y", "z", math.NaN(), 1)
	f.Fuzz(func(t *testing.T, title, text, deadline, unit string, weight float64, findings int) {
		doc := sample(t)
		fm := &doc.Forms[0]
		fm.Title, fm.Unit = title, unit
		it := &fm.Categories[0].Indicators[0].Items[0]
		it.Text, it.Deadline, it.Weight = text, deadline, model.Float(weight)
		if findings < 0 || findings > 200 {
			findings = 200
		}
		for i := range findings {
			doc.Findings = append(doc.Findings, model.Finding{Rule: "fuzz", Severity: model.SevWarning,
				Message: text, MessageEn: title, At: model.Location{Form: model.Int(0), Row: it.ID, Column: []string{model.ColItem, model.ColWeight}[i%2]}})
		}
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", buf.Bytes()[:min(buf.Len(), 16)])
		}
	})
}
