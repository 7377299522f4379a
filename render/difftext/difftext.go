// Package difftext prints the changes between two versions of a 考评表
// (model/diff) as lines for a person: one change a line, the row's 序号
// first, text changes word by word in the [-deleted-]{+inserted+} notation
// of git's word diff.
package difftext

import (
	"fmt"
	"io"
	"strings"

	"github.com/kaoping/kaoping/model/diff"
)

var fieldZh = map[string]string{
	diff.FieldText: "二级指标", diff.FieldWeight: "权重", diff.FieldDeadline: "完成时限",
	diff.FieldLeaders: "分管领导", diff.FieldDepartments: "责任部门", diff.FieldOwners: "责任人",
	diff.FieldIndicator: "一级指标", diff.FieldPoints: "分值",
}

var kindZh = map[string]string{diff.Added: "新增", diff.Removed: "删除", diff.Moved: "移动", diff.Changed: "修改"}

// Write prints res in lang (zh or en); forms counts the forms, so the form
// is named only where there are several.
func Write(w io.Writer, res diff.Result, forms int, lang string) error {
	en := lang == "en"
	var b strings.Builder
	for _, c := range res.Changes {
		if forms > 1 {
			if en {
				fmt.Fprintf(&b, "form %d ", c.Form+1)
			} else {
				fmt.Fprintf(&b, "表%d ", c.Form+1)
			}
		}
		row := c.Row
		if row == "" {
			row = pick(en, "（无序号）", "(no 序号)")
		}
		b.WriteString(row)
		if c.OldRow != "" {
			fmt.Fprintf(&b, pick(en, "（原 %s）", " (was %s)"), c.OldRow)
		}
		b.WriteString(" ")
		kind := kindZh[c.Kind]
		if en {
			kind = c.Kind
		}
		switch c.Kind {
		case diff.Added:
			fmt.Fprintf(&b, "%s%s%s", kind, pick(en, "：", ": "), diff.FormatValue(c.New))
		case diff.Removed:
			fmt.Fprintf(&b, "%s%s%s", kind, pick(en, "：", ": "), diff.FormatValue(c.Old))
		case diff.Moved:
			fmt.Fprintf(&b, "%s%s%s → %s", kind, pick(en, "：", ": "), diff.FormatValue(c.Old), diff.FormatValue(c.New))
		default:
			field := fieldZh[c.Field]
			if en {
				field = c.Field
			}
			fmt.Fprintf(&b, "%s%s", field, pick(en, "：", ": "))
			if len(c.Words) > 0 {
				b.WriteString(words(c.Words))
			} else {
				fmt.Fprintf(&b, "%s → %s", value(c.Old, en), value(c.New, en))
			}
		}
		b.WriteString("\n")
	}
	if len(res.Changes) == 0 {
		b.WriteString(pick(en, "两个版本的考评表没有差别\n", "the two versions of the form do not differ\n"))
	} else {
		fmt.Fprintf(&b, pick(en, "共 %d 处变更\n", "%d changes\n"), len(res.Changes))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// words prints a word-level text change.
func words(es []diff.Edit) string {
	var b strings.Builder
	for _, e := range es {
		switch e.Op {
		case "-":
			b.WriteString("[-" + e.Text + "-]")
		case "+":
			b.WriteString("{+" + e.Text + "+}")
		default:
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

func value(v any, en bool) string {
	s := diff.FormatValue(v)
	if s == "" {
		return pick(en, "（空）", "(empty)")
	}
	return s
}

func pick(en bool, zh, e string) string {
	if en {
		return e
	}
	return zh
}
