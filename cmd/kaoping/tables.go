package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/atomic"
	"github.com/kaoping/kaoping/render/gridout"
)

func newTablesCmd(a *app) *cobra.Command {
	var format, pages, out string
	cmd := &cobra.Command{
		Use:   "tables FILE",
		Short: "输出文件中的全部表格（含合并单元格）/ print every table of a file as a grid with spans",
		Long: `读取 PDF、OFD、DOCX、XLSX（以及 LibreOffice 能转换的 DOC、WPS、XLS、ET 等）中的全部表格，
不论是不是考评表：跨页的表格合并为一张（重复的表头只保留一次，被分页截断的行和合并单元格接回），
合并单元格保留其跨行、跨列数。JSON 中每张表给出起始页，每个单元格给出所在页；
CSV 中合并单元格的文字在其左上角，各表之间空一行；XLSX 每张表一个工作表并保留合并；HTML 用 rowspan/colspan。
--pages 只输出与这些页有交集的表格（如 3、3-4、1,5-6）。

Reads every table of a PDF, OFD, DOCX or XLSX (and of what LibreOffice converts: DOC, WPS,
XLS, ET …), a 考评表 or not: a table continued over pages is one table (the repeated header
once, rows and merged cells cut by the page break joined back); merged cells keep their spans.
JSON gives each table's first page and each cell's page; CSV puts a merged cell's text at its
top-left position, with an empty row between tables; XLSX has one sheet per table with the
merges; HTML uses rowspan and colspan. --pages keeps the tables on those pages (3, 3-4, 1,5-6).`,
		Example: `  kaoping tables report.pdf
  kaoping tables report.pdf --format csv --pages 3-4 > p3-4.csv
  kaoping tables form.ofd --format xlsx -o form-tables.xlsx`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(gridout.Formats, format) {
				return fmt.Errorf("%s", a.say("--format 只能是 "+strings.Join(gridout.Formats, "、"), "--format must be one of "+strings.Join(gridout.Formats, ", ")))
			}
			sel, err := parsePages(pages)
			if err != nil {
				return fmt.Errorf("%s", a.say("--pages 格式不对（应如 3、3-4、1,5-6）："+pages, "--pages is not a page list (3, 3-4, 1,5-6): "+pages))
			}
			return a.tables(cmd.Context(), args[0], format, sel, out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "输出格式 output format: "+strings.Join(gridout.Formats, "|"))
	cmd.Flags().StringVar(&pages, "pages", "", "只输出这些页上的表格 only the tables on these pages (3, 3-4, 1,5-6)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "写入文件而不是标准输出 write to this file instead of stdout")
	return cmd
}

func (a *app) tables(ctx context.Context, path, format string, pages func(int) bool, out string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	data, err := a.readInput(path)
	if err == nil {
		var g model.Grids
		g, err = ingest.Grids(ctx, filepath.Base(path), data)
		if err == nil {
			g.Tables = onPages(g.Tables, pages)
			write := func(w io.Writer) error { return gridout.Write(w, g, format) }
			if out == "" {
				bw := bufio.NewWriter(a.stdout)
				if err := write(bw); err != nil {
					return err
				}
				return bw.Flush()
			}
			if err := atomic.WriteFile(out, []string{path}, write); err != nil {
				a.errorf("%s\n", a.writeError(out, err))
				a.code = exitUsage
			}
			return nil
		}
	}
	a.errorf("%s\n", a.message(withPath(err, path)))
	a.code = exitUsage
	return nil
}

// onPages keeps the tables with a cell on a selected page; a table without
// pages (DOCX, XLSX) is kept only when no pages are selected.
func onPages(ts []model.Grid, sel func(int) bool) []model.Grid {
	if sel == nil {
		return ts
	}
	out := []model.Grid{}
	for _, t := range ts {
		if slices.ContainsFunc(t.Cells, func(c model.GridCell) bool { return c.Page != nil && sel(*c.Page) }) {
			out = append(out, t)
		}
	}
	return out
}

// parsePages reads a page list (3, 3-4, 1,5-6) into a predicate; "" selects
// every page (nil).
func parsePages(s string) (func(int) bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var ranges [][2]int
	for _, part := range strings.Split(s, ",") {
		lo, hi, ok := strings.Cut(strings.TrimSpace(part), "-")
		if !ok {
			hi = lo
		}
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b, err2 := strconv.Atoi(strings.TrimSpace(hi))
		if err1 != nil || err2 != nil || a < 1 || b < a {
			return nil, fmt.Errorf("bad page range %q", part)
		}
		ranges = append(ranges, [2]int{a, b})
	}
	return func(p int) bool {
		for _, r := range ranges {
			if p >= r[0] && p <= r[1] {
				return true
			}
		}
		return false
	}, nil
}
