package pdf

import (
	"bytes"
	"testing"
	"time"
)

// TestReproducible: two renders of one document, a second apart, are the
// same bytes, dated from the notice (not the clock).
func TestReproducible(t *testing.T) {
	doc := sample(t)
	a := render(t, doc, Options{})
	time.Sleep(1100 * time.Millisecond) // the PDF dates have seconds
	b := render(t, sample(t), Options{})
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders differ (%d and %d bytes)", len(a), len(b))
	}
	if want := sourceDate(doc).Format("20060102"); !bytes.Contains(a, []byte("/CreationDate (D:"+want)) {
		t.Errorf("no /CreationDate of %s", want)
	}
}

// TestReproducibleWithFont: with a --font the PDF has two fonts, which fpdf
// wrote in its map's order, so eight renders of the seed gave three
// different files; the catalogue is sorted now.
func TestReproducibleWithFont(t *testing.T) {
	doc := sample(t)
	first := render(t, doc, Options{Font: defaultFont})
	for range 7 {
		if !bytes.Equal(render(t, doc, Options{Font: defaultFont}), first) {
			t.Fatal("two renders with a --font differ")
		}
	}
}
