package diff

import (
	"fmt"
	"slices"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// Mark says how a renderer shows one change on the overlay form: a whole
// row (Field "") or one cell, coloured by Kind, with Note for a person (the
// old value); a removed row is struck through.
type Mark struct {
	Pos   Pos
	Field string // a model.Col* key (text is model.ColItem), "" for the row
	Kind  string
	Note  string
}

// entry is an item of the overlay with where it came from.
type entry struct {
	item    model.Item
	newPos  *Pos // nil for a removed row put back
	removed *Change
}

// Overlay is the new document with the rows removed from the old put back
// where they stood (under the same 项目 and 一级指标 when the new form still
// has them, else under a copy of the old ones), and the marks that show each
// change on it. The xlsx and PDF of a diff draw this document, so they are
// the same form as the new version, with what changed marked.
func Overlay(old, new *model.Document, res Result) (*model.Document, []Mark) {
	ov := *new
	ov.Findings = []model.Finding{}
	ov.Forms = nil
	// entries per form / category / indicator
	type ind struct {
		model.Indicator
		entries []entry
	}
	type cat struct {
		model.Category
		inds []*ind
	}
	forms := make([][]*cat, max(len(new.Forms), len(old.Forms)))
	for fi, f := range new.Forms {
		for ci, c := range f.Categories {
			nc := &cat{Category: c}
			for ii, in := range c.Indicators {
				ni := &ind{Indicator: in}
				for k, it := range in.Items {
					p := Pos{fi, ci, ii, k}
					ni.entries = append(ni.entries, entry{item: it, newPos: &p})
				}
				nc.inds = append(nc.inds, ni)
			}
			forms[fi] = append(forms[fi], nc)
		}
	}
	for i := range res.Changes {
		ch := &res.Changes[i]
		if ch.Kind != Removed || ch.OldAt == nil {
			continue
		}
		op := *ch.OldAt
		oc := old.Forms[op.Form].Categories[op.Category]
		oi := oc.Indicators[op.Indicator]
		it := oi.Items[op.Item]
		var tc *cat
		for _, c := range forms[op.Form] {
			if cjk.Squash(c.Name) == cjk.Squash(oc.Name) {
				tc = c
				break
			}
		}
		if tc == nil {
			c := oc
			tc = &cat{Category: c}
			forms[op.Form] = append(forms[op.Form], tc)
		}
		var ti *ind
		for _, in := range tc.inds {
			if in.ID == oi.ID && oi.ID != "" || norm(in.Text) == norm(oi.Text) {
				ti = in
				break
			}
		}
		if ti == nil {
			ti = &ind{Indicator: oi}
			tc.inds = append(tc.inds, ti)
		}
		// after the entries that stood above it in the old form
		at := min(op.Item, len(ti.entries))
		ti.entries = slices.Insert(ti.entries, at, entry{item: it, removed: ch})
	}
	where := map[Pos]Pos{}         // new position → overlay position
	removedAt := map[*Change]Pos{} // removed change → overlay position
	for fi, cats := range forms {
		var f model.Form
		if fi < len(new.Forms) {
			f = new.Forms[fi]
		} else {
			f = old.Forms[fi]
			f.Totals = nil
		}
		f.Categories = nil
		for ci, c := range cats {
			mc := c.Category
			mc.Indicators = nil
			for ii, in := range c.inds {
				mi := in.Indicator
				mi.Items = nil
				for k, e := range in.entries {
					p := Pos{fi, ci, ii, k}
					it := e.item
					if e.newPos != nil {
						where[*e.newPos] = p
					} else {
						removedAt[e.removed] = p
						// a removed row's weight is no longer counted: the
						// totals are the new form's
						it.Weight = nil
					}
					mi.Items = append(mi.Items, it)
				}
				mc.Indicators = append(mc.Indicators, mi)
			}
			f.Categories = append(f.Categories, mc)
		}
		ov.Forms = append(ov.Forms, f)
	}
	var marks []Mark
	for i := range res.Changes {
		ch := &res.Changes[i]
		switch ch.Kind {
		case Removed:
			p, ok := removedAt[ch]
			if !ok {
				continue
			}
			note := "已删除"
			if ch.OldAt != nil {
				ow := old.Forms[ch.OldAt.Form].Categories[ch.OldAt.Category].Indicators[ch.OldAt.Indicator].Items[ch.OldAt.Item].Weight
				if ow != nil {
					note += fmt.Sprintf("（原权重 %s）", FormatValue(*ow))
				}
			}
			marks = append(marks, Mark{Pos: p, Kind: Removed, Note: note})
		case Added:
			if ch.NewAt == nil {
				continue
			}
			if p, ok := where[*ch.NewAt]; ok {
				marks = append(marks, Mark{Pos: p, Kind: Added, Note: "新增"})
			}
		case Moved:
			if ch.NewAt == nil {
				continue
			}
			if p, ok := where[*ch.NewAt]; ok {
				note := "原在 " + FormatValue(ch.Old)
				if ch.OldRow != "" {
					note += "（原序号 " + ch.OldRow + "）"
				}
				marks = append(marks, Mark{Pos: p, Kind: Moved, Note: note})
			}
		case Changed:
			if ch.NewAt == nil {
				continue // a total's stated value: in the list, not on a cell
			}
			if p, ok := where[*ch.NewAt]; ok {
				field := ch.Field
				switch {
				case ch.col != "":
					field = ch.col
				case field == FieldText:
					field = model.ColItem
				}
				old := FormatValue(ch.Old)
				if old == "" {
					old = "（空）"
				}
				marks = append(marks, Mark{Pos: p, Field: field, Kind: Changed, Note: "原为：" + old})
			}
		}
	}
	return &ov, marks
}
