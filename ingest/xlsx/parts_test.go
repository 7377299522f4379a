package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
)

// TestSlimParts: the parts reading never needs (theme, comments, drawings,
// document properties, and here a 2 MB picture and a calculation chain) are
// left out of what excelize opens, the sheets and what they need stay, and
// the flow read is the same as from the whole workbook.
func TestSlimParts(t *testing.T) {
	whole := withParts(t, render(t, sampledoc.Tiny()), map[string][]byte{
		"xl/media/image1.png": randomBytes(2 << 20),
		"xl/calcChain.xml":    []byte(`<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="E5" i="1"/></calcChain>`),
	})
	slim, err := checkParts(whole)
	if err != nil {
		t.Fatal(err)
	}
	kept := partNames(t, slim)
	for name := range partNames(t, whole) {
		l := strings.ToLower(name)
		if want := !unneeded(l); kept[name] != want {
			t.Errorf("part %s kept %v, want %v", name, kept[name], want)
		}
	}
	for _, name := range []string{"xl/theme/theme1.xml", "xl/media/image1.png", "xl/comments1.xml", "docProps/core.xml", "xl/calcChain.xml"} {
		if kept[name] {
			t.Errorf("%s kept", name)
		}
	}
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		if !kept[name] {
			t.Errorf("%s dropped", name)
		}
	}
	if len(slim) > len(whole)-2<<20 {
		t.Errorf("slim workbook %d bytes, whole %d: the picture is still in it", len(slim), len(whole))
	}
	got, err := Read(context.Background(), whole)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Read(context.Background(), render(t, sampledoc.Tiny()))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("flow differs with the parts left out (-whole workbook +slim):\n%s", d)
	}
	if len(got.Blocks) == 0 {
		t.Fatal("no blocks read")
	}
	// nothing left to leave out: the bytes go to excelize as they came
	if again, err := checkParts(slim); err != nil || !bytes.Equal(again, slim) {
		t.Errorf("a workbook with nothing to leave out was rewritten (%v)", err)
	}
}

// withParts is the workbook data with the parts added.
func withParts(t *testing.T, data []byte, parts map[string][]byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range z.File {
		if err := w.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for name, b := range parts {
		pw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		pw.Write(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func partNames(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			t.Fatalf("part %s: %v", f.Name, err)
		}
		names[f.Name] = true
	}
	return names
}

// randomBytes is incompressible, as a picture is.
func randomBytes(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}
