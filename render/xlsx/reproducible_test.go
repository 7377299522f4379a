package xlsx

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// TestReproducible: two renders of one document, a second apart, are the
// same bytes.
func TestReproducible(t *testing.T) {
	write := func() []byte {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, sample(t), Options{}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a := write()
	time.Sleep(1100 * time.Millisecond) // zip and docProps times have seconds
	if b := write(); !bytes.Equal(a, b) {
		t.Fatalf("two renders differ (%d and %d bytes)", len(a), len(b))
	}
}
