// Command kaoping reads a 公文 notice with its 绩效目标考评表 (text dump, PDF,
// XLSX, DOCX, OFD), turns it into structured data, audits the table and prints
// a clean 考评表. The commands are thin: each parses flags and calls ingest,
// model/audit or render; there is no logic here a package test cannot reach.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/isolate"
	// Its init sets the collector and one processor before the other inits
	// run.
	_ "github.com/kaoping/kaoping/cmd/kaoping/internal/tune"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/ocr"
)

// Exit codes, documented in the README and in --help.
const (
	exitOK       = 0 // done, nothing at error level
	exitFindings = 1 // done, but findings at or above the failure level
	exitUsage    = 2 // bad usage or an unreadable input
)

// app carries what every command needs; there is no global state.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lang           string // zh or en
	code           int    // exit code the command asks for
	// ocr reads scans and images; opened on the first that needs it,
	// kept for the other inputs of the run.
	ocr *ingest.OCR
}

func main() { os.Exit(process()) }

// process is the whole of a kaoping process, as main runs it, and the
// tests that run this binary as kaoping (on one processor, as tune's init
// left it, until a command that works in parallel asks for them all): a
// context that Ctrl-C or a TERM cancels, so a long convert stops between
// files (and inside a reader that checks it), and an output being written
// is discarded, never left half written.
func process() int {
	ctx, stop := interruptible(context.Background())
	defer stop()
	return runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// interruptible is a context that the first Ctrl-C or TERM cancels, so the
// work stops cleanly; the signals are then given back to their default
// action, so a second Ctrl-C ends the process at once even if some
// reader or a shutdown has not yet looked at the context.
func interruptible(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// run executes the CLI with args and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext is run with a context that a signal may cancel.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == isolate.WorkerArg {
		return isolate.Main(ctx, stdin, stdout)
	}
	if len(args) > 0 && args[0] == isolate.PoolArg {
		return isolate.PoolMain(ctx, stdin, stdout)
	}
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, lang: "zh", ocr: &ingest.OCR{}}
	defer a.ocr.Close()
	ctx = ingest.WithOCR(ctx, a.ocr)
	root := &cobra.Command{
		Use:   "kaoping",
		Short: "考评表工具：读取公文通知及其绩效目标考评表，审核并输出 / read, audit and print 考评表",
		Long: `kaoping 读取一份公文通知（文本导出、PDF、XLSX、DOCX、OFD）及其附件绩效目标考评表，
输出结构化数据（JSON，kaoping/v2），审核表格并生成规范的考评表。

kaoping reads a government notice with its appended performance-target form,
turns it into structured data (JSON, kaoping/v2), audits the table and prints a
clean form.

退出码 / exit codes: 0 成功 ok; 1 有错误级别的审核发现 findings at error level;
2 用法错误或无法读取输入 usage error or unreadable input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.lang, "lang", "zh", "消息语言 message language: zh|en")
	root.PersistentFlags().StringVar(&a.ocr.Dir, "ocr-dir", "", "文字识别（OCR）组件目录 OCR folder (default $"+ocr.EnvDir+" or ~/.cache/kaoping/ocr; install: "+ocr.InstallCommand+")")
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		newVersionCmd(a),
		newSchemaCmd(a),
		newConvertCmd(a),
		newTextCmd(a),
		newTablesCmd(a),
		newAuditCmd(a), newRulesCmd(a),
		newServeCmd(a),
		newBatchCmd(a),
		newDiffCmd(a),
	)
	a.localizeUsage(root)
	if err := root.ExecuteContext(ctx); err != nil {
		a.errorf("%v\n", err)
		return exitUsage
	}
	return a.code
}

// errorf prints a message for a person on stderr.
func (a *app) errorf(format string, args ...any) {
	_, _ = fmt.Fprintf(a.stderr, format, args...)
}

// say picks the message for the chosen language.
func (a *app) say(zh, en string) string {
	if a.lang == "en" {
		return en
	}
	return zh
}

// localizeUsage makes cobra's usage errors (argument count, unknown flag)
// speak the chosen language and point to --help, and checks --lang: a clerk
// who typed `kaoping convert` should not read "requires at least 1 arg(s)".
func (a *app) localizeUsage(root *cobra.Command) {
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		a.lang = strings.ToLower(a.lang)
		if a.lang != "zh" && a.lang != "en" {
			return errors.New("--lang 只能是 zh 或 en / --lang must be zh or en")
		}
		return nil
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%s%w%s", a.say("选项错误：", "bad option: "), err,
			a.say("。详见 "+cmd.CommandPath()+" --help", "; see "+cmd.CommandPath()+" --help"))
	})
	for _, c := range root.Commands() {
		if c.Args == nil {
			continue
		}
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if check(cmd, args) == nil {
				return nil
			}
			return errors.New(a.say(
				fmt.Sprintf("参数个数不对（收到 %d 个）。用法：%s，详见 %s --help", len(args), cmd.UseLine(), cmd.CommandPath()),
				fmt.Sprintf("wrong number of arguments (got %d). Usage: %s; see %s --help", len(args), cmd.UseLine(), cmd.CommandPath())))
		}
	}
}
