package xlsx_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/render/xlsx"
)

// The cleaned Excel is one sheet per form plus 审核意见, one row per finding;
// the totals are live SUM formulas, so a clerk's edit in Excel adds up.
func ExampleWrite() {
	var b bytes.Buffer
	if err := xlsx.Write(context.Background(), &b, sample.Tiny(), xlsx.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	fmt.Println(f.GetSheetList())
	rows, _ := f.GetRows("审核意见")
	for _, r := range rows {
		fmt.Println(strings.Join(r, " | "))
	}
	sums := 0
	form, _ := f.GetRows("考评表")
	for i, r := range form {
		for j := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if fm, _ := f.GetCellFormula("考评表", cell); strings.HasPrefix(fm, "SUM(") {
				sums++
			}
		}
	}
	fmt.Println(sums, "SUM formulas")
	// Output:
	// [考评表 审核意见]
	// 编号 | 级别 | 规则 | 位置 | 审核意见 | 建议修改
	// 1 | 错误 | category-total | 考评表!E11 | 合计标注 5 分，各项权重合计 8 分
	// 2 SUM formulas
}
