// Package summary is the one-line account of a document that `kaoping batch`
// writes to summary.jsonl and summary.xlsx: which file, whether it could be
// read, whose form it is, how many items, errors and warnings, what its totals
// state and add up to, and the scores (得分, 自评分) its rows carry. The office
// that gets a form back from every unit reads this to see who still has
// errors; the type is a contract like the document's JSON (docs/output.md).
package summary

import (
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model"
)

// Status of one input.
const (
	StatusOK      = "ok"
	StatusFailed  = "failed"
	StatusSkipped = "skipped" // not a document (an editor's lock file), listed so nothing vanishes
)

// Record is one input of a batch: one line of summary.jsonl.
type Record struct {
	// File is the input as the clerk sees it: a path, or zip!member.
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Status string `json:"status"`
	// Why says, in the chosen language, why the input failed or was skipped.
	Why string `json:"why,omitempty"`
	// Parts are the other files read as one document with File (the 附件 of a
	// 正文), each with its hash.
	Parts  []Part `json:"parts,omitempty"`
	Format string `json:"format,omitempty"`
	Pages  *int   `json:"pages,omitempty"`
	// Unit is the 参评单位 of the first form that names one.
	Unit      string `json:"unit,omitempty"`
	DocNumber string `json:"docNumber,omitempty"` // 文号
	Title     string `json:"title,omitempty"`     // the notice's title, else the first form's
	Forms     int    `json:"forms"`
	Items     int    `json:"items"`
	// Errors and Warnings count the findings not fixed, at those levels.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	// Stated and Computed are the grand total of the first form that has one:
	// what it states and what its items add up to.
	Stated   *float64 `json:"stated"`
	Computed *float64 `json:"computed"`
	// Scores are the sums of score columns (得分, 自评分 …) the forms carry.
	Scores []Score `json:"scores,omitempty"`
	// Outputs are the files written for the document, relative to the output
	// directory, so a rerun can tell the work is done.
	Outputs []string `json:"outputs,omitempty"`
}

// Part is one more file of a document read from several.
type Part struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// Score is the sum of one score column over one category.
type Score struct {
	Column   string  `json:"column"` // the header as printed: 自评分, 得分, 考评得分
	Category string  `json:"category"`
	Value    float64 `json:"value"`
}

// scoreWords are the headers of columns that hold a score given to a row.
var scoreWords = []string{"得分", "自评分", "评分", "自评"}

// isScoreColumn reports whether a printed header names a score column
// (得分, 自评分, 考评得分 …) rather than the 评分标准 that says how to score.
func isScoreColumn(h string) bool {
	h = strings.Join(strings.Fields(h), "")
	if strings.Contains(h, "标准") || strings.Contains(h, "说明") || strings.Contains(h, "办法") {
		return false
	}
	for _, w := range scoreWords {
		if strings.HasSuffix(h, w) || strings.HasSuffix(h, w+"（分）") || strings.HasSuffix(h, w+"(分)") {
			return true
		}
	}
	return false
}

// Of sums up a document read without error.
func Of(doc *model.Document) Record {
	r := Record{Status: StatusOK, SHA256: doc.Source.SHA256, Format: doc.Source.Format, Pages: doc.Source.Pages, Forms: len(doc.Forms)}
	if n := doc.Notice; n != nil {
		r.Title = n.Title
		if n.DocNumber != nil {
			r.DocNumber = n.DocNumber.Text
		}
	}
	scores := map[[2]string]float64{}
	var order [][2]string
	for _, f := range doc.Forms {
		if r.Unit == "" {
			r.Unit = f.Unit
		}
		if r.Title == "" {
			r.Title = f.Title
		}
		for _, c := range f.Categories {
			for _, ind := range c.Indicators {
				r.Items += len(ind.Items)
				for _, it := range ind.Items {
					for h, v := range it.Extra {
						if !isScoreColumn(h) {
							continue
						}
						x, ok := number(v)
						if !ok {
							continue
						}
						k := [2]string{h, c.Name}
						if _, seen := scores[k]; !seen {
							order = append(order, k)
						}
						scores[k] += x
					}
				}
			}
		}
		if r.Stated == nil && r.Computed == nil {
			for _, t := range f.Totals {
				if len(t.Categories) == 0 {
					r.Stated, r.Computed = t.Stated, model.Float(t.Computed)
					break
				}
			}
		}
	}
	for _, k := range order {
		r.Scores = append(r.Scores, Score{Column: k[0], Category: k[1], Value: scores[k]})
	}
	for _, f := range doc.Findings {
		if f.Fixed {
			continue
		}
		switch f.Severity {
		case model.SevError:
			r.Errors++
		case model.SevWarning:
			r.Warnings++
		}
	}
	return r
}

// number reads a score as written: 2, 2.5, 2分, ２.５.
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "分")
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		if r == '．' {
			return '.'
		}
		return r
	}, s)
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return x, err == nil
}

// Total is the sum of a record's scores in one column, over its categories.
func (r Record) Total(column string) (float64, bool) {
	sum, ok := 0.0, false
	for _, s := range r.Scores {
		if s.Column == column {
			sum += s.Value
			ok = true
		}
	}
	return sum, ok
}
