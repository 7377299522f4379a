package form

import (
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
	"github.com/kaoping/kaoping/model/deadline"
)

// CellReader reads the printed text of one of an item's cells into the
// item, the way the form builder reads every item cell of a form: a weight
// in its column's unit, a deadline's Due day in the assessment year, a list
// of people or units split on its separators, a score as a number, and the
// cell as printed in Item.Raw wherever the value does not say it. The page's
// editor reads a clerk's change through it too, so an edited cell is what
// ingest would have read from a form printed that way.
type CellReader struct {
	// Unit is the weight unit the column's header states (分, %), "" where
	// it says none.
	Unit string
	// Year is the assessment year deadlines are read in
	// (model.AssessmentYear).
	Year int
	// known are the names the form uses alone, by column (knownNames): a
	// run of them a PDF producer glued at a wrap is split again. A typed
	// cell has no wraps, so a reader made outside the builder has none.
	known map[string]map[string]bool
}

// Set writes printed into column col of it, replacing what the column held,
// and reports whether col is an item column it reads.
func (c CellReader) Set(it *model.Item, col, printed string) bool {
	delete(it.Raw, col)
	switch col {
	case model.ColID:
		it.ID = printed
	case model.ColItem:
		it.Text = printed
	case model.ColCriteria:
		it.Criteria = printed
	case model.ColTarget:
		it.Target = printed
	case model.ColMethod:
		it.Method = printed
	case model.ColRemarks:
		it.Remarks = printed
	case model.ColWeight:
		it.Weight = nil
		if printed == "" {
			break
		}
		if v, ok := weightValue(printed, c.Unit); ok {
			it.Weight = model.Float(v)
			if strconv.FormatFloat(v, 'f', -1, 64) != strings.TrimSpace(printed) {
				setRaw(it, col, printed)
			}
		} else {
			setRaw(it, col, printed)
		}
	case model.ColDeadline:
		it.Deadline, it.Due = printed, ""
		if printed != "" {
			it.Due = deadline.Parse(printed, c.Year).ISO()
		}
	case model.ColLeaders, model.ColDepartments, model.ColOwners:
		l, keep := cell.SplitColumn(col, printed)
		if split, changed := splitRuns(l, c.known[col]); changed {
			l = split
		}
		switch col {
		case model.ColLeaders:
			it.Leaders = l
		case model.ColDepartments:
			it.Departments = l
		default:
			it.Owners = l
		}
		if keep || len(l) > 1 {
			setRaw(it, col, printed)
		}
	case model.ColPartners:
		it.Partners = nil
		if printed != "" {
			it.Partners = cell.SplitList(printed)
			if len(it.Partners) > 1 {
				setRaw(it, col, printed)
			}
		}
	case model.ColSelfScore, model.ColScore:
		dst := &it.SelfScore
		if col == model.ColScore {
			dst = &it.Score
		}
		*dst = nil
		if v := strings.TrimSpace(printed); v != "" {
			if n, ok := cell.ParseNumber(v); ok {
				*dst = model.Float(n)
				if strconv.FormatFloat(n, 'f', -1, 64) != v {
					setRaw(it, col, v)
				}
			} else {
				setRaw(it, col, v) // 优, 良: kept as written
			}
		}
	default:
		return false
	}
	if len(it.Raw) == 0 {
		it.Raw = nil
	}
	return true
}

// itemCells are the columns CellReader reads, in the order the builder
// reads a row's cells.
var itemCells = []string{model.ColItem, model.ColDeadline, model.ColLeaders, model.ColDepartments, model.ColOwners,
	model.ColWeight, model.ColCriteria, model.ColTarget, model.ColMethod, model.ColRemarks, model.ColPartners,
	model.ColSelfScore, model.ColScore}

func setRaw(it *model.Item, col, v string) {
	if it.Raw == nil {
		it.Raw = map[string]string{}
	}
	it.Raw[col] = v
}

// CategoryName reads a printed 项目 cell as the builder reads it: the name
// without letter-spacing, and the points it states (（20分）), nil for none.
func CategoryName(printed string) (string, *float64) { return labelName(printed) }
