// Package diff compares two versions of a 考评表 — the form the 考评办 sent
// and the copy a unit returned, or a draft and the final version — whatever
// format each was read from: rows are matched by 序号 and, where the 序号
// changed (a row inserted above renumbers the rest), by the similarity of
// their text; each pair is then compared field by field. What changed is a
// list of Change values; render/xlsx and render/pdf draw them on the new form.
package diff

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// Kinds of change.
const (
	Added   = "added"
	Removed = "removed"
	Moved   = "moved"   // the row stands under another 一级指标 or 项目
	Changed = "changed" // one field of the row differs
)

// Fields a change names: the item columns of the contract, text for the
// 二级指标 text.
const (
	FieldText        = "text"
	FieldWeight      = model.ColWeight
	FieldDeadline    = model.ColDeadline
	FieldLeaders     = model.ColLeaders
	FieldDepartments = model.ColDepartments
	FieldOwners      = model.ColOwners
	// FieldIndicator is the text of a 一级指标 (Row is its 序号).
	FieldIndicator = model.ColIndicator
	// FieldPoints are the points of a 一级指标 or a 项目 (Row is the
	// indicator's 序号 or the category's name).
	FieldPoints = "points"
)

// Change is one difference between the old and the new form. Exported as
// the element of Result.Changes, which the renderers and the page read.
type Change struct {
	Kind string `json:"kind"`
	// Form is the index of the form in the new document (the old one for a
	// removed row of a form the new document lacks).
	Form int `json:"form"`
	// Row is the 序号 of the row in the new form; in the old for a removed row.
	Row string `json:"row"`
	// OldRow is the 序号 the row had in the old form, where it differs.
	OldRow string `json:"oldRow,omitempty"`
	Field  string `json:"field,omitempty"`
	// Old and New are the values: a number for weight, a list of names for
	// people, text otherwise; for moved, the 项目 / 一级指标 before and after;
	// for added and removed, the row's text.
	Old any `json:"old,omitempty"`
	New any `json:"new,omitempty"`
	// Words is a text change word by word: unchanged runs, deletions and
	// insertions in order.
	Words []Edit `json:"words,omitempty"`
	// OldAt and NewAt are where the row stands, for the renderers.
	OldAt *Pos `json:"-"`
	NewAt *Pos `json:"-"`
	// col is the column whose cell shows the change, where Field does not
	// say (the points of a 项目 are in its 项目 cell).
	col string
}

// Pos is an item's place in a document, the type of Change.OldAt and NewAt
// the renderers read.
type Pos struct{ Form, Category, Indicator, Item int }

// Result is what Compare found.
type Result struct {
	Changes []Change `json:"changes"`
}

// row is one item with what it is compared by.
type row struct {
	pos   Pos
	item  *model.Item
	cat   string
	ind   *model.Indicator
	text  []string // tokens of the squashed text
	order int      // index in the form
}

func rows(doc *model.Document, fi int) []row {
	var out []row
	f := &doc.Forms[fi]
	for ci := range f.Categories {
		c := &f.Categories[ci]
		for ii := range c.Indicators {
			ind := &c.Indicators[ii]
			for k := range ind.Items {
				it := &ind.Items[k]
				out = append(out, row{pos: Pos{fi, ci, ii, k}, item: it, cat: cjk.Squash(c.Name), ind: ind,
					text: tokens(norm(it.Text)), order: len(out)})
			}
		}
	}
	return out
}

// Compare lists what changed from old to new. Forms are paired in order.
func Compare(old, new *model.Document) Result {
	res := Result{Changes: []Change{}}
	n := max(len(old.Forms), len(new.Forms))
	for fi := range n {
		var or, nr []row
		if fi < len(old.Forms) {
			or = rows(old, fi)
		}
		if fi < len(new.Forms) {
			nr = rows(new, fi)
		}
		res.Changes = append(res.Changes, compareRows(fi, or, nr)...)
		if fi < len(old.Forms) && fi < len(new.Forms) {
			res.Changes = append(res.Changes, compareGroups(fi, &old.Forms[fi], &new.Forms[fi])...)
		}
	}
	return res
}

// candidate is a possible pairing of an old and a new row.
type candidate struct {
	o, n  int
	score float64
}

// Thresholds of the matching. A row keeps its 序号 and most of its text
// through a light edit; a renumbered row keeps its text. Text similarity is
// the share of tokens the two texts have in common (textSimilarity).
const (
	sameTextMin  = 0.55 // rows with different 序号 pair when their texts are this alike
	sameIDMin    = 0.25 // rows with the same 序号 pair when their texts are this alike …
	sameIDFields = 0.6  // … or when this share of their other fields agree
)

