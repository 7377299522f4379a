// Package columns is the one lexicon of 考核表 column headers: it maps a
// printed header cell to the role its column plays (category, indicator
// levels, item, criteria, weight, deadline, people, units, scores …), for
// every reader. Offices name the same column many ways (责任部门, 牵头单位,
// 责任科室; 权重, 分值, 权重分解（100%）), print it letter-spaced, broken over
// two lines, in full-width forms or with its unit, and stack two header rows;
// the lexicon folds all of that before it looks a word up, and where the
// words say nothing, the column's contents decide (Infer).
//
// A header the lexicon does not know is kept with its printed text (Role
// Other): the column is the form's own and is printed as such.
package columns

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/width"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cell"
)

// Role is what a column holds. The values are the keys of the output
// contract.
type Role string

const (
	other          Role = ""               // a column of the form's own, kept under its header
	group          Role = "group"          // a header over several columns (责任分解)
	Category       Role = "category"       // 项目, 类别, 考核项目
	CategoryPoints Role = "categoryPoints" // 权重占比设定: the category's weight
	ID             Role = "id"             // 序号
	Basis          Role = "basis"          // 文件依据
	Indicator      Role = "indicator"      // 一级/二级/三级指标, 评价指标 (Level says which)
	Item           Role = "item"           // 二级指标 in the seed's form, 考核内容, 工作任务
	Criteria       Role = "criteria"       // 评分标准, 考核标准, 目标要求
	Target         Role = "target"         // 指标值, 目标值
	Weight         Role = "weight"         // 权重, 分值
	Method         Role = "method"         // 考核方式
	Deadline       Role = "deadline"       // 完成时限, 时间节点
	Leaders        Role = "leaders"        // 分管领导, 责任领导
	Departments    Role = "departments"    // 责任部门, 牵头单位, 责任科室
	Partners       Role = "partners"       // 配合单位, 协办单位
	Owners         Role = "owners"         // 责任人, 具体责任人
	Remarks        Role = "remarks"        // 备注
	SelfScore      Role = "selfScore"      // 自评分
	Score          Role = "score"          // 得分, 考核得分
)

// Header is one header cell as the lexicon reads it.
type Header struct {
	Role Role
	// Level is 1 … 9 for 一级 … 九级指标 (1级指标 …), 0 where the header does not say.
	Level int
	// Unit is 分 or % where the header states it (分值（分）, 权重（%）).
	Unit string
	// Printed is the header as printed, runs of white space made one space.
	Printed string
	// Word is the header folded for matching (no spaces, half-width, unit removed).
	Word string
}

// words maps folded header words to roles. Words are matched whole after
// Fold; the patterns below catch the compounds.
var words = map[string]Role{
	"项目": Category, "项目类别": Category, "类别": Category, "考评项目": Category, "考核项目": Category, "指标类型": Category,
	"类型": Category, "考核类别": Category, "指标类别": Category, "考核维度": Category, "维度": Category, "板块": Category,
	"权重占比设定": CategoryPoints, "项目权重": CategoryPoints, "类别权重": CategoryPoints, "权重占比": CategoryPoints, "项目分值": CategoryPoints,
	"序号": ID, "编号": ID, "序": ID,
	"文件依据": Basis, "依据": Basis, "政策依据": Basis, "目标依据": Basis, "依据文件": Basis, "任务来源": Basis,
	"评价指标": Indicator, "考核指标": Indicator, "指标": Indicator, "指标名称": Indicator,
	"二级指标内容": Item,
	"考评内容":   Item, "考核内容": Item, "目标内容": Item, "工作目标": Item, "具体目标": Item, "指标内容": Item, "目标任务": Item,
	"工作任务": Item, "业务考核指标": Item, "工作内容": Item, "任务内容": Item, "考核事项": Item, "重点任务": Item, "具体任务": Item,
	"主要任务": Item, "工作事项": Item, "评价内容": Item, "绩效指标": Item,
	"评分标准": Criteria, "考核标准": Criteria, "评分细则": Criteria, "考评标准": Criteria, "计分方法": Criteria, "评分办法": Criteria,
	"目标要求": Criteria, "完成标准": Criteria, "扣分标准": Criteria, "评分规则": Criteria, "考核要求": Criteria, "工作要求": Criteria,
	"指标值": Target, "目标值": Target, "指标目标值": Target, "年度目标值": Target,
	"权重": Weight, "分值": Weight, "分数": Weight, "权重分值": Weight, "权重分解": Weight, "标准分": Weight, "满分": Weight,
	"考核分值": Weight, "分值权重": Weight, "权数": Weight,
	"考核方式": Method, "考评方法": Method, "考核方法": Method, "评价方式": Method, "考评方式": Method,
	"完成时限": Deadline, "时限": Deadline, "完成时间": Deadline, "时间节点": Deadline, "完成期限": Deadline, "时间要求": Deadline,
	"分管领导": Leaders, "牵头领导": Leaders, "责任领导": Leaders, "挂钩领导": Leaders, "分管负责人": Leaders, "领导": Leaders,
	"责任部门": Departments, "责任单位": Departments, "牵头单位": Departments, "责任科室": Departments, "牵头部门": Departments,
	"牵头科室": Departments, "责任处室": Departments, "主责单位": Departments, "承办单位": Departments, "责任主体": Departments,
	"配合单位": Partners, "配合部门": Partners, "协办单位": Partners, "配合科室": Partners, "协同单位": Partners, "参与单位": Partners,
	"责任人": Owners, "联系人": Owners, "具体责任人": Owners, "经办人": Owners, "具体负责人": Owners,
	"备注": Remarks, "说明": Remarks,
	"自评分": SelfScore, "自评得分": SelfScore, "自评": SelfScore, "自评分数": SelfScore,
	"得分": Score, "考核得分": Score, "考评得分": Score, "实际得分": Score, "评分": Score, "核定得分": Score,
	"责任分解": group, "考核评分": group, "目标": group, "责任": group, "评分情况": group,
}

