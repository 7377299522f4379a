package form

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

var yearRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(20\d{2}|19\d{2})\s*年`) })

// citationRE matches a trailing （属…） or （…第N项） reference of an
// indicator, which the model keeps apart from its text.
var citationRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[（(]((?:属|市政府工作报告|市委)[^（）()]*|[^（）()]*第\d+项[^（）()]*)[）)]$`)
})

// assemble builds the model of one form from its rows and their resolution.
func assemble(fr *formRows, opt Options, rec *recorder) model.Form {
	res := resolveMerged(fr.rows, rec)
	f := model.Form{
		Title: fr.title, Unit: fr.unit, Date: fr.date, Where: fr.where, HeaderWhere: fr.headerWhere,
		Categories: []model.Category{}, Totals: []model.Total{}, Signatures: fr.signatures, Notes: fr.notes,
	}
	if f.Date == "" {
		f.Date = opt.NoticeDate
	}
	year := formYear(fr, opt)
	// The columns in the form's own order; a key some row has that no
	// header named (a cell read by its kind) is added where the canonical
	// order puts it.
	for _, k := range fr.order {
		if !strings.HasPrefix(k, model.ExtraKey) && k != keyCategoryPoints {
			f.Columns = append(f.Columns, k)
			continue
		}
		if strings.HasPrefix(k, model.ExtraKey) {
			f.Columns = append(f.Columns, k)
		}
	}
	for _, k := range allKeys {
		if (fr.keys[k] || fr.headers[k] != "") && !containsStr(f.Columns, k) {
			f.Columns = insertCanonical(f.Columns, k)
		}
	}
	f.WeightUnit = fr.weightUnit
	f.Attachment = fr.attachment
	f.Headers = map[string]string{}
	for k, h := range fr.headers {
		f.Headers[k] = h
	}
	depth := 0 // the levels the form prints between indicator and item
	for _, k := range f.Columns {
		depth = max(depth, model.LevelIndex(k))
	}
	known := knownNames(fr.rows)
	cats := map[string]*model.Category{}
	var order []string
	indByGroup := map[*group]int{}
	var last *model.Item // the item a note row under it belongs to
	for _, r := range fr.rows {
		rec.markers(r)
		if r.kind == rowNote {
			if last != nil {
				last.Notes = append(last.Notes, strings.Split(r.label, "\n")...)
			}
			continue
		}
		rec.shifted(r)
		rec.extras(r)
		rec.doubted(r)
		if r.kind != rowData {
			continue
		}
		g := res.byRow[r]
		if g == nil {
			continue
		}
		key := sectionKey(g.section, g.category)
		c := cats[key]
		if c == nil {
			c = &model.Category{Name: g.category, Group: res.catGroup[g.category], Points: res.catPoints[key], Indicators: []model.Indicator{}}
			if c.Points == nil && !strings.HasPrefix(g.key, "?") {
				c.Points = res.catPoints[g.category]
			}
			if c.Group == "" {
				// The section banner is the heading over its categories.
				c.Group = g.section
			}
			cats[key] = c
			order = append(order, key)
		}
		i, ok := indByGroup[g]
		if !ok {
			c.Indicators = append(c.Indicators, newIndicator(g, res))
			i = len(c.Indicators) - 1
			indByGroup[g] = i
		}
		it := newItem(r, year, known)
		items := c.Indicators[i].Items
		var above []model.Level
		if len(items) > 0 {
			above = items[len(items)-1].Levels
		}
		it.Levels = readLevels(r, depth, above)
		c.Indicators[i].Items = append(items, it)
		last = &c.Indicators[i].Items[len(c.Indicators[i].Items)-1]
	}
	for _, name := range order {
		f.Categories = append(f.Categories, *cats[name])
	}
	f.Sections = sections(f, fr.rows, res)
	// Extra columns are named in Headers like the printed ones, so a reader
	// of the model (and a cleaned form read back) sees every column.
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			for _, it := range ind.Items {
				for h := range it.Extra {
					if _, ok := f.Headers["x:"+h]; !ok {
						f.Headers["x:"+h] = h
					}
					if !containsStr(f.Columns, model.ExtraKey+h) {
						f.Columns = append(f.Columns, model.ExtraKey+h)
					}
				}
			}
		}
	}
	f.Totals = totals(fr.rows, res)
	f.RecomputeTotals()
	return f
}

