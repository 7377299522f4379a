package form

import (
	"strings"
	"unicode/utf8"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

// A text dump loses the grid: a row's cells may sit one or more tabs off the
// header (the seed's 2-7-1 starts one tab early, 2-5-2 shifts its right half
// left, 1-5-2 puts its 二级指标 under 一级指标). align puts each cell back
// under the column its content fits, by a monotone alignment of the row's
// cells to the layout's positions that maximises how well every cell's kind
// fits its column, minus a small cost per column moved. Cells keep their
// order, so a repair never swaps two values.

// moveCost is the price of moving a cell one column. It is below every gain
// of a fitting column over an unfitting one, and above the difference
// between two columns that fit about equally (a sentence under 一级指标 or
// under 二级指标 when both are filled).
const moveCost = 0.6

// beyondLayout is the score of a position right of the last header column.
const beyondLayout = -3

// The column scores of fit by cell kind, read only: built once rather than
// on every call, which align makes for each cell at each position.
var (
	fitID             = map[string]float64{model.ColID: 10}
	fitNumber         = map[string]float64{model.ColWeight: 8}
	fitDeadline       = map[string]float64{model.ColDeadline: 8, model.ColItem: -2}
	fitPersons        = map[string]float64{model.ColLeaders: 5, model.ColOwners: 5, model.ColDepartments: -4, model.ColItem: -3, model.ColIndicator: -4}
	fitOrgs           = map[string]float64{model.ColDepartments: 6, model.ColLeaders: -4, model.ColOwners: -4, model.ColItem: -2}
	fitBasis          = map[string]float64{model.ColBasis: 6, model.ColIndicator: 1, model.ColItem: 1, model.ColCategory: -4}
	fitCategoryPoints = map[string]float64{model.ColCategory: 6, model.ColIndicator: 1}
	fitPoints         = map[string]float64{model.ColIndicator: 7, model.ColCategory: 2, model.ColItem: -1}
	fitLabel          = map[string]float64{model.ColCategory: 3, model.ColItem: 1, model.ColIndicator: 1, model.ColBasis: -1, model.ColLeaders: -3, model.ColOwners: -3, model.ColDepartments: -3}
	fitSentence       = map[string]float64{model.ColItem: 4, model.ColIndicator: 2, model.ColBasis: 0, model.ColCategory: -4}
)

// fit scores how well a cell of kind k fits column key; label says that
// the cell, of kind Points, is a category label with its points
// (isCategoryLabel). Positions the header leaves unnamed score 0: their key
// is read from the cell's kind afterwards.
func fit(k cell.Kind, label bool, key string) float64 {
	if key == "" {
		return 0
	}
	if strings.HasPrefix(key, "x:") {
		return 0
	}
	switch k {
	case cell.ID:
		return pick(key, fitID, -8)
	case cell.Number:
		return pick(key, fitNumber, -6)
	case cell.Deadline:
		return pick(key, fitDeadline, -6)
	case cell.Persons:
		return pick(key, fitPersons, -6)
	case cell.Orgs:
		return pick(key, fitOrgs, -5)
	case cell.Basis:
		return pick(key, fitBasis, -6)
	case cell.Points:
		if label {
			return pick(key, fitCategoryPoints, -6)
		}
		return pick(key, fitPoints, -6)
	case cell.Label:
		return pick(key, fitLabel, -6)
	case cell.Sentence:
		return pick(key, fitSentence, -6)
	}
	return 0
}

func pick(key string, m map[string]float64, other float64) float64 {
	if v, ok := m[key]; ok {
		return v
	}
	return other
}

// isCategoryLabel: a short label with points, 文明创建 (6分).
func isCategoryLabel(s string) bool {
	t, _, ok := cell.PointsOf(s)
	t = strings.ReplaceAll(t, " ", "")
	return ok && utf8.RuneCountInString(t) <= 8 && !strings.ContainsAny(t, "，。；、")
}

// kindOf remembers what each cell text looks like while one Build runs: a
// 考评表 repeats its texts row after row (the same deadline, departments and
// people), and a row classifies a text in align, again for an unnamed column
// and again for its own kind; cell.Classify runs regexps and splits each
// time. A nil kindOf classifies without remembering.
type kindOf map[string]cell.Kind

func (k kindOf) of(s string) cell.Kind {
	if v, ok := k[s]; ok {
		return v
	}
	v := cell.Classify(s)
	if k != nil {
		k[s] = v
	}
	return v
}

type placed struct {
	text string
	from int // column in the input
	to   int // column after alignment
}

// maxAlign bounds the row width alignment works on: a 考评表 has about ten
// columns, and the alignment is quadratic in the width.
const maxAlign = 40

// align returns the row's non-empty cells with the column each belongs to.
// A row wider than maxAlign is left as it is.
func align(texts []string, l layout, kinds kindOf) []placed {
	var cells []placed
	for i, t := range texts {
		if strings.TrimSpace(t) != "" {
			cells = append(cells, placed{text: t, from: i})
		}
	}
	if len(cells) == 0 {
		return nil
	}
	if len(texts) > maxAlign || len(l) > maxAlign {
		for i := range cells {
			cells[i].to = cells[i].from
		}
		return cells
	}
	npos := max(len(l), len(texts)) + 1
	keyAt := func(p int) (string, float64) {
		if p < len(l) {
			return l[p], 0
		}
		return "", beyondLayout
	}
	// What each cell is, found once: score runs for every position.
	kind := make([]cell.Kind, len(cells))
	label := make([]bool, len(cells))
	for i, c := range cells {
		kind[i] = kinds.of(c.text)
		label[i] = kind[i] == cell.Points && isCategoryLabel(c.text)
	}
	score := func(i, p int) float64 {
		key, base := keyAt(p)
		d := p - cells[i].from
		if d < 0 {
			d = -d
		}
		return base + fit(kind[i], label[i], key) - moveCost*float64(d)
	}
	// best[i][p]: best total for cells[0..i] with cell i at position p.
	const none = -1e18
	best := make([][]float64, len(cells))
	prev := make([][]int, len(cells))
	bests, prevs := make([]float64, len(cells)*npos), make([]int, len(cells)*npos)
	for i := range cells {
		best[i] = bests[i*npos : (i+1)*npos : (i+1)*npos]
		prev[i] = prevs[i*npos : (i+1)*npos : (i+1)*npos]
		for p := range best[i] {
			best[i][p] = none
		}
	}
	for p := 0; p < npos; p++ {
		best[0][p] = score(0, p)
	}
	for i := 1; i < len(cells); i++ {
		runMax, runArg := none, -1
		for p := 1; p < npos; p++ {
			if best[i-1][p-1] > runMax {
				runMax, runArg = best[i-1][p-1], p-1
			}
			if runArg >= 0 {
				best[i][p] = runMax + score(i, p)
				prev[i][p] = runArg
			}
		}
	}
	last := len(cells) - 1
	arg := 0
	for p := range best[last] {
		if best[last][p] > best[last][arg] {
			arg = p
		}
	}
	// Prefer the cells where they are when that scores as well.
	if stay := stayScore(cells, score); stay >= best[last][arg]-1e-9 {
		for i := range cells {
			cells[i].to = cells[i].from
		}
		return cells
	}
	for i := last; i >= 0; i-- {
		cells[i].to = arg
		arg = prev[i][arg]
	}
	return cells
}

func stayScore(cells []placed, score func(i, p int) float64) float64 {
	total := 0.0
	for i, c := range cells {
		total += score(i, c.from)
	}
	return total
}
