package model

// The names a person reads for a column and for a notice element, in
// Chinese and English: the header a form prints when it keeps none of its
// own, and what findings, the audit's messages, the renderers' lists of
// findings and the page call a place. Five copies of the column names and
// two of the element names (already different) became these two tables.
var (
	columnLabels = map[string][2]string{
		ColCategory: {"项目", "category"}, ColID: {"序号", "id"}, ColBasis: {"文件依据", "basis"},
		ColIndicator: {"一级指标", "indicator"}, ColItem: {"二级指标", "item"}, ColWeight: {"权重", "weight"},
		ColDeadline: {"完成时限", "deadline"}, ColLeaders: {"分管领导", "leaders"},
		ColDepartments: {"责任部门", "departments"}, ColOwners: {"责任人", "owners"},
		ColCriteria: {"评分标准", "scoring criteria"}, ColTarget: {"指标值", "target value"}, ColMethod: {"考核方式", "method"},
		ColPartners: {"配合单位", "partner units"}, ColRemarks: {"备注", "remarks"},
		ColSelfScore: {"自评分", "self-assessed score"}, ColScore: {"得分", "score"},
	}
	// Keys are the JSON names of Notice's fields (Location.Element).
	elementLabels = map[string][2]string{
		"issuerMark":  {"发文机关标志", "issuer mark"},
		"docNumber":   {"发文字号", "document number"},
		"title":       {"标题", "title"},
		"recipients":  {"主送机关", "addressees"},
		"outline":     {"正文层次", "outline"},
		"body":        {"正文", "body"},
		"attachments": {"附件说明", "attachments"},
		"signer":      {"落款", "signature (issuing authority)"},
		"date":        {"成文日期", "date of issue"},
		"dateText":    {"成文日期", "date of issue"},
	}
)

// ColumnLabel names column key (ColItem …) in Chinese, or English with en;
// a level column (LevelKey) is named by its level (三级指标 for level1); a
// key the contract does not name stays as it is.
func ColumnLabel(key string, en bool) string {
	if n := LevelIndex(key); n > 0 && n <= 7 {
		// level1 is the third level of its form (category, indicator, level1).
		if en {
			return "level " + itoa(n+2) + " indicator"
		}
		return string([]rune("三四五六七八九")[n-1]) + "级指标"
	}
	return label(columnLabels, key, en)
}

// ElementLabel names a notice element by its JSON key (signer …) in
// Chinese, or English with en; an unknown key stays as it is.
func ElementLabel(key string, en bool) string { return label(elementLabels, key, en) }

func label(m map[string][2]string, key string, en bool) string {
	l, ok := m[key]
	switch {
	case !ok:
		return key
	case en:
		return l[1]
	}
	return l[0]
}
