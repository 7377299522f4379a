package form

import (
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

// A merged cell of the 项目, 文件依据 or 一级指标 column spans the rows of its
// group; a text dump prints its text on one row of the span — the first, the
// middle, sometimes a row of the next group — and sometimes on several. The
// 序号 says which rows form a group (1-7-1 and 1-7-2 are 1-7; 4-1 … 4-5 are
// 4), so the value of a group is found among the values on its rows, and the
// category of a row comes from its 序号 and the labels, not from where a
// label happened to land.

// knownCategories are the 项目 names of the assessment system, with the name
// the model uses.
var knownCategories = map[string]string{
	"重点工作目标": "重点工作目标", "重点工作": "重点工作目标",
	"常规工作目标": "常规工作目标", "常规工作": "常规工作目标",
	"动态工作目标": "动态工作目标", "动态工作": "动态工作目标",
	"行政能力": "行政能力", "行政能力目标": "行政能力",
	"文明创建": "文明创建", "平安建设": "平安建设",
	"共性指标": "共性指标", "个性指标": "个性指标",
}

// superGroup is the heading over 重点 and 常规 (职能工作目标（一）…).
const superGroup = "职能工作目标"

// group is the rows of one 一级指标 (3-level ids: 1-7-*) or of one aspect of
// a two-level block (4-*).
type group struct {
	key       string // 1-7, or 4
	top       string // 1, or 4
	twoLevel  bool
	rows      []*row
	indicator string
	basis     string
	category  string
	label     string // the group label of a two-level group (从严治党)
	section   string // the banner of the section the group stands in
}

// resolution is what resolveMerged found for one form.
type resolution struct {
	groups     []*group
	byRow      map[*row]*group
	catPoints  map[string]*float64
	catGroup   map[string]string
	categories []string // in order
}

// resolveMerged assigns every data row its group, category and merged-column
// values, recording each repair.
func resolveMerged(rows []*row, rec *recorder) *resolution {
	if !groupedByIDs(rows) {
		return resolveByValues(rows, rec)
	}
	res := &resolution{byRow: map[*row]*group{}, catPoints: map[string]*float64{}, catGroup: map[string]string{}}
	byKey := map[string]*group{}
	// 1. groups from the 序号; rows without one join the row group above them
	// (or below, right after a header or a total).
	var lastGroup *group
	section := ""
	for i, r := range rows {
		switch r.kind {
		case rowTotal:
			lastGroup = nil
			continue
		case rowBanner:
			section, lastGroup = r.label, nil
			continue
		case rowLabel, rowNote:
			continue
		}
		key, top, two := groupOf(r.id)
		if key == "" {
			if lastGroup == nil {
				key, top, two = nextGroup(rows[i+1:])
			} else {
				key, top, two = lastGroup.key, lastGroup.top, lastGroup.twoLevel
			}
			if key == "" {
				key, top = "?", "?"
			}
		}
		g := byKey[key]
		if g == nil {
			g = &group{key: key, top: top, twoLevel: two, section: section}
			byKey[key] = g
			res.groups = append(res.groups, g)
		}
		g.rows = append(g.rows, r)
		res.byRow[r] = g
		lastGroup = g
	}
	resolveCategories(rows, res, rec)
	for _, g := range res.groups {
		if g.twoLevel {
			resolveTwoLevel(g, rec)
		} else {
			resolveIndicator(g, res, rec)
		}
		resolveBasis(g, rec)
	}
	return res
}

// groupOf returns the group of a 序号: all but the last level for three or
// more levels, the first level for two.
func groupOf(id string) (key, top string, twoLevel bool) {
	q, ok := model.ParseSeq(id)
	if !ok || !q.InCell() {
		return "", "", false
	}
	return q.Group(), strconv.Itoa(q.Levels[0]), len(q.Levels) == 2
}

func nextGroup(rows []*row) (string, string, bool) {
	for _, r := range rows {
		if r.kind == rowTotal {
			break
		}
		if k, t, two := groupOf(r.id); k != "" {
			return k, t, two
		}
	}
	return "", "", false
}

// label is one 项目 value found on a row.
type label struct {
	text   string // as read
	name   string // normalised, points removed
	points *float64
	row    *row
	top    string
	two    bool
}

// resolveCategories gives every group its category. Category names found on
// the rows of one top-level number belong to it; where two land on one
// number (the seed's 常规工作目标 label on row 1-11-1), the later one moves to
// the next number that has none. A number without a name takes the name of
// the number before it in the same run of ids of equal depth, else the one
// after it.
func resolveCategories(rows []*row, res *resolution, rec *recorder) {
	var labels []label
	for i, r := range rows {
		text := r.cells[model.ColCategory]
		if r.kind == rowLabel {
			text = r.label
		}
		if text == "" || r.kind == rowTotal {
			continue
		}
		g := res.byRow[r]
		if g == nil {
			g = nearestGroup(rows, i, res)
		}
		if g == nil {
			continue
		}
		name, pts := labelName(text)
		labels = append(labels, label{text: text, name: name, points: pts, row: r, top: g.top, two: g.twoLevel})
	}
	// Tops in order, with their depth.
	var tops []string
	twoOf := map[string]bool{}
	seen := map[string]bool{}
	for _, g := range res.groups {
		if !seen[g.top] {
			seen[g.top] = true
			tops = append(tops, g.top)
			twoOf[g.top] = g.twoLevel
		}
	}
	catOf := map[string]string{}
	superOf := map[string]bool{}
	var carried []label
	for _, t := range tops {
		var mine []label
		for _, l := range labels {
			if l.top == t {
				mine = append(mine, l)
			}
		}
		var cats []label
		for _, l := range mine {
			switch {
			case knownCategories[l.name] != "":
				cats = append(cats, l)
			case strings.HasPrefix(l.name, superGroup):
				superOf[t] = true
				if l.name != superGroup {
					rec.misplaced(l.row, model.ColCategory, l.text, superGroup,
						"项目栏文字“"+l.text+"”是“"+superGroup+"”竖排标签的片段，不是本行的项目名称",
						"the 项目 text “"+l.text+"” is a fragment of the vertical label “"+superGroup+"”, not this row's category")
				}
			case !l.two:
				// An unknown name in a run of three-level ids is a category name.
				cats = append(cats, l)
			}
		}
		if len(carried) > 0 && (len(cats) == 0 || !twoOf[t]) {
			if len(cats) == 0 || cats[0].name != carried[0].name {
				c := carried[0]
				carried = carried[1:]
				catOf[t] = canonical(c.name)
				setPoints(res, catOf[t], c.points)
				rec.misplaced(c.row, model.ColCategory, c.text, catOf[t],
					"项目“"+catOf[t]+"”的合并单元格文字落在了序号 "+c.row.id+" 所在行，已归入序号 "+t+"-*",
					"the merged 项目 cell “"+catOf[t]+"” landed on row "+c.row.id+"; it belongs to rows "+t+"-*")
			}
		}
		for _, c := range cats {
			name := canonical(c.name)
			if catOf[t] == "" {
				catOf[t] = name
				setPoints(res, name, c.points)
			} else if catOf[t] != name {
				carried = append(carried, c)
			}
		}
	}
	// Numbers without a name: from the run they are in.
	for i, t := range tops {
		if catOf[t] != "" {
			continue
		}
		for j := i - 1; j >= 0 && twoOf[tops[j]] == twoOf[t] && catOf[t] == ""; j-- {
			catOf[t] = catOf[tops[j]]
		}
		for j := i + 1; j < len(tops) && twoOf[tops[j]] == twoOf[t] && catOf[t] == ""; j++ {
			catOf[t] = catOf[tops[j]]
		}
	}
	for _, t := range tops {
		if superOf[t] {
			// The heading covers the run's categories.
			for _, u := range tops {
				if twoOf[u] == twoOf[t] && catOf[u] != "" {
					res.catGroup[catOf[u]] = superGroup
				}
			}
		}
	}
	groupsOf := map[string]int{}
	for _, g := range res.groups {
		g.category = catOf[g.top]
		groupsOf[g.category]++
		if !containsStr(res.categories, g.category) {
			res.categories = append(res.categories, g.category)
		}
	}
	// A category of one two-level group (文明创建 9-1) is its own 一级指标.
	for _, g := range res.groups {
		if g.twoLevel && groupsOf[g.category] == 1 && g.label == "" {
			g.label = g.category
		}
	}
	// Group labels of two-level groups: the other 项目 values on their rows.
	for _, l := range labels {
		if !l.two || knownCategories[l.name] != "" {
			continue
		}
		g := res.byRow[l.row]
		if g == nil {
			continue
		}
		if g.label == "" {
			g.label = l.name
		} else if g.label != l.name {
			rec.misplaced(l.row, model.ColCategory, l.text, "",
				"第 "+g.key+" 组已有一级指标“"+g.label+"”，此行项目栏另有“"+l.text+"”，按原样保留于审核意见",
				"group "+g.key+" already has the label “"+g.label+"”; this row's 项目 also says “"+l.text+"”, kept as read in this finding")
		}
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func setPoints(res *resolution, name string, p *float64) {
	if p != nil && res.catPoints[name] == nil {
		res.catPoints[name] = p
	}
}

// canonical is the name a category keeps: as printed. knownCategories
// tells that 重点工作 and 行政能力目标 are category names; it does not rename
// them (a clerk's 重点工作 stays 重点工作).
func canonical(name string) string { return name }

// labelName normalises a 项目 text: no letter-spacing, points split off.
func labelName(s string) (string, *float64) {
	t, p, ok := cell.PointsOf(s)
	name := strings.ReplaceAll(notice.Normalize(t), " ", "")
	if ok {
		return name, &p
	}
	return name, nil
}

// nearestGroup is the group of the closest data row above i, else below.
func nearestGroup(rows []*row, i int, res *resolution) *group {
	for j := i - 1; j >= 0; j-- {
		if rows[j].kind == rowTotal {
			break
		}
		if g := res.byRow[rows[j]]; g != nil {
			return g
		}
	}
	for j := i + 1; j < len(rows); j++ {
		if g := res.byRow[rows[j]]; g != nil {
			return g
		}
	}
	return nil
}

// resolveIndicator finds the 一级指标 of a three-level group. A value that
// also stands on the first row of another group belongs to that group (a
// dump printed the next group's merged cell one row early); of what remains,
// the top-most value is the group's, and any other is kept as read on its
// row and flagged: the dump does not say which is right.
func resolveIndicator(g *group, res *resolution, rec *recorder) {
	var vals []val
	for _, r := range g.rows {
		if t := r.cells[model.ColIndicator]; t != "" {
			vals = append(vals, val{t, r})
		}
	}
	distinct := func(vs []val) int {
		m := map[string]bool{}
		for _, v := range vs {
			m[v.text] = true
		}
		return len(m)
	}
	if distinct(vals) > 1 {
		var keep []val
		for _, v := range vals {
			if h := firstRowOwner(v.text, g, res); h != nil && distinctWithout(vals, v.text) > 0 {
				rec.misplaced(v.r, model.ColIndicator, v.text, "",
					"一级指标“"+short(v.text)+"”属于第 "+h.key+" 组（该组首行即为此文字），不属于第 "+g.key+" 组",
					"the 一级指标 “"+short(v.text)+"” belongs to group "+h.key+" (it stands on that group's first row), not to group "+g.key)
				continue
			}
			keep = append(keep, v)
		}
		vals = keep
	}
	if len(vals) == 0 {
		return
	}
	g.indicator = vals[0].text
	for _, v := range vals[1:] {
		if v.text == g.indicator {
			continue
		}
		v.r.extra = append(v.r.extra, extraCell{header: "一级指标", text: v.text})
		rec.unplaced(v.r, model.ColIndicator, v.text, g.indicator,
			"第 "+g.key+" 组的一级指标合并单元格有两个不同的值；取首个“"+short(g.indicator)+"”，本行的“"+short(v.text)+"”按原样保留在该行“一级指标”附加栏，请核对",
			"group "+g.key+" has two different 一级指标 values; the first, “"+short(g.indicator)+"”, is used, and this row's “"+short(v.text)+"” is kept as read in the row's extra 一级指标 column: please check")
	}
}

// val is a value of a merged column on one row.
type val struct {
	text string
	r    *row
}

func distinctWithout(vals []val, without string) int {
	m := map[string]bool{}
	for _, v := range vals {
		if v.text != without {
			m[v.text] = true
		}
	}
	return len(m)
}

// firstRowOwner returns another group whose first row carries text in its
// 一级指标 column.
func firstRowOwner(text string, g *group, res *resolution) *group {
	for _, h := range res.groups {
		if h == g || h.twoLevel || len(h.rows) == 0 {
			continue
		}
		if h.rows[0].cells[model.ColIndicator] == text {
			return h
		}
	}
	return nil
}

// resolveTwoLevel: in a block of two-level ids (行政能力 4-1 …) the group
// label is the 一级指标 and each row is a 二级指标. A text in the row's
// 一级指标 column is its item when the 二级指标 column is empty.
//
// In an exact grid (and a dump that repeats a merged cell on every row) the
// group label stands in the 一级指标 column itself: the same text on every
// row of the group, each row with its own 二级指标. That text is the label.
func resolveTwoLevel(g *group, rec *recorder) {
	if g.label == "" {
		g.label = sharedIndicator(g.rows)
	}
	g.indicator = g.label
	for _, r := range g.rows {
		t := r.cells[model.ColIndicator]
		if t == "" || t == g.label {
			delete(r.cells, model.ColIndicator)
			continue
		}
		if r.cells[model.ColItem] == "" {
			r.cells[model.ColItem] = t
		} else {
			r.extra = append(r.extra, extraCell{header: "一级指标", text: t})
			rec.unplaced(r, model.ColIndicator, t, "",
				"两级序号的行应只有一条指标文字，此行一级指标栏另有“"+short(t)+"”，按原样保留在该行“一级指标”附加栏，请核对",
				"a two-level row should carry one text; this row also has “"+short(t)+"” in the 一级指标 column, kept as read in the row's extra 一级指标 column: please check")
		}
		delete(r.cells, model.ColIndicator)
	}
}

// resolveBasis: the 文件依据 of a group. Several different documents on the
// rows of one group are all its bases (a merged cell listing two documents
// prints as two pieces); they are joined, one per line, and the join recorded.
func resolveBasis(g *group, rec *recorder) {
	var vals []string
	for _, r := range g.rows {
		t := r.cells[model.ColBasis]
		if t != "" && !containsStr(vals, t) {
			if len(vals) > 0 {
				rec.joined(r, model.ColBasis, t, g.key)
			}
			vals = append(vals, t)
		}
	}
	g.basis = strings.Join(vals, "\n")
}

// short cuts a long text for a message.
func short(s string) string {
	r := []rune(s)
	if len(r) <= 24 {
		return s
	}
	return string(r[:24]) + "…"
}

// sharedIndicator returns the text every row of a two-level group carries in
// its 一级指标 column when each row also has its own 二级指标, else "".
func sharedIndicator(rows []*row) string {
	shared := ""
	for _, r := range rows {
		t := r.cells[model.ColIndicator]
		if t == "" || r.cells[model.ColItem] == "" || (shared != "" && t != shared) {
			return ""
		}
		shared = t
	}
	return shared
}
