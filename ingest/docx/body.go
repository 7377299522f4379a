package docx

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/flow"
)

// Limits on one document body, so that a hostile file cannot make the reader
// keep millions of cells or a huge cell text in memory.
const (
	maxBlocks    = 500000
	maxCols      = 512
	maxCellRunes = 1 << 20
)

// para is an open w:p.
type para struct {
	style   string
	numID   string
	ilvl    int
	hasNum  bool
	lines   []string
	cur     strings.Builder
	hidden  bool // the current run is w:vanish
	inPPr   bool
	inRPr   bool
	inRun   bool
	hasText bool
}

// cell is an open or finished w:tc.
type cell struct {
	col, span int
	vmerge    string // "", "restart" or "continue"
	paras     []string
	out       *flow.Cell // the emitted cell, whose RowSpan continuations grow
}

// table is an open w:tbl.
type table struct {
	rows   [][]*cell
	row    []*cell
	cell   *cell
	col    int // grid column of the next cell
	inTcPr bool
	inTrPr bool
}

type bodyReader struct {
	num    *numbering
	blocks []flow.Block
	paras  []*para
	tables []*table
	nTable int
	err    error
}

func (b *bodyReader) add(bl flow.Block) {
	if len(b.blocks) >= maxBlocks {
		b.err = errTooManyBlocks
		return
	}
	bl.Ref.Line = intp(len(b.blocks) + 1)
	b.blocks = append(b.blocks, bl)
}

var errTooManyBlocks = errors.New("too many paragraphs and rows")

func intp(n int) *int { return &n }

func val(t xml.StartElement) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			return a.Value, true
		}
	}
	return "", false
}

// run streams word/document.xml. Paragraphs become text blocks (with their
// Word numbering marker in front), body tables become rows with exact spans,
// and a table inside a cell is flattened into that cell's text, one nested row
// per line, because a 考评表 cell holding a small table is read by a person as
// text in that cell.
func (b *bodyReader) run(d *xml.Decoder) error {
	for b.err == nil {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := b.start(d, t); err != nil {
				return err
			}
		case xml.EndElement:
			b.end(t)
		case xml.CharData:
			// text is collected in start() for w:t
		}
	}
	return b.err
}

func (b *bodyReader) top() *para {
	if len(b.paras) == 0 {
		return nil
	}
	return b.paras[len(b.paras)-1]
}

func (b *bodyReader) tbl() *table {
	if len(b.tables) == 0 {
		return nil
	}
	return b.tables[len(b.tables)-1]
}

