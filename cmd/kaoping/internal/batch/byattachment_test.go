package batch

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/model"
)

func TestAttachmentKey(t *testing.T) {
	for _, tc := range [][2]string{
		{"附件1：2023年度绩效目标考评表", "2023年度绩效目标考评表"},
		{"附件：1.《2023年度 绩效目标考评表》", "2023年度绩效目标考评表"},
		{"2．２０２３年度绩效目标考评表。", "2023年度绩效目标考评表"},
		{"（2）“重点工作任务分解表”", "重点工作任务分解表"},
		{"2023年度绩效目标考评表", "2023年度绩效目标考评表"},
	} {
		if got := attachmentKey(tc[0]); got != tc[1] {
			t.Errorf("AttachmentKey(%q) = %q, want %q", tc[0], got, tc[1])
		}
	}
}

func TestPairByAttachments(t *testing.T) {
	notice := func(names ...string) *model.Document {
		n := &model.Notice{Title: "关于开展考评的通知"}
		for i, s := range names {
			n.Attachments = append(n.Attachments, model.Attachment{Number: i + 1, Name: s})
		}
		return &model.Document{Notice: n}
	}
	form := func(title string) *model.Document { return &model.Document{Forms: []model.Form{{Title: title}}} }
	for _, tc := range []struct {
		name string
		docs []*model.Document
		want []Group
	}{
		{"附件 before and after their 正文, in the 附件说明's order",
			[]*model.Document{form("重点工作任务分解表"), notice("《绩效目标考评表》", "重点工作任务分解表"), form("绩效目标 考评表")},
			[]Group{{Main: 1, Parts: []int{2, 0}}}},
		{"two notices, each with its own",
			[]*model.Document{notice("甲单位考评表"), notice("乙单位考评表"), form("乙单位考评表"), form("甲单位考评表")},
			[]Group{{Main: 0, Parts: []int{3}}, {Main: 1, Parts: []int{2}}}},
		{"a form the 附件说明 does not name stays alone",
			[]*model.Document{notice("甲单位考评表"), form("丙单位考评表")},
			[]Group{{Main: 0}, {Main: 1}}},
		{"a notice with its own form takes no other file",
			[]*model.Document{{Notice: &model.Notice{Attachments: []model.Attachment{{Number: 1, Name: "甲单位考评表"}}}, Forms: []model.Form{{Title: "甲单位考评表"}}}, form("甲单位考评表")},
			[]Group{{Main: 0}, {Main: 1}}},
		{"two notices naming one form: the first", []*model.Document{notice("甲单位考评表"), notice("甲单位考评表"), form("甲单位考评表")},
			[]Group{{Main: 0, Parts: []int{2}}, {Main: 1}}},
		{"unread files are left alone", []*model.Document{nil, notice("甲单位考评表"), form("甲单位考评表")},
			[]Group{{Main: 0}, {Main: 1, Parts: []int{2}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, PairByAttachments(tc.docs)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
