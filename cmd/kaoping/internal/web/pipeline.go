package web

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	"github.com/kaoping/kaoping/render/grid"
	"github.com/kaoping/kaoping/render/output"
)

// The pipeline the handlers call: the same packages, in the same order, as the
// CLI (ingest.Read, audit.Review, the renderers). Nothing here parses or
// checks a form itself. Every step takes the request's context, which
// --timeout bounds.

// convert reads one uploaded file as `kaoping convert [--fix]` does: ingest,
// then audit.Review, so the document carries every finding.
func convert(ctx context.Context, name string, data []byte, fix bool) (*model.Document, error) {
	return convertWith(ctx, ingest.Read, name, data, fix)
}

// readFunc reads one uploaded file into a document: ingest.Read, or the
// same in an isolated worker process (cmd/kaoping/internal/isolate).
type readFunc func(ctx context.Context, name string, data []byte) (*model.Document, error)

// convertWith is Convert reading through read.
func convertWith(ctx context.Context, read readFunc, name string, data []byte, fix bool) (*model.Document, error) {
	doc, err := read(ctx, name, data)
	if err != nil {
		return nil, err
	}
	if err := audit.Review(ctx, doc, audit.Options{Fix: fix}); err != nil {
		return nil, err
	}
	return doc, nil
}

// auditDoc returns every finding of doc, as `kaoping audit --format json` lists
// them for the file doc was read from. doc may be reviewed already: the
// review drops the audit's earlier findings first.
func auditDoc(ctx context.Context, doc *model.Document) ([]model.Finding, error) {
	own := *doc
	own.Findings = slices.Clone(doc.Findings)
	if err := audit.Review(ctx, &own, audit.Options{}); err != nil {
		return nil, err
	}
	return own.Findings, nil
}

// render writes doc in format f with the findings it carries, as `kaoping
// convert --to` does; clean leaves out the findings' marks.
func render(ctx context.Context, w io.Writer, f output.Format, doc *model.Document, clean bool) error {
	return f.Write(ctx, w, doc, output.Options{Clean: clean})
}

