package ofd

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// Limits on one page, so a hostile Content.xml cannot make the reader build
// millions of glyphs or path points.
const (
	maxGlyphsPerPage   = 200000
	maxSegmentsPerPage = 100000
	maxPathOps         = 200000
)

// defaultLineWidth is GB/T 33190's default stroke width, in mm.
const defaultLineWidth = 0.353

type xTextObject struct {
	Boundary string      `xml:"Boundary,attr"`
	CTM      string      `xml:"CTM,attr"`
	Font     string      `xml:"Font,attr"`
	Size     string      `xml:"Size,attr"`
	HScale   string      `xml:"HScale,attr"`
	ReadDir  string      `xml:"ReadDirection,attr"`
	TextCode []xTextCode `xml:"TextCode"`
}

type xTextCode struct {
	X      string `xml:"X,attr"`
	Y      string `xml:"Y,attr"`
	DeltaX string `xml:"DeltaX,attr"`
	DeltaY string `xml:"DeltaY,attr"`
	Text   string `xml:",chardata"`
}

type xPathObject struct {
	Boundary  string `xml:"Boundary,attr"`
	CTM       string `xml:"CTM,attr"`
	LineWidth string `xml:"LineWidth,attr"`
	DrawParam string `xml:"DrawParam,attr"`
	Stroke    string `xml:"Stroke,attr"`
	Fill      string `xml:"Fill,attr"`
	Data      string `xml:"AbbreviatedData"`
}

// pageState collects one page's objects while its content (and its
// templates' content) is streamed.
type pageState struct {
	pg     page.Page
	bgTpl  []string // template ids under the page content
	fgTpl  []string // template ids over it
	images int      // ImageObjects seen, to tell a scan from an empty page
	placed []placedImage
}

// page reads one page's Content.xml and the template pages it uses.
func (r *reader) page(num int, name string) (pg page.Page, images int, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = readerr.Newf(readerr.Corrupt, fmt.Errorf("panic: %v", p), "第 %d 页无法解析", "page %d cannot be parsed", num)
		}
	}()
	st := &pageState{}
	area := r.pageBox
	var main pageState
	if err := r.content(name, &main, &area, true); err != nil {
		return page.Page{}, 0, err
	}
	st.pg.Number = num
	st.pg.Width = area.w * ptPerMM
	st.pg.Height = area.h * ptPerMM
	// Background templates first, then the page, then foreground ones: the
	// painting order, which is also the order the producer wrote the text.
	for _, id := range main.bgTpl {
		if err := r.template(id, st); err != nil {
			return page.Page{}, 0, err
		}
	}
	st.images += main.images
	st.placed = appendOwned(st.placed, main.placed)
	st.pg.Glyphs = appendOwned(st.pg.Glyphs, main.pg.Glyphs)
	st.pg.Segments = appendOwned(st.pg.Segments, main.pg.Segments)
	for _, id := range main.fgTpl {
		if err := r.template(id, st); err != nil {
			return page.Page{}, 0, err
		}
	}
	// Shift everything by the PhysicalBox origin: coordinates in Content.xml
	// are in the page's space, whose origin the box may move.
	if area.x != 0 || area.y != 0 {
		for i := range st.pg.Glyphs {
			b := &st.pg.Glyphs[i].Box
			b.X0 -= area.x * ptPerMM
			b.X1 -= area.x * ptPerMM
			b.Y0 -= area.y * ptPerMM
			b.Y1 -= area.y * ptPerMM
		}
		for i := range st.pg.Segments {
			s := &st.pg.Segments[i]
			s.X0 -= area.x * ptPerMM
			s.X1 -= area.x * ptPerMM
			s.Y0 -= area.y * ptPerMM
			s.Y1 -= area.y * ptPerMM
		}
	}
	for i := range st.placed {
		st.placed[i].m.e -= area.x
		st.placed[i].m.f -= area.y
	}
	if r.collect {
		r.placed = append(r.placed, st.placed)
	}
	return st.pg, st.images, nil
}

