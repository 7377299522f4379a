package pdf

import (
	"context"
	"errors"
	"io"
	"sync"
	"testing"
)

// endsOnWait is a context that is alive for every look at Err and ends the
// moment something waits on Done: it stands for a deadline that expires
// while fpdf closes the document, after every page has been drawn.
type endsOnWait struct {
	context.Context
	once  sync.Once
	done  chan struct{}
	ended bool
	mu    sync.Mutex
}

func (c *endsOnWait) Done() <-chan struct{} {
	c.once.Do(func() {
		c.mu.Lock()
		c.ended = true
		c.mu.Unlock()
		close(c.done)
	})
	return c.done
}

func (c *endsOnWait) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended {
		return context.Canceled
	}
	return nil
}

// TestCloseHonoursContext: a context that ends while fpdf writes the pages
// out (which looks at no context) ends the render then, with the context's
// error and nothing written; a live one renders as before.
func TestCloseHonoursContext(t *testing.T) {
	ctx := &endsOnWait{Context: context.Background(), done: make(chan struct{})}
	w := &countWriter{}
	if err := Write(ctx, w, sample(t), Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if w.n != 0 {
		t.Errorf("%d bytes written by a cancelled render", w.n)
	}
	if err := Write(context.Background(), io.Discard, sample(t), Options{}); err != nil {
		t.Fatal(err)
	}
}

type countWriter struct{ n int }

func (w *countWriter) Write(b []byte) (int, error) { w.n += len(b); return len(b), nil }