// fileName is the download name for doc in format f: the first form's title
// (泉州半导体高新区管委会2023年度绩效目标考评表.xlsx), which is what a clerk
// files it under, else the uploaded file's base name, with the new
// extension. It is only ever sent back in a header.
func fileName(doc *model.Document, f output.Format) string {
	name := ""
	if len(doc.Forms) > 0 {
		name = strings.Join(strings.Fields(doc.Forms[0].Title), "")
		if r := []rune(name); len(r) > 80 {
			name = string(r[:80])
		}
	}
	if name == "" {
		name = doc.Source.File
		if i := strings.LastIndexAny(name, `/\`); i >= 0 {
			name = name[i+1:]
		}
		if i := strings.LastIndex(name, "."); i > 0 {
			name = name[:i]
		}
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

// viewRequest is what the page sends after every change: the document as
// converted (without fixes), the clerk's edits in order, and whether the
// certain fixes apply.
type viewRequest struct {
	Document *model.Document `json:"document"`
	Edits    []edit          `json:"edits"`
	Fix      bool            `json:"fix"`
}

// docView is what the page draws: the edited, reviewed document (its Findings
// are everything to review) and each form laid out by render/grid — the same
// merges the Excel and PDF get. Downloads send Document back as it is.
type docView struct {
	Document *model.Document `json:"document"`
	Forms    []gridView      `json:"forms"`
}

// gridView is one form's grid for the page.
type gridView struct {
	Attachment string     `json:"attachment"`
	Title      string     `json:"title"`
	Unit       string     `json:"unit"`
	Date       string     `json:"date"`
	HeaderRows int        `json:"headerRows"`
	Rows       int        `json:"rows"`
	Columns    []string   `json:"columns"`
	Cells      []cellView `json:"cells"`
	Signatures string     `json:"signatures"`
	// Unplaced are indexes of findings about this form that name no cell.
	Unplaced []int `json:"unplaced"`
}

// cellView is one cell of a grid. Findings index docView.Findings.
type cellView struct {
	Row      int      `json:"r"`
	Col      int      `json:"c"`
	RowSpan  int      `json:"rs"`
	ColSpan  int      `json:"cs"`
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Findings []int    `json:"findings,omitempty"`
	Computed *float64 `json:"computed,omitempty"`
	// Edit names the item and column a change of this cell goes to.
	Edit *edit `json:"edit,omitempty"`
}

var kindNames = map[grid.Kind]string{
	grid.KindHeader: "header", grid.KindCategory: "category", grid.KindText: "text", grid.KindShort: "short",
	grid.KindNumber: "number", grid.KindTotalLabel: "total-label", grid.KindTotal: "total", grid.KindBand: "band",
	grid.KindNote: "note",
}

// buildView applies the edits and reviews the result as convert does (with
// the fixes when asked; the review judges the edited cells afresh, dropping
// its earlier findings), then lays it out.
func buildView(ctx context.Context, req viewRequest) (*docView, error) {
	doc := req.Document
	if err := applyEdits(doc, req.Edits); err != nil {
		return nil, err
	}
	if err := audit.Review(ctx, doc, audit.Options{Fix: req.Fix}); err != nil {
		return nil, err
	}
	return viewOf(doc), nil
}

// joinRequest is the files of one 文件 as the page holds them after
// /api/convert: a 正文 and its 附件, each a document.
type joinRequest struct {
	Documents []*model.Document `json:"documents"`
}

// join makes one document of a 正文 and its 附件 read as separate files,
// as `kaoping convert --as-one` does (batch.AsOne: the 正文 leads, the
// others follow in order, reviewed together), and lays it out. order is
// the indexes of the documents in the order joined. The documents may have
// been reviewed already: the review of the joined document drops their
// audit findings first, so the join is the same as of the files read
// afresh.
func join(ctx context.Context, docs []*model.Document) (v *docView, order []int, err error) {
	doc, order, err := batch.AsOne(ctx, docs, false)
	if err != nil {
		return nil, nil, err
	}
	return viewOf(doc), order, nil
}

// viewOf lays out a reviewed document.
func viewOf(doc *model.Document) *docView {
	v := &docView{Document: doc, Forms: []gridView{}}
	for fi := range doc.Forms {
		v.Forms = append(v.Forms, formView(doc, fi))
	}
	return v
}

func formView(doc *model.Document, fi int) gridView {
	g := grid.Build(doc, fi)
	fv := gridView{Attachment: g.Attachment, Title: g.Title, Unit: g.Unit, Date: g.Date, HeaderRows: g.HeaderRows,
		Rows: g.Rows, Signatures: g.Signatures, Unplaced: g.Unplaced}
	if fv.Unplaced == nil {
		fv.Unplaced = []int{}
	}
	for _, c := range g.Columns {
		fv.Columns = append(fv.Columns, c.Key)
	}
	for _, c := range g.Cells {
		cv := cellView{Row: c.Row, Col: c.Col, RowSpan: c.RowSpan, ColSpan: c.ColSpan, Text: c.Text, Kind: kindNames[c.Kind], Findings: c.Findings}
		if c.Kind == grid.KindTotal {
			cv.Computed = model.Float(c.Computed)
		}
		cv.Edit = editOf(&doc.Forms[fi], g, c)
		fv.Cells = append(fv.Cells, cv)
	}
	return fv
}

// editOf is the edit a change of cell c would make (its Value empty), or
// nil for a cell that shows no part of the form (headers, the empty cells of
// a total row) or a cell the page does not offer (a total without a 权重
// column, whose label cell carries the number too).
func editOf(f *model.Form, g *grid.Grid, c grid.Cell) *edit {
	o := c.Of
	e := &edit{Form: g.Form, Category: o.Category, Ind: o.Indicator, Item: o.Item}
	switch c.Kind {
	case grid.KindHeader:
		return nil
	case grid.KindBand:
		e.Column = editGroup
		return e
	case grid.KindTotal:
		*e = edit{Form: g.Form, Total: o.Total, Column: editTotal}
		return e
	case grid.KindTotalLabel:
		if g.WeightCol < 0 {
			return nil
		}
		*e = edit{Form: g.Form, Total: o.Total, Column: editTotalLabel}
		return e
	}
	if o.Total >= 0 || o.Category < 0 {
		return nil
	}
	key := g.Columns[c.Col].Key
	switch {
	case key == model.ColCategory:
		e.Ind, e.Item = -1, -1
	case key == model.ColBasis || key == model.ColIndicator:
		if o.Indicator < 0 {
			return nil
		}
		e.Item = -1
	case model.LevelIndex(key) > 0:
		if o.Indicator < 0 || o.Item < 0 {
			return nil
		}
	case isItemColumn(key):
		if o.Indicator < 0 {
			return nil // the row of a category without indicators
		}
		if o.Item >= 0 {
			e.ID = f.Categories[o.Category].Indicators[o.Indicator].Items[o.Item].ID
		}
	default:
		return nil
	}
	e.Column = key
	return e
}