// appendOwned is append(dst, src...) for a src nothing else holds: with
// no background template before it, the page's own objects are the page's
// slice as they are, not a copy (most pages have no template).
func appendOwned[T any](dst, src []T) []T {
	if len(dst) == 0 {
		return src
	}
	return append(dst, src...)
}

func (r *reader) template(id string, st *pageState) error {
	t, ok := r.templates[id]
	if !ok || strings.TrimSpace(t.BaseLoc) == "" {
		return nil // a dangling template reference draws nothing
	}
	name := r.resolve(r.docDir, t.BaseLoc)
	if !r.zr.Has(name) {
		return nil
	}
	var area box
	return r.content(name, st, &area, false)
}

// content streams one Content.xml, appending glyphs and segments to st in
// document order. isPage is false for template pages, whose own template
// references are ignored (templates do not nest). It walks a
// zipsafe.Cursor, which gives what xml.Decoder.Token gives (every error
// too) without an interface and a namespace translation per token.
func (r *reader) content(name string, st *pageState, area *box, isPage bool) error {
	c, err := r.zr.Cursor(name)
	if err != nil {
		return err
	}
	// Room for the glyphs at once: a page's slice grown by appends, a
	// thousand glyphs of 88 bytes, allocated and copied about twice its
	// size on the way.
	st.pg.Glyphs = slices.Grow(st.pg.Glyphs, min(glyphRoom(c.Source()), maxGlyphsPerPage))
	var layerParam []string // DrawParam of the enclosing layers
	for {
		k, err := c.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return r.xmlErr(name, err)
		}
		switch k {
		case zipsafe.StartElement:
			switch c.Local() {
			case "PhysicalBox":
				s, err := c.OwnText()
				if err != nil {
					return r.corrupt(err, name+" 的 PhysicalBox 无效", "bad PhysicalBox in "+name)
				}
				if b := parseBox(s); b.w > 0 && b.h > 0 {
					*area = b
				}
			case "Template":
				if isPage {
					id, z := c.AttrValue("TemplateID"), c.AttrValue("ZOrder")
					if strings.EqualFold(z, "Foreground") {
						st.fgTpl = append(st.fgTpl, id)
					} else {
						st.bgTpl = append(st.bgTpl, id)
					}
				}
				if err := c.Skip(); err != nil {
					return r.corrupt(err, name+" 不完整", name+" is incomplete")
				}
			case "Layer":
				layerParam = append(layerParam, c.AttrValue("DrawParam"))
			case "TextObject":
				o, err := decodeTextObject(c)
				if err != nil {
					return r.xmlErr(name, err)
				}
				if err := r.text(o, st); err != nil {
					return err
				}
			case "PathObject":
				o, err := decodePathObject(c)
				if err != nil {
					return r.xmlErr(name, err)
				}
				inherit := ""
				if len(layerParam) > 0 {
					inherit = layerParam[len(layerParam)-1]
				}
				if err := r.path(o, inherit, st); err != nil {
					return err
				}
			case "ImageObject":
				st.images++
				o, err := decodeImageObject(c)
				if err != nil {
					return r.xmlErr(name, err)
				}
				if r.collect && len(st.placed) < maxImagesPerPage {
					st.placed = append(st.placed, imageAt(o))
				}
			case "CompositeObject", "Actions", "Clips":
				if err := c.Skip(); err != nil {
					return r.xmlErr(name, err)
				}
			}
		case zipsafe.EndElement:
			if c.Local() == "Layer" && len(layerParam) > 0 {
				layerParam = layerParam[:len(layerParam)-1]
			}
		}
	}
}

// glyphRoom estimates the glyphs a Content.xml places: the characters
// after each TextCode tag up to the next tag. It only sizes a slice: a
// wrong guess costs an allocation, never a glyph.
func glyphRoom(src string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(src[i:], "TextCode")
		if j < 0 {
			return n
		}
		i += j + len("TextCode")
		k := strings.IndexByte(src[i:], '>')
		if k < 0 {
			return n
		}
		i += k + 1
		e := strings.IndexByte(src[i:], '<')
		if e < 0 {
			e = len(src) - i
		}
		n += utf8.RuneCountInString(src[i : i+e])
		i += e
	}
}

