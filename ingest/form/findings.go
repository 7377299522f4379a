package form

import (
	"strings"

	"github.com/kaoping/kaoping/model"
)

// recorder collects the repairs made while reading one form. Nothing a
// person wrote is dropped without a finding that keeps it.
type recorder struct {
	form     int
	findings []model.Finding
}

func (rc *recorder) at(r *row, col string) model.Location {
	loc := model.Location{Form: model.Int(rc.form), Row: r.id, Column: col, Page: r.ref.Page, Line: r.ref.Line}
	if r.boxes != nil {
		loc.Box = r.boxes[col]
	}
	return loc
}

// misplaced records a merged cell's value that landed on a row of another
// group and was moved to where it belongs (fixed).
func (rc *recorder) misplaced(r *row, col, value, to, zh, en string) {
	f := model.Finding{
		Rule: model.RuleMergedCellMisplaced, Severity: model.SevError, At: rc.at(r, col),
		Values: []string{value}, Message: zh, MessageEn: en, Fixed: true, Origin: model.OriginIngest,
	}
	if to != "" {
		f.Fix = &model.Fix{Column: col, From: value, To: to}
	}
	rc.findings = append(rc.findings, f)
}

// unplaced records a value the builder could not place with certainty: it is
// kept as read in the row's extra columns and a person must decide.
func (rc *recorder) unplaced(r *row, col, value, chosen, zh, en string) {
	vals := []string{value}
	if chosen != "" {
		vals = append(vals, chosen)
	}
	rc.findings = append(rc.findings, model.Finding{
		Rule: model.RuleMergedCellMisplaced, Severity: model.SevError, At: rc.at(r, col),
		Values: vals, Message: zh, MessageEn: en, Origin: model.OriginIngest,
	})
}

// joined records a second 文件依据 of a group joined to the first.
func (rc *recorder) joined(r *row, col, value, group string) {
	rc.findings = append(rc.findings, model.Finding{
		Rule: model.RuleMergedCellMisplaced, Severity: model.SevError, At: rc.at(r, col),
		Values:    []string{value},
		Message:   "第 " + group + " 组的文件依据合并单元格在本行另有一份文件“" + short(value) + "”，已与该组其他依据合并（每行一份）",
		MessageEn: "group " + group + "'s merged 文件依据 cell has another document on this row, “" + short(value) + "”; joined with the group's other bases, one per line",
		Fixed:     true,
		Origin:    model.OriginIngest,
	})
}

func colName(key string, en bool) string {
	if l := model.ColumnLabel(key, en); l != key {
		return l
	}
	if key == "" {
		if en {
			return "a column without header"
		}
		return "无表头的列"
	}
	return strings.TrimPrefix(key, "x:")
}

// shifted records the cells alignment moved under another column (fixed).
func (rc *recorder) shifted(r *row) {
	if len(r.moved) == 0 {
		return
	}
	var zh, en []string
	var vals []string
	for _, m := range r.moved {
		vals = append(vals, m.text)
		zh = append(zh, "“"+short(m.text)+"”由“"+colName(m.from, false)+"”列移至“"+colName(m.to, false)+"”列")
		en = append(en, "“"+short(m.text)+"” moved from "+colName(m.from, true)+" to "+colName(m.to, true))
	}
	rc.findings = append(rc.findings, model.Finding{
		Rule: model.RuleColumnShift, Severity: model.SevError, At: rc.at(r, r.moved[0].to),
		Values:    vals,
		Message:   "本行单元格偏离表头，已按内容类型对齐：" + strings.Join(zh, "；"),
		MessageEn: "cells of this row sat off the header and were re-aligned by their content: " + strings.Join(en, "; "),
		Fixed:     true,
		Origin:    model.OriginIngest,
	})
}

// extras records cells under no header that could not be read by their kind.
func (rc *recorder) extras(r *row) {
	var vals []string
	for _, e := range r.extra {
		if e.unnamed {
			vals = append(vals, e.text)
		}
	}
	if len(vals) == 0 {
		return
	}
	rc.findings = append(rc.findings, model.Finding{
		Rule: model.RuleColumnShift, Severity: model.SevError, At: rc.at(r, ""),
		Values:    vals,
		Message:   "本行有单元格位于表头未命名的列，无法确定归属，按原样作为本行的待核对备注保留，请核对",
		MessageEn: "this row has cells under no header whose column cannot be told; kept as read as notes of the row: please check",
		Origin:    model.OriginIngest,
	})
}

// doubted records a cell the page reader was unsure of (an unruled table's
// text across a column border, a table whose rulings stop at a page): the
// clerk must compare the row with the original.
func (rc *recorder) doubted(r *row) {
	if r.doubt == "" {
		return
	}
	f := model.Finding{
		Rule: model.RuleReadingDoubt, Severity: model.SevWarning, At: rc.at(r, r.doubtCol),
		Values:    []string{r.cells[r.doubtCol]},
		Message:   "表格识别可能不完整，请对照原件核对：本行的单元格读取时有疑问（" + r.doubt + "）",
		MessageEn: "The table may not have been read completely; check it against the original: a cell of this row was read with doubt",
		Origin:    model.OriginIngest,
	}
	if r.doubtCol == "" {
		f.Values = nil
		f.Message = "表格识别可能不完整，请对照原件核对：本行读取时有疑问（" + r.doubt + "）"
		f.MessageEn = "The table may not have been read completely; check it against the original: this row was read with doubt"
	}
	rc.findings = append(rc.findings, f)
}

// markers records the finding markers of kaoping's own annotated PDF taken
// out of the row's cells (fixed): the clerk sees what was removed and where.
func (rc *recorder) markers(r *row) {
	for _, m := range r.markers {
		rc.findings = append(rc.findings, model.Finding{
			Rule: model.RuleFindingMarker, Severity: model.SevInfo, At: rc.at(r, m.col),
			Values:    []string{m.marker, m.text},
			Message:   "本文件由 kaoping 生成，单元格中的审核标记“" + m.marker + "”不是表格内容，已去除（原文“" + short(m.text) + "”）",
			MessageEn: "this file was made by kaoping: the finding marker “" + m.marker + "” in the cell is not the form's text and was removed (read as “" + short(m.text) + "”)",
			Fixed:     true,
			Origin:    model.OriginIngest,
		})
	}
}
