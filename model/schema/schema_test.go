package schema

import (
	"encoding/json"
	"flag"
	"testing"

	"github.com/invopop/jsonschema"

	"github.com/kaoping/kaoping/fixtures/golden"
	"github.com/kaoping/kaoping/model"
)

var update = flag.Bool("update", false, "rewrite kaoping-v2.schema.json from the Go types")

// fromTypes reflects the JSON Schema of model.Document from the Go types.
func fromTypes(t *testing.T) []byte {
	t.Helper()
	r := &jsonschema.Reflector{
		// Pointer fields are nullable in the output; required follows the
		// json tags (omitempty = optional).
		DoNotReference: false,
	}
	s := r.Reflect(&model.Document{})
	s.ID = ID
	s.Title = model.Schema
	s.Description = "A 公文 notice with its 绩效目标考评表 forms and audit findings (docs/output.md)."
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatalf("marshal schema: %v", err)
	}
	return b
}

// TestSchemaFromTypes holds the schema the binary prints to the one the
// Go types give: a field added to model without -update fails here.
func TestSchemaFromTypes(t *testing.T) {
	golden.Check(t, "kaoping-v2.schema.json", fromTypes(t), *update)
}

// TestJSONIsACopy: what one caller does to the bytes JSON returns must
// not reach the next caller.
func TestJSONIsACopy(t *testing.T) {
	a, _ := JSON()
	a[0] = 'x'
	b, _ := JSON()
	if b[0] == 'x' {
		t.Fatal("JSON returned the embedded bytes themselves")
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil || v["$id"] != ID {
		t.Fatalf("schema does not parse or has the wrong $id: %v %v", err, v["$id"])
	}
}