// decodeTextObject reads the TextObject just started, as DecodeElement
// would into an xTextObject (attributes and the TextCode children by their
// local names, the last of a repeated attribute winning, each TextCode's
// own character data), without reflection: a page's thousands of text and
// path objects made the decoder's reflection a fifth of reading an OFD.
func decodeTextObject(c *zipsafe.Cursor) (xTextObject, error) {
	var o xTextObject
	c.Attrs(textObjectAttrs, &o.Boundary, &o.CTM, &o.Font, &o.Size, &o.HScale, &o.ReadDir)
	err := children(c, func() error {
		if c.Local() != "TextCode" {
			return c.Skip()
		}
		var tc xTextCode
		c.Attrs(textCodeAttrs, &tc.X, &tc.Y, &tc.DeltaX, &tc.DeltaY)
		var err error
		tc.Text, err = c.OwnText()
		o.TextCode = append(o.TextCode, tc)
		return err
	})
	return o, err
}

// decodePathObject reads the PathObject just started, as DecodeElement
// would into an xPathObject (see decodeTextObject): the last
// AbbreviatedData child's own text is the path.
func decodePathObject(c *zipsafe.Cursor) (xPathObject, error) {
	var o xPathObject
	c.Attrs(pathObjectAttrs, &o.Boundary, &o.CTM, &o.LineWidth, &o.DrawParam, &o.Stroke, &o.Fill)
	err := children(c, func() error {
		if c.Local() != "AbbreviatedData" {
			return c.Skip()
		}
		var err error
		o.Data, err = c.OwnText()
		return err
	})
	return o, err
}

// decodeImageObject reads the ImageObject just started, as DecodeElement
// would into an xImageObject: its attributes, every child skipped.
func decodeImageObject(c *zipsafe.Cursor) (xImageObject, error) {
	var o xImageObject
	c.Attrs(imageObjectAttrs, &o.Boundary, &o.CTM, &o.ResourceID)
	return o, c.Skip()
}

// The attributes the decoders read, by local name, in the order of
// Attrs' destinations.
var (
	textObjectAttrs  = []string{"Boundary", "CTM", "Font", "Size", "HScale", "ReadDirection"}
	textCodeAttrs    = []string{"X", "Y", "DeltaX", "DeltaY"}
	pathObjectAttrs  = []string{"Boundary", "CTM", "LineWidth", "DrawParam", "Stroke", "Fill"}
	imageObjectAttrs = []string{"Boundary", "CTM", "ResourceID"}
)

// children calls each at every child element of the element just
// started, up to its end; each must consume the child up to its end.
func children(c *zipsafe.Cursor, each func() error) error {
	for {
		k, err := c.Next()
		if err != nil {
			return err
		}
		switch k {
		case zipsafe.StartElement:
			if err := each(); err != nil {
				return err
			}
		case zipsafe.EndElement:
			return nil
		}
	}
}

func (r *reader) xmlErr(name string, err error) error {
	var ie *readerr.Error
	if errors.As(err, &ie) {
		return err
	}
	return r.corrupt(err, fmt.Sprintf("%s 不是有效的 XML", name), fmt.Sprintf("%s is not valid XML", name))
}

