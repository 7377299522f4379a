package pdf

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestNonBMPName: a character outside the Basic Multilingual Plane (many
// rare characters of personal names, such as 𬍛 U+2C35B, are) made fpdf
// panic ("index out of range [65536]") and no PDF could be written at all.
// The PDF is written with the placeholder 〓 in its place; the document
// itself is left as it was.
func TestNonBMPName(t *testing.T) {
	doc := sample(t)
	var it *model.Item
	for ci := range doc.Forms[0].Categories {
		for ii := range doc.Forms[0].Categories[ci].Indicators {
			for k := range doc.Forms[0].Categories[ci].Indicators[ii].Items {
				it = &doc.Forms[0].Categories[ci].Indicators[ii].Items[k]
			}
		}
	}
	if it == nil {
		t.Fatal("the sample has no item")
	}
	it.Owners = []string{"褚𬍛志"}
	it.Text += "（含𠀀字）"
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if it.Owners[0] != "褚𬍛志" {
		t.Errorf("the document was changed: %q", it.Owners[0])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "褚〓志") {
		t.Errorf("the PDF text has no 褚〓志")
	}
}
