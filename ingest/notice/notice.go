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
	i := issuerBlock(n, lines)
	// 发文字号 (may be absent: a 函 or a 纪要 need not carry one on top).
	for j := i; j < len(lines) && j < i+3; j++ {
		if dn, ok := parseDocNumber(lines[j].Text); ok {
			n.DocNumber = &dn
			n.Where["docNumber"] = lines[j].Ref
			i = j + 1
			break
		}
	}
	// 标题: the lines up to the 主送机关 line (ending in a colon), or up to the
	// first outline marker when there is no 主送. A 主送 too long for one line
	// starts on the lines above its colon: the title ends at the line that
	// ends like a title (…的通知), and the lines after it are the 主送's.
	start := i
	for i < len(lines) && !isRecipientLine(lines[i].Text) && marker(lines[i].Text) == "" && !strings.HasPrefix(lines[i].Text, "附件") {
		i++
	}
	recStart := i
	if i < len(lines) && isRecipientLine(lines[i].Text) {
		for t := i - 1; t >= start; t-- {
			if endsTitle(lines[t].Text) {
				recStart = t + 1
				break
			}
		}
	}
	if recStart > start && recStart-start <= 4 {
		var parts []string
		for _, l := range lines[start:recStart] {
			parts = append(parts, l.Text)
		}
		n.Title = joinTitle(parts)
		n.Where["title"] = lines[start].Ref
	} else {
		i, recStart = start, start
	}
	if i < len(lines) && isRecipientLine(lines[i].Text) {
		var parts []string
		for _, l := range lines[recStart : i+1] {
			parts = append(parts, strings.TrimSpace(l.Text))
		}
		n.Recipients = splitRecipients(strings.Join(parts, ""))
		n.Where["recipients"] = lines[recStart].Ref
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
		// 署名: one line per issuer of a joint notice.
		if n.Signer == "" {
			n.Signer = squeeze(t)
			n.Where["signer"] = lines[k].Ref
		}
		n.Signers = append(n.Signers, squeeze(t))
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
//
// A joint notice signs once per issuer: every short line above the date that
// names a body is part of the 落款.
func tailSignature(lines []flow.Block, from int) int {
	for j := len(lines) - 1; j >= from; j-- {
		if _, ok := ParseDate(lines[j].Text); ok {
			k := j
			for k-1 >= from && j-k < 4 && isSignerLine(lines[k-1].Text) && (k == j || isBodyName(lines[k-1].Text)) {
				k--
			}
			return k
		}
	}
	return len(lines)
}

func isSignerLine(s string) bool {
	return runeLen(s) <= 30 && !strings.ContainsAny(s, "。；，：:") && marker(s) == ""
}

// issuerBlock reads the 发文机关标志 at the top of lines into n and returns
// the index of the line after it. One issuer prints 「某某局文件」; a long name
// may wrap onto a second line; a joint notice (联合发文) prints one issuer a
// line with 文件 after the last or on a line of its own.
func issuerBlock(n *model.Notice, lines []flow.Block) int {
	end := -1
	for j := 0; j < len(lines) && j < 6; j++ {
		t := squeeze(lines[j].Text)
		if strings.ContainsAny(t, "，。：:；") || runeLen(t) > 60 {
			break
		}
		if _, ok := parseDocNumber(t); ok {
			break
		}
		if strings.HasSuffix(t, "文件") {
			end = j
			break
		}
	}
	if end < 0 {
		return 0
	}
	var parts []string
	for _, l := range lines[:end+1] {
		parts = append(parts, squeeze(l.Text))
	}
	mark := strings.Join(parts, "")
	if !isIssuerMark(mark) {
		return 0
	}
	n.IssuerMark = mark
	n.Where["issuerMark"] = lines[0].Ref
	// The issuers: each line that ends like a body's name is one; a line
	// that does not is the start of a name wrapped onto the next line.
	parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], "文件")
	cur := ""
	for _, p := range parts {
		cur += p
		if cur != "" && isBodyName(cur) {
			n.Issuers = append(n.Issuers, cur)
			cur = ""
		}
	}
	if cur != "" {
		n.Issuers = append(n.Issuers, cur)
	}
	return end + 1
}

// bodySuffixes end the names of 机关 (and of the bodies that issue notices).
var bodySuffixes = []string{"局", "委员会", "委", "政府", "办公室", "办公厅", "厅", "部", "院", "会", "中心", "办", "室", "处", "所", "党组", "公司", "集团", "学校", "大学", "医院", "街道", "镇", "乡", "管委会"}

func isBodyName(s string) bool {
	s = squeeze(s)
	if runeLen(s) < 2 || strings.ContainsAny(s, "，。：:；") {
		return false
	}
	for _, suf := range bodySuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// titleEnds are the words a 公文 title ends with (its 文种).
var titleEnds = []string{"通知", "通报", "意见", "方案", "决定", "函", "请示", "报告", "办法", "规定", "纪要", "批复", "公告", "通告", "细则", "计划", "要点"}

func endsTitle(s string) bool {
	s = strings.TrimRight(squeeze(s), "》」”")
	for _, w := range titleEnds {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
