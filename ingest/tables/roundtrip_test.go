package tables

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kaoping/kaoping/ingest/form"
	"github.com/kaoping/kaoping/model"
)

// TestModelRoundTrip reads PDFs made from a model — by our own render/pdf
// (kaoping-render.pdf) and by LibreOffice from render/xlsx's workbook
// (seed-form.pdf) — and wants the model back: the forms of the lead's golden
// model of the seed (seed.model.json, a copy of the model they were made
// from). Where the form was read (Ref) differs by format and is not compared.
func TestModelRoundTrip(t *testing.T) {
	var want model.Document
	data, err := os.ReadFile(filepath.Join(fixtureDir, "seed.model.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"kaoping-render", "seed-form"} {
		t.Run(name, func(t *testing.T) {
			fl := readFlow(t, name)
			forms, _, err := form.Build(fl, form.Options{})
			if err != nil {
				t.Fatal(err)
			}
			ignore := cmpopts.IgnoreFields(model.Item{}, "Source")
			ignoreF := cmpopts.IgnoreFields(model.Form{}, "Where")
			ignoreT := cmpopts.IgnoreFields(model.Total{}, "Where")
			if d := cmp.Diff(want.Forms, forms, ignore, ignoreF, ignoreT, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("model differs (-want +got):\n%s", d)
			}
		})
	}
}
