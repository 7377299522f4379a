package audit

import (
	"encoding/json"
	"testing"

	"github.com/kaoping/kaoping/model"
)

func TestCleanDocuments(t *testing.T) {
	for name, doc := range map[string]*model.Document{"seed": seedShaped(), "other": otherShaped()} {
		for _, fd := range Run(doc, Options{}) {
			if fd.Severity.Rank() >= model.SevWarning.Rank() {
				b, _ := json.Marshal(fd)
				t.Errorf("%s: unexpected finding %s", name, b)
			}
		}
	}
}
