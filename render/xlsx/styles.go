package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/grid"
)

// Fonts. Excel has no font fallback list, so the body asks for 仿宋_GB2312
// with the GB2312 charset (134): Excel, WPS and LibreOffice then substitute
// a Chinese face when it is missing, and the workbook's default font is 宋体.
const (
	bodyFont     = "仿宋_GB2312"
	fallbackFont = "宋体"
	heiFont      = "黑体"
	bodySize     = 10.5 // 五号
)

var gb2312 = 134

// Fills by severity.
var fills = map[model.Severity]string{
	model.SevError:   "FFC7CE",
	model.SevWarning: "FFEB9C",
	model.SevInfo:    "DDEBF7",
}

// styles creates each cell style once per workbook.
type styles struct {
	f                                       *excelize.File
	attach, title, unit, date, sign, header int
	link, wrap                              int
	cache                                   map[styleKey]int
}

type styleKey struct {
	kind   grid.Kind
	sev    model.Severity
	suffix string
	mark   string // the kind of a diff's change on the cell
}

// markFills are the fills of a diff's changes, by kind; a removed row is
// also struck through in grey.
var markFills = map[string]string{
	diff.Changed: "FFE699",
	diff.Added:   "C6EFCE",
	diff.Moved:   "BDD7EE",
	diff.Removed: "E7E6E6",
}

func newStyles(f *excelize.File) *styles {
	s := &styles{f: f, cache: map[styleKey]int{}}
	s.attach = s.must(&excelize.Style{Font: font(heiFont, 16, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	s.title = s.must(&excelize.Style{Font: font(fallbackFont, 18, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.unit = s.must(&excelize.Style{Font: font(bodyFont, 12, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	s.date = s.must(&excelize.Style{Font: font(bodyFont, 12, false), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	s.sign = s.must(&excelize.Style{Font: font(bodyFont, 12, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	s.link = s.must(&excelize.Style{Font: &excelize.Font{Family: fallbackFont, Size: bodySize, Color: "0563C1", Underline: "single", Charset: &gb2312}, Border: borders(), Alignment: &excelize.Alignment{Vertical: "center"}})
	s.wrap = s.must(&excelize.Style{Font: font(fallbackFont, bodySize, false), Border: borders(), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	s.header = s.cell(grid.KindHeader, "", "")
	return s
}

// must creates a style; the inputs are constants, so an error is a bug in
// this file and the default style is the safe answer.
func (s *styles) must(st *excelize.Style) int {
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0
	}
	return id
}

func font(family string, size float64, bold bool) *excelize.Font {
	return &excelize.Font{Family: family, Size: size, Bold: bold, Charset: &gb2312}
}

func borders() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return b
}

// cell returns the style of a table cell of kind k, filled for severity sev
// ("" for none), a number printed with suffix after it (2分).
func (s *styles) cell(k grid.Kind, sev model.Severity, suffix string) int {
	return s.style(k, sev, suffix, "")
}

// style is cell with the fill of a diff's change of kind mark ("" for none),
// which wins over a finding's.
func (s *styles) style(k grid.Kind, sev model.Severity, suffix, mark string) int {
	sk := styleKey{k, sev, suffix, mark}
	if id, ok := s.cache[sk]; ok {
		return id
	}
	st := &excelize.Style{
		Border:    borders(),
		Font:      font(bodyFont, bodySize, false),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}
	switch k {
	case grid.KindHeader:
		st.Font = font(heiFont, 11, false)
	case grid.KindCategory:
		st.Alignment.TextRotation = 255 // stacked, read top to bottom
	case grid.KindText, grid.KindNote:
		st.Alignment.Horizontal = "left"
	case grid.KindBand:
		st.Alignment.Horizontal = "left"
		st.Font.Bold = true
	case grid.KindTotalLabel, grid.KindTotal:
		st.Font.Bold = true
	}
	if suffix != "" {
		q := `"` + strings.ReplaceAll(suffix, `"`, "") + `"`
		st.CustomNumFmt = &[]string{"General" + q}[0]
	}
	if c, ok := fills[sev]; ok {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	if c, ok := markFills[mark]; ok {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
		if mark == diff.Removed {
			st.Font.Strike = true
			st.Font.Color = "7F7F7F"
		}
	}
	id := s.must(st)
	s.cache[sk] = id
	return id
}
