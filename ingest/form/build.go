// Package form builds the 考评表 model from a flow, for every reader: it finds
// the header rows wherever they repeat, maps printed headers to the contract's
// column keys, puts the cells of a text dump back under their columns,
// un-merges the merged columns (项目, 文件依据, 一级指标) by the 序号 groups,
// and assembles categories, 一级指标, 二级指标 items and totals.
//
// Stages, one file each: header.go (header rows → layout), align.go (cells
// back under their columns), rows.go (row kinds), unmerge.go (merged
// columns, categories), assemble.go (the model), findings.go (the repairs).
package form

import (
	"slices"
	"strconv"
	"sync"

	"golang.org/x/text/width"
	"regexp"
	"strings"

	"github.com/kaoping/kaoping/ingest/columns"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

// Options tune the builder.
type Options struct {
	// NoticeDate is the notice's 成文日期 (ISO), used when the form states none.
	NoticeDate string
}

// formRows is one form while it is read: its preamble and its physical rows.
type formRows struct {
	title, unit, date string
	where             *model.Ref
	headerWhere       *model.Ref
	rows              []*row
	headers           map[string]string
	weightUnit        string   // 分 or % where the weight header states it
	order             []string // column keys in the order the header prints them
	attachment        int      // 附件N above the title
	keys              map[string]bool
	signatures        []string
	notes             []string
}

// Build returns the forms of fl and the repairs made while reading them.
func Build(fl flow.Flow, opt Options) ([]model.Form, []model.Finding, error) {
	forms, err := split(fl)
	if err != nil {
		return nil, nil, err
	}
	var out []model.Form
	var findings []model.Finding
	for i, fr := range forms {
		rec := &recorder{form: i}
		f := assemble(fr, opt, rec)
		out = append(out, f)
		findings = append(findings, rec.findings...)
	}
	return out, findings, nil
}

// split walks the flow and cuts it into forms. A form starts at a header row;
// the text lines just above it give its title, 参评单位 and date. A header
// that repeats (a page break) continues the form unless a new title stands
// above it.
func split(fl flow.Flow) ([]*formRows, error) {
	var forms []*formRows
	var cur *formRows
	var lay layout
	var unit string          // the weight unit the current header states
	var table int            // the table the current header belongs to
	var pending []flow.Block // text lines since the last row
	// Only a file kaoping rendered carries kaoping's finding markers.
	own := fl.Creator == model.Creator
	var carried []marker // the markers of the row above, see once
	kinds := kindOf{}    // this build's cell kinds by text
	blocks := fl.Blocks
	if fl.ExactSpans {
		blocks = expandSpans(blocks)
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.Furniture {
			continue
		}
		if !b.IsRow() {
			if cur != nil && (isTitle(b.Text) || attachmentRE().MatchString(b.Text)) {
				cur = nil // a new form's title, or the 附件2 label above it
			}
			if cur != nil {
				if sig := signatureParts(b.Text); sig != nil {
					cur.signatures = append(cur.signatures, sig...)
					continue
				}
				if b.Ref.Box != nil {
					// A laid-out line is outside every table (a reader
					// with a layout puts cell text in its rows): a note
					// printed with the form.
					cur.notes = append(cur.notes, strings.TrimSpace(b.Text))
					continue
				}
				// A line inside a dumped table is a row of one cell (a
				// label of the 项目 column on a line of its own).
				cur.rows = append(cur.rows, newRow([]string{b.Text}, nil, b.Ref, lay, true, kinds))
				continue
			}
			pending = append(pending, b)
			continue
		}
		texts := cellTexts(b)
		if isHeader(texts) {
			var bottom []string
			// The second header row: as the table reader marked it (by
			// its words, or repeated on every page under the first), or
			// by its words.
			if i+1 < len(blocks) && blocks[i+1].IsRow() && (b.Header && blocks[i+1].Header && blocks[i+1].Table == b.Table ||
				columns.IsSecondRow(texts, cellTexts(blocks[i+1]))) {
				bottom = cellTexts(blocks[i+1])
				i++
			}
			// An incomplete header (only 项目, 序号, 一级指标) leaves its
			// unnamed positions to be read from the cells' kinds.
			l, printed := readLayout(texts, bottom, blocks[i+1:])
			lay = l
			unit = printed[keyWeightUnit]
			table = b.Table
			if cur == nil {
				cur = &formRows{headers: map[string]string{}, keys: map[string]bool{}}
				if b.Ref.Page != nil || b.Ref.Line != nil || b.Ref.Box != nil {
					ref := b.Ref
					cur.headerWhere = &ref
				}
				preamble(cur, pending)
				forms = append(forms, cur)
			}
			for _, k := range l {
				if k != "" && !containsStr(cur.order, k) {
					cur.order = append(cur.order, k)
				}
			}
			for k, h := range printed {
				if k == keyWeightUnit {
					if cur.weightUnit == "" {
						cur.weightUnit = h
					}
					continue
				}
				if _, ok := cur.headers[k]; !ok {
					cur.headers[k] = h
				}
			}
			pending = nil
			continue
		}
		if cur == nil || lay == nil || b.Table != table {
			// A table before any 考评表 header, or another table after it
			// (a findings list), is not the form.
			continue
		}
		if sig := signatureRow(texts); sig != nil {
			cur.signatures = append(cur.signatures, sig...)
			continue
		}
		var marks []marker
		if own {
			texts, marks = ownMarkers(texts, lay)
			marks = once(marks, &carried)
		}
		r := newRow(texts, boxes(b), b.Ref, lay, !fl.ExactSpans, kinds)
		r.markers = marks
		r.unit = unit
		// A doubt on the whole row comes first: it names no cell, so every
		// field of the row is in question.
		r.doubt = b.Doubt
		for _, c := range b.Cells {
			if c.Doubt != "" && r.doubt == "" {
				r.doubt = c.Doubt
				if c.Col < len(lay) {
					r.doubtCol = lay[c.Col]
				}
			}
		}
		cur.rows = append(cur.rows, r)
		for k := range r.cells {
			cur.keys[k] = true
		}
	}
	if len(forms) == 0 {
		return nil, readerr.New(readerr.NoForm, nil, "", "")
	}
	for _, f := range forms {
		if err := checkTruncated(f); err != nil {
			return nil, err
		}
	}
	return forms, nil
}

func cellTexts(b flow.Block) []string {
	n := 0
	for _, c := range b.Cells {
		if c.Col+1 > n {
			n = c.Col + 1
		}
	}
	out := make([]string, n)
	for _, c := range b.Cells {
		out[c.Col] = c.Text
	}
	return out
}

func boxes(b flow.Block) map[int]*model.Box {
	var m map[int]*model.Box
	for _, c := range b.Cells {
		if c.Box != nil {
			if m == nil {
				m = map[int]*model.Box{}
			}
			m[c.Col] = c.Box
		}
	}
	return m
}

// preamble reads the form's title, 参评单位 and date from the text lines
// above its first header.
func preamble(f *formRows, lines []flow.Block) {
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		switch {
		case isTitle(t):
			f.title = notice.Normalize(t)
			ref := l.Ref
			f.where = &ref
		case unitRE().MatchString(t):
			f.unit = notice.Normalize(unitRE().ReplaceAllString(t, ""))
		case attachmentRE().MatchString(t):
			m := attachmentRE().FindStringSubmatch(t)
			f.attachment = 1
			if n, err := strconv.Atoi(width.Fold.String(m[1])); err == nil && n > 0 {
				f.attachment = n
			}
		default:
			if iso, ok := notice.ParseDate(dateLabelRE().ReplaceAllString(t, "")); ok {
				f.date = iso
			}
		}
	}
}

