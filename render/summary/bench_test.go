package summary

import (
	"fmt"
	"io"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/summary"
)

// BenchmarkWrite: the summary workbook of 100 and of 1,000 files, for the
// batch's memory at scale (B/op).
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{100, 1000} {
		recs := make([]summary.Record, n)
		for i := range recs {
			recs[i] = summary.Record{File: fmt.Sprintf("报回/第%02d组/单位%03d.xlsx", i/10, i), SHA256: fmt.Sprintf("%064x", i),
				Status: summary.StatusOK, Unit: fmt.Sprintf("第%03d参评单位", i), Title: "泉州半导体高新区管委会2023年度绩效目标考评表",
				Forms: 1, Items: 11, Errors: i % 3, Warnings: 2, Stated: model.Float(27), Computed: model.Float(27),
				Outputs: []string{fmt.Sprintf("报回/单位%03d.xlsx.json", i), fmt.Sprintf("报回/单位%03d.xlsx.xlsx", i)},
				Scores:  []summary.Score{{Column: "自评分", Category: "重点工作目标", Value: 9}, {Column: "自评分", Category: "常规工作目标", Value: 3}}}
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, recs, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
