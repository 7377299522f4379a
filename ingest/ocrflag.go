package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// lowConfidence is the confidence under which a character, and the cell or
// element holding it, is reported for the clerk to check against the
// paper. A character's confidence is the recogniser's probability for it,
// with the probability it put on the other width of a mark whose width the
// page told (， and ,), 0.5 for a line's end character beside ink no
// character was read from (scan.unreadInk), and at most 1 − the
// probability the recogniser put on a character it did not read in a
// blank beside it with room for one (scan.lostChars: a 竣 dropped between
// two characters read at 0.99).
//
// Calibrated on the scan corpus (ingest/ocr_corpus_test.go: the clean200,
// scan200 and scan250 variants of three fixtures and two of calc-kaoping's,
// 1,617 item fields; scan150, scan300 and phone held out):
// wrong fields left without a low-confidence finding fall as the threshold
// rises up to 0.95 and not past it (0.97 caught none more), while the
// findings on fields read right grow; 0.95 is the highest that still
// catches more. A wrong field left unflagged is the worst outcome, so the
// threshold is the one with the fewest misses, not the fewest false flags.
const lowConfidence = 0.95

// ocrCell is one table cell of an OCR'd page with its least certain
// character.
type ocrCell struct {
	page   int
	box    model.Box
	text   string // squashed
	conf   float64
	worst  string
	glyphs []page.Glyph
}

// flagLowConfidence adds a low-confidence finding for every table cell and
// notice element read by OCR with a character below lowConfidence: on its
// form row and column where the cell is one of a row's fields, else on its
// page and box. Every OCR'd value stays in the output; this says which
// ones to check.
func flagLowConfidence(doc *model.Document, fl flow.Flow, pages []page.Page) {
	byNum := map[int]*page.Page{}
	for i := range pages {
		byNum[pages[i].Number] = &pages[i]
	}
	for _, fc := range fieldCells(doc, fl, byNum) {
		if fc.cell.conf < lowConfidence && (fc.loc.Form != nil || fc.cell.text != "") {
			doc.Findings = append(doc.Findings, lowFinding(fc.loc, fc.cell))
		}
	}
	if doc.Notice == nil {
		return
	}
	for _, el := range []string{"docNumber", "title", "recipients", "signer", "date"} {
		w, ok := doc.Notice.Where[el]
		if !ok || w.Page == nil || w.Box == nil || byNum[*w.Page] == nil {
			continue
		}
		conf, worst := minConf(byNum[*w.Page], *w.Box)
		if conf < lowConfidence {
			loc := model.Location{Element: el, Line: w.Line}
			doc.Findings = append(doc.Findings, lowFinding(loc, ocrCell{page: *w.Page, box: *w.Box, conf: conf, worst: worst}))
		}
	}
}

// fieldCell is an OCR'd table cell and where it is reported: on its form
// row and column, or (loc.Form nil) on no field.
type fieldCell struct {
	loc  model.Location
	cell ocrCell
}

// fieldCells pairs every OCR'd table cell of fl with the item field read
// from it; cells no field was read from come last, with an empty location.
func fieldCells(doc *model.Document, fl flow.Flow, byNum map[int]*page.Page) []fieldCell {
	var cells []ocrCell
	for _, b := range fl.Blocks {
		if !b.IsRow() || b.Ref.Page == nil {
			continue
		}
		p := byNum[*b.Ref.Page]
		if p == nil {
			continue
		}
		for _, c := range b.Cells {
			if c.Box == nil {
				continue
			}
			conf, worst := minConf(p, *c.Box)
			cells = append(cells, ocrCell{page: p.Number, box: *c.Box, text: squashText(c.Text), conf: conf, worst: worst, glyphs: glyphsIn(p, *c.Box)})
		}
	}
	var out []fieldCell
	used := make([]bool, len(cells))
	for fi, f := range doc.Forms {
		for _, cat := range f.Categories {
			for _, ind := range cat.Indicators {
				for _, it := range ind.Items {
					if it.Source.Page == nil || it.Source.Box == nil {
						continue
					}
					for _, fd := range rowFields(cat, ind, it) {
						j := findCell(cells, *it.Source.Page, *it.Source.Box, fd[1])
						if j < 0 || used[j] {
							continue
						}
						used[j] = true
						out = append(out, fieldCell{model.Location{Form: model.Int(fi), Row: it.ID, Column: fd[0]}, cells[j]})
					}
				}
			}
		}
	}
	for j, c := range cells {
		if !used[j] {
			out = append(out, fieldCell{model.Location{}, c})
		}
	}
	return out
}