func (b *bodyReader) start(d *xml.Decoder, t xml.StartElement) error {
	p := b.top()
	switch t.Name.Local {
	case "Fallback", "del", "moveFrom", "instrText", "delText", "delInstrText",
		"footnoteReference", "endnoteReference", "commentReference", "rt",
		"pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange", "numberingChange":
		// mc:Fallback repeats mc:Choice's content for old readers; deleted
		// revisions, field codes, ruby (pinyin) text and the old properties
		// kept by tracked formatting changes are not what the page shows.
		return d.Skip()
	case "p":
		b.paras = append(b.paras, &para{ilvl: -1})
	case "pPr":
		if p != nil {
			p.inPPr = true
		}
	case "rPr":
		if p != nil {
			p.inRPr = true
		}
	case "pStyle":
		if p != nil && p.inPPr && !p.inRPr {
			p.style, _ = val(t)
		}
	case "ilvl":
		if p != nil && p.inPPr && !p.inRPr {
			if v, ok := val(t); ok {
				if n, err := strconv.Atoi(v); err == nil {
					p.ilvl = n
				}
			}
		}
	case "numId":
		if p != nil && p.inPPr && !p.inRPr {
			p.numID, _ = val(t)
			p.hasNum = true
		}
	case "r":
		if p != nil {
			p.inRun = true
			p.hidden = false
		}
	case "vanish":
		if p != nil && p.inRun && p.inRPr {
			v, ok := val(t)
			p.hidden = !ok || onOff(v)
		}
	case "t":
		var s string
		if err := d.DecodeElement(&s, &t); err != nil {
			return err
		}
		if p != nil && !p.hidden {
			b.write(p, s)
		}
	case "tab", "ptab":
		if p != nil && p.inRun && !p.hidden {
			b.write(p, " ")
		}
	case "br", "cr":
		if p != nil && p.inRun && !p.hidden {
			if v, _ := attrLocal(t, "type"); v == "page" || v == "column" {
				break
			}
			p.lines = append(p.lines, p.cur.String())
			p.cur.Reset()
		}
	case "noBreakHyphen":
		if p != nil && !p.hidden {
			b.write(p, "-")
		}
	case "sym":
		if p != nil && !p.hidden {
			if v, ok := attrLocal(t, "char"); ok {
				if n, err := strconv.ParseUint(v, 16, 32); err == nil {
					r := rune(n)
					// symbol fonts map to the private use area; those are
					// bullets and boxes, not text
					if r >= 0xF000 && r <= 0xF0FF {
						r -= 0xF000
					}
					if r >= 0x20 && utf8.ValidRune(r) && !unicode.Is(unicode.Co, r) {
						b.write(p, string(r))
					}
				}
			}
		}
	case "tbl":
		b.tables = append(b.tables, &table{})
	case "tr":
		if tb := b.tbl(); tb != nil {
			tb.row = nil
			tb.col = 0
		}
	case "trPr":
		if tb := b.tbl(); tb != nil {
			tb.inTrPr = true
		}
	case "gridBefore":
		if tb := b.tbl(); tb != nil && tb.inTrPr && tb.cell == nil {
			if v, ok := val(t); ok {
				if n, err := strconv.Atoi(v); err == nil && n > 0 && n < maxCols {
					tb.col = n
				}
			}
		}
	case "tc":
		if tb := b.tbl(); tb != nil {
			tb.cell = &cell{col: tb.col, span: 1}
		}
	case "tcPr":
		if tb := b.tbl(); tb != nil && tb.cell != nil {
			tb.inTcPr = true
		}
	case "gridSpan":
		if tb := b.tbl(); tb != nil && tb.cell != nil && tb.inTcPr {
			if v, ok := val(t); ok {
				if n, err := strconv.Atoi(v); err == nil && n > 1 && n < maxCols {
					tb.cell.span = n
				}
			}
		}
	case "vMerge":
		if tb := b.tbl(); tb != nil && tb.cell != nil && tb.inTcPr {
			v, _ := val(t)
			if v == "restart" {
				tb.cell.vmerge = "restart"
			} else {
				tb.cell.vmerge = "continue"
			}
		}
	case "hMerge":
		// Legacy horizontal merge (Word 2003 XML): a "continue" cell is
		// absorbed by the cell on its left.
		if tb := b.tbl(); tb != nil && tb.cell != nil && tb.inTcPr {
			if v, _ := val(t); v != "restart" {
				tb.cell.vmerge = "hcontinue"
			}
		}
	}
	return nil
}

func attrLocal(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (b *bodyReader) write(p *para, s string) {
	if p.cur.Len()+len(s) > maxCellRunes*4 {
		return
	}
	p.cur.WriteString(s)
	if strings.TrimSpace(s) != "" {
		p.hasText = true
	}
}

func (b *bodyReader) end(t xml.EndElement) {
	p := b.top()
	switch t.Name.Local {
	case "pPr":
		if p != nil {
			p.inPPr = false
		}
	case "rPr":
		if p != nil {
			p.inRPr = false
		}
	case "r":
		if p != nil {
			p.inRun = false
			p.hidden = false
		}
	case "p":
		if p == nil {
			return
		}
		b.paras = b.paras[:len(b.paras)-1]
		b.finishPara(p)
	case "trPr":
		if tb := b.tbl(); tb != nil {
			tb.inTrPr = false
		}
	case "tcPr":
		if tb := b.tbl(); tb != nil {
			tb.inTcPr = false
		}
	case "tc":
		tb := b.tbl()
		if tb == nil || tb.cell == nil {
			return
		}
		c := tb.cell
		tb.cell = nil
		tb.col += c.span
		if c.vmerge == "hcontinue" && len(tb.row) > 0 {
			prev := tb.row[len(tb.row)-1]
			prev.span += c.span
			prev.paras = append(prev.paras, c.paras...)
			return
		}
		if tb.col > maxCols {
			return
		}
		tb.row = append(tb.row, c)
	case "tr":
		if tb := b.tbl(); tb != nil {
			tb.rows = append(tb.rows, tb.row)
			tb.row = nil
		}
	case "tbl":
		tb := b.tbl()
		if tb == nil {
			return
		}
		b.tables = b.tables[:len(b.tables)-1]
		b.finishTable(tb)
	}
}

// finishPara renders a paragraph with its numbering marker and routes it to
// the innermost open container: the current table cell, or the body.
func (b *bodyReader) finishPara(p *para) {
	p.lines = append(p.lines, p.cur.String())
	numID, ilvl := p.numID, p.ilvl
	if !p.hasNum {
		if id, lv, ok := b.num.styles.numPr(p.style); ok {
			numID = id
			if ilvl < 0 { // the paragraph's own ilvl wins over its style's
				ilvl = lv
			}
			if ilvl < 0 {
				ilvl = b.num.levelFor(numID, p.style)
			}
		}
	}
	if ilvl < 0 {
		ilvl = 0
	}
	if numID != "" {
		if marker, suff, ok := b.num.next(numID, ilvl); ok && marker != "" {
			p.lines[0] = marker + sep(marker, suff, p.lines[0]) + strings.TrimLeft(p.lines[0], " ")
			p.hasText = true
		}
	}
	if !p.hasText {
		return
	}
	if tb := b.tbl(); tb != nil && tb.cell != nil {
		tb.cell.paras = append(tb.cell.paras, strings.Join(trimAll(p.lines), "\n"))
		return
	}
	for _, l := range p.lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		b.add(flow.Block{Text: l})
	}
}

