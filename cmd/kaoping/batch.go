package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch"
	"github.com/kaoping/kaoping/cmd/kaoping/internal/isolate"
	"github.com/kaoping/kaoping/cmd/kaoping/internal/tune"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	"github.com/kaoping/kaoping/model/summary"
)

// batchOpts are the flags of `kaoping batch`.
type batchOpts struct {
	convertOpts
	jobs    int
	force   bool
	isolate bool
}

func newBatchCmd(a *app) *cobra.Command {
	var o batchOpts
	cmd := &cobra.Command{
		Use:   "batch DIR_OR_FILE... -o OUT",
		Short: "批量读取各单位报回的考评表并汇总 / read a folder of returned forms and sum them up",
		Long: `读取文件夹（含子文件夹）和 ZIP 压缩包中的每个文件，并行处理，在 -o 目录中为每份文件写出
结果（与输入同名、加扩展名，如 单位A/考评表.pdf.xlsx），并写出 summary.jsonl（每个输入一行）和
summary.xlsx（每个文件一行：单位、文号、条目数、错误与警告数、合计，链接到清理后的表格；
有“得分/自评分”列时另有得分汇总表）。同一文件夹中的“正文”和“附件”文件作为一份文件读取。
中断（Ctrl-C）后再次运行只处理未完成的文件；--force 全部重做。

Reads every file under the folders and zip files given, in parallel, writes
each document's outputs under -o (the input's path plus the format's
extension), and summary.jsonl (a line per input) and summary.xlsx (a row per
file, a link to its cleaned workbook, a sheet of scores where forms have
得分/自评分). A 正文 and the 附件 files beside it are read as one document.
After Ctrl-C, a rerun does only what is missing; --force redoes everything.`,
		Example: `  kaoping batch 报回/ -o 汇总/
  kaoping batch 报回.zip 补报/单位C.xlsx -o 汇总/ --to json,xlsx,pdf --jobs 2`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.batch(cmd.Context(), args, o)
		},
	}
	cmd.Flags().StringVarP(&o.outDir, "out", "o", "", "输出目录（必填）output directory (required)")
	cmd.Flags().StringSliceVar(&o.to, "to", []string{"json", "xlsx"}, "输出格式 output formats: json,xlsx,pdf")
	cmd.Flags().IntVar(&o.jobs, "jobs", 0, "并行数，默认全部 CPU 核 parallel workers, all cores by default")
	cmd.Flags().BoolVar(&o.force, "force", false, "已有结果也重做 redo documents already done")
	cmd.Flags().BoolVar(&o.isolate, "isolate", true, "每份文件在子进程中读取，一个文件使读取程序崩溃不影响其他文件 read each file in a child process, so one that crashes a reader costs only itself")
	cmd.Flags().StringVar(&o.font, "font", "", "PDF 表格字体（TrueType .ttf）TrueType font for the PDF table text")
	cmd.Flags().BoolVar(&o.clean, "clean", false, "xlsx/pdf 不标注审核意见 xlsx/pdf without the findings")
	cmd.Flags().BoolVar(&o.fix, "fix", false, "应用确定的修复 apply the certain fixes")
	cmd.Flags().BoolVar(&o.noPair, "no-pair", false, "不按附件说明把正文与其附件配成一份文件 do not pair a 正文 with the files its 附件说明 names")
	return cmd
}

func (a *app) batch(ctx context.Context, args []string, o batchOpts) error {
	tune.Parallel() // the files are read and written side by side
	if ctx == nil {
		ctx = context.Background()
	}
	if o.outDir == "" {
		return errors.New(a.say("请用 -o 指定输出目录", "an output directory is needed (-o DIR)"))
	}
	if o.jobs < 0 {
		return errors.New(a.say("--jobs 不能为负数", "--jobs cannot be negative"))
	}
	rs, err := a.newRenderers(o.convertOpts, nil)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return fmt.Errorf("%s%s%w", o.outDir, a.say("：无法创建输出目录：", ": cannot create the output directory: "), causeOf(err))
	}
	found := batch.Collect(args, o.outDir, zipsafe.DefaultLimits)
	for _, f := range found.Failed {
		a.errorf("%s\n", a.listError(f))
	}
	if len(found.Skipped) > 0 {
		a.errorf(a.say("跳过 %d 个非文档文件（隐藏文件、Office 临时文件等）\n", "skipped %d files that are no documents (hidden files, Office lock files …)\n"), len(found.Skipped))
	}
	docs := batch.Pair(found.Sources)
	cfg := batch.Config{
		Out:  o.outDir,
		Jobs: o.jobs, Force: o.force,
		Read: ingest.Read,
		Review: func(ctx context.Context, doc *model.Document) error {
			return audit.Review(ctx, doc, audit.Options{Fix: o.fix})
		},
		Message: a.message,
		Say:     a.say,
		Lang:    a.lang,
	}
	if o.isolate {
		// as serve does: a file that kills its reader (a stack overflow,
		// a memory bomb past the limits) fails alone, with its reason
		// workers that read file after file: a process per file would cost
		// as much as a loop of kaoping convert
		pool := &isolate.Pool{Limits: isolate.DefaultLimits()}
		defer pool.Close()
		cfg.Read = pool.Read
	}
	for _, r := range rs {
		cfg.Renderers = append(cfg.Renderers, batch.Renderer{Ext: r.ext, Write: r.write})
	}
	if !o.noPair {
		docs = cfg.PairRead(ctx, docs, func(d batch.Doc) {
			names := []string{d.Main.Name}
			for _, p := range d.Parts {
				names = append(names, p.Name)
			}
			a.errorf("%s%s\n", a.say("按附件说明配对为一份文件：", "paired by the 附件说明 as one 文件: "), strings.Join(names, " + "))
		})
	}
	if isTerminal(a.stderr) {
		cfg.Progress = batch.NewProgress(a.stderr, a.say)
	}
	res, err := batch.Run(ctx, docs, cfg)
	if err != nil {
		return fmt.Errorf("%s%w", a.say("批量处理失败：", "batch failed: "), err)
	}
	errs := 0
	for _, r := range res.Records {
		if r.Status != summary.StatusOK {
			if r.Why != "" && res.Interrupted == 0 {
				a.errorf("%s\n", r.Why)
			}
			continue
		}
		if r.Errors > 0 {
			errs++
		}
	}
	a.errorf(a.say("共 %d 份文件：新处理 %d，沿用上次结果 %d，失败 %d，未处理（中断）%d；%d 份有错误。汇总：%s\n",
		"%d documents: %d read, %d reused from the last run, %d failed, %d not done (interrupted); %d with errors. Summary: %s\n"),
		len(res.Records), res.Read, res.Reused, res.Failed, res.Interrupted, errs, filepath.Join(o.outDir, batch.SummaryXLSX))
	switch {
	case res.Failed > 0 || res.Interrupted > 0 || len(found.Failed) > 0:
		a.code = exitUsage
	case errs > 0:
		a.code = exitFindings
	default:
		a.code = exitOK
	}
	return nil
}

// listError says why an argument or a zip file could not be listed.
func (a *app) listError(f batch.Failure) string {
	var re *readerr.Error
	if errors.As(f.Err, &re) {
		return a.message(readerr.In(f.Name, f.Err))
	}
	var pe *os.PathError
	if errors.As(f.Err, &pe) {
		return a.message(f.Err)
	}
	return f.Name + a.say("：", ": ") + f.Err.Error()
}

// isTerminal reports whether w is a terminal, where a progress bar may redraw.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
