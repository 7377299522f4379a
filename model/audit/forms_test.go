package audit

import (
	"strings"

	"github.com/kaoping/kaoping/model"
)

// Two clean documents the rule tests and the mutation test start from. Both
// must produce no error- or warning-level finding (TestCleanDocuments).

func f(v float64) *float64 { return &v }

func item(id, text string, w float64, deadline, leaders, depts, owners string) model.Item {
	split := func(s string) []string {
		if s == "" {
			return []string{}
		}
		return strings.Split(s, "、")
	}
	it := model.Item{ID: id, Text: text, Weight: f(w), Deadline: deadline,
		Leaders: split(leaders), Departments: split(depts), Owners: split(owners)}
	for col, v := range map[string]string{model.ColLeaders: leaders, model.ColDepartments: depts, model.ColOwners: owners} {
		if strings.Contains(v, "、") {
			if it.Raw == nil {
				it.Raw = map[string]string{}
			}
			it.Raw[col] = v
		}
	}
	return it
}

func body(lines ...string) []model.Line {
	out := make([]model.Line, len(lines))
	for i, l := range lines {
		out[i] = model.Line{Text: l, Ref: model.Ref{Page: model.Int(1), Line: model.Int(i + 1)}}
	}
	return out
}

const (
	basisGov  = "2023年市《政府工作报告》目标任务责任分解（泉政办〔2023〕2号）"
	basisDuty = "《泉州半导体高新技术产业园区党工委管委会主要职责内设机构和人员编制规定》（泉委办〔2018〕84号）"
)

