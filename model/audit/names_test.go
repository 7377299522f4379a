package audit

import (
	"slices"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestNameVariant: one person written two ways is reported on the rarer
// spelling's rows, in any person column; different people are not.
func TestNameVariant(t *testing.T) {
	type r struct{ leaders, depts, owners, rawLeaders string }
	for _, tc := range []struct {
		name string
		rows []r
		want [][2]string // row id, value named
	}{
		{"homophone across columns", []r{{"王建国", "综合科", "李强", ""}, {"王建国", "财政科", "赵敏", ""}, {"孙丽", "人事科", "王建囯", ""}},
			[][2]string{{"3", "王建囯"}}},
		{"pinyin slip in a two-character name", []r{{"李伟", "综合科", "赵敏", ""}, {"李伟", "财政科", "孙丽", ""}, {"李玮", "人事科", "钱芳", ""}},
			[][2]string{{"3", "李玮"}}},
		{"traditional form", []r{{"张伟", "综合科", "赵敏", ""}, {"张偉", "财政科", "孙丽", ""}, {"张伟", "人事科", "钱芳", ""}},
			[][2]string{{"2", "张偉"}}},
		{"padded with a space", []r{{"王伟", "综合科", "赵敏", ""}, {"王伟", "财政科", "孙丽", "王　伟"}, {"王伟", "人事科", "钱芳", ""}},
			[][2]string{{"2", "王　伟"}}},
		{"another dot", []r{{"阿依古丽·买买提", "综合科", "赵敏", ""}, {"阿依古丽·买买提", "财政科", "孙丽", "阿依古丽•买买提"}},
			[][2]string{{"2", "阿依古丽•买买提"}}},
		{"surname and title", []r{{"周建华", "综合科", "赵敏", ""}, {"周局长", "财政科", "孙丽", ""}},
			[][2]string{{"2", "周局长"}}},
		{"one character apart in one department", []r{{"郑明", "综合科", "吕金福", ""}, {"郑明", "综合科", "吕金福", ""}, {"郑明", "综合科", "吕全福", ""}},
			[][2]string{{"3", "吕全福"}}},
		// Different people: the same surname and another given name, or
		// another surname, in one department.
		{"two colleagues", []r{{"郑明", "综合科", "王伟", ""}, {"郑明", "综合科", "王军", ""}, {"郑明", "综合科", "李军", ""}}, nil},
		{"every two-character name padded alike", []r{{"王伟", "综合科", "赵敏", "王　伟"}, {"王伟", "财政科", "孙丽", "王　伟"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var items []model.Item
			for i, row := range tc.rows {
				it := item(string(rune('1'+i)), "开展第"+string(rune('一'+i))+"项专项工作", 10, "12月底前", row.leaders, row.depts, row.owners)
				if row.rawLeaders != "" {
					it.Raw = map[string]string{model.ColLeaders: row.rawLeaders}
				}
				items = append(items, it)
			}
			doc := &model.Document{Schema: model.Schema, Forms: []model.Form{{Title: "考评表", Columns: model.Columns,
				Categories: []model.Category{{Name: "重点工作", Indicators: []model.Indicator{{Text: "经济发展", Items: items}}}}}}}
			var got [][2]string
			for _, f := range auditRun(doc, Options{Only: []string{model.RuleNameVariant}}) {
				got = append(got, [2]string{f.At.Row, f.Values[0]})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("reported %v, want %v", got, tc.want)
			}
		})
	}
}