func newIndicator(g *group, res *resolution) model.Indicator {
	ind := model.Indicator{ID: g.key, Basis: g.basis, Items: []model.Item{}}
	SetIndicator(&ind, g.indicator)
	if g.twoLevel && len(g.rows) == 1 && g.indicator == g.category {
		ind.Points = nil // a one-row category: its points are the category's
		ind.Raw = ""
		if printed := strings.TrimSpace(g.indicator); printed != canonicalIndicator(ind) {
			ind.Raw = printed
		}
	}
	if strings.HasPrefix(g.key, "?") {
		ind.ID = "" // a group the 序号 do not name
	}
	return ind
}

func newItem(r *row, year int, known map[string]map[string]bool) model.Item {
	it := model.Item{ID: r.id, Source: r.ref}
	cr := CellReader{Unit: r.unit, Year: year, known: known}
	for _, k := range itemCells {
		cr.Set(&it, k, r.cells[k])
	}
	for _, e := range r.extra {
		if e.unnamed {
			// Text no column could take stays with its row, as a note
			// for a person to check (the recorder lists it).
			it.Notes = append(it.Notes, e.text)
			continue
		}
		if it.Extra == nil {
			it.Extra = map[string]string{}
		}
		h := colName(e.header, false)
		if old := it.Extra[h]; old != "" {
			it.Extra[h] = old + "\n" + e.text
		} else {
			it.Extra[h] = e.text
		}
	}
	if r.boxes != nil {
		for _, k := range []string{model.ColItem, model.ColID, model.ColWeight} {
			if b := r.boxes[k]; b != nil {
				it.Source.Box = b
				break
			}
		}
	}
	return it
}

// readLevels reads the depth level cells of a row (model.Item.Levels), each
// as an indicator cell is read: points suffix into Points, the cell into
// Raw where it differs. A level cell a reader left empty under a merged
// cell it did not repeat takes the level of the item above in the same
// indicator (above), as the merged cell printed it; an empty cell of the
// item's own level with nothing above stays empty.
func readLevels(r *row, depth int, above []model.Level) []model.Level {
	if depth == 0 {
		return nil
	}
	out := make([]model.Level, depth)
	for n := range out {
		t := r.cells[model.LevelKey(n+1)]
		if strings.TrimSpace(t) == "" {
			if n < len(above) {
				out[n] = above[n]
			}
			continue
		}
		out[n] = LevelCell(t)
	}
	return out
}

// LevelCell reads a printed level cell (model.Level) as an indicator cell
// is read: a points suffix into Points, the cell into Raw where it differs
// (a （属…） citation, which a level has no field for, stays in Raw). The
// page's editor reads a changed level cell through it too.
func LevelCell(printed string) model.Level {
	var ind model.Indicator
	SetIndicator(&ind, printed)
	l := model.Level{Text: ind.Text, Points: ind.Points, Raw: ind.Raw}
	if ind.Citation != "" && l.Raw == "" {
		l.Raw = strings.TrimSpace(printed)
	}
	return l
}

// formYear is the assessment year (model.AssessmentYear).
func formYear(fr *formRows, opt Options) int {
	return model.AssessmentYear(fr.title, fr.date, opt.NoticeDate)
}

// totals reads the subtotal and total rows. A subtotal (合计, 项目小计) covers
// the categories of the rows since the previous total; a total (…得分, 总分,
// 总计) covers the whole form. The computed sums come from
// model.Form.RecomputeTotals, which an editor calls again after a change.
func totals(rows []*row, res *resolution) []model.Total {
	out := []model.Total{}
	var since []string
	for _, r := range rows {
		switch r.kind {
		case rowData:
			if g := res.byRow[r]; g != nil && !containsStr(since, g.category) {
				since = append(since, g.category)
			}
		case rowTotal:
			ref := r.ref
			t := model.Total{Label: r.totalLabel, Stated: r.stated, Where: &ref}
			if !isGrandTotal(r.totalLabel) {
				t.Categories = since
			}
			out = append(out, t)
			since = nil
		}
	}
	return out
}

