package web

import (
	"context"
	"sync"
	"time"
)

// stretchable is a context whose deadline can be pushed back: a request's
// --timeout holds for its work as a whole, except that each page read by
// OCR (seconds of work each) gets a full --timeout of its own from the
// moment it starts, so a four-page scan is not cut off where a text file
// would be finished. Its Err is context.DeadlineExceeded once the time is
// up, as context.WithTimeout's is, so every caller that tells a timeout
// from a cancel keeps doing so.
type stretchable struct {
	context.Context
	done chan struct{}

	mu       sync.Mutex
	err      error
	deadline time.Time
	timer    *time.Timer
}

// withStretchableTimeout returns a context that ends d from now, or when
// parent ends, and a cancel that must be called when the work is done.
func withStretchableTimeout(parent context.Context, d time.Duration) (*stretchable, context.CancelFunc) {
	c := &stretchable{Context: parent, done: make(chan struct{}), deadline: time.Now().Add(d)}
	// Set under the lock the timer's function takes: it reads c.timer,
	// and may run before AfterFunc has returned (go test -race saw it).
	c.mu.Lock()
	c.timer = time.AfterFunc(d, func() { c.end(context.DeadlineExceeded) })
	c.mu.Unlock()
	stop := context.AfterFunc(parent, func() { c.end(context.Cause(parent)) })
	return c, func() {
		stop()
		c.end(context.Canceled)
	}
}

func (c *stretchable) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.endLocked(err)
}

func (c *stretchable) endLocked(err error) {
	if c.err != nil {
		return
	}
	if err == nil {
		err = context.Canceled
	}
	c.err = err
	c.timer.Stop()
	close(c.done)
}

// extend moves the deadline to d from now, if that is later; it reports
// the deadline in force.
func (c *stretchable) extend(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil || !time.Now().Before(c.deadline) {
		return c.deadline // too late: the time is up
	}
	if t := time.Now().Add(d); t.After(c.deadline) {
		c.deadline = t
		c.timer.Reset(d)
	}
	return c.deadline
}

func (c *stretchable) Deadline() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.deadline, true
}

func (c *stretchable) Done() <-chan struct{} { return c.done }

// Err is DeadlineExceeded from the deadline on, even before the timer's
// goroutine has run, as a context.WithTimeout's is.
func (c *stretchable) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil && !time.Now().Before(c.deadline) {
		c.endLocked(context.DeadlineExceeded)
	}
	return c.err
}

// stretchKey finds the request's stretchable context under the contexts
// derived from it.
type stretchKey struct{}

func (c *stretchable) Value(key any) any {
	if key == (stretchKey{}) {
		return c
	}
	return c.Context.Value(key)
}
