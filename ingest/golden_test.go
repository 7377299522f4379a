package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/golden"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/schema"
	"github.com/kaoping/kaoping/render/jsonout"
)

var update = flag.Bool("update", false, "rewrite the golden files in fixtures/")

// goldenInputs are the fixtures with a golden kaoping/v2 document beside
// them: NAME.EXT → NAME.golden.json. Every golden was read against its source
// by a person before it was committed; -update rewrites them, and the diff is
// reviewed like code.
func goldenInputs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"../fixtures/*.txt", "../fixtures/*/*.txt", "../fixtures/pdf/lo-*.pdf"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no fixtures found")
	}
	return out
}

func goldenPath(in string) string {
	return strings.TrimSuffix(in, filepath.Ext(in)) + ".golden.json"
}

func TestGolden(t *testing.T) {
	sch := compileSchema(t)
	for _, in := range goldenInputs(t) {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ingest.Read(context.Background(), filepath.Base(in), data)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			var got bytes.Buffer
			if err := jsonout.Write(&got, doc); err != nil {
				t.Fatal(err)
			}
			gp := goldenPath(in)
			golden.Check(t, gp, got.Bytes(), *update)
			validate(t, sch, got.Bytes())
		})
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := schema.JSON()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schema.ID)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, doc []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("golden does not validate against kaoping schema: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	if m["schema"] != model.Schema {
		t.Errorf("schema = %v", m["schema"])
	}
}

// TestSchemaRejects makes sure the schema the goldens pass is not vacuous:
// documents that break the contract must fail it.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	data, err := os.ReadFile("../fixtures/quanxin-2023-9-notice.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(m map[string]any){
		"weight as string": func(m map[string]any) {
			item(m)["weight"] = "2"
		},
		"missing findings": func(m map[string]any) { delete(m, "findings") },
		"leaders not a list": func(m map[string]any) {
			item(m)["leaders"] = "洪武强"
		},
		"severity unknown": func(m map[string]any) {
			m["findings"].([]any)[0].(map[string]any)["severity"] = "fatal"
		},
	}
	for name, mutate := range bad {
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		mutate(m)
		b, _ := json.Marshal(m)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err := sch.Validate(v); err == nil {
			t.Errorf("%s: schema accepted a broken document", name)
		}
	}
}

func item(m map[string]any) map[string]any {
	f := m["forms"].([]any)[0].(map[string]any)
	c := f["categories"].([]any)[0].(map[string]any)
	i := c["indicators"].([]any)[0].(map[string]any)
	return i["items"].([]any)[0].(map[string]any)
}
