// Command kaoping reads a 公文 notice with its 绩效目标考评表 (text dump, PDF,
// XLSX, DOCX, OFD), turns it into structured data, audits the table and prints
// a clean 考评表. The commands are thin: each parses flags and calls ingest,
// model/audit or render; there is no logic here a package test cannot reach.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
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
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the CLI with args and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, lang: "zh"}
	root := &cobra.Command{
		Use:   "kaoping",
		Short: "考评表工具：读取公文通知及其绩效目标考评表，审核并输出 / read, audit and print 考评表",
		Long: `kaoping 读取一份公文通知（文本导出、PDF、XLSX、DOCX、OFD）及其附件绩效目标考评表，
输出结构化数据（JSON，kaoping/v1），审核表格并生成规范的考评表。

kaoping reads a government notice with its appended performance-target form,
turns it into structured data (JSON, kaoping/v1), audits the table and prints a
clean form.

退出码 / exit codes: 0 成功 ok; 1 有错误级别的审核发现 findings at error level;
2 用法错误或无法读取输入 usage error or unreadable input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.lang, "lang", "zh", "消息语言 message language: zh|en")
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		newVersionCmd(a),
		newSchemaCmd(a),
		newConvertCmd(a),
		newTextCmd(a),
		newAuditCmd(a), newRulesCmd(a),
		newServeCmd(a),
	)
	if err := root.Execute(); err != nil {
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
