package jsonout

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestNewEncoder holds NewEncoder to json.Encoder's own indenting, on
// values at its corners and on every JSON golden of the repository.
func TestNewEncoder(t *testing.T) {
	values := []any{
		nil, 1.5, "a", []int{}, map[string]any{}, []any{[]int{}, map[string]int{}, []any{[]int{1}}},
		map[string]any{"a\"{[,:]}\\": []string{"\\", "\"", "{", "}", ",", ":", "《》<>&", "\u2028"}, "b": map[string]any{"c": []any{}, "d": nil}},
		struct {
			A []struct{ B, C string }
			D map[string][]float64
		}{A: []struct{ B, C string }{{"x", "y\n"}, {}}, D: map[string][]float64{"e": {1, 2.5}, "f": {}}},
	}
	files, err := filepath.Glob("../../fixtures/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../../fixtures/*/*/*.json")
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if json.Unmarshal(data, &v) == nil {
			values = append(values, v)
		}
	}
	if len(values) < 20 {
		t.Fatalf("only %d values: the goldens moved?", len(values))
	}
	for i, v := range values {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		e := NewEncoder(&got)
		if err := e.Encode(v); err != nil {
			t.Fatal(err)
		}
		if err := e.Encode(v); err != nil { // state carries over
			t.Fatal(err)
		}
		w2 := want.String() + want.String()
		if got.String() != w2 {
			t.Errorf("value %d: got\n%s\nwant\n%s", i, got.String(), w2)
		}
	}
}
