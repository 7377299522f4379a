package form

import (
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

// Forms whose 序号 do not name the groups (no 序号 at all, or 1, 2, 3 counted
// within each category) are grouped by the values of their merged columns
// instead: a row belongs to the 项目 and 一级指标 it carries, and a row whose
// cell is empty to the group above it (a merged cell a reader printed on its
// first row only). A section banner across the table (一、共性指标（30分）)
// starts a new section: the groups under it are its own even where their
// names repeat those of the section before.

// groupedByIDs reports whether the 序号 of the rows say which rows form a
// group: at least one data row has a 序号 of two or more levels.
func groupedByIDs(rows []*row) bool {
	for _, r := range rows {
		if r.kind == rowData && isID(r.id) {
			return true
		}
	}
	return false
}

// resolveByValues is resolveMerged for forms grouped by their values.
func resolveByValues(rows []*row, rec *recorder) *resolution {
	res := &resolution{byRow: map[*row]*group{}, catPoints: map[string]*float64{}, catGroup: map[string]string{}}
	var section, cat, ind string
	var cur *group
	n := 0
	for _, r := range rows {
		switch r.kind {
		case rowBanner:
			section, cat, ind, cur = r.label, "", "", nil
			continue
		case rowTotal:
			cur = nil
			continue
		case rowNote:
			continue
		case rowLabel:
			// A label on a line of its own in a dump: the next rows' 项目.
			if cat != r.label {
				cat, ind, cur = r.label, "", nil
			}
			continue
		}
		if c := strings.TrimSpace(r.cells[model.ColCategory]); c != "" && c != cat {
			cat, ind, cur = c, "", nil
		}
		if i := strings.TrimSpace(r.cells[model.ColIndicator]); i != "" && i != ind {
			ind, cur = i, nil
		}
		if cur == nil {
			n++
			name, pts := labelName(cat)
			if pts == nil {
				pts = categoryPoints(r)
			}
			cur = &group{key: "?" + strconv.Itoa(n), top: section + "\x00" + name, indicator: ind, category: name, section: section}
			res.groups = append(res.groups, cur)
			key := sectionKey(section, name)
			setPoints(res, key, pts)
			if !containsStr(res.categories, key) {
				res.categories = append(res.categories, key)
			}
		}
		cur.rows = append(cur.rows, r)
		res.byRow[r] = cur
	}
	for _, g := range res.groups {
		resolveBasis(g, rec)
	}
	return res
}

// sectionKey names a category within its section.
func sectionKey(section, name string) string {
	if section == "" {
		return name
	}
	return section + "\x00" + name
}

// categoryPoints reads a 权重占比设定 column (the category's weight printed on
// its rows) where the form has one.
func categoryPoints(r *row) *float64 {
	for _, e := range r.extra {
		if columns.Match(e.header).Role != columns.CategoryPoints {
			continue
		}
		if v, ok := cell.ParseNumber(strings.TrimSuffix(strings.TrimSpace(e.text), "%")); ok {
			return &v
		}
	}
	return nil
}
