package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/model/audit"
)

func newRulesCmd(a *app) *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "列出审核规则 / list the audit rules",
		Long: `列出审核规则：代码、严重程度、是否可自动修复、说明。--markdown 输出 docs/rules.md 的内容。

Lists the audit rules: code, severity, whether fixable, description.
--markdown prints the text of docs/rules.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if markdown {
				_, err := fmt.Fprint(a.stdout, audit.Markdown())
				return err
			}
			w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			for _, r := range audit.Rules() {
				fix := ""
				if r.Fixable {
					fix = "fix"
				}
				_, _ = fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Code, r.Severity, fix, a.say(r.TitleZh, r.TitleEn))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "输出 Markdown output Markdown")
	return cmd
}
