// Package kpjson reads a kaoping document back: the JSON `kaoping convert`
// prints and the page downloads, so a clerk can open the day's work again
// and a script can audit or render a document it changed. It is the one
// input that is not a 文件 but the model itself; its findings (ingest's and
// the fixes applied) and repairs come back as they were written.
package kpjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// readSchemas are the document versions read: the model's own, and kaoping/v1,
// which stays readable when the schema moves on (a version whose shape
// differs from the model's is converted here when the model changes).
var readSchemas = schemas()

func schemas() []string {
	s := []string{model.Schema}
	if model.Schema != "kaoping/v1" {
		s = append(s, "kaoping/v1")
	}
	return s
}

// Sniff reports whether data looks like a kaoping document: a JSON object
// (after a byte-order mark and white space) that names a kaoping schema near
// its start. A notice's text never starts with a brace.
func Sniff(data []byte) bool {
	d := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(d) == 0 || d[0] != '{' {
		return false
	}
	if len(d) > 4096 {
		d = d[:4096]
	}
	return bytes.Contains(d, []byte(`"schema"`)) && bytes.Contains(d, []byte(`"kaoping/`))
}

// schemaError is a kaoping document of a version this build does not read.
type schemaError struct{ Schema string }

func (e *schemaError) Error() string { return fmt.Sprintf("schema %q", e.Schema) }

// Read decodes a kaoping document. Fields this build does not know are
// ignored (a newer minor addition), but the schema must be one it reads.
// Errors are *readerr.Error.
func Read(data []byte) (*model.Document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, corrupt(err)
	}
	if !slices.Contains(readSchemas, head.Schema) {
		return nil, readerr.New(readerr.Unsupported, &schemaError{head.Schema},
			fmt.Sprintf("kaoping 文档版本 %q，本版本读 %s", head.Schema, strings.Join(readSchemas, "、")),
			fmt.Sprintf("kaoping document version %q; this version reads %s", head.Schema, strings.Join(readSchemas, ", ")))
	}
	var doc model.Document
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, corrupt(err)
	}
	if dec.More() {
		return nil, corrupt(errors.New("data after the document"))
	}
	if doc.Forms == nil {
		doc.Forms = []model.Form{}
	}
	if doc.Findings == nil {
		doc.Findings = []model.Finding{}
	}
	if head.Schema == "kaoping/v1" {
		upgradeV1(&doc)
	}
	return &doc, nil
}

// upgradeV1 makes a kaoping/v1 document a kaoping/v2 one (docs/output.md,
// “From kaoping/v1”): v1 had one 署名 and no list of issuers, and listed the
// columns it names only; every other v1 field means the same in v2, and the
// columns v1 kept as extras stay extras.
func upgradeV1(doc *model.Document) {
	doc.Schema = model.Schema
	if n := doc.Notice; n != nil {
		if len(n.Signers) == 0 && n.Signer != "" {
			n.Signers = []string{n.Signer}
		}
		if len(n.Issuers) == 0 && n.IssuerMark != "" {
			if is := strings.TrimSuffix(n.IssuerMark, "文件"); is != "" {
				n.Issuers = []string{is}
			}
		}
	}
	for fi := range doc.Forms {
		f := &doc.Forms[fi]
		var extra []string
		for _, c := range f.Categories {
			for _, ind := range c.Indicators {
				for _, it := range ind.Items {
					for h := range it.Extra {
						if k := model.ExtraKey + h; !slices.Contains(f.Columns, k) && !slices.Contains(extra, k) {
							extra = append(extra, k)
						}
					}
				}
			}
		}
		slices.Sort(extra)
		f.Columns = append(f.Columns, extra...)
	}
}

func corrupt(err error) error {
	return readerr.Newf(readerr.Corrupt, fmt.Errorf("kpjson: %w", err),
		"kaoping JSON 文档无法解析：%v", "the kaoping JSON document cannot be parsed: %v", err)
}
