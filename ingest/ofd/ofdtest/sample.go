package ofdtest

// SampleForm is a small ruled 考评表 with a header merge, a category spanning
// rows and an indicator spanning two items.
func SampleForm() (Page, []Placed) {
	c := func(row, col, rs, cs int, text string) Cell {
		return Cell{Row: row, Col: col, RowSpan: rs, ColSpan: cs, Text: text}
	}
	cells := []Cell{
		c(0, 0, 2, 1, "项目"), c(0, 1, 1, 4, "目标内容"), c(0, 5, 1, 2, "责任分解"),
		c(1, 1, 1, 1, "序号"), c(1, 2, 1, 1, "一级指标"), c(1, 3, 1, 1, "二级指标"), c(1, 4, 1, 1, "权重"), c(1, 5, 1, 1, "责任部门"), c(1, 6, 1, 1, "责任人"),
		c(2, 0, 3, 1, "重点工作目标"), c(2, 1, 1, 1, "1-1"), c(2, 2, 2, 1, "统筹抓好招商引资工作（4分）"), c(2, 3, 1, 1, "制定年度招商行动方案。"), c(2, 4, 1, 1, "2"), c(2, 5, 1, 1, "经济发展科"), c(2, 6, 1, 1, "褚达志"),
		c(3, 1, 1, 1, "1-2"), c(3, 3, 1, 1, "招引龙头企业。"), c(3, 4, 1, 1, "2"), c(3, 5, 1, 1, "经济发展科"), c(3, 6, 1, 1, "褚达志"),
		c(4, 1, 1, 1, "2-1"), c(4, 2, 1, 1, "推进实验室项目（1分）"), c(4, 3, 1, 1, "配合推进省实验室。"), c(4, 4, 1, 1, "1"), c(4, 5, 1, 1, "综合协调科"), c(4, 6, 1, 1, "杜团结"),
		c(5, 0, 1, 4, "合计"), c(5, 4, 1, 1, "5"), c(5, 5, 1, 2, ""),
	}
	pg, placed := Form(6, cells, Layout{X: 15, Y: 40, Cols: []float64{22, 14, 40, 44, 12, 26, 20}, Size: 3.5})
	pg.Texts = append([]Text{{X: 60, Y: 30, Size: 5, Text: "绩效目标考评表"}}, pg.Texts...)
	placed = append([]Placed{{Chars: charsOf(Text{X: 60, Y: 30, Size: 5, Text: "绩效目标考评表"})}}, placed...)
	return pg, placed
}

// charsOf is where Write puts each character of t.
func charsOf(t Text) []Text {
	var out []Text
	x := t.X
	for _, r := range t.Text {
		out = append(out, Text{X: x, Y: t.Y, Size: t.Size, Text: string(r)})
		x += Advance(r, t.Size)
	}
	return out
}
