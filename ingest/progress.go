package ingest

import "context"

type progressKey struct{}

// WithProgress returns a context whose reads report their OCR progress to
// f: before each page is read by OCR, f is told its number and the
// document's page count. OCR takes seconds a page, and a clerk waiting on a
// four-page scan wants to see it move (the worker of kaoping serve sends it
// to the page).
func WithProgress(ctx context.Context, f func(page, pages int)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

func progress(ctx context.Context, page, pages int) {
	if f := ProgressFrom(ctx); f != nil {
		f(page, pages)
	}
}

// ProgressFrom returns the context's progress function, or nil: a worker
// process passes it on to the server that asked.
func ProgressFrom(ctx context.Context) func(page, pages int) {
	f, _ := ctx.Value(progressKey{}).(func(page, pages int))
	return f
}
