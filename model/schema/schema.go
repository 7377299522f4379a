// Package schema publishes the JSON Schema of the kaoping/v2 document,
// generated from the Go types so that the schema and the output cannot drift
// apart.
package schema

import (
	"encoding/json"
	"fmt"

	"github.com/invopop/jsonschema"

	"github.com/kaoping/kaoping/model"
)

// ID is the schema's $id.
const ID = "https://kaoping.invalid/schema/kaoping-v2.json"

// JSON returns the JSON Schema of model.Document, indented.
func JSON() ([]byte, error) {
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
		return nil, fmt.Errorf("marshal schema: %w", err)
	}
	return b, nil
}
