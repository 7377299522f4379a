package kpjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/model"
)

const golden = "../../fixtures/quanxin-2023-9-notice.golden.json"

func TestSniff(t *testing.T) {
	for in, want := range map[string]bool{
		`{"schema": "kaoping/v1"}`:                    true,
		"\xef\xbb\xbf\n  {\"schema\":\"kaoping/v2\"}": true,
		`{"schema": "other/v1"}`:                      false,
		`["kaoping/v1"]`:                              false,
		"泉州半导体高新技术产业园区管理委员会文件\n":                      false,
		"": false,
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %v", in, got)
		}
	}
}

// TestReadGolden: the seed's golden document reads back to the same model.
func TestReadGolden(t *testing.T) {
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !Sniff(data) {
		t.Fatal("the golden document is not sniffed as a kaoping document")
	}
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var want model.Document
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&want, doc); diff != "" {
		t.Errorf("read differs from the document (-want +got):\n%s", diff)
	}
	if len(doc.Forms) == 0 || len(doc.Findings) == 0 {
		t.Errorf("forms %d, findings %d", len(doc.Forms), len(doc.Findings))
	}
}

func TestReadBad(t *testing.T) {
	var se *ErrSchema
	if _, err := Read([]byte(`{"schema": "kaoping/v9"}`)); !errors.As(err, &se) || se.Schema != "kaoping/v9" {
		t.Errorf("unknown version: %v", err)
	}
	for _, in := range []string{`{"schema": "kaoping/v1", "forms": [`, `{"schema": "kaoping/v1"} {}`, `{"schema": "kaoping/v1", "forms": 3}`} {
		if _, err := Read([]byte(in)); err == nil || errors.As(err, &se) {
			t.Errorf("Read(%q): %v", in, err)
		}
	}
	doc, err := Read([]byte(`{"schema": "kaoping/v1"}`))
	if err != nil || doc.Forms == nil || doc.Findings == nil {
		t.Errorf("a bare document: %+v, %v", doc, err)
	}
}

func FuzzRead(f *testing.F) {
	if data, err := os.ReadFile(golden); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"schema": "kaoping/v1", "forms": [{"categories": [{"indicators": [{"items": [{}]}]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err != nil {
			return
		}
		// what was read writes as a document again
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(doc); err != nil {
			t.Fatal(err)
		}
	})
}