func isGrandTotal(label string) bool {
	return strings.Contains(label, "得分") || strings.Contains(label, "总分") || strings.Contains(label, "总计")
}

// SetIndicator reads a printed 一级指标 cell into ind as a form's cell is
// read: the trailing （4分） into Points, a （属…） reference into Citation, the
// rest into Text, and the cell as printed into Raw when a clean form would
// print it otherwise. The page's editor writes a changed cell through it too.
func SetIndicator(ind *model.Indicator, printed string) {
	text, pts, ok := cell.PointsOf(printed)
	ind.Points, ind.Citation, ind.Raw = nil, "", ""
	if ok {
		ind.Points = model.Float(pts)
	}
	if m := citationRE().FindStringSubmatchIndex(text); m != nil && m[0] > 0 {
		ind.Citation = text[m[2]:m[3]]
		text = strings.TrimSpace(text[:m[0]])
	}
	ind.Text = text
	if p := strings.TrimSpace(printed); p != canonicalIndicator(*ind) {
		ind.Raw = p
	}
}

// canonicalIndicator is how a clean form prints an indicator: text, then the
// citation and the points in full-width parentheses. An indicator printed
// otherwise keeps its printed form in Raw.
func canonicalIndicator(ind model.Indicator) string {
	s := ind.Text
	if ind.Citation != "" {
		s += "（" + ind.Citation + "）"
	}
	if ind.Points != nil {
		s += "（" + strconv.FormatFloat(*ind.Points, 'f', -1, 64) + "分）"
	}
	return s
}

// weightValue reads a weight in its column's unit: 2, ２, 2分 in points; 25,
// 25% or the fraction 0.25 under a % header (a weight below 1 in a percent
// column is a fraction: no form weighs an item at a quarter of a percent).
// The cell as printed stays in Item.Raw wherever the value differs.
func weightValue(s, unit string) (float64, bool) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％")
	if pct {
		t = strings.TrimSpace(strings.TrimRight(t, "%％"))
	}
	v, ok := cell.ParseNumber(t)
	if !ok {
		return 0, false
	}
	if unit == "%" && !pct && v > 0 && v < 1 {
		v = math.Round(v*100*1e6) / 1e6
	}
	return v, true
}

// insertCanonical inserts key into cols before the first key that follows
// it in the canonical order.
func insertCanonical(cols []string, key string) []string {
	pos := len(cols)
	ki := slicesIndex(allKeys, key)
	for i, c := range cols {
		if ci := slicesIndex(allKeys, c); ci > ki {
			pos = i
			break
		}
	}
	return append(cols[:pos], append([]string{key}, cols[pos:]...)...)
}

func slicesIndex(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// sections lists the parts of a form printed under banners (rowBanner): each
// banner with the points it states, the unit its rows' header states where
// that differs from the form's, and its categories.
func sections(f model.Form, rows []*row, res *resolution) []model.FormSection {
	var out []model.FormSection
	at := map[string]int{}
	for _, r := range rows {
		if r.kind == rowBanner {
			if _, ok := at[r.label]; !ok {
				sec := model.FormSection{Title: r.label, Categories: []int{}}
				if _, p, ok := cell.PointsOf(r.label); ok {
					sec.Points = model.Float(p)
				}
				at[r.label] = len(out)
				out = append(out, sec)
			}
			continue
		}
		if g := res.byRow[r]; g != nil && r.kind == rowData {
			if i, ok := at[g.section]; ok && r.unit != "" && r.unit != f.WeightUnit && out[i].WeightUnit == "" {
				out[i].WeightUnit = r.unit
			}
		}
	}
	for ci, c := range f.Categories {
		if i, ok := at[c.Group]; ok {
			out[i].Categories = append(out[i].Categories, ci)
		}
	}
	return out
}
