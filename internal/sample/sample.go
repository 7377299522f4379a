// Package sample holds a handmade kaoping/v1 document for the tests of the
// renderers and the xlsx reader: a few categories (one under a group, a
// two-level 行政能力, a one-row 文明创建), subtotals and a grand total, lists
// of several names, and findings of each severity, one of them about the
// notice.
package sample

import (
	_ "embed"
	"encoding/json"
	"testing"

	"github.com/kaoping/kaoping/model"
)

//go:embed sample.json
var data []byte

// Document returns a fresh copy of the sample document.
func Document(tb testing.TB) *model.Document {
	tb.Helper()
	var d model.Document
	if err := json.Unmarshal(data, &d); err != nil {
		tb.Fatal(err)
	}
	return &d
}
