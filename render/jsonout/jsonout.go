// Package jsonout writes a kaoping/v2 document as JSON: indented for people
// who read it, HTML characters unescaped so 《》 and “” read as written.
package jsonout

import (
	"fmt"
	"io"

	"github.com/kaoping/kaoping/model"
)

// Write writes doc to w.
func Write(w io.Writer, doc *model.Document) error {
	if err := NewEncoder(w).Encode(doc); err != nil {
		return fmt.Errorf("encode %s: %w", doc.Source.File, err)
	}
	return nil
}