func trimAll(ls []string) []string {
	out := ls[:0]
	for _, l := range ls {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// sep is what Word draws between a numbering marker and the paragraph text:
// the w:suff (tab by default, or space, or nothing). A tab after a marker that
// ends in CJK (一、 （一）) prints as no visible gap in a 公文, so it becomes
// nothing; after "1." it becomes one space, as a PDF shows it.
func sep(marker, suff, text string) string {
	if text == "" || suff == "nothing" {
		return ""
	}
	if suff == "space" {
		return " "
	}
	last, _ := utf8.DecodeLastRuneInString(marker)
	if last == utf8.RuneError || last > 0x2E80 {
		return ""
	}
	return " "
}

// finishTable turns a table's cells into rows with exact spans: gridSpan
// gives ColSpan; a vMerge=continue cell is not emitted but grows the RowSpan
// of the cell that started the merge at the same grid column.
func (b *bodyReader) finishTable(tb *table) {
	if parent := b.tbl(); parent != nil {
		b.flattenInto(parent, tb)
		return
	}
	open := map[int]*cell{} // grid column → the merged cell covering it
	id := b.nTable
	b.nTable++
	for _, row := range tb.rows {
		var cells []flow.Cell
		kept := map[int]bool{} // merges this row continues or starts
		for _, c := range row {
			text := strings.Join(c.paras, "\n")
			if c.vmerge == "continue" {
				if top := open[c.col]; top != nil && top.out != nil {
					top.out.RowSpan++
					if text != "" {
						top.out.Text = joinNonEmpty(top.out.Text, text)
					}
					kept[c.col] = true
					continue
				}
			}
			cells = append(cells, flow.Cell{Col: c.col, Text: text, RowSpan: 1, ColSpan: c.span})
			if c.vmerge == "restart" {
				open[c.col] = c
				kept[c.col] = true
			}
		}
		// a merge ends at the first row that does not continue it
		for col := range open {
			if !kept[col] {
				delete(open, col)
			}
		}
		if len(cells) == 0 {
			// every cell continues a merge: the row still exists in the grid
			cells = []flow.Cell{}
		}
		b.add(flow.Block{Cells: cells, Table: id})
		if b.err != nil {
			return
		}
		last := len(b.blocks) - 1
		for i := range b.blocks[last].Cells {
			fc := &b.blocks[last].Cells[i]
			for _, c := range row {
				if c.col == fc.Col && (c.vmerge == "restart") {
					c.out = fc
				}
			}
		}
	}
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "\n" + b
}

// flattenInto writes a nested table into the parent's current cell: one line
// per nested row, its cells separated by a space.
func (b *bodyReader) flattenInto(parent *table, tb *table) {
	if parent.cell == nil {
		return
	}
	for _, row := range tb.rows {
		var parts []string
		for _, c := range row {
			if s := strings.Join(c.paras, " "); s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) > 0 {
			parent.cell.paras = append(parent.cell.paras, strings.Join(parts, " "))
		}
	}
}
