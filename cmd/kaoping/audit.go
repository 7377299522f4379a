package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// auditOpts are the flags of `kaoping audit`.
type auditOpts struct {
	format string // text or json
	failOn string // error, warning or never
}

func newAuditCmd(a *app) *cobra.Command {
	var o auditOpts
	cmd := &cobra.Command{
		Use:   "audit FILE...",
		Short: "审核考评表并列出问题 / audit forms and list the problems",
		Long: `读取每个文件，按审核规则（kaoping rules）检查通知和考评表，像编译器一样逐条列出问题：
  文件:页:行(序号):列: 严重程度 规则: 说明
按位置排序，最后一行按严重程度汇总。--format json 输出 kaoping/v1 的 findings。
有不低于 --fail-on 级别的问题时退出码为 1，无法读取输入时为 2。

Reads each file, checks the notice and its forms against the rules (kaoping
rules) and lists every problem like a compiler: file:page:row:column: severity
rule: message, sorted by position, then a summary line of counts by severity.
--format json prints the kaoping/v1 findings. Exit 1 when a finding is at or
above --fail-on, 2 when an input cannot be read.`,
		Example: `  kaoping audit fixtures/quanxin-2023-9-notice.txt
  kaoping audit a.txt --format json --fail-on warning
  kaoping audit a.txt --lang en`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.audit(cmd.Context(), args, o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "输出格式 output format: text|json")
	cmd.Flags().StringVar(&o.failOn, "fail-on", "error", "退出码为 1 的最低级别 exit 1 at or above: error|warning|never")
	return cmd
}

// fileFindings is one input's findings in JSON output.
type fileFindings struct {
	File     string          `json:"file"`
	Findings []model.Finding `json:"findings"`
}

func (a *app) audit(ctx context.Context, files []string, o auditOpts) error {
	if ctx == nil {
		ctx = context.Background()
	}
	threshold := 0
	switch o.failOn {
	case "error":
		threshold = model.SevError.Rank()
	case "warning":
		threshold = model.SevWarning.Rank()
	case "never":
		threshold = 100
	default:
		return fmt.Errorf("%s", a.say("--fail-on 只能是 error、warning 或 never", "--fail-on must be error, warning or never"))
	}
	if o.format != "text" && o.format != "json" {
		return fmt.Errorf("%s", a.say("--format 只能是 text 或 json", "--format must be text or json"))
	}
	out := []fileFindings{} // [] rather than null when no input could be read
	unreadable, failing := false, false
	audited := 0
	counts := map[model.Severity]int{}
	for _, f := range files {
		doc, err := a.read(ctx, f)
		if err != nil {
			a.errorf("%s\n", a.message(err))
			unreadable = true
			continue
		}
		if err := audit.Review(ctx, doc, audit.Options{}); err != nil {
			a.errorf("%s\n", f+a.say("：已中断，未审核", ": interrupted, not audited"))
			unreadable = true
			continue
		}
		audited++
		fs := doc.Findings
		for _, fd := range fs {
			if fd.Fixed {
				continue
			}
			counts[fd.Severity]++
			if fd.Severity.Rank() >= threshold {
				failing = true
			}
		}
		if o.format == "json" {
			out = append(out, fileFindings{File: f, Findings: fs})
			continue
		}
		for _, fd := range fs {
			_, _ = fmt.Fprintln(a.stdout, a.findingLine(f, fd))
		}
		a.warnDoubts(f, fs)
	}
	if o.format == "json" {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		var v any = out
		if len(files) == 1 && len(out) == 1 {
			v = out[0]
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	} else if audited > 0 {
		// a file that could not be read was not audited: no "0 errors"
		// line as if it had been
		_, _ = fmt.Fprintln(a.stdout, a.say(
			fmt.Sprintf("共 %d 个错误，%d 个警告，%d 个提示", counts[model.SevError], counts[model.SevWarning], counts[model.SevInfo]),
			fmt.Sprintf("%d errors, %d warnings, %d infos", counts[model.SevError], counts[model.SevWarning], counts[model.SevInfo])))
	}
	switch {
	case unreadable:
		a.code = exitUsage
	case failing:
		a.code = exitFindings
	default:
		a.code = exitOK
	}
	return nil
}

// findingLine prints a finding like a compiler: file:page:row:column: severity
// rule: message. Missing parts stay empty; the row is the 序号, or the notice
// line as L12; the column is the column key or the notice element.
func (a *app) findingLine(file string, fd model.Finding) string {
	page := ""
	if fd.At.Page != nil {
		page = strconv.Itoa(*fd.At.Page)
	}
	row := fd.At.Row
	if fd.At.Form != nil && *fd.At.Form > 0 {
		row = fmt.Sprintf("表%d/%s", *fd.At.Form+1, row)
	}
	if row == "" && fd.At.Line != nil {
		row = "L" + strconv.Itoa(*fd.At.Line)
	}
	col := fd.At.Column
	if col == "" {
		col = fd.At.Element
	}
	msg := fd.Message
	if a.lang == "en" && fd.MessageEn != "" {
		msg = fd.MessageEn
	}
	sev := string(fd.Severity)
	if fd.Fixed {
		sev += a.say("（已修复）", " (fixed)")
	}
	return strings.Join([]string{file, page, row, col, " " + sev + " " + fd.Rule, " " + msg}, ":")
}

// warnDoubts says on stderr, once per file, that a table may have been
// misread, with the places: the clerk must compare them with the original.
func (a *app) warnDoubts(file string, fs []model.Finding) {
	places := audit.Doubts(fs, a.lang)
	if len(places) == 0 {
		return
	}
	a.errorf("%s: %s%s%s\n", file, a.say(audit.DoubtBanner, audit.DoubtBannerEn), a.say("：", ": "), strings.Join(places, a.say("；", "; ")))
}