// seedShaped is the seed's 重点/常规/行政能力/文明创建/平安建设 tables as they
// should be after repair.
func seedShaped() *model.Document {
	title := "泉州半导体高新区管委会2023年度绩效目标考评表"
	n := &model.Notice{
		IssuerMark: "泉州半导体高新技术产业园区管理委员会文件",
		DocNumber:  &model.DocNumber{Text: "泉芯管〔2023〕9号", Agency: "泉芯管", Year: 2023, Serial: 9},
		Title:      "泉州半导体高新技术产业园区管理委员会关于印发2023年度绩效目标工作方案的通知",
		Recipients: []string{"机关各科室（服务中心）", "各分园区办事处"},
		Outline: []model.Section{
			{Marker: "一、", Heading: "评估对象", Where: &model.Ref{Line: model.Int(4)}},
			{Marker: "二、", Heading: "评估内容", Where: &model.Ref{Line: model.Int(6)}, Children: []model.Section{
				{Marker: "（一）", Heading: "职能工作目标", Where: &model.Ref{Line: model.Int(7)}, Children: []model.Section{
					{Marker: "1.", Heading: "重点工作目标", Where: &model.Ref{Line: model.Int(8)}},
					{Marker: "2.", Heading: "常规工作目标", Where: &model.Ref{Line: model.Int(10)}},
				}},
				{Marker: "（二）", Heading: "行政能力目标", Where: &model.Ref{Line: model.Int(11)}},
			}},
		},
		Attachments: []model.Attachment{{Number: 1, Name: title}},
		Signer:      "泉州半导体高新技术产业园区管理委员会",
		Date:        "2023-09-26",
		DateText:    "2023年9月26日",
		Body: body(
			"机关各科室（服务中心）、各分园区办事处：",
			"根据《2023年度市直机关政府系列和部分省部属驻泉单位绩效目标考评工作实施方案》（泉直政府效办〔2023〕2号）要求，本单位结合年度工作实际，制定本方案。",
			"一、评估对象",
			"机关各科室（服务中心）、各分园区办事处。",
			"二、评估内容",
			"（一）职能工作目标",
			"1.重点工作目标：主要围绕市委、市政府工作部署，结合",
			"本单位工作实际和工作职责，对相关工作分解设定一级指标3项、二级指标7条，形成重点工作指标体系。",
			"2.常规工作目标：根据本单位“三定”方案中法定工作职责，分解设置常规工作一级指标2项、二级指标4条，形成常规工作指标体系。",
			"（二）行政能力目标",
			"根据市人社局给定内容，统一设置从严治党、依法履职等2个方面5条指标。",
			"附件：泉州半导体高新区管委会2023年度绩效目标考评表",
		),
	}
	form := model.Form{
		Title: title, Unit: "泉州半导体高新技术产业园区管理委员会", Date: "2023-09-26",
		Columns: model.Columns,
		Headers: map[string]string{model.ColCategory: "项目", model.ColID: "序号", model.ColBasis: "文件依据", model.ColIndicator: "一级指标",
			model.ColItem: "二级指标", model.ColWeight: "权重", model.ColDeadline: "完成时限", model.ColLeaders: "分管领导",
			model.ColDepartments: "责任部门", model.ColOwners: "责任人"},
		Categories: []model.Category{
			{Name: "重点工作目标", Group: "职能工作目标", Indicators: []model.Indicator{
				{ID: "1-1", Text: "统筹抓好全市半导体产业招商引资工作，完成招商指标任务", Points: f(4), Basis: basisGov, Items: []model.Item{
					item("1-1-1", "统筹抓好全市半导体产业招商引资工作，制定年度招商行动方案，年度对接洽谈项目5个以上。", 2, "12月底前", "洪武强", "经济发展科", "褚达志"),
					item("1-1-2", "大力招引龙头企业，实现半导体产业签约投资额20亿元以上项目至少1个。", 2, "12月底前", "洪武强", "经济发展科", "褚达志"),
				}},
				{ID: "1-2", Text: "实施龙头企业、强品牌、产业链专项行动，打造晋江集成电路、南安化合物半导体产业链", Points: f(5), Basis: basisGov, Items: []model.Item{
					item("1-2-1", "加快晋江分园区建设，加大力度招引产业链配套企业，签约至少10个项目。", 1, "12月底前", "林嘉达", "晋江分园区办事处", "丁少伟"),
					item("1-2-2", "推动南安分园区建设，坚持边建设边招商，打造化合物半导体产业链。", 2, "12月底前", "林燕斌", "南安分园区办事处", "吕金福"),
					item("1-2-3", "加快安溪分园区建设，加大产业招商力度，稳步推进光电产业链。", 2, "12月底前", "戴庆加", "安溪分园区办事处", "章振明"),
				}},
				{ID: "1-3", Text: "积极开展外参会参展，广泛开展赛事活动，提升园区知名度", Points: f(4), Basis: basisDuty, Items: []model.Item{
					item("1-3-1", "年内积极赴外考察、参会不少于3次，同步对接产业项目10个以上。", 2, "12月底前", "洪武强、戴庆加", "经济发展科、安溪分园区办事处", "褚达志、章振明"),
					item("1-3-2", "年内开展不少于2场的产业大型活动，邀请优质企业共同参与，同步推介园区。", 2, "12月底前", "林嘉达、林燕斌", "晋江分园区办事处、南安分园区办事处", "丁少伟、吕金福"),
				}},
			}},
			{Name: "常规工作目标", Group: "职能工作目标", Indicators: []model.Indicator{
				{ID: "2-1", Text: "加快园区载体项目建设，提升产业项目承载能力", Points: f(3), Basis: basisDuty, Items: []model.Item{
					item("2-1-1", "实现晋江芯智造产业园一期项目竣工，入驻企业超4家。", 1.5, "12月底前", "林嘉达", "晋江分园区办事处", "丁少伟"),
					item("2-1-2", "完成安溪芯园A地块标准厂房建设，签约3家以上企业。", 1.5, "12月底前", "戴庆加", "安溪分园区办事处", "章振明"),
				}},
				{ID: "2-2", Text: "开展园区环境保护工作，完成园区本级统计等方面工作", Points: f(3), Basis: basisDuty, Items: []model.Item{
					item("2-2-1", "开展园区污水零直排区建设工作，做好总体规划及环评报告修编。", 1.5, "12月底前", "戴庆加", "综合协调科", "杜团结"),
					item("2-2-2", "完成南安科创中心内外装修工程施工，签约2个招商项目。", 1.5, "12月底前", "林燕斌", "南安分园区办事处", "吕金福"),
				}},
			}},
			{Name: "行政能力", Indicators: []model.Indicator{
				{Text: "从严治党", Items: []model.Item{
					item("4-1", "全面落实从严治党主体责任、党委（党组）意识形态工作责任制。", 1, "12月底前", "戴庆加", "综合协调科", "杜团结"),
					item("4-2", "定期向市委办公室报送信息，完成信息报送任务。", 1, "12月底前", "戴庆加", "综合协调科", "杜团结"),
					item("4-3", "定期向市政府办公室报送信息，完成信息报送任务。", 1, "12月底前", "戴庆加", "综合协调科", "杜团结"),
				}},
				{Text: "依法履职", Items: []model.Item{
					item("5-1", "推进法治建设，降低行政诉讼败诉率，提高行政负责人出庭率。", 1, "12月底前", "戴庆加", "综合协调科", "杜团结"),
					item("5-2", "优化营商环境，完善社会信用体系。", 1, "12月底前", "洪武强", "经济发展科", "褚达志"),
				}},
			}},
			{Name: "文明创建", Points: f(6), Indicators: []model.Indicator{
				{Items: []model.Item{item("9-1", "开展文明创建工作。", 6, "12月底前", "戴庆加", "综合协调科", "杜团结")}},
			}},
			{Name: "平安建设", Points: f(6), Indicators: []model.Indicator{
				{Items: []model.Item{item("10-1", "开展平安建设工作（含安全生产和消防安全工作）。", 6, "12月底前", "戴庆加", "综合协调科", "杜团结")}},
			}},
		},
		Totals: []model.Total{
			{Label: "合计", Stated: f(19), Categories: []string{"重点工作目标", "常规工作目标"}},
			{Label: "项目小计", Stated: f(5), Categories: []string{"行政能力"}},
			{Label: "绩效目标考评得分", Stated: f(36)},
		},
	}
	return &model.Document{Schema: model.Schema, Source: model.Source{File: "seed-shaped.txt", Format: "txt"}, Notice: n, Forms: []model.Form{form}, Findings: []model.Finding{}}
}

