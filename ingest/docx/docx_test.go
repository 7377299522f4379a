package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/golden"

	"github.com/google/go-cmp/cmp"
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
	"github.com/kaoping/kaoping/ingest/zipsafe/ziptest"
)

var update = flag.Bool("update", false, "rewrite the golden files from the fixtures")

const fixtures = "../../fixtures/docx"

// TestGolden reads the LibreOffice-made fixtures and compares the flow with
// the golden JSON beside them.
func TestGolden(t *testing.T) {
	for _, name := range []string{"notice", "form"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtures, name+".docx"))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Read(context.Background(), name+".docx", data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(f, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".flow.json"), append(got, '\n'), *update)
		})
	}
}

// TestNoticeNumbering checks the markers Word draws for the LibreOffice
// outline list (numFmt taiwaneseCountingThousand, suff nothing/space).
func TestNoticeNumbering(t *testing.T) {
	f := readFixture(t, "notice.docx")
	var heads []string
	for _, b := range f.Blocks {
		for _, p := range []string{"一、", "二、", "三、", "四、", "（一）", "（二）", "1. ", "2. "} {
			if strings.HasPrefix(b.Text, p) {
				heads = append(heads, p+"|"+firstRunes(strings.TrimPrefix(b.Text, p), 4))
			}
		}
	}
	want := []string{"一、|评估对象", "二、|评估内容", "（一）|职能工作", "1. |重点工作", "2. |无动态工", "（二）|行政能力",
		"三、|工作步骤", "（一）|设定工作", "（二）|分解落实", "四、|工作要求", "（一）|高度重视"}
	if d := cmp.Diff(want, heads); d != "" {
		t.Errorf("headings (-want +got):\n%s", d)
	}
}

