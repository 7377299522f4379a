package ingest

import "context"

// Progress is told, before each page is read by OCR, its number and the
// document's page count: OCR takes seconds a page, and a clerk waiting on
// a four-page scan wants to see it move (the worker of kaoping serve sends
// it to the page).
type Progress func(page, pages int)

type progressKey struct{}

// WithProgress returns a context whose reads report their OCR progress to f.
func WithProgress(ctx context.Context, f Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

func progress(ctx context.Context, page, pages int) {
	if f := ProgressFrom(ctx); f != nil {
		f(page, pages)
	}
}

// ProgressFrom returns the context's progress function, or nil: a worker
// process passes it on to the server that asked.
func ProgressFrom(ctx context.Context) Progress {
	f, _ := ctx.Value(progressKey{}).(Progress)
	return f
}
