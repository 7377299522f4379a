package web

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	"github.com/kaoping/kaoping/render/grid"
	"github.com/kaoping/kaoping/render/jsonout"
	"github.com/kaoping/kaoping/render/pdf"
	"github.com/kaoping/kaoping/render/xlsx"
)

// The pipeline the handlers call: the same packages, in the same order, as the
// CLI (ingest.Read, audit.ApplyFixes for --fix, audit.All for `kaoping audit`,
// the renderers). Nothing here parses or checks a form itself.

// Convert reads one uploaded file as `kaoping convert [--fix]` does.
func Convert(ctx context.Context, name string, data []byte, fix bool) (*model.Document, error) {
	doc, err := ingest.Read(ctx, name, data)
	if err != nil {
		return nil, err
	}
	if fix {
		audit.ApplyFixes(doc)
	}
	return doc, nil
}

// Reviewed returns a shallow copy of doc whose Findings are everything a
// reviewer sees (audit.All: ingest's findings and the audit's), each once.
// doc is expected as converted (ingest's findings and applied fixes only),
// which is what the page keeps and sends.
func Reviewed(doc *model.Document) *model.Document {
	own := *doc
	own.Findings = dedupe(audit.All(doc, audit.Options{}))
	return &own
}

func dedupe(fs []model.Finding) []model.Finding {
	seen := map[string]bool{}
	out := fs[:0:0]
	for _, f := range fs {
		k := findingKey(f)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	if out == nil {
		out = []model.Finding{}
	}
	return out
}

func findingKey(f model.Finding) string {
	at := f.At
	form, line := -1, -1
	if at.Form != nil {
		form = *at.Form
	}
	if at.Line != nil {
		line = *at.Line
	}
	return fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%d\x00%s\x00%t\x00%s", f.Rule, form, at.Row, at.Column, line, at.Element, f.Fixed, f.Message)
}

// Format is an output of POST /api/render.
type Format struct {
	Ext, MIME string
	write     func(ctx context.Context, w io.Writer, doc *model.Document, clean bool) error
}

// Formats are the outputs the page offers, keyed by the ?to= value.
var Formats = map[string]Format{
	"json": {".json", "application/json; charset=utf-8", func(_ context.Context, w io.Writer, doc *model.Document, _ bool) error {
		return jsonout.Write(w, doc)
	}},
	"xlsx": {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", func(ctx context.Context, w io.Writer, doc *model.Document, clean bool) error {
		return xlsx.Write(ctx, w, doc, xlsx.Options{Clean: clean})
	}},
	"pdf": {".pdf", "application/pdf", func(ctx context.Context, w io.Writer, doc *model.Document, clean bool) error {
		return pdf.Write(ctx, w, doc, pdf.Options{Clean: clean})
	}},
}

// Render writes the reviewed doc in format f; clean leaves out the findings'
// marks, as the renderers' Clean option does.
func Render(ctx context.Context, w io.Writer, f Format, doc *model.Document, clean bool) error {
	return f.write(ctx, w, Reviewed(doc), clean)
}

// FileName is the download name for doc in format f: the uploaded file's base
// name with the new extension. It is only ever sent back in a header.
func FileName(doc *model.Document, f Format) string {
	name := doc.Source.File
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndex(name, "."); i > 0 {
		name = name[:i]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`"\/:*?<>|`, r) {
			return '_'
		}
		return r
	}, name)
	if name == "" {
		name = "kaoping"
	}
	return name + f.Ext
}

// ViewRequest is what the page sends after every change: the document as
// converted, the clerk's edits in order, and whether the certain fixes apply.
type ViewRequest struct {
	Document *model.Document `json:"document"`
	Edits    []Edit          `json:"edits"`
	Fix      bool            `json:"fix"`
}

// View is what the page draws: the edited document, everything to review, and
// each form laid out by render/grid — the same merges the Excel and PDF get.
type View struct {
	Document *model.Document `json:"document"`
	Findings []model.Finding `json:"findings"`
	Forms    []FormView      `json:"forms"`
}

