// Package notice reads the 公文 elements of a notice (GB/T 9704-2012) from the
// lines of a flow, whatever reader produced them: 发文机关标志, 发文字号, 标题,
// 主送机关, the numbered outline, 附件说明, 落款 and 成文日期.
//
// It works on lines, not on layout: PDF readers give it their visual lines,
// the text reader its dump lines. Each element keeps the Ref of its line so
// findings can point at it.
package notice

import (
	"strings"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
)

// Parse returns the notice in fl, or nil when the flow has no notice text
// (a bare form, as in most XLSX files).
func Parse(fl flow.Flow) *model.Notice {
	lines := bodyLines(fl)
	if len(lines) == 0 {
		return nil
	}
	n := &model.Notice{Recipients: []string{}, Outline: []model.Section{}, Attachments: []model.Attachment{}, Where: map[string]model.Ref{}}
	for _, l := range lines {
		n.Body = append(n.Body, model.Line{Text: l.Text, Ref: l.Ref})
	}
	i := 0
	// 发文机关标志: a line ending in 文件 before the 发文字号; a long body
	// name may stand on a line of its own above 文件.
	if i < len(lines) && isIssuerMark(lines[i].Text) {
		n.IssuerMark = squeeze(lines[i].Text)
		n.Where["issuerMark"] = lines[i].Ref
		i++
	} else if i+1 < len(lines) && isIssuerMark(lines[i].Text+lines[i+1].Text) && runeLen(squeeze(lines[i+1].Text)) <= 4 {
		n.IssuerMark = squeeze(lines[i].Text + lines[i+1].Text)
		n.Where["issuerMark"] = lines[i].Ref
		i += 2
	}
	// 发文字号 (may be absent: a 函 or a 纪要 need not carry one on top).
	for j := i; j < len(lines) && j < i+3; j++ {
		if dn, ok := ParseDocNumber(lines[j].Text); ok {
			n.DocNumber = &dn
			n.Where["docNumber"] = lines[j].Ref
			i = j + 1
			break
		}
	}
	// 标题: the lines up to the 主送机关 line (ending in a colon), or up to the
	// first outline marker when there is no 主送.
	start := i
	for i < len(lines) && !isRecipientLine(lines[i].Text) && marker(lines[i].Text) == "" && !strings.HasPrefix(lines[i].Text, "附件") {
		i++
	}
	if i > start && i-start <= 4 {
		var parts []string
		for _, l := range lines[start:i] {
			parts = append(parts, l.Text)
		}
		n.Title = joinTitle(parts)
		n.Where["title"] = lines[start].Ref
	} else {
		i = start
	}
	if i < len(lines) && isRecipientLine(lines[i].Text) {
		n.Recipients = splitRecipients(lines[i].Text)
		n.Where["recipients"] = lines[i].Ref
		i++
	}
	// Body: outline until the 附件说明, then 落款 and 成文日期.
	end := len(lines)
	for j := i; j < len(lines); j++ {
		if isAttachmentLine(lines[j].Text) {
			end = j
			break
		}
	}
	sigStart := end
	if end == len(lines) {
		// No 附件说明: the 落款 and date are the last lines.
		sigStart = tailSignature(lines, i)
		end = sigStart
	}
	n.Outline = parseOutline(lines[i:end])
	k := end
	if k < len(lines) && isAttachmentLine(lines[k].Text) {
		var atts []model.Attachment
		atts, k = parseAttachments(lines, k)
		n.Attachments = atts
		n.Where["attachments"] = lines[end].Ref
	}
	if sigStart > k {
		k = sigStart
	}
	for ; k < len(lines); k++ {
		t := lines[k].Text
		if iso, ok := ParseDate(t); ok {
			n.Date = iso
			n.DateText = strings.TrimSpace(t)
			n.Where["date"] = lines[k].Ref
			break
		}
		if n.Signer == "" {
			n.Signer = squeeze(t)
			n.Where["signer"] = lines[k].Ref
		}
	}
	if !looksLikeNotice(n) {
		return nil
	}
	return n
}

// looksLikeNotice: lines above a bare form (its title, 参评单位 and date, as
// in most XLSX files and their PDFs) are no notice. A notice has at least one
// element only a notice has: 发文机关标志, 发文字号, 主送机关, a numbered
// outline or a 附件说明.
func looksLikeNotice(n *model.Notice) bool {
	return n.IssuerMark != "" || n.DocNumber != nil || len(n.Recipients) > 0 || len(n.Outline) > 0 || len(n.Attachments) > 0
}

// bodyLines returns the notice's lines: running text before the appendix
// (a line 附件 or 附件1 on its own) or the first table row, furniture skipped.
func bodyLines(fl flow.Flow) []flow.Block {
	var out []flow.Block
	for _, b := range fl.Blocks {
		if b.Furniture {
			continue
		}
		if b.IsRow() || isAppendixLabel(b.Text) {
			break
		}
		b.Text = strings.TrimSpace(b.Text)
		if b.Text != "" {
			out = append(out, b)
		}
	}
	return out
}

// tailSignature finds where the 落款 starts in a notice without 附件说明: the
// date line and the line above it when that is short.
func tailSignature(lines []flow.Block, from int) int {
	for j := len(lines) - 1; j >= from; j-- {
		if _, ok := ParseDate(lines[j].Text); ok {
			if j-1 >= from && runeLen(lines[j-1].Text) <= 30 && !strings.ContainsAny(lines[j-1].Text, "。；") {
				return j - 1
			}
			return j
		}
	}
	return len(lines)
}
