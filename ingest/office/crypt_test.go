package office

import (
	"testing"

	"github.com/kaoping/kaoping/ingest/office/officetest"
)

func TestDetectCompound(t *testing.T) {
	for stream, want := range map[string]fileFormat{
		"EncryptedPackage": Crypt,
		"WordDocument":     formatDoc,
		"Workbook":         formatSheet,
		"Something":        formatOLE,
	} {
		if got := Detect(officetest.CompoundFile(stream)); got != want {
			t.Errorf("compound file with stream %s: %q, want %q", stream, got, want)
		}
	}
}
