package pdf

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// doc is the state shared by the pages of one document: the font cache and
// the budgets of the limits.
type doc struct {
	ctx   context.Context
	lim   limits
	fonts map[fontID]*font
	// byName caches the font a resource name stands for in a resources
	// dictionary: the library re-parses an indirect object on every Key,
	// and content streams repeat Tf constantly.
	byName map[fontID]*font
	// fontDicts caches each resources dictionary's /Font dictionary, parsed
	// once instead of once per font it names.
	fontDicts map[objID]lpdf.Value
	// names interns the resource names operands carry (Tf, Do, gs), so a
	// name read a thousand times is one string.
	names map[string]string
	// lexers are the content lexers of finished streams, kept for their
	// scratch memory.
	lexers []*contentLexer
	// legacy, in tests, tokenizes content streams with the library's
	// Interpret instead (TestContentLexer).
	legacy    func(w *walker, s lpdf.Value)
	inflate   *inflater // nil: the library inflates every stream
	budget    int64     // decoded stream bytes left
	ops       int       // content operators left
	images    int       // image XObjects and inline images painted
	glyphHint int       // glyphs on the page read last
	read      int       // pages read
	fills     int       // filled paths painted (outlined text is thousands)
}

func newDoc(ctx context.Context, lim limits) *doc {
	return &doc{ctx: ctx, lim: lim, fonts: map[fontID]*font{}, byName: map[fontID]*font{}, fontDicts: map[objID]lpdf.Value{},
		names: map[string]string{}, budget: lim.MaxBytes, ops: lim.MaxOps}
}

type fontID struct {
	obj  objID
	name string
}

// walker interprets the content of one page (and the forms it paints).
type walker struct {
	d     *doc
	pg    *page.Page
	gs    gstate
	stack []gstate
	path  path
	res   lpdf.Value
	resID objID     // idOf(res), looked up by reflection once per stream
	args  []operand // the current operator's, oldest first
	// forms lists the form XObjects being painted, against recursion.
	forms   []objID
	inImage bool
	// marked is the stack of open marked-content sequences (BMC/BDC … EMC).
	marked []markedSpan
	// imgs, when set, collects what the page paints for ImagePages.
	imgs *pageImages
}

// markedSpan is one open marked-content sequence: where its glyphs start
// and, when its properties carry one, its /ActualText.
type markedSpan struct {
	start  int
	actual string
	has    bool
}

// maxMarkedDepth bounds nested marked content, against a hostile stream.
const maxMarkedDepth = 64

// maxFormDepth bounds nesting of form XObjects.
const maxFormDepth = 12

func (w *walker) fail(err error) { panic(abort{err}) }

// run interprets one content stream with the given resources.
func (w *walker) run(content lpdf.Value, res lpdf.Value) {
	saved, savedID := w.res, w.resID
	w.res, w.resID = res, idOf(res)
	defer func() { w.res, w.resID = saved, savedID }()
	streams := []lpdf.Value{content}
	if content.Kind() == lpdf.Array {
		streams = streams[:0]
		for i := 0; i < content.Len(); i++ {
			streams = append(streams, content.Index(i))
		}
	}
	for _, s := range streams {
		if s.Kind() != lpdf.Stream {
			continue
		}
		// Each stream of a Contents array is interpreted on its own: read
		// together, the last token of one would glue to the first of the next.
		if w.d.legacy != nil {
			w.d.legacy(w, s)
		} else {
			w.interpret(s)
		}
		w.inImage = false
	}
}