// groupWords name a column only where no header below them does: over
// several columns in the upper row of a two-row header they name none.
var groupWords = map[string]bool{"目标内容": true, "考评内容": true, "考核内容": true, "目标任务": true, "责任分解": true, "考核评分": true, "考核得分": true, "评分情况": true, "目标": true, "责任": true, "责任主体": true}

var (
	levelRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([一二三四五六七八九1-9])级指标(?:名称|内容)?$`)
	})
	// unitRE is a unit or scale in brackets at the end of a header: (分),
	// (%), (100%), (满分100分), (单位:分).
	unitRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[(\[【](?:单位[:：]?)?(?:满分)?\s*(\d+(?:\.\d+)?)?\s*(%|分)?\s*[)\]】]$`)
	})
)

// needsFold reports whether width.Fold changes s: only full-width and
// half-width forms have another width (TestNeedsFold checks every rune).
// Most headers and cells are CJK and ASCII, and the transform allocates
// even when it leaves a string as it is.
func needsFold(s string) bool {
	for _, r := range s {
		if r < 0x3000 {
			continue // below U+3000 (ideographic space) no rune has a folded form
		}
		if k := width.LookupRune(r).Kind(); k == width.EastAsianFullwidth || k == width.EastAsianHalfwidth {
			return true
		}
	}
	return false
}

// fold returns a header as the lexicon matches it: full-width letters,
// digits and brackets made half-width, every white space (letter-spacing,
// line breaks) removed, a leading * or ※ removed.
func fold(s string) string {
	if needsFold(s) {
		s = width.Fold.String(s)
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '※' {
			return -1
		}
		return r
	}, s)
	return s
}

// Match reads one header cell.
func Match(printed string) Header {
	h := Header{Printed: strings.Join(strings.Fields(printed), " ")}
	w := fold(printed)
	if m := unitRE().FindStringSubmatchIndex(w); m != nil && m[0] > 0 {
		if m[4] >= 0 {
			h.Unit = w[m[4]:m[5]]
		}
		w = w[:m[0]]
	}
	if strings.HasSuffix(w, "%") {
		h.Unit, w = "%", strings.TrimSuffix(w, "%")
	}
	h.Word = w
	if m := levelRE().FindStringSubmatch(w); m != nil {
		h.Role = Indicator
		h.Level = slices.Index([]rune("一二三四五六七八九"), []rune(m[1])[0]) + 1
		if h.Level == 0 {
			h.Level = int(m[1][0] - '0')
		}
		return h
	}
	if r, ok := words[w]; ok {
		h.Role = r
		if r == Weight && h.Unit == "" && (strings.Contains(w, "分值") || strings.Contains(w, "分数") || strings.HasSuffix(w, "分")) {
			h.Unit = "分"
		}
		return h
	}
	h.Role = pattern(w)
	return h
}

