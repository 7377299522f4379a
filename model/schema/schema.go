// Package schema publishes the JSON Schema of the kaoping/v2 document. The
// schema is generated from the Go types (TestSchemaFromTypes reflects
// model.Document with invopop/jsonschema and holds kaoping-v2.schema.json
// to it; `go test ./model/schema -update` rewrites the file), so the schema
// and the output cannot drift apart. The binary carries the generated file,
// not the generator: the reflector and what it links (go/parser, go/doc, a
// YAML library) cost every kaoping process, `kaoping version` included,
// about a tenth of its start-up (1.2 ms of CPU, 130 page faults), for the
// one command that prints the schema.
package schema

import (
	_ "embed"
	"slices"
)

// ID is the schema's $id.
const ID = "https://kaoping.invalid/schema/kaoping-v2.json"

//go:embed kaoping-v2.schema.json
var generated []byte

// JSON returns the JSON Schema of model.Document, indented.
func JSON() ([]byte, error) {
	// A copy: the caller may append to it (kaoping schema adds a newline).
	return slices.Clone(generated), nil
}