func (w *walker) num(i int) float64 {
	if i < 0 || i >= len(w.args) {
		return 0
	}
	f := w.args[i].float()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// last returns the i-th operand counted from the end (0 = the last one),
// so that stray extra operands before an operator do not shift the rest.
func (w *walker) last(i int) operand {
	if i >= len(w.args) {
		return operand{}
	}
	return w.args[len(w.args)-1-i]
}

// nums returns the last n operands (n ≤ 6) as numbers.
func (w *walker) nums(n int) [6]float64 {
	var out [6]float64
	off := len(w.args) - n
	for i := range n {
		out[i] = w.num(off + i)
	}
	return out
}

// name returns a name operand's name, "" for anything else.
func (w *walker) name(o operand) string {
	if o.kind != okName {
		return ""
	}
	if s, ok := w.d.names[string(o.b)]; ok {
		return s
	}
	s := string(o.b)
	w.d.names[s] = s
	return s
}

// exec runs one operator on its operands, w.args.
func (w *walker) exec(op string) {
	w.d.ops--
	if w.d.ops < 0 {
		w.fail(fmt.Errorf("too many content operators: %w", errLimit))
	}
	if w.d.ops&4095 == 0 {
		if err := w.d.ctx.Err(); err != nil {
			w.fail(err)
		}
	}
	if w.inImage {
		// Inline image data is binary and tokenizes as noise until EI.
		if op == "EI" {
			w.inImage = false
		}
		return
	}
	gs := &w.gs
	ts := &gs.text
	switch op {
	case "q":
		if len(w.stack) >= maxStateDepth {
			return
		}
		w.stack = append(w.stack, *gs)
	case "Q":
		if n := len(w.stack); n > 0 {
			*gs = w.stack[n-1]
			w.stack = w.stack[:n-1]
		}
	case "cm":
		m := w.nums(6)
		nm := matrix{m[0], m[1], m[2], m[3], m[4], m[5]}.mul(gs.ctm)
		if nm.finite() {
			gs.ctm = nm
		}
	case "w":
		gs.lineWidth = math.Abs(w.num(len(w.args) - 1))
	case "gs":
		if lw := w.res.Key("ExtGState").Key(w.name(w.last(0))).Key("LW"); lw.Kind() == lpdf.Integer || lw.Kind() == lpdf.Real {
			gs.lineWidth = math.Abs(lw.Float64())
		}

	// Path construction, in device space.
	case "m":
		p := w.nums(2)
		w.path.move(gs.ctm.apply(p[0], p[1]))
	case "l":
		p := w.nums(2)
		w.path.line(gs.ctm.apply(p[0], p[1]))
	case "c":
		p := w.nums(6)
		w.path.curveTo(gs.ctm.apply(p[4], p[5]))
	case "v", "y":
		p := w.nums(4)
		w.path.curveTo(gs.ctm.apply(p[2], p[3]))
	case "h":
		w.path.close()
	case "re":
		p := w.nums(4)
		w.path.move(gs.ctm.apply(p[0], p[1]))
		w.path.line(gs.ctm.apply(p[0]+p[2], p[1]))
		w.path.line(gs.ctm.apply(p[0]+p[2], p[1]+p[3]))
		w.path.line(gs.ctm.apply(p[0], p[1]+p[3]))
		w.path.close()
	case "S", "s":
		w.painted()
		if op == "s" {
			w.path.close()
		}
		w.pg.Segments = w.path.stroke(gs.lineWidth*gs.ctm.scale(), w.pg.Segments, same)
		w.path.reset()
	case "f", "F", "f*":
		w.painted()
		w.d.fills++
		w.pg.Segments = w.path.fill(w.pg.Segments, same)
		w.path.reset()
	case "B", "B*", "b", "b*":
		w.painted()
		w.d.fills++
		if op[0] == 'b' {
			w.path.close()
		}
		w.pg.Segments = w.path.stroke(gs.lineWidth*gs.ctm.scale(), w.pg.Segments, same)
		w.path.reset()
	case "n":
		w.path.reset()
	case "W", "W*":
		// Clipping is not tracked: pdftotext keeps clipped text too.

	// Text.
	case "BT":
		ts.tm, ts.tlm = identity, identity
	case "ET":
	case "Tc":
		ts.charSp = w.num(len(w.args) - 1)
	case "Tw":
		ts.wordSp = w.num(len(w.args) - 1)
	case "Tz":
		ts.hscale = w.num(len(w.args)-1) / 100
	case "TL":
		ts.leading = w.num(len(w.args) - 1)
	case "Ts":
		ts.rise = w.num(len(w.args) - 1)
	case "Tr":
	case "Tf":
		ts.size = w.num(len(w.args) - 1)
		ts.fontName = w.name(w.last(1))
		ts.font = w.font(ts.fontName)
	case "Td":
		p := w.nums(2)
		w.td(p[0], p[1])
	case "TD":
		p := w.nums(2)
		ts.leading = -p[1]
		w.td(p[0], p[1])
	case "Tm":
		m := w.nums(6)
		nm := matrix{m[0], m[1], m[2], m[3], m[4], m[5]}
		if nm.finite() {
			ts.tm, ts.tlm = nm, nm
		}
	case "T*":
		w.td(0, -ts.leading)
	case "Tj":
		w.show(w.last(0).str())
	case "'":
		w.td(0, -ts.leading)
		w.show(w.last(0).str())
	case "\"":
		ts.wordSp = w.num(len(w.args) - 3)
		ts.charSp = w.num(len(w.args) - 2)
		w.td(0, -ts.leading)
		w.show(w.last(0).str())
	case "TJ":
		a := w.last(0)
		if a.kind != okArray {
			break
		}
		for _, x := range a.arr {
			switch x.kind {
			case okString:
				w.show(x.b)
			case okInt, okReal:
				adj := -x.num / 1000 * ts.size
				if ts.font != nil && ts.font.vertical {
					ts.tm = matrix{1, 0, 0, 1, 0, adj}.mul(ts.tm)
				} else {
					ts.tm = matrix{1, 0, 0, 1, adj * ts.hscale, 0}.mul(ts.tm)
				}
			}
		}

	// Marked content: a /Span with /ActualText gives the text of the glyphs
	// it encloses. Chromium writes a glyph its font shares between an
	// ideograph and a radical (户 and ⼾) with the radical in ToUnicode and
	// the ideograph as ActualText; pdftotext reads the ActualText.
	case "BMC", "BDC":
		if len(w.marked) < maxMarkedDepth {
			sp := markedSpan{start: len(w.pg.Glyphs)}
			if p := w.last(0); op == "BDC" && p.kind == okDict {
				if a, ok := p.key("ActualText"); ok && a.kind == okString {
					sp.actual, sp.has = textString(a.b), true
				}
			}
			w.marked = append(w.marked, sp)
		}
	case "EMC":
		if n := len(w.marked); n > 0 {
			sp := w.marked[n-1]
			w.marked = w.marked[:n-1]
			if sp.has {
				w.actualText(sp)
			}
		}

	// XObjects and images.
	case "Do":
		w.do(w.name(w.last(0)))
	case "BI":
		w.inImage = true
		w.d.images++
		if w.imgs != nil {
			w.imgs.inline++
		}
	}
}

func same(x, y float64) (float64, float64) { return x, y }

func (w *walker) td(tx, ty float64) {
	ts := &w.gs.text
	ts.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(ts.tlm)
	ts.tm = ts.tlm
}

// font returns the font named in the current resources, parsed once per
// document.
func (w *walker) font(name string) *font {
	rk := fontID{w.resID, name}
	if rk.obj.num != 0 {
		if f, ok := w.d.byName[rk]; ok {
			return f
		}
	}
	f := w.loadFont(name)
	if rk.obj.num != 0 {
		w.d.byName[rk] = f
	}
	return f
}

func (w *walker) loadFont(name string) *font {
	rid := w.resID
	fd, ok := w.d.fontDicts[rid]
	if !ok || rid.num == 0 {
		fd = w.res.Key("Font")
		if rid.num != 0 {
			w.d.fontDicts[rid] = fd
		}
	}
	// A font another page names the same way is usually the same object:
	// found by its reference, it is not parsed again (a Type 3 font's
	// dictionary, 256 widths and names, costs more to parse than its glyphs).
	if ref := entryRef(fd, name); ref.num != 0 {
		if f, ok := w.d.fonts[fontID{ref, name}]; ok {
			return f
		}
	}
	v := fd.Key(name)
	if v.Kind() != lpdf.Dict {
		return nil
	}
	id := fontID{idOf(v), name}
	if f, ok := w.d.fonts[id]; ok {
		return f
	}
	f := loadFont(v, &w.d.budget, w.d.inflate)
	w.d.fonts[id] = f
	return f
}

// show paints a string: one glyph per character code.
func (w *walker) show(b []byte) {
	ts := &w.gs.text
	f := ts.font
	if f == nil {
		return
	}
	asc, desc := f.ascent, f.descent
	for len(b) > 0 {
		k, n := f.next(b)
		raw := b[:n]
		b = b[n:]
		g := f.glyph(k, raw)
		var tx, ty float64
		var box [4]float64
		if f.vertical {
			// Vertical writing: the glyph hangs below its origin, centred.
			adv := f.dw2 / 1000
			box = [4]float64{-0.5, adv, 0.5, 0}
			ty = adv*ts.size + ts.charSp
		} else {
			box = [4]float64{0, desc, g.width, asc}
			tx = g.width * ts.size
			tx += ts.charSp
			if n == 1 && raw[0] == ' ' {
				tx += ts.wordSp
			}
			tx *= ts.hscale
		}
		// White space draws nothing: its glyph is not placed, only
		// advanced over.
		if g.ink {
			trm := matrix{ts.size * ts.hscale, 0, 0, ts.size, 0, ts.rise}.mul(ts.tm).mul(w.gs.ctm)
			w.emit(g.text, trm, box, f, ts)
		}
		ts.tm = matrix{1, 0, 0, 1, tx, ty}.mul(ts.tm)
	}
}

// emit adds a glyph of text (not white space: show leaves those out) to
// the page unless it is off the page.
func (w *walker) emit(text string, trm matrix, gb [4]float64, f *font, ts *textState) {
	if len(w.pg.Glyphs) >= w.d.lim.MaxGlyphs {
		w.fail(fmt.Errorf("more than %d glyphs on page %d: %w", w.d.lim.MaxGlyphs, w.pg.Number, errLimit))
	}
	x0, y0 := trm.apply(gb[0], gb[1])
	x1, y1 := trm.apply(gb[2], gb[3])
	x2, y2 := trm.apply(gb[0], gb[3])
	x3, y3 := trm.apply(gb[2], gb[1])
	b := model.Box{
		X0: math.Min(math.Min(x0, x1), math.Min(x2, x3)),
		Y0: math.Min(math.Min(y0, y1), math.Min(y2, y3)),
		X1: math.Max(math.Max(x0, x1), math.Max(x2, x3)),
		Y1: math.Max(math.Max(y0, y1), math.Max(y2, y3)),
	}
	if b.X1 < 0 || b.Y1 < 0 || b.X0 > w.pg.Width || b.Y0 > w.pg.Height || math.IsNaN(b.X0+b.Y0+b.X1+b.Y1) {
		return
	}
	w.pg.Glyphs = append(w.pg.Glyphs, page.Glyph{
		Text:     text,
		Box:      b,
		Font:     f.name,
		Size:     math.Hypot(trm[2], trm[3]),
		Vertical: f.vertical,
	})
}

// noInk reports text of white space and control characters only.
func noInk(text string) bool {
	for _, r := range text {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// actualText replaces the glyphs painted inside sp by its ActualText: one
// character per glyph when the counts agree, else the whole text on the
// first glyph, boxed over all of them. An empty ActualText says the glyphs
// are no text (pdftotext drops them too).
func (w *walker) actualText(sp markedSpan) {
	if sp.start > len(w.pg.Glyphs) {
		return
	}
	gs := w.pg.Glyphs[sp.start:]
	if len(gs) == 0 {
		return
	}
	text := []rune(strings.TrimSpace(unifyRadicals(sp.actual)))
	switch {
	case len(text) == 0:
		w.pg.Glyphs = w.pg.Glyphs[:sp.start]
	case len(text) == len(gs):
		for i := range gs {
			gs[i].Text = string(text[i])
		}
	default:
		b := gs[0].Box
		for _, g := range gs[1:] {
			b.X0, b.Y0 = math.Min(b.X0, g.Box.X0), math.Min(b.Y0, g.Box.Y0)
			b.X1, b.Y1 = math.Max(b.X1, g.Box.X1), math.Max(b.Y1, g.Box.Y1)
		}
		gs[0].Text, gs[0].Box = string(text), b
		w.pg.Glyphs = w.pg.Glyphs[:sp.start+1]
	}
}

// do paints an XObject: forms are interpreted with their matrix and
// resources; images are counted, to tell scans from empty pages.
func (w *walker) do(name string) {
	x := w.res.Key("XObject").Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		w.d.images++
		if w.imgs != nil {
			w.imgs.placed = append(w.imgs.placed, placement{ctm: w.gs.ctm, x: x})
		}
	case "Form":
		id := idOf(x)
		if len(w.forms) >= maxFormDepth {
			return
		}
		for _, f := range w.forms {
			if f == id {
				return // a form painting itself
			}
		}
		w.forms = append(w.forms, id)
		savedGS, savedStack, savedPath := w.gs, w.stack, w.path
		w.stack = nil
		w.path = path{}
		if m := x.Key("Matrix"); m.Len() == 6 {
			var fm matrix
			for i := range fm {
				fm[i] = m.Index(i).Float64()
			}
			if nm := fm.mul(w.gs.ctm); nm.finite() {
				w.gs.ctm = nm
			}
		}
		res := x.Key("Resources")
		if res.Kind() != lpdf.Dict {
			res = w.res
		}
		w.run(x, res)
		w.gs, w.stack, w.path = savedGS, savedStack, savedPath
		w.forms = w.forms[:len(w.forms)-1]
	}
}