// FormView is one form's grid for the page.
type FormView struct {
	Attachment string     `json:"attachment"`
	Title      string     `json:"title"`
	Unit       string     `json:"unit"`
	Date       string     `json:"date"`
	HeaderRows int        `json:"headerRows"`
	Rows       int        `json:"rows"`
	Columns    []string   `json:"columns"`
	Cells      []CellView `json:"cells"`
	Signatures string     `json:"signatures"`
	// Unplaced are indexes of findings about this form that name no cell.
	Unplaced []int `json:"unplaced"`
}

// CellView is one cell of a grid. Findings index View.Findings.
type CellView struct {
	Row      int      `json:"r"`
	Col      int      `json:"c"`
	RowSpan  int      `json:"rs"`
	ColSpan  int      `json:"cs"`
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Findings []int    `json:"findings,omitempty"`
	Computed *float64 `json:"computed,omitempty"`
	// Edit names the item and column a change of this cell goes to.
	Edit *Edit `json:"edit,omitempty"`
}

var kindNames = map[grid.Kind]string{
	grid.KindHeader: "header", grid.KindCategory: "category", grid.KindText: "text", grid.KindShort: "short",
	grid.KindNumber: "number", grid.KindTotalLabel: "total-label", grid.KindTotal: "total",
}

// BuildView applies the request's edits, then the fixes when asked, and lays
// the result out. It never changes req.Document's caller-visible forms: the
// request was decoded for this call alone.
func BuildView(req ViewRequest) (*View, error) {
	doc := req.Document
	if err := ApplyEdits(doc, req.Edits); err != nil {
		return nil, err
	}
	if req.Fix {
		audit.ApplyFixes(doc)
	}
	rev := Reviewed(doc)
	v := &View{Document: doc, Findings: rev.Findings, Forms: []FormView{}}
	for fi := range doc.Forms {
		v.Forms = append(v.Forms, formView(rev, fi))
	}
	return v, nil
}

func formView(doc *model.Document, fi int) FormView {
	g := grid.Build(doc, fi)
	fv := FormView{Attachment: g.Attachment, Title: g.Title, Unit: g.Unit, Date: g.Date, HeaderRows: g.HeaderRows,
		Rows: g.Rows, Signatures: g.Signatures, Unplaced: g.Unplaced}
	if fv.Unplaced == nil {
		fv.Unplaced = []int{}
	}
	for _, c := range g.Columns {
		fv.Columns = append(fv.Columns, c.Key)
	}
	paths := itemRows(&doc.Forms[fi], g)
	for _, c := range g.Cells {
		cv := CellView{Row: c.Row, Col: c.Col, RowSpan: c.RowSpan, ColSpan: c.ColSpan, Text: c.Text, Kind: kindNames[c.Kind], Findings: c.Findings}
		if c.Kind == grid.KindTotal {
			cv.Computed = model.Float(c.Computed)
		}
		if p, ok := paths[c.Row]; ok && c.RowSpan == 1 && c.ColSpan == 1 {
			key := g.Columns[c.Col].Key
			for _, k := range Editable {
				if k == key {
					e := p
					e.Column = key
					cv.Edit = &e
				}
			}
		}
		fv.Cells = append(fv.Cells, cv)
	}
	return fv
}

// itemRows maps each grid row that shows an item to the item's position. It
// walks the form in the order grid.Build lays it out: categories, their
// indicators, their items; an indicator or category without items takes a
// row of its own that holds no item.
func itemRows(f *model.Form, g *grid.Grid) map[int]Edit {
	var rows []int
	for r, k := range g.RowKinds {
		if k == grid.RowItem {
			rows = append(rows, r)
		}
	}
	out := map[int]Edit{}
	n := 0
	next := func(e *Edit) {
		if n < len(rows) && e != nil {
			out[rows[n]] = *e
		}
		n++
	}
	for ci, c := range f.Categories {
		for ii, ind := range c.Indicators {
			if len(ind.Items) == 0 {
				next(nil)
			}
			for ti := range ind.Items {
				next(&Edit{Form: g.Form, Category: ci, Ind: ii, Item: ti})
			}
		}
		if len(c.Indicators) == 0 {
			next(nil)
		}
	}
	return out
}