func finiteBox(b model.Box) bool {
	for _, v := range []float64{b.X0, b.Y0, b.X1, b.Y1} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func num(s string, def float64) float64 {
	v, ok := parseNum(strings.TrimSpace(s))
	if !ok {
		return def
	}
	return v
}

func (r *reader) tooManyObjects(what string) error {
	return readerr.New(readerr.TooLarge, nil, "一页中的"+what+"过多", "too many "+map[string]string{"字符": "glyphs", "线段": "path segments"}[what]+" on one page")
}

// text places each character of a TextObject: TextCode X/Y is the first
// character's baseline origin in the object's space, DeltaX/DeltaY the steps
// to the next ones; CTM maps object space into the Boundary, whose origin is
// in page space. Everything is in mm until the final conversion to points.
func (r *reader) text(o xTextObject, st *pageState) error {
	bd := parseBox(o.Boundary)
	m := parseCTM(o.CTM)
	size := num(o.Size, 0)
	if size <= 0 {
		size = 3.528 // 10 pt, when a producer omits the size
	}
	hs := num(o.HScale, 1)
	if hs <= 0 {
		hs = 1
	}
	font := r.fonts[o.Font]
	eff := size * m.vscale() * ptPerMM
	var x, y float64
	for _, tc := range o.TextCode {
		// A TextCode without X or Y continues where the previous one ended.
		x = num(tc.X, x)
		y = num(tc.Y, y)
		n := utf8.RuneCountInString(tc.Text)
		dx := deltas(tc.DeltaX, n-1)
		dy := deltas(tc.DeltaY, n-1)
		vertical := len(dy) > 0 && len(dx) == 0 && n > 1
		i := 0
		for at, ch := range tc.Text {
			// A glyph's width is only guessed when DeltaX does not give it.
			est := size
			if !cjk.Wide(ch) {
				est = size / 2
			}
			w := est * hs
			step := w
			if i < len(dx) {
				step = dx[i]
				if step > 0 && step < w {
					w = step
				}
			} else if vertical {
				step = 0
			}
			stepY := 0.0
			if i < len(dy) {
				stepY = dy[i]
			}
			if !unicode.IsSpace(ch) && ch != 0 {
				if len(st.pg.Glyphs) >= maxGlyphsPerPage {
					return r.tooManyObjects("字符")
				}
				var x0, y0, x1, y1 float64
				if vertical {
					x0, x1 = x-size/2, x+size/2
					y0, y1 = y-size*0.88, y+size*0.12
				} else {
					x0, x1 = x, x+w
					y0, y1 = y-size*0.88, y+size*0.12
				}
				// Finite positions can still overflow on the way (1e308
				// advanced by 1e308): such a glyph is on no page, and a
				// NaN box would poison every distance the layout takes.
				if b := bbox(m, bd, x0, y0, x1, y1); finiteBox(b) {
					// The character's own bytes in the TextCode, no new
					// string; an invalid byte is U+FFFD, as string(ch).
					text := tc.Text[at : at+utf8.RuneLen(ch)]
					if ch == utf8.RuneError {
						text = string(ch)
					}
					st.pg.Glyphs = append(st.pg.Glyphs, page.Glyph{Text: text, Box: b, Font: font, Size: round2(eff), Vertical: vertical})
				}
			}
			x += step
			y += stepY
			i++
		}
	}
	return nil
}

// bbox maps an object-space rectangle through the CTM and the Boundary origin
// and returns its bounding box in points.
func bbox(m matrix, bd box, x0, y0, x1, y1 float64) model.Box {
	xs := [4]float64{}
	ys := [4]float64{}
	xs[0], ys[0] = m.apply(x0, y0)
	xs[1], ys[1] = m.apply(x1, y0)
	xs[2], ys[2] = m.apply(x0, y1)
	xs[3], ys[3] = m.apply(x1, y1)
	minX, maxX, minY, maxY := xs[0], xs[0], ys[0], ys[0]
	for i := 1; i < 4; i++ {
		minX, maxX = math.Min(minX, xs[i]), math.Max(maxX, xs[i])
		minY, maxY = math.Min(minY, ys[i]), math.Max(maxY, ys[i])
	}
	return model.Box{
		X0: round2((bd.x + minX) * ptPerMM), Y0: round2((bd.y + minY) * ptPerMM),
		X1: round2((bd.x + maxX) * ptPerMM), Y1: round2((bd.y + maxY) * ptPerMM),
	}
}

// round2 keeps two decimals: positions finer than 1/100 pt mean nothing and
// make golden files noisy.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