// otherShaped has other departments, column names and category names, two
// owners per department in places, and no notice.
func otherShaped() *model.Document {
	form := model.Form{
		Title:   "某市交通运输局2024年度绩效考评表",
		Columns: []string{model.ColCategory, model.ColID, model.ColIndicator, model.ColItem, model.ColWeight, model.ColDeadline, model.ColLeaders, model.ColDepartments, model.ColOwners},
		Headers: map[string]string{model.ColCategory: "考评项目", model.ColID: "编号", model.ColIndicator: "考评指标", model.ColItem: "考评内容",
			model.ColWeight: "分值", model.ColDeadline: "完成时间", model.ColLeaders: "牵头领导", model.ColDepartments: "责任单位", model.ColOwners: "联系人",
			"extra:评分标准": "评分标准"},
		Categories: []model.Category{
			{Name: "职能目标", Points: f(60), Indicators: []model.Indicator{
				{ID: "1-1", Text: "推进农村公路提档升级，完善县乡村三级路网", Points: f(20), Items: []model.Item{
					item("1-1-1", "完成农村公路提级改造一百二十公里，年底前全部交工验收。", 10, "11月30日前", "欧阳明", "公路建设科", "宋佳怡"),
					item("1-1-2", "实施危桥改造十五座，消除安全隐患，保障群众出行安全。", 10, "第三季度末", "欧阳明", "公路建设科", "宋佳怡"),
				}},
				{ID: "1-2", Text: "提升城市公共交通服务水平，优化公交线网布局", Points: f(25), Items: []model.Item{
					item("1-2-1", "新辟及优化公交线路八条，中心城区公交站点覆盖率达到百分之九十。", 10, "10月中旬前", "孔祥瑞", "运输管理科", "马晓红"),
					item("1-2-2", "推广新能源公交车辆，更新车辆六十辆，淘汰老旧车辆。", 8, "年底前", "孔祥瑞", "运输管理科", "马晓红"),
					item("1-2-3", "开展出租汽车行业专项整治，查处违规经营行为并公开通报。", 7, "长期", "孔祥瑞、欧阳明", "运输管理科、执法支队", "马晓红、顾建平"),
				}},
				{ID: "1-3", Text: "加强交通运输安全生产监管，压实企业主体责任", Points: f(15), Items: []model.Item{
					item("1-3-1", "每季度开展安全生产检查，隐患整改率达到百分之百。", 7.5, "每季度", "韦国栋", "安全监督科", "邓雅琴"),
					item("1-3-2", "组织道路运输应急演练两次，提升突发事件处置能力。", 7.5, "2024年11月底前", "韦国栋", "安全监督科、执法支队", "邓雅琴、顾建平"),
				}},
			}},
			{Name: "共性目标", Points: f(40), Indicators: []model.Indicator{
				{ID: "2-1", Text: "党建引领与作风建设", Points: f(20), Items: []model.Item{
					item("2-1-1", "落实党风廉政建设责任制，开展廉政警示教育活动。", 10, "12月底前", "韦国栋", "机关党委", "苏文静"),
					item("2-1-2", "深化机关作风建设，办理群众来信来访满意率提高。", 10, "全年", "韦国栋", "机关党委", "苏文静"),
				}},
				{ID: "2-2", Text: "依法行政与政务公开", Points: f(20), Items: []model.Item{
					item("2-2-1", "规范行政执法程序，推行执法全过程记录制度。", 12, "6月30日前", "孔祥瑞", "法规科", "彭志远"),
					item("2-2-2", "按时公开财政预决算信息，回应社会关切事项。", 8, "9月底前", "孔祥瑞", "办公室", "曾丽娟"),
				}},
			}},
		},
		Totals: []model.Total{{Label: "总分", Stated: f(100)}},
	}
	return &model.Document{Schema: model.Schema, Source: model.Source{File: "other.xlsx", Format: "xlsx"}, Forms: []model.Form{form}, Findings: []model.Finding{}}
}
