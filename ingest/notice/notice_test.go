package notice

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
)

func TestParseDocNumber(t *testing.T) {
	tests := []struct {
		in   string
		want *model.DocNumber
	}{
		{"泉芯管〔2023〕9号", &model.DocNumber{Text: "泉芯管〔2023〕9号", Agency: "泉芯管", Year: 2023, Serial: 9}},
		{"路卫发〔2011〕76号", &model.DocNumber{Text: "路卫发〔2011〕76号", Agency: "路卫发", Year: 2011, Serial: 76}},
		{"泉芯管[2023]9号", &model.DocNumber{Text: "泉芯管[2023]9号", Agency: "泉芯管", Year: 2023, Serial: 9}},
		{"泉芯管（2023）第09号", &model.DocNumber{Text: "泉芯管（2023）第09号", Agency: "泉芯管", Year: 2023, Serial: 9}},
		{"泉芯管〔2023〕9", nil},
		{"关于印发〔2023〕年度方案的通知", nil},
	}
	for _, tt := range tests {
		got, ok := parseDocNumber(tt.in)
		if (tt.want != nil) != ok {
			t.Errorf("ParseDocNumber(%q) ok = %v", tt.in, ok)
			continue
		}
		if ok && got != *tt.want {
			t.Errorf("ParseDocNumber(%q) = %+v, want %+v", tt.in, got, *tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2023年9月26日":      "2023-09-26",
		"2023 年 9 月 26 日": "2023-09-26",
		"二〇二三年九月二十六日":     "2023-09-26",
		"二○一一年十二月三日":      "2011-12-03",
		"二〇二三年十月十日":       "2023-10-10",
		"2023年13月1日":      "",
		"2023年9月26日印发":    "",
	}
	for in, want := range tests {
		got, ok := ParseDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseDate(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"项 目": "项目",
		"泉州半导体高新区管委会 2023 年度绩效目标考评表": "泉州半导体高新区管委会2023年度绩效目标考评表",
		"Word and Excel": "Word and Excel",
		"完 成 时 限":        "完成时限",
	}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func lines(ss ...string) flow.Flow {
	var fl flow.Flow
	for i, s := range ss {
		fl.Blocks = append(fl.Blocks, flow.Block{Text: s, Ref: model.Ref{Line: model.Int(i + 1)}})
	}
	return fl
}

func TestParseNotice(t *testing.T) {
	fl := lines(
		"某某县人民政府办公室文件",
		"某政办〔2024〕3号",
		"某某县人民政府办公室",
		"关于印发2024年度绩效目标考评方案的通知",
		"各乡镇人民政府，县直各单位：",
		"现将方案印发给你们，请认真贯彻执行。",
		"一、总体要求",
		"（一）指导思想。以习近平新时代中国特色社会主义思想为指导，",
		"全面贯彻落实。",
		"（二）基本原则",
		"1. 坚持问题导向：聚焦重点。",
		"（1）突出重点",
		"二、考评内容",
		"附件：1. 2024年度绩效目标考评表",
		"2. 考评细则",
		"某某县人民政府办公室",
		"二〇二四年三月五日",
		"附件1",
	)
	n := Parse(fl)
	if n == nil {
		t.Fatal("no notice")
	}
	want := &model.Notice{
		IssuerMark: "某某县人民政府办公室文件",
		Issuers:    []string{"某某县人民政府办公室"},
		DocNumber:  &model.DocNumber{Text: "某政办〔2024〕3号", Agency: "某政办", Year: 2024, Serial: 3},
		Title:      "某某县人民政府办公室关于印发2024年度绩效目标考评方案的通知",
		Recipients: []string{"各乡镇人民政府", "县直各单位"},
		Attachments: []model.Attachment{
			{Number: 1, Name: "2024年度绩效目标考评表"},
			{Number: 2, Name: "考评细则"},
		},
		Signer:   "某某县人民政府办公室",
		Signers:  []string{"某某县人民政府办公室"},
		Date:     "2024-03-05",
		DateText: "二〇二四年三月五日",
	}
	got := *n
	got.Outline, got.Where, got.Body = nil, nil, nil
	if d := cmp.Diff(*want, got); d != "" {
		t.Errorf("notice (-want +got):\n%s", d)
	}
	if len(n.Outline) != 2 || n.Outline[0].Heading != "总体要求" || n.Outline[1].Heading != "考评内容" {
		t.Fatalf("outline top level = %+v", n.Outline)
	}
	sub := n.Outline[0].Children
	if len(sub) != 2 || sub[0].Marker != "（一）" || sub[0].Heading != "指导思想" ||
		sub[0].Text != "以习近平新时代中国特色社会主义思想为指导，全面贯彻落实。" {
		t.Fatalf("（一） = %+v", sub)
	}
	if len(sub[1].Children) != 1 || sub[1].Children[0].Marker != "1." || sub[1].Children[0].Heading != "坚持问题导向" ||
		len(sub[1].Children[0].Children) != 1 || sub[1].Children[0].Children[0].Marker != "（1）" {
		t.Errorf("deeper levels = %+v", sub[1].Children)
	}
	if *n.Where["date"].Line != 17 || *n.Where["docNumber"].Line != 2 {
		t.Errorf("where = %+v", n.Where)
	}
}

func TestParseNoNotice(t *testing.T) {
	fl := flow.Flow{Blocks: []flow.Block{{Cells: []flow.Cell{{Text: "序号"}}}}}
	if n := Parse(fl); n != nil {
		t.Errorf("a flow starting with a table has notice %+v", n)
	}
}

// TestBareFormIsNoNotice: the lines above a form without a notice (title,
// 参评单位, date) give no notice, so no notice element is reported missing.
func TestBareFormIsNoNotice(t *testing.T) {
	fl := lines("泉州半导体高新区管委会2023年度绩效目标考评表", "参评单位（盖章）：泉州半导体高新技术产业园区管理委员会", "2023年9月26日")
	if n := Parse(fl); n != nil {
		t.Errorf("bare form read as a notice: %+v", n)
	}
}

// TestParseJointNotice: a 联合发文 prints one issuer a line above 文件 and
// signs once per issuer; a name too long for the 版头 wraps; a 主送 too long
// for one line starts on the line above its colon.
func TestParseJointNotice(t *testing.T) {
	fl := lines(
		"泉州市财政局",
		"泉州市人力资源和社会保障局",
		"泉州半导体高新技术产业",
		"园区管理委员会",
		"文件",
		"泉财〔2024〕12号",
		"关于开展2024年度绩效目标考评工作的通知",
		"各县（市、区）人民政府，泉州开发区、泉州台商投资区管委会，",
		"市直各有关单位：",
		"现将有关事项通知如下。",
		"一、考评范围",
		"附件：2024年度绩效目标考评表",
		"泉州市财政局",
		"泉州市人力资源和社会保障局",
		"泉州半导体高新技术产业园区管理委员会",
		"2024年3月5日",
	)
	n := Parse(fl)
	if n == nil {
		t.Fatal("no notice")
	}
	if d := cmp.Diff([]string{"泉州市财政局", "泉州市人力资源和社会保障局", "泉州半导体高新技术产业园区管理委员会"}, n.Issuers); d != "" {
		t.Errorf("issuers (-want +got):\n%s", d)
	}
	if n.DocNumber == nil || n.DocNumber.Text != "泉财〔2024〕12号" {
		t.Errorf("doc number = %+v", n.DocNumber)
	}
	if n.Title != "关于开展2024年度绩效目标考评工作的通知" {
		t.Errorf("title = %q", n.Title)
	}
	if d := cmp.Diff([]string{"各县（市、区）人民政府", "泉州开发区", "泉州台商投资区管委会", "市直各有关单位"}, n.Recipients); d != "" {
		t.Errorf("recipients (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"泉州市财政局", "泉州市人力资源和社会保障局", "泉州半导体高新技术产业园区管理委员会"}, n.Signers); d != "" {
		t.Errorf("signers (-want +got):\n%s", d)
	}
	if n.Signer != "泉州市财政局" || n.Date != "2024-03-05" {
		t.Errorf("signer %q, date %q", n.Signer, n.Date)
	}
}