// unitRE matches the label of the 参评单位 line above a form: 参评单位（盖章）：,
// 考评单位：, 填报单位：, 单位名称：.
var unitRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:参评|考评|被考评|填报|责任)?单\s*位(?:名称)?\s*(?:[（(]\s*盖\s*章\s*[）)])?\s*[：:]\s*`)
})

// attachmentRE is the 附件 label above a form: 附件, 附件1, 附件 2：.
var attachmentRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*附\s*件\s*([0-9０-９]*)\s*[：:]?\s*$`) })

// dateLabelRE is the label of a form's own date line: 填报日期：, 填表日期：,
// 日期：, 时间：.
var dateLabelRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:填报|填表|报送|考评|考核|制表)?\s*(?:日\s*期|时\s*间)\s*[：:]\s*`)
})

// isTitle: a form title names a 表 of 考评, 考核, 绩效 or 目标.
func isTitle(s string) bool {
	s = notice.Normalize(s)
	if strings.HasPrefix(s, "附件") || strings.ContainsAny(s, "，。：:") || len([]rune(s)) > 60 {
		return false
	}
	return strings.HasSuffix(s, "表") && (strings.Contains(s, "考评") || strings.Contains(s, "考核") || strings.Contains(s, "绩效") || strings.Contains(s, "目标"))
}

// signatureParts splits a line of signature fields (单位主要领导： 分管领导： …)
// into its fields, or returns nil when the line is not one.
func signatureParts(s string) []string {
	s = strings.TrimSpace(s)
	if strings.Count(s, "：")+strings.Count(s, ":") == 0 {
		return nil
	}
	for _, w := range []string{"领导", "负责人", "经办人", "联系电话", "日期", "成员", "填表人", "审核人"} {
		if strings.Contains(s, w) {
			return strings.Fields(s)
		}
	}
	return nil
}

func signatureRow(texts []string) []string {
	var parts []string
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		p := signatureParts(t)
		if p == nil {
			return nil
		}
		parts = append(parts, p...)
	}
	return parts
}

// checkTruncated: a dump cut off in the middle of a row ends with a data row
// that has a 序号 but stops before its 权重 — and nothing after it.
func checkTruncated(f *formRows) error {
	for i := len(f.rows) - 1; i >= 0; i-- {
		r := f.rows[i]
		if r.kind == rowLabel || r.kind == rowNote {
			continue
		}
		if r.kind == rowData && r.id != "" && r.cells[model.ColWeight] == "" && len(f.signatures) == 0 {
			if _, ok := cell.ParseNumber(r.cells[model.ColWeight]); !ok && !hasAnyAfter(r, model.ColWeight) {
				return readerr.Newf(readerr.Truncated, nil, "序号 %s", "row %s", r.id)
			}
		}
		return nil
	}
	return nil
}

// hasAnyAfter reports whether the row has a value in a column right of key.
func hasAnyAfter(r *row, key string) bool {
	after := false
	for _, k := range allKeys {
		if k == key {
			after = true
			continue
		}
		if after && r.cells[k] != "" {
			return true
		}
	}
	return false
}

// once drops the markers of a merged cell's copies (expandSpans repeats the
// cell on every row of its span): a marker at the same position with the
// same cell text as on the row above is the same marker, recorded once.
// *above becomes this row's markers.
func once(ms []marker, above *[]marker) []marker {
	var out []marker
	for _, m := range ms {
		if !slices.ContainsFunc(*above, func(a marker) bool { return a.pos == m.pos && a.text == m.text && a.marker == m.marker }) {
			out = append(out, m)
		}
	}
	*above = ms
	return out
}