func compareRows(fi int, or, nr []row) []Change {
	var cands []candidate
	for i, o := range or {
		for j, nw := range nr {
			sim := similarity(o.text, nw.text)
			same := o.item.ID != "" && o.item.ID == nw.item.ID
			fs := fieldShare(o.item, nw.item)
			ok := sim >= sameTextMin || same && (sim >= sameIDMin || fs >= sameIDFields)
			if !ok {
				continue
			}
			score := sim + 0.2*fs
			if same {
				score += 0.5
			}
			// between equally good pairings, keep the order of the form
			score -= 0.001 * math.Abs(float64(o.order-nw.order)) / float64(len(or)+len(nr)+1)
			cands = append(cands, candidate{i, j, score})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	om := make([]int, len(or))
	nm := make([]int, len(nr))
	for i := range om {
		om[i] = -1
	}
	for i := range nm {
		nm[i] = -1
	}
	for _, c := range cands {
		if om[c.o] < 0 && nm[c.n] < 0 {
			om[c.o], nm[c.n] = c.n, c.o
		}
	}
	var out []Change
	for j, nw := range nr {
		if nm[j] < 0 {
			p := nw.pos
			out = append(out, Change{Kind: Added, Form: fi, Row: nw.item.ID, New: nw.item.Text, NewAt: &p})
			continue
		}
		out = append(out, pairChanges(fi, or[nm[j]], nw)...)
	}
	for i, o := range or {
		if om[i] < 0 {
			p := o.pos
			out = append(out, Change{Kind: Removed, Form: fi, Row: o.item.ID, Old: o.item.Text, OldAt: &p})
		}
	}
	return out
}

// pairChanges compares two rows found to be the same row.
func pairChanges(fi int, o, n row) []Change {
	op, np := o.pos, n.pos
	base := Change{Form: fi, Row: n.item.ID, OldAt: &op, NewAt: &np}
	if o.item.ID != n.item.ID {
		base.OldRow = o.item.ID
	}
	var out []Change
	add := func(kind, field string, old, new any) *Change {
		c := base
		c.Kind, c.Field, c.Old, c.New = kind, field, old, new
		out = append(out, c)
		return &out[len(out)-1]
	}
	if where(o) != where(n) && (o.cat != n.cat || !sameIndicator(o.ind, n.ind)) {
		add(Moved, "", where(o), where(n))
	}
	if !slices.Equal(o.text, n.text) {
		c := add(Changed, FieldText, o.item.Text, n.item.Text)
		c.Words = wordEdits(norm(o.item.Text), norm(n.item.Text))
	}
	if !sameWeight(o.item.Weight, n.item.Weight) {
		add(Changed, FieldWeight, weight(o.item.Weight), weight(n.item.Weight))
	}
	if norm(o.item.Deadline) != norm(n.item.Deadline) {
		add(Changed, FieldDeadline, o.item.Deadline, n.item.Deadline)
	}
	// The levels of a deeper form (三级指标 …), each in its column.
	for k := 0; k < max(len(o.item.Levels), len(n.item.Levels)); k++ {
		ot, nt := levelText(o.item.Levels, k), levelText(n.item.Levels, k)
		if norm(ot) != norm(nt) {
			add(Changed, model.LevelKey(k+1), ot, nt)
		}
	}
	for _, f := range []struct {
		key      string
		old, new []string
	}{
		{FieldLeaders, o.item.Leaders, n.item.Leaders},
		{FieldDepartments, o.item.Departments, n.item.Departments},
		{FieldOwners, o.item.Owners, n.item.Owners},
	} {
		if !sameList(f.old, f.new) {
			add(Changed, f.key, nonNil(f.old), nonNil(f.new))
		}
	}
	return out
}

// where names a row's place: 项目 / 一级指标 (its 序号 and text).
func where(r row) string {
	ind := strings.TrimSpace(r.ind.ID + " " + norm(r.ind.Text))
	if ind == "" {
		return r.cat
	}
	return r.cat + " / " + ind
}

// sameIndicator reports whether two indicators are the same one: the same
// text, or the same 序号 with text alike (an edit of the 一级指标 itself is
// not a move of its rows).
func sameIndicator(a, b *model.Indicator) bool {
	sa, sb := norm(a.Text), norm(b.Text)
	if sa == sb {
		return true
	}
	return a.ID == b.ID && textSimilarity(sa, sb) >= sameTextMin
}

// fieldShare is the share of the non-text fields two items agree on.
func fieldShare(a, b *model.Item) float64 {
	n := 0
	if sameWeight(a.Weight, b.Weight) {
		n++
	}
	if norm(a.Deadline) == norm(b.Deadline) {
		n++
	}
	for _, p := range [][2][]string{{a.Leaders, b.Leaders}, {a.Departments, b.Departments}, {a.Owners, b.Owners}} {
		if sameList(p[0], p[1]) {
			n++
		}
	}
	return float64(n) / 5
}

func sameWeight(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) < 1e-9
}

func weight(w *float64) any {
	if w == nil {
		return nil
	}
	return *w
}

func sameList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if norm(a[i]) != norm(b[i]) {
			return false
		}
	}
	return true
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// norm is the text as compared: white space (which layouts add and PDF
// readers keep) and full-width digits folded away.
func norm(s string) string { return cjk.NarrowDigits(cjk.Squash(s)) }

// FormatValue prints a change's value for a person: a number without
// trailing zeros, names joined with 、.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []string:
		return strings.Join(x, "、")
	case string:
		return x
	}
	return ""
}

// levelText is level k of ls as a form prints it, text and points (render/grid
// prints the same), "" where the item has no such level.
func levelText(ls []model.Level, k int) string {
	if k >= len(ls) {
		return ""
	}
	l := ls[k]
	if l.Points != nil {
		return l.Text + "（" + FormatValue(*l.Points) + "分）"
	}
	return l.Text
}
