package audit

import (
	"fmt"
	"strings"
)

var familyTitles = []struct{ key, zh, en string }{
	{"structure", "表格结构", "Table structure"},
	{"weights", "权重与合计", "Weights and totals"},
	{"notice", "通知与表格是否一致", "Notice vs table"},
	{"dates", "完成时限", "Deadlines"},
	{"people", "人员与部门", "People and departments"},
	{"text", "文字（GB/T 15834、GB/T 15835）", "Text (GB/T 15834, GB/T 15835)"},
	{"gbt9704", "公文格式（GB/T 9704-2012）", "The notice (GB/T 9704-2012)"},
	{"ocr", "文字识别（扫描件、图片）", "Text read by OCR (scans, images)"},
}

// Markdown renders the registry as docs/rules.md. The file is generated:
// `go test ./model/audit -run TestRulesDoc -update` rewrites it, and the test
// fails when it is stale.
func Markdown() string {
	var b strings.Builder
	b.WriteString("<!-- Generated from the rule registry (model/audit/registry.go) by `go test ./model/audit -run TestRulesDoc -update`; do not edit. -->\n\n")
	b.WriteString("# 审核规则 / Audit rules\n\n")
	b.WriteString("严重程度 Severity: `error` 表格有误，不能照此上报 (must not be submitted as is); `warning` 很可能有误，需人工核对 (a person must look); `info` 格式问题，`convert --fix` 可规范 (a style deviation `--fix` normalises).\n\n")
	b.WriteString("“可修复 fixable”表示该规则在修复确定时给出机器可执行的修复（`fix`），`kaoping convert --fix` 应用后该发现保留在输出中，`fixed: true`，`fix.from` 保存原值。\n\n")
	b.WriteString("Fixable means the rule proposes a machine-applicable fix where the repair is certain; `kaoping convert --fix` applies it and keeps the finding with `fixed: true` and the original value in `fix.from`.\n\n")
	for _, fam := range familyTitles {
		fmt.Fprintf(&b, "## %s / %s\n\n", fam.zh, fam.en)
		b.WriteString("| code | severity | fixable | 规则 | rule |\n|---|---|---|---|---|\n")
		for _, r := range registry {
			if r.Family != fam.key {
				continue
			}
			fix := ""
			if r.Fixable {
				fix = "yes"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | **%s**：%s | **%s**: %s |\n", r.Code, r.Severity, fix, r.TitleZh, mdCell(r.DocZh), r.TitleEn, mdCell(r.DocEn))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