// glyphsIn are the OCR glyphs of p centred in b.
func glyphsIn(p *page.Page, b model.Box) []page.Glyph {
	var out []page.Glyph
	for _, g := range p.Glyphs {
		cx, cy := (g.Box.X0+g.Box.X1)/2, (g.Box.Y0+g.Box.Y1)/2
		if g.Conf > 0 && cx >= b.X0 && cx <= b.X1 && cy >= b.Y0 && cy <= b.Y1 {
			out = append(out, g)
		}
	}
	return out
}

func lowFinding(loc model.Location, c ocrCell) model.Finding {
	loc.Page = model.Int(c.page)
	b := c.box
	loc.Box = &b
	pct := strconv.FormatFloat(c.conf, 'f', 2, 64)
	return model.Finding{
		Rule: model.RuleLowConfidence, Severity: model.SevWarning, At: loc,
		Values:    []string{c.worst, pct},
		Message:   fmt.Sprintf("此处由文字识别读出，「%s」识别把握不足（置信度 %s），请对照原件核对", c.worst, pct),
		MessageEn: fmt.Sprintf("read by OCR; the recogniser is unsure of 「%s」 (confidence %s): check it against the paper", c.worst, pct),
		Origin:    model.OriginIngest,
	}
}

// minConf is the lowest confidence of the OCR glyphs centred in b, and
// that glyph's text; 1 when b holds none.
func minConf(p *page.Page, b model.Box) (float64, string) {
	conf, worst := 1.0, ""
	for _, g := range p.Glyphs {
		cx, cy := (g.Box.X0+g.Box.X1)/2, (g.Box.Y0+g.Box.Y1)/2
		if g.Conf > 0 && g.Conf < conf && cx >= b.X0 && cx <= b.X1 && cy >= b.Y0 && cy <= b.Y1 {
			conf, worst = g.Conf, g.Text
		}
	}
	return conf, worst
}

// rowFields are an item row's columns with the text each was read from.
func rowFields(cat model.Category, ind model.Indicator, it model.Item) [][2]string {
	raw := func(col, v string) string {
		if r, ok := it.Raw[col]; ok {
			return r
		}
		return v
	}
	w := ""
	if it.Weight != nil {
		w = strconv.FormatFloat(*it.Weight, 'f', -1, 64)
	}
	indText := ind.Text
	if ind.Raw != "" {
		indText = ind.Raw
	}
	return [][2]string{
		{model.ColItem, it.Text}, {model.ColWeight, raw(model.ColWeight, w)}, {model.ColDeadline, it.Deadline},
		{model.ColLeaders, raw(model.ColLeaders, strings.Join(it.Leaders, ""))},
		{model.ColDepartments, raw(model.ColDepartments, strings.Join(it.Departments, ""))},
		{model.ColOwners, raw(model.ColOwners, strings.Join(it.Owners, ""))},
		{model.ColID, it.ID}, {model.ColIndicator, indText}, {model.ColBasis, ind.Basis}, {model.ColCategory, cat.Name},
	}
}

// findCell is the cell on page whose rows overlap box's and whose text is
// text: equal first, else the one that holds it.
func findCell(cells []ocrCell, pg int, box model.Box, text string) int {
	t := squashText(text)
	if t == "" {
		return -1
	}
	best := -1
	for j, c := range cells {
		if c.page != pg || c.box.Y1 <= box.Y0 || c.box.Y0 >= box.Y1 {
			continue
		}
		if c.text == t {
			return j
		}
		if best < 0 && strings.Contains(c.text, t) {
			best = j
		}
	}
	return best
}

// squashText drops spaces and list separators, which the form builder
// normalises and OCR places loosely.
func squashText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("、，,；;/", r) {
			return -1
		}
		return r
	}, s)
}
