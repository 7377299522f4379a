// Package jsonout writes a kaoping/v2 document as JSON: indented for people
// who read it, HTML characters unescaped so 《》 and “” read as written.
package jsonout

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/kaoping/kaoping/model"
)

// Write writes doc to w.
func Write(w io.Writer, doc *model.Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode %s: %w", doc.Source.File, err)
	}
	return nil
}
