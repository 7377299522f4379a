// Package output is the one table of output formats: its name (the CLI's
// --to and the page's ?to=), file extension, MIME type and writer. The CLI
// (convert, batch, diff) and the web page both dispatch on it, so a new
// renderer is one entry here.
package output

import (
	"context"
	"io"
	"strings"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/jsonout"
	"github.com/kaoping/kaoping/render/pdf"
	"github.com/kaoping/kaoping/render/xlsx"
)

// Options are what a caller may ask of any renderer; a renderer ignores
// what it does not use.
type Options struct {
	// Clean leaves out the findings' marks (comments, fills, the list).
	Clean bool
	// Font is a glyf TrueType font for the PDF; nil uses the embedded one.
	Font []byte
	// Diff are the changes a diff shows on the form (model/diff.Overlay).
	Diff []diff.Mark
}

// Format is one output format.
type Format struct {
	Name, Ext, MIME string
	// File: the output is a file, never written to a terminal (xlsx, pdf).
	File  bool
	write func(ctx context.Context, w io.Writer, doc *model.Document, o Options) error
}

// Write writes doc in format f.
func (f Format) Write(ctx context.Context, w io.Writer, doc *model.Document, o Options) error {
	return f.write(ctx, w, doc, o)
}

// formats is the table, in the order the help and messages list them.
var formats = []Format{
	{"json", ".json", "application/json; charset=utf-8", false, func(_ context.Context, w io.Writer, doc *model.Document, _ Options) error {
		return jsonout.Write(w, doc)
	}},
	{"xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true, func(ctx context.Context, w io.Writer, doc *model.Document, o Options) error {
		return xlsx.Write(ctx, w, doc, xlsx.Options{Clean: o.Clean, Diff: o.Diff})
	}},
	{"pdf", ".pdf", "application/pdf", true, func(ctx context.Context, w io.Writer, doc *model.Document, o Options) error {
		return pdf.Write(ctx, w, doc, pdf.Options{Clean: o.Clean, Font: o.Font, Diff: o.Diff})
	}},
}

// Lookup is the format named name (json, xlsx, pdf).
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Names lists the formats' names, joined by sep: "json、xlsx、pdf".
func Names(sep string) string {
	ns := make([]string, len(formats))
	for i, f := range formats {
		ns[i] = f.Name
	}
	return strings.Join(ns, sep)
}