// TestFormSpans checks the merged cells of the 考评表 against form.html.
func TestFormSpans(t *testing.T) {
	f := readFixture(t, "form.docx")
	if !f.ExactSpans {
		t.Fatal("ExactSpans is false")
	}
	type pos struct{ row, col int }
	got := map[pos][2]int{}
	texts := map[pos]string{}
	row := 0
	for _, b := range f.Blocks {
		if !b.IsRow() {
			continue
		}
		for _, c := range b.Cells {
			got[pos{row, c.Col}] = [2]int{c.RowSpan, c.ColSpan}
			texts[pos{row, c.Col}] = c.Text
		}
		row++
	}
	tests := []struct {
		row, col       int
		text           string
		rowSpan, colSp int
	}{
		{0, 0, "项目", 2, 1},
		{0, 1, "目标内容", 1, 5},
		{0, 6, "责任分解", 1, 4},
		{2, 0, "重点工作目标", 5, 1},
		{2, 2, "中共泉州市委办公室", 2, 1},
		{4, 3, "深化“抓创新促应用”", 3, 1},
		{7, 0, "项目小计", 1, 5},
		{8, 3, "全面落实从严治党", 1, 2},
		{8, 2, "从严治党", 2, 1},
		{11, 0, "单位主要领导", 1, 10},
	}
	for _, tc := range tests {
		p := pos{tc.row, tc.col}
		if sp, ok := got[p]; !ok || sp != [2]int{tc.rowSpan, tc.colSp} || !strings.HasPrefix(texts[p], tc.text) {
			t.Errorf("row %d col %d: got %q spans %v, want %q spans %d×%d", tc.row, tc.col, texts[p], sp, tc.text, tc.rowSpan, tc.colSp)
		}
	}
	// covered positions are absent
	for _, p := range []pos{{1, 0}, {3, 0}, {3, 2}, {5, 3}, {6, 3}, {9, 2}} {
		if _, ok := got[p]; ok {
			t.Errorf("row %d col %d is covered by a merge but was emitted", p.row, p.col)
		}
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

func readFixture(t *testing.T, name string) flow.Flow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// build makes a minimal DOCX from the given parts.
func build(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/numbering.xml", "word/styles.xml"} {
		s, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func doc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
}

func p(numID, ilvl, text string) string {
	np := ""
	if numID != "" {
		np = `<w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>`
	}
	return `<w:p>` + np + `<w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func lvl(i, fmt, text, extra string) string {
	return `<w:lvl w:ilvl="` + i + `"><w:start w:val="1"/><w:numFmt w:val="` + fmt + `"/><w:lvlText w:val="` + text + `"/>` + extra + `</w:lvl>`
}

// TestNumbering runs Word's counters on hand-written numbering.xml.
func TestNumbering(t *testing.T) {
	gongwen := `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0">` +
		lvl("0", "chineseCounting", "%1、", `<w:suff w:val="nothing"/>`) +
		lvl("1", "chineseCounting", "（%2）", `<w:suff w:val="nothing"/>`) +
		lvl("2", "decimal", "%3.", "") +
		lvl("3", "decimal", "（%4）", `<w:suff w:val="nothing"/>`) +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1">` + lvl("0", "ideographDigital", "%1", `<w:suff w:val="space"/>`) + lvl("1", "decimal", "%1.%2", `<w:isLgl/>`) + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2">` + lvl("0", "decimalEnclosedCircleChinese", "%1", `<w:suff w:val="nothing"/>`) + lvl("1", "lowerLetter", "%2)", `<w:lvlRestart w:val="0"/>`) + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="3">` + lvl("0", "bullet", "\uF0B7", "") + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>` +
		`</w:numbering>`
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"gongwen outline", p("1", "0", "总体要求") + p("1", "1", "指导思想") + p("1", "1", "目标") + p("1", "2", "加强领导") + p("1", "3", "细则") + p("1", "0", "主要任务") + p("1", "1", "重点"),
			[]string{"一、总体要求", "（一）指导思想", "（二）目标", "1. 加强领导", "（1）细则", "二、主要任务", "（一）重点"}},
		{"ten and more", strings.Repeat(p("1", "0", "项"), 12),
			[]string{"一、项", "二、项", "三、项", "四、项", "五、项", "六、项", "七、项", "八、项", "九、项", "十、项", "十一、项", "十二、项"}},
		{"ideograph digital and legal", p("2", "0", "甲") + p("2", "1", "乙"),
			[]string{"一 甲", "1.1 乙"}},
		{"start override", p("3", "0", "续"),
			[]string{"十、续"}},
		{"not numbered", p("0", "0", "正文") + p("", "", "正文"),
			[]string{"正文", "正文"}},
		{"circled, no restart", p("4", "0", "甲") + p("4", "1", "x") + p("4", "0", "乙") + p("4", "1", "y"),
			[]string{"①甲", "a) x", "②乙", "b) y"}},
		{"style numbering, paragraph level", `<w:p><w:pPr><w:pStyle w:val="H"/><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr><w:r><w:t>子项</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>大项</w:t></w:r></w:p>`,
			[]string{"（一）子项", "一、大项"}},
		{"symbol bullet", p("5", "0", "要点"),
			[]string{"• 要点"}},
		{"tracked formatting change", `<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>不再编号</w:t></w:r></w:p>`,
			[]string{"不再编号"}},
		{"unknown list", p("99", "0", "文字"),
			[]string{"文字"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			styles := `<w:styles ` + wNS + `><w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="H"><w:basedOn w:val="Base"/></w:style></w:styles>`
			data := build(t, map[string]string{"word/document.xml": doc(tc.body), "word/numbering.xml": gongwen, "word/styles.xml": styles})
			f, err := Read(context.Background(), "t.docx", data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range f.Blocks {
				got = append(got, b.Text)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		n    int
		fmt  string
		want string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"}, {21, "chineseCounting", "二十一"}, {100, "chineseCounting", "一百"},
		{101, "chineseCounting", "一百零一"}, {110, "chineseCounting", "一百一十"}, {1010, "chineseCountingThousand", "一千零一十"},
		{10, "ideographDigital", "一〇"}, {3, "ideographTraditional", "丙"}, {13, "ideographZodiac", "子"},
		{12, "chineseLegalSimplified", "壹拾贰"}, {23, "ideographLegalTraditional", "貳拾參"}, {7, "decimalFullWidth", "７"}, {3, "decimalEnclosedCircle", "③"},
		{21, "decimalEnclosedCircle", "21"}, {2, "decimalEnclosedParen", "⑵"}, {4, "decimalZero", "04"},
		{28, "lowerLetter", "bb"}, {14, "upperRoman", "XIV"}, {5, "none", ""}, {5, "ordinal", "5"},
	}
	for _, tc := range tests {
		if got := format(tc.n, tc.fmt); got != tc.want {
			t.Errorf("format(%d, %s) = %q, want %q", tc.n, tc.fmt, got, tc.want)
		}
	}
}

// TestTables checks spans on hand-written tables: gridBefore, a vMerge
// continue without restart, a nested table flattened into its cell, and the
// legacy hMerge.
func TestTables(t *testing.T) {
	tc := func(props, text string) string {
		return `<w:tc><w:tcPr>` + props + `</w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	nested := `<w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p><w:tbl><w:tr>` + tc("", "内1") + tc("", "内2") + `</w:tr><w:tr>` + tc("", "内3") + `</w:tr></w:tbl><w:p/></w:tc>`
	body := `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "A") + tc(`<w:gridSpan w:val="2"/>`, "B") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge/>`, "") + tc("", "C") + nested + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc(`<w:hMerge w:val="restart"/>`, "D") + tc(`<w:hMerge/>`, "") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge/>`, "E") + tc("", "F") + tc("", "G") + `</w:tr>` +
		`</w:tbl>` + p("", "", "表后")
	data := build(t, map[string]string{"word/document.xml": doc(body)})
	f, err := Read(context.Background(), "t.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []flow.Block{
		{Cells: []flow.Cell{{Col: 0, Text: "A", RowSpan: 2, ColSpan: 1}, {Col: 1, Text: "B", RowSpan: 1, ColSpan: 2}}},
		{Cells: []flow.Cell{{Col: 1, Text: "C", RowSpan: 1, ColSpan: 1}, {Col: 2, Text: "外\n内1 内2\n内3", RowSpan: 1, ColSpan: 1}}},
		{Cells: []flow.Cell{{Col: 1, Text: "D", RowSpan: 1, ColSpan: 2}}},
		{Cells: []flow.Cell{{Col: 0, Text: "E", RowSpan: 1, ColSpan: 1}, {Col: 1, Text: "F", RowSpan: 1, ColSpan: 1}, {Col: 2, Text: "G", RowSpan: 1, ColSpan: 1}}},
		{Text: "表后"},
	}
	for i := range f.Blocks {
		f.Blocks[i].Ref = want[0].Ref
	}
	if d := cmp.Diff(want, f.Blocks); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestRuns checks what a page shows of runs: hidden text, deleted revisions,
// field codes, the mc:Fallback copy, tabs and breaks.
func TestRuns(t *testing.T) {
	body := `<w:p><w:r><w:t xml:space="preserve">可见 </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>` +
		`<w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:tab/><w:t>后</w:t><w:br/><w:t>次行</w:t></w:r></w:p>` +
		`<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>不隐藏</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p><w:p/>` +
		`<w:p><w:r><w:ruby><w:rt><w:r><w:t>pīn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>拼</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>`
	data := build(t, map[string]string{"word/document.xml": doc(body)})
	f, err := Read(context.Background(), "t.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range f.Blocks {
		got = append(got, b.Text)
	}
	want := []string{"可见 插入3 后", "次行", "文本框", "不隐藏ü", "拼"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestErrors(t *testing.T) {
	deep := doc(strings.Repeat("<w:sdt>", 2000) + p("", "", "x") + strings.Repeat("</w:sdt>", 2000))
	tests := []struct {
		name string
		data []byte
		kind readerr.Kind
	}{
		{"not a zip", []byte("hello"), readerr.Corrupt},
		{"zip without document", build(t, map[string]string{"word/styles.xml": "<w:styles/>"}), readerr.Corrupt},
		{"broken xml", build(t, map[string]string{"word/document.xml": "<w:document " + wNS + "><w:body><w:p>"}), readerr.Corrupt},
		{"deep xml", build(t, map[string]string{"word/document.xml": deep}), readerr.TooLarge},
		{"zip bomb", ziptest.Bomb("word/document.xml", 64<<20), readerr.TooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readLimits(context.Background(), "t.docx", tc.data, zipsafe.Limits{MaxMember: 8 << 20, MaxDepth: 256})
			if err == nil {
				t.Fatal("no error")
			}
			if k := readerr.KindOf(err); k != tc.kind {
				t.Errorf("kind %v, want %v (%v)", k, tc.kind, err)
			}
		})
	}
}

func TestIsDOCX(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures, "form.docx"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := os.ReadFile(filepath.Join(fixtures, "form.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if !isDOCX(data) || isDOCX(x) || isDOCX([]byte("%PDF-1.7")) {
		t.Error("IsDOCX decides wrongly")
	}
}

// FuzzRead: any bytes give a flow whose cells have sane spans, or a
// classified error. The seeds are small hand-built documents (a notice with
// numbering, a 考评表 with merged cells, the runs and tables of the unit
// tests) and the hostile shapes: deep nesting, a member that inflates a
// thousandfold, entity expansion. The LibreOffice fixtures (6–7 KB, a few
// milliseconds an exec) are read by the golden tests.
func FuzzRead(f *testing.F) {
	tc := func(props, text string) string {
		return `<w:tc><w:tcPr>` + props + `</w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	row := func(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }
	form := p("", "", "附件") + p("", "", "2024年度绩效目标考评表") + `<w:tbl>` +
		row(tc("", "序号"), tc("", "一级指标"), tc("", "二级指标"), tc("", "权重"), tc("", "完成时限")) +
		row(tc("", "1-1"), tc(`<w:vMerge w:val="restart"/>`, "招商引资"), tc("", "签约项目10个。"), tc("", "2"), tc("", "6月底前")) +
		row(tc("", "1-2"), tc(`<w:vMerge/>`, ""), tc("", "举办对接会。"), tc("", "3"), tc(`<w:gridSpan w:val="2"/>`, "年底前")) +
		`</w:tbl>`
	num := `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0">` + lvl("0", "chineseCounting", "%1、", "") + lvl("1", "decimal", "%2.", "") +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	notice := p("", "", "某某局文件") + p("", "", "某发〔2024〕3号") + p("", "", "关于印发绩效目标的通知") + p("", "", "各科室：") +
		p("1", "0", "评估对象") + p("1", "1", "重点工作") + p("", "", "某某局") + p("", "", "2024年3月5日")
	f.Add(build(f, map[string]string{"word/document.xml": doc(notice + form), "word/numbering.xml": num}))
	f.Add(build(f, map[string]string{"word/document.xml": doc(form)}))
	f.Add(build(f, map[string]string{"word/document.xml": doc(p("1", "0", "x")), "word/numbering.xml": num}))
	f.Add(build(f, map[string]string{"word/document.xml": doc(`<w:p><w:r><w:t xml:space="preserve">可见 </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>` +
		`<w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:br/></w:r></w:p>`)}))
	f.Add(build(f, map[string]string{"word/document.xml": doc(strings.Repeat("<w:sdt>", 2000) + p("", "", "x") + strings.Repeat("</w:sdt>", 2000))}))
	f.Add(build(f, map[string]string{"word/document.xml": doc(`<w:tbl>` + strings.Repeat(`<w:tr><w:tc><w:tbl>`, 100) + strings.Repeat(`</w:tbl></w:tc></w:tr>`, 100) + `</w:tbl>`)}))
	f.Add(ziptest.Bomb("word/document.xml", 1<<20))
	f.Add(ziptest.Of("word/document.xml", ziptest.BillionLaughs))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := readLimits(context.Background(), "fuzz.docx", data, zipsafe.Limits{MaxMember: 4 << 20, MaxTotal: 16 << 20})
		if err != nil {
			if readerr.KindOf(err) == readerr.Unknown {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		for _, b := range fl.Blocks {
			for _, c := range b.Cells {
				if c.RowSpan < 1 || c.ColSpan < 1 {
					t.Fatalf("bad span %+v", c)
				}
			}
		}
	})
}

// TestNumStyleLink: an abstractNum that only links to a list style
// (w:numStyleLink) is numbered by the list the style points at.
func TestNumStyleLink(t *testing.T) {
	num := `<w:numbering ` + wNS + `>` +
		`<w:abstractNum w:abstractNumId="0">` + lvl("0", "chineseCounting", "%1、", `<w:suff w:val="nothing"/>`) + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="GongwenList"/></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`
	styles := `<w:styles ` + wNS + `><w:style w:type="numbering" w:styleId="GongwenList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`
	data := build(t, map[string]string{"word/document.xml": doc(p("2", "0", "甲") + p("2", "0", "乙")), "word/numbering.xml": num, "word/styles.xml": styles})
	f, err := Read(context.Background(), "t.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range f.Blocks {
		got = append(got, b.Text)
	}
	if d := cmp.Diff([]string{"一、甲", "二、乙"}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
