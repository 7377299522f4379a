package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/atomic"
	"github.com/kaoping/kaoping/render/difftext"
	"github.com/kaoping/kaoping/render/output"
)

// diffOpts are the flags of `kaoping diff`.
type diffOpts struct {
	format string
	out    string
	font   string
}

func newDiffCmd(a *app) *cobra.Command {
	var o diffOpts
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "比较考评表的两个版本 / compare two versions of a form",
		Long: `比较同一考评表的两个版本（格式可以不同，如下发的 PDF 与报回的 xlsx）：按序号对应各行，
序号变了的按文字相似度对应；列出新增、删除、移动（换了一级指标或项目）的行，以及权重、完成时限、
分管领导、责任部门、责任人和二级指标文字的修改（文字按词标出增删）。
-o diff.xlsx 或 diff.pdf 输出新版考评表，修改处着色并注明原值，删除的行划去。
退出码：0 没有差别，1 有差别，2 用法错误或无法读取。

Compares two versions of a form, in any formats kaoping reads: rows matched
by 序号 and, where it changed, by their text; reports rows added, removed and
moved, and changes of weight, deadline, people and text (word by word).
-o diff.xlsx or diff.pdf writes the new form with the changes marked.
Exit 0 when they do not differ, 1 when they do, 2 on trouble.`,
		Example: `  kaoping diff 下发.pdf 单位A报回.xlsx
  kaoping diff 初稿.xlsx 定稿.xlsx --format json
  kaoping diff 初稿.xlsx 定稿.xlsx -o 变更.xlsx`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.diff(cmd.Context(), args[0], args[1], o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "输出格式 output format: text|json")
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "标出变更的新版考评表 the new form with the changes marked: FILE.xlsx|FILE.pdf")
	cmd.Flags().StringVar(&o.font, "font", "", "PDF 表格字体（TrueType .ttf）TrueType font for the PDF table text")
	return cmd
}

func (a *app) diff(ctx context.Context, oldPath, newPath string, o diffOpts) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.format != "text" && o.format != "json" {
		return errors.New(a.say("--format 只能是 text 或 json", "--format must be text or json"))
	}
	ext := strings.ToLower(filepath.Ext(o.out))
	if o.out != "" && ext != ".xlsx" && ext != ".pdf" {
		return errors.New(a.say("-o 须为 .xlsx 或 .pdf 文件："+o.out, "-o must name an .xlsx or .pdf file: "+o.out))
	}
	font, err := a.readFont(o.font)
	if err != nil {
		return err
	}
	oldDoc, err := a.read(ctx, oldPath)
	if err != nil {
		return errors.New(a.message(err))
	}
	newDoc, err := a.read(ctx, newPath)
	if err != nil {
		return errors.New(a.message(err))
	}
	res := diff.Compare(oldDoc, newDoc)
	switch o.format {
	case "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	default:
		if err := difftext.Write(a.stdout, res, len(newDoc.Forms), a.lang); err != nil {
			return err
		}
	}
	if o.out != "" {
		ov, marks := diff.Overlay(oldDoc, newDoc, res)
		f, _ := output.Lookup(strings.TrimPrefix(ext, "."))
		write := func(w io.Writer) error {
			return f.Write(ctx, w, ov, output.Options{Clean: true, Font: font, Diff: marks})
		}
		if err := atomic.WriteFile(o.out, []string{oldPath, newPath}, write); err != nil {
			return fmt.Errorf("%s", a.writeError(o.out, err))
		}
	}
	if len(res.Changes) > 0 {
		a.code = exitFindings
	}
	return nil
}