// pattern names the role of a compound header the word list lacks, by its
// head word (the end of a Chinese compound names what it is).
func pattern(w string) Role {
	if w == "" || len([]rune(w)) > 12 {
		return other
	}
	has := func(s ...string) bool {
		for _, x := range s {
			if strings.Contains(w, x) {
				return true
			}
		}
		return false
	}
	ends := func(s ...string) bool {
		for _, x := range s {
			if strings.HasSuffix(w, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("自评"):
		return SelfScore
	case ends("标准", "细则", "办法", "规则"):
		return Criteria
	case ends("得分"):
		return Score
	case has("权重", "分值"):
		return Weight
	case ends("方式", "方法"):
		return Method
	case ends("时限", "期限", "节点", "时间"):
		return Deadline
	case ends("依据"):
		return Basis
	case ends("领导"):
		return Leaders
	case ends("责任人", "负责人", "联系人"):
		return Owners
	case has("配合", "协办", "协同", "参与") && ends("单位", "部门", "科室", "处室"):
		return Partners
	case ends("单位", "部门", "科室", "处室"):
		return Departments
	case ends("备注"):
		return Remarks
	case ends("指标值", "目标值"):
		return Target
	case ends("任务", "内容", "事项"):
		return Item
	}
	return other
}

// isKnown reports whether a header cell names a role or a group.
func isKnown(printed string) bool {
	r := Match(printed).Role
	return r != other
}

// count is how many cells of a row name a role or a group.
func count(cells []string) int {
	n := 0
	for _, c := range cells {
		if isKnown(c) {
			n++
		}
	}
	return n
}

// isGroupWord reports whether a header is one that, in the upper row of a
// two-row header, stands over several columns.
func isGroupWord(printed string) bool {
	h := Match(printed)
	return h.Role == group || groupWords[h.Word]
}

// totalWords mark a subtotal or total row.
var totalWords = []string{"合计", "小计", "总计", "得分", "总分"}

// HasTotalWord reports whether s, a cell of a row, holds a word that marks
// a subtotal or total row (合计, 小计, 总计, 得分, 总分), spaces ignored.
func HasTotalWord(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	for _, w := range totalWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// IsTotalRow reports whether the texts of a row's cells are those of a
// total row: a row without 序号 whose only cells (three at most) are a
// total word and a number (合计 … 68; 项目小计 … 20分). A criterion that
// says 不得分 holds a total word but is no total.
func IsTotalRow(texts []string) bool {
	var word, num bool
	n := 0
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		n++
		if model.IsSeq(t) {
			return false
		}
		if _, ok := cell.ParseNumber(t); ok {
			num = true
			continue
		}
		if HasTotalWord(t) {
			word = true
		}
	}
	return word && num && n <= 3
}

// idRE is a 序号 value (1-2-1, 4.1.2), which no header row holds.
var idRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{1,3}(?:[-－.．]\d{1,3})+$`) })

// numRE is a number, which no header row holds either.
var numRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[+-]?\d+(?:\.\d+)?\s*[分%]?$`) })

// IsHeader reports whether a row is (the first row of) a table header: at
// least two cells that name different roles (the upper row of a two-row
// header may have no more: 一级指标, 考核内容 over three columns, 佐证材料),
// most of its non-empty cells do, and none is a 序号 or a number.
func IsHeader(cells []string) bool {
	known, filled := 0, 0
	roles := map[Role]bool{}
	for _, c := range cells {
		t := strings.TrimSpace(c)
		if t == "" {
			continue
		}
		filled++
		f := fold(t)
		if idRE().MatchString(f) || numRE().MatchString(f) {
			return false
		}
		if h := Match(t); h.Role != other {
			known++
			roles[h.Role] = true
		}
	}
	return known >= 2 && len(roles) >= 2 && known*2 > filled
}

// IsSecondRow reports whether row is the second row of the header whose
// first row is top: every non-empty cell of it that is not the upper cell
// carried down (a merged header spans both rows) is a header word, and at
// least two are.
func IsSecondRow(top, row []string) bool {
	known := 0
	for i, c := range row {
		t := strings.TrimSpace(c)
		if t == "" || (i < len(top) && strings.TrimSpace(top[i]) == t) {
			continue
		}
		f := fold(t)
		if idRE().MatchString(f) || numRE().MatchString(f) || !isKnown(t) {
			return false
		}
		known++
	}
	return known >= 2
}

// HeaderRows is how many of a table's first rows (their cells' texts by
// column) are its header by the words: the first reads as a header
// (IsHeader), each next one as its second row (IsSecondRow), four at most.
func HeaderRows(rows [][]string) int {
	n := 0
	for i := 0; i < len(rows) && i < 4; i++ {
		if i == 0 && !IsHeader(rows[0]) || i > 0 && !IsSecondRow(rows[i-1], rows[i]) {
			break
		}
		n = i + 1
	}
	return n
}

// Read reads a header of one or two rows into one Header per position. The
// lower row names a column where both rows have a cell (a merged header
// reaches the lower row with the same text); the upper row names a position
// the lower leaves empty, unless it is a group word standing over the lower
// cells right of it (责任分解 over 分管领导, 责任部门, 责任人). A header the
// lexicon does not know is kept as printed (Other).
func Read(top, bottom []string) []Header {
	n := max(len(top), len(bottom))
	out := make([]Header, n)
	at := func(cells []string, i int) string {
		if i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
		return ""
	}
	for i := 0; i < n; i++ {
		b, t := at(bottom, i), at(top, i)
		switch {
		case b != "":
			out[i] = Match(b)
			if u := Match(t).Unit; t != "" && out[i].Unit == "" && u != "" {
				// A unit stated above (权重（%） over 权重分解) holds below.
				out[i].Unit = u
			}
		case t != "":
			if len(bottom) > 0 && isGroupWord(t) && groupSpans(top, bottom, i) {
				continue
			}
			out[i] = Match(t)
		}
		if out[i].Role == group {
			out[i].Role = other
		}
	}
	return out
}

// groupSpans reports whether the upper cell at i stands over lower cells
// (the position right of it is empty above and named below): it is a group
// header, not a column.
func groupSpans(top, bottom []string, i int) bool {
	return i+1 < len(top) && strings.TrimSpace(top[i+1]) == "" && i+1 < len(bottom) && strings.TrimSpace(bottom[i+1]) != ""
}
