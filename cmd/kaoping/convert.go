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

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	"github.com/kaoping/kaoping/render/atomic"
	"github.com/kaoping/kaoping/render/jsonout"
)

// convertOpts are the flags of `kaoping convert`.
type convertOpts struct {
	outDir string
	to     []string
	font   string // TrueType font for the PDF's table text
	clean  bool   // xlsx and pdf without findings
	fix    bool   // apply the audit's certain fixes (audit.Options.Fix)
	asOne  bool   // the inputs are one 文件: a 正文 and its 附件 files
	noPair bool   // do not pair a 正文 with the files its 附件说明 names
}

func newConvertCmd(a *app) *cobra.Command {
	var o convertOpts
	cmd := &cobra.Command{
		Use:   "convert FILE...",
		Short: "把通知及其考评表转换为结构化数据 / convert notices and their forms",
		Long: `读取每个文件（文本导出、PDF……），输出 kaoping/v2 文档；正文与附件分开的，用 --as-one 合并为一个文档。
正文与其附件说明所列的附件文件一同给出时，默认配成一份文件（并打印配对；--no-pair 各自读取）。
只有一份文档且未指定 -o 时输出到标准输出；否则在 -o 目录中为每份文档写一个文件。
一个文件读取失败不影响其他文件；最后汇总哪些文件失败及原因。

Reads each file and writes its kaoping/v2 document (--as-one: the files are
one 文件, a 正文 and its 附件, joined into one document): to stdout for one
document without -o, else one file per document in the -o directory. A 正文
given with the files its 附件说明 names is one document with them (the
pairing is printed; --no-pair reads each file alone). One bad file does not
stop the others; a summary says which failed and why.`,
		Example: `  kaoping convert fixtures/quanxin-2023-9-notice.txt
  kaoping convert a.txt b.pdf -o out/
  kaoping convert a.txt --lang en
  kaoping convert 正文.docx 附件1.xlsx --as-one -o out/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.convert(cmd.Context(), args, o)
		},
	}
	cmd.Flags().StringVarP(&o.outDir, "out", "o", "", "输出目录 output directory")
	cmd.Flags().StringSliceVar(&o.to, "to", []string{"json"}, "输出格式 output formats: json,xlsx,pdf")
	cmd.Flags().StringVar(&o.font, "font", "", "PDF 表格字体（TrueType .ttf，如仿宋）TrueType font for the PDF table text")
	cmd.Flags().BoolVar(&o.clean, "clean", false, "xlsx/pdf 不标注审核意见 xlsx/pdf without the findings")
	cmd.Flags().BoolVar(&o.fix, "fix", false, "应用确定的修复，发现保留并标记 fixed apply the certain fixes, keeping each finding as fixed")
	cmd.Flags().BoolVar(&o.asOne, "as-one", false, "各输入为同一份文件（正文及其附件），合并为一个文档 the inputs are one 文件 (正文 and 附件): join them into one document")
	cmd.Flags().BoolVar(&o.noPair, "no-pair", false, "不按附件说明把正文与其附件配成一份文件 do not pair a 正文 with the files its 附件说明 names")
	return cmd
}

// failure is one input that could not be read.
type failure struct{ file, why string }

func (a *app) convert(ctx context.Context, files []string, o convertOpts) error {
	if ctx == nil {
		ctx = context.Background()
	}
	r, err := a.newRenderers(o, files)
	if err != nil {
		return err
	}
	if o.asOne && len(files) > 1 {
		if err := a.makeOutDir(o.outDir); err != nil {
			return err
		}
		return a.convertAsOne(ctx, files, o, r)
	}
	var failed []failure
	// Every input is read first: a 正文 and the files its 附件说明 names are
	// then paired into one document (PairByAttachments), as batch and the
	// page pair them.
	docs := make([]*model.Document, len(files))
	for i, f := range files {
		if ctx.Err() != nil {
			why := f + a.say("：已中断，未处理", ": interrupted, not processed")
			a.errorf("%s\n", why)
			failed = append(failed, failure{f, why})
			continue
		}
		doc, err := a.read(ctx, f)
		if err != nil {
			why := a.message(err)
			a.errorf("%s\n", why)
			failed = append(failed, failure{f, why})
			continue
		}
		docs[i] = doc
	}
	groups := make([]batch.Group, len(files))
	for i := range files {
		groups[i] = batch.Group{Main: i}
	}
	if !o.noPair && len(files) > 1 {
		groups = batch.PairByAttachments(docs)
	}
	if o.outDir == "" && len(groups) > 1 {
		return errors.New(a.say("多个输入文件时请用 -o 指定输出目录", "several inputs need an output directory (-o DIR)"))
	}
	if err := a.makeOutDir(o.outDir); err != nil {
		return err
	}
	worst := exitOK
	// claimed maps each output path stem to the input that writes it, so
	// that a.pdf and a.docx do not silently overwrite each other's a.json.
	claimed := map[string]string{}
	for _, g := range groups {
		f, doc := files[g.Main], docs[g.Main]
		if doc == nil {
			continue
		}
		if o.outDir != "" {
			base := outBase(o.outDir, f)
			if prev, ok := claimed[base]; ok && !samePath(prev, f) {
				ext := r[0].ext
				why := f + a.say("：输出文件 "+base+"."+ext+" 与 "+prev+" 的输出同名，未写入（请改名或分开转换）",
					": the output file "+base+"."+ext+" is also the output of "+prev+"; not written (rename it or convert it separately)")
				a.errorf("%s\n", why)
				failed = append(failed, failure{f, why})
				continue
			}
			claimed[base] = f
		}
		inputs := []string{f}
		var err error
		if len(g.Parts) > 0 {
			joined := []*model.Document{doc}
			for _, p := range g.Parts {
				joined = append(joined, docs[p])
				inputs = append(inputs, files[p])
			}
			if doc, _, err = batch.AsOne(ctx, joined, o.fix); err == nil {
				a.errorf("%s%s\n", a.say("按附件说明配对为一份文件：", "paired by the 附件说明 as one 文件: "), strings.Join(inputs, " + "))
			}
		} else {
			err = audit.Review(ctx, doc, audit.Options{Fix: o.fix})
		}
		if err != nil {
			why := f + a.say("：已中断，未处理", ": interrupted, not processed")
			a.errorf("%s\n", why)
			failed = append(failed, failure{f, why})
			continue
		}
		a.warnDoubts(f, doc.Findings)
		if hasErrors(doc) && worst < exitFindings {
			worst = exitFindings
		}
		if o.outDir == "" {
			if err := jsonout.Write(a.stdout, doc); err != nil {
				return err
			}
			continue
		}
		base := outBase(o.outDir, f)
		for _, rd := range r {
			write := func(w io.Writer) error { return rd.write(ctx, w, doc) }
			if err := atomic.WriteFile(base+"."+rd.ext, files, write); err != nil {
				why := a.writeError(base+"."+rd.ext, err)
				a.errorf("%s\n", why)
				failed = append(failed, failure{f, why})
			}
		}
	}
	if len(files) > 1 {
		a.summary(len(files), failed)
	}
	if len(failed) > 0 {
		a.code = exitUsage
	} else {
		a.code = worst
	}
	return nil
}

// makeOutDir makes the -o directory ("" for none).
func (a *app) makeOutDir(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s%s%w", dir, a.say("：无法创建输出目录：", ": cannot create the output directory: "), causeOf(err))
	}
	return nil
}

// outBase is the output path of input f without its extension: the input's
// name without its extension, in dir.
func outBase(dir, f string) string {
	return filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)))
}

// samePath reports whether two command-line paths name the same file.
func samePath(p, q string) bool {
	ap, err1 := filepath.Abs(p)
	aq, err2 := filepath.Abs(q)
	return err1 == nil && err2 == nil && ap == aq
}

// read reads and ingests one file.
func (a *app) read(ctx context.Context, path string) (*model.Document, error) {
	data, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	doc, err := ingest.Read(ctx, filepath.Base(path), data)
	return doc, withPath(err, path)
}

// withPath names the file in a *readerr.Error by the path the clerk typed:
// ingest knows only the base name (which is all Source.File keeps), and two
// inputs from different folders must not read alike in the summary.
func withPath(err error, path string) error {
	var ie *readerr.Error
	if errors.As(err, &ie) {
		ie.File = path
	}
	return err
}

// readInput reads one input file: regular files only, up to
// ingest.MaxInput (see ingest.ReadFile).
func (a *app) readInput(path string) ([]byte, error) {
	return ingest.ReadFile(path)
}

// message renders an error for a person in the chosen language.
func (a *app) message(err error) string {
	var ie *readerr.Error
	if errors.As(err, &ie) {
		return ie.Message(a.lang)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, os.ErrNotExist) {
			return pe.Path + a.say("：文件不存在", ": no such file")
		}
		return pe.Path + a.say("：无法读取：", ": cannot read: ") + pe.Err.Error()
	}
	return err.Error()
}

// writeError says why an output file could not be written, in the chosen
// language: the common causes in words, any other with its cause.
func (a *app) writeError(path string, err error) string {
	switch {
	case errors.Is(err, atomic.ErrIsInput):
		return path + a.say("：会覆盖输入文件，未写入", ": would overwrite an input; not written")
	case errors.Is(err, os.ErrPermission):
		return path + a.say("：无法写入，没有权限", ": cannot write: permission denied")
	}
	return path + a.say("：无法写入：", ": cannot write: ") + err.Error()
}

// causeOf drops the operation and path of an *os.PathError, which the
// message already names.
func causeOf(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (a *app) summary(n int, failed []failure) {
	if len(failed) == 0 {
		a.errorf(a.say("%d 个文件全部成功\n", "all %d files done\n"), n)
		return
	}
	a.errorf(a.say("%d 个文件：%d 个成功，%d 个失败：\n", "%d files: %d done, %d failed:\n"), n, n-len(failed), len(failed))
	for _, f := range failed {
		a.errorf("  %s\n", f.why)
	}
}

// hasErrors reports an unfixed finding at error level.
func hasErrors(doc *model.Document) bool {
	for _, f := range doc.Findings {
		if f.Severity == model.SevError && !f.Fixed {
			return true
		}
	}
	return false
}

// convertAsOne reads the inputs as one 文件 — the 正文 and its 附件 sent as
// separate files, the usual case — and writes one document: the notice of
// the file that has one, the forms of all in the order given, audited
// together so the rules that compare the notice with its forms see both.
// Any input that cannot be read fails the whole: half a 文件 is not written.
func (a *app) convertAsOne(ctx context.Context, files []string, o convertOpts, r []renderer) error {
	docs := make([]*model.Document, 0, len(files))
	for _, f := range files {
		doc, err := a.read(ctx, f)
		if err != nil {
			a.errorf("%s\n", a.message(err))
			a.code = exitUsage
			return nil
		}
		docs = append(docs, doc)
	}
	doc, order, err := batch.AsOne(ctx, docs, o.fix)
	if err != nil {
		a.errorf("%s\n", a.say("已中断，未写入", "interrupted, nothing written"))
		a.code = exitUsage
		return nil
	}
	main := order[0]
	names := make([]string, 0, len(order))
	for _, i := range order {
		names = append(names, files[i])
	}
	a.errorf("%s%s\n", a.say("合并为一份文件：", "joined as one 文件: "), strings.Join(names, " + "))
	a.warnDoubts(files[main], doc.Findings)
	a.code = exitOK
	if hasErrors(doc) {
		a.code = exitFindings
	}
	if o.outDir == "" {
		return jsonout.Write(a.stdout, doc)
	}
	base := outBase(o.outDir, files[main])
	for _, rd := range r {
		write := func(w io.Writer) error { return rd.write(ctx, w, doc) }
		if err := atomic.WriteFile(base+"."+rd.ext, files, write); err != nil {
			a.errorf("%s\n", a.writeError(base+"."+rd.ext, err))
			a.code = exitUsage
		}
	}
	return nil
}
