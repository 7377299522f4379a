package audit

import (
	"context"
	"slices"
	"strconv"

	"github.com/kaoping/kaoping/model"
)

// maxFixPasses bounds applyFixes: two fixes of one cell (a traditional
// character and a repeated word in the same 二级指标) are applied in
// successive passes, each against the text the previous one left.
const maxFixPasses = 5

// applyFixes applies every certain fix the audit proposes to doc, appends each
// applied finding to doc.Findings with Fixed set (Fix.From keeps what was
// written) and returns them. A fix is applied only while the cell still holds
// Fix.From, so nothing is overwritten that the finding did not see.
//
// Each pass runs only the rules that propose fixes (Rule.Fixable, 8 of the
// catalogue's rules): the others' findings would be thrown away, and the
// whole audit cost about four times as much per pass.
func applyFixes(ctx context.Context, doc *model.Document) ([]model.Finding, error) {
	var applied []model.Finding
	for pass := 0; pass < maxFixPasses; pass++ {
		n := 0
		fs, err := runRules(ctx, doc, func(r Rule) bool { return r.Fixable })
		if err != nil {
			return nil, err
		}
		for _, fd := range fs {
			if fd.Fix == nil || fd.At.Form == nil || *fd.At.Form < 0 || *fd.At.Form >= len(doc.Forms) {
				continue
			}
			if applyFix(&doc.Forms[*fd.At.Form], fd) {
				fd.Fixed = true
				applied = append(applied, fd)
				n++
			}
		}
		if n == 0 {
			break
		}
	}
	doc.Findings = append(doc.Findings, applied...)
	return applied, nil
}

// cellRef locates a row of a form by its 序号 (or #position).
type cellRef struct {
	cat *model.Category
	ci  int
	ind *model.Indicator
	ii  int
	ti  int
}

func findRow(f *model.Form, name string) (cellRef, bool) {
	pos := 0
	for ci := range f.Categories {
		for ii := range f.Categories[ci].Indicators {
			ind := &f.Categories[ci].Indicators[ii]
			for ti := range ind.Items {
				pos++
				if ind.Items[ti].ID == name || (ind.Items[ti].ID == "" && name == "#"+strconv.Itoa(pos)) {
					return cellRef{&f.Categories[ci], ci, ind, ii, ti}, true
				}
			}
		}
	}
	return cellRef{}, false
}

func applyFix(f *model.Form, fd model.Finding) bool {
	ref, ok := findRow(f, fd.At.Row)
	if !ok {
		return false
	}
	it := &ref.ind.Items[ref.ti]
	fx := fd.Fix
	set := func(p *string) bool {
		if *p != fx.From {
			return false
		}
		*p = fx.To
		return true
	}
	switch fx.Column {
	case model.ColItem:
		return set(&it.Text)
	case model.ColDeadline:
		return set(&it.Deadline)
	case model.ColBasis:
		return set(&ref.ind.Basis)
	case model.ColCategory:
		return set(&ref.cat.Name)
	case model.ColWeight:
		to, err := strconv.ParseFloat(fx.To, 64)
		if err != nil || it.Weight == nil || formatNum(*it.Weight) != fx.From {
			return false
		}
		keepRaw(it, model.ColWeight, fx.From)
		it.Weight = &to
		return true
	case model.ColLeaders, model.ColDepartments, model.ColOwners:
		if it.Raw[fx.Column] != fx.From {
			return false
		}
		it.Raw[fx.Column] = fx.To
		return true
	case model.ColIndicator:
		if fd.Rule == model.RuleMergedCellMisplaced {
			return moveToGroup(f, ref, fx)
		}
		return set(&ref.ind.Text)
	}
	return false
}

func keepRaw(it *model.Item, col, v string) {
	if it.Raw == nil {
		it.Raw = map[string]string{}
	}
	if _, ok := it.Raw[col]; !ok {
		it.Raw[col] = v
	}
}

// moveToGroup moves a row whose merged 一级指标 cell landed on the wrong
// indicator into the indicator of its own 序号 group, keeping 序号 order.
func moveToGroup(f *model.Form, ref cellRef, fx *model.Fix) bool {
	if ref.ind.Text != fx.From {
		return false
	}
	it := ref.ind.Items[ref.ti]
	g := groupOf(it.ID)
	for ci := range f.Categories {
		for ii := range f.Categories[ci].Indicators {
			dst := &f.Categories[ci].Indicators[ii]
			if dst == ref.ind || dst.ID != g || dst.Text != fx.To {
				continue
			}
			ref.ind.Items = slices.Delete(ref.ind.Items, ref.ti, ref.ti+1)
			at := len(dst.Items)
			for k, x := range dst.Items {
				if idLess(it.ID, x.ID) {
					at = k
					break
				}
			}
			dst.Items = slices.Insert(dst.Items, at, it)
			return true
		}
	}
	return false
}

func idLess(a, b string) bool { return model.CompareSeq(a, b) < 0 }
