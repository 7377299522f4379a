package kpjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"

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
	var se *schemaError
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

// FuzzRead: any bytes give a document that writes as JSON again, or an
// error. The seeds are the tiny sample document in v2, a v1 document, and
// the shapes a hostile upload takes (deep nesting, huge numbers, a
// duplicated key, a BOM); the 107 KB golden made every exec a millisecond
// of JSON.
func FuzzRead(f *testing.F) {
	tiny, err := json.Marshal(sampledoc.Tiny())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tiny)
	f.Add([]byte(`{"schema": "kaoping/v1", "forms": [{"categories": [{"indicators": [{"items": [{}]}]}]}]}`))
	f.Add([]byte(`{"schema": "kaoping/v1", "notice": {"issuerMark": "某某局文件", "signer": "某某局"}, "forms": [{"columns": ["id"], "categories": [{"indicators": [{"items": [{"id": "1", "weight": 1e308, "extra": {"备注": "x"}}]}]}]}]}`))
	f.Add([]byte(`{"schema": "kaoping/v2", "forms": [{"categories": [{"indicators": [{"items": [{"weight": -0, "weight": 2}]}]}]}], "findings": [{"at": {"form": 99}}]}`))
	f.Add([]byte("\xef\xbb\xbf{\"schema\": \"kaoping/v2\", \"forms\": " + strings.Repeat("[", 5000) + "}"))
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

// TestReadV1: a kaoping/v1 document reads as kaoping/v2: its one signer and
// its issuer mark become lists, its extra columns are listed among the columns.
func TestReadV1(t *testing.T) {
	doc, err := Read([]byte(`{"schema": "kaoping/v1",
		"notice": {"issuerMark": "某某局文件", "title": "关于…的通知", "recipients": ["各科室"], "signer": "某某局", "date": "2024-03-05"},
		"forms": [{"title": "考评表", "columns": ["id", "item", "weight"],
			"categories": [{"name": "重点工作", "indicators": [{"text": "指标", "items": [
				{"id": "1-1", "text": "任务", "weight": 2, "extra": {"评分标准": "完成得满分", "佐证材料": "台账"}}]}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Schema != model.Schema {
		t.Errorf("schema %q", doc.Schema)
	}
	if !slices.Equal(doc.Notice.Signers, []string{"某某局"}) || !slices.Equal(doc.Notice.Issuers, []string{"某某局"}) {
		t.Errorf("signers %q, issuers %q", doc.Notice.Signers, doc.Notice.Issuers)
	}
	if want := []string{"id", "item", "weight", "x:佐证材料", "x:评分标准"}; !slices.Equal(doc.Forms[0].Columns, want) {
		t.Errorf("columns %q, want %q", doc.Forms[0].Columns, want)
	}
}
