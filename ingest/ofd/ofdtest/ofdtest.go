// Package ofdtest writes small OFD files for tests: pages of text objects and
// ruling lines in millimetres, laid out the way OFD producers write them
// (one TextObject per line of text with a Boundary, DeltaX with the "g N v"
// shorthand, PathObjects with AbbreviatedData), and a ruled 考评表 laid out
// from table rows with spans. It exists so that the OFD reader can be tested
// on documents whose every glyph position is known.
package ofdtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// Text is one line of text: its baseline starts at (X, Y) mm on the page and
// each character advances by its Advance (one em for CJK, half an em for
// ASCII, as a producer with a CJK font writes DeltaX).
type Text struct {
	X, Y float64
	Size float64
	Text string
}

// Advance is the width Write gives character r at size mm.
func Advance(r rune, size float64) float64 {
	if r < 0x80 {
		return size / 2
	}
	return size
}

// Line is a stroked ruling line in mm.
type Line struct {
	X0, Y0, X1, Y1 float64
	Width          float64
}

// Bar is a filled rectangle in mm (a ruling drawn as a thin bar, as many
// OFD producers draw table borders), written fill-only.
type Bar struct {
	X, Y, W, H float64
}

// Page is one page: size in mm and its content. Template, when set, is drawn
// as a background template page (TPLS) under the page's own content.
// BarScale, when set, writes each bar's path in units of 1/BarScale mm under
// a CTM scaling it back (a producer that works in its own units), so that a
// reader must apply the CTM before it can tell a bar is thin.
type Page struct {
	W, H     float64
	Texts    []Text
	Lines    []Line
	Bars     []Bar
	BarScale float64
	Template *Page
	// Images are drawn first, as scanner software writes a page: one
	// ImageObject of the page's picture and no text.
	Images []Image
}

// Image is an ImageObject: the image file (Data, in Format: "JPEG",
// "PNG", …) drawn into the box X, Y, W, H mm, by a CTM "W 0 0 H 0 0" over a
// Boundary at the box.
type Image struct {
	X, Y, W, H float64
	Data       []byte
	Format     string
}

// Write encodes pages as an OFD container.
func Write(pages []Page) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + body))
		return err
	}
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	if err := put("OFD.xml", `<ofd:OFD `+ns+` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>ofdtest</ofd:DocID><ofd:Title>ofdtest</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`); err != nil {
		return nil, err
	}
	var pagesXML, tplXML, media strings.Builder
	id := 100
	// Image resources first: their IDs are referenced by the pages.
	nimg := 0
	imgIDs := make([][]int, len(pages))
	for i := range pages {
		for _, im := range pages[i].Images {
			id++
			imgIDs[i] = append(imgIDs[i], id)
			ext := strings.ToLower(im.Format)
			if ext == "jpeg" {
				ext = "jpg"
			}
			file := fmt.Sprintf("Image_%d.%s", nimg, ext)
			nimg++
			fmt.Fprintf(&media, `<ofd:MultiMedia ID="%d" Type="Image" Format="%s"><ofd:MediaFile>%s</ofd:MediaFile></ofd:MultiMedia>`, id, im.Format, file)
			w, err := zw.Create("Doc_0/Res/" + file)
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(im.Data); err != nil {
				return nil, err
			}
		}
	}
	for i, p := range pages {
		id++
		fmt.Fprintf(&pagesXML, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, id, i)
		tpl := ""
		if p.Template != nil {
			id++
			fmt.Fprintf(&tplXML, `<ofd:TemplatePage ID="%d" BaseLoc="Tpls/Tpl_%d/Content.xml"/>`, id, i)
			tpl = fmt.Sprintf(`<ofd:Template TemplateID="%d" ZOrder="Background"/>`, id)
			if err := put(fmt.Sprintf("Doc_0/Tpls/Tpl_%d/Content.xml", i), content(*p.Template, "", &id, nil)); err != nil {
				return nil, err
			}
		}
		if err := put(fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), content(p, tpl, &id, imgIDs[i])); err != nil {
			return nil, err
		}
	}
	doc := `<ofd:Document ` + ns + `><ofd:CommonData><ofd:MaxUnitID>` + strconv.Itoa(id+1) + `</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>` + docRes(media.Len() > 0) +
		tplXML.String() + `</ofd:CommonData><ofd:Pages>` + pagesXML.String() + `</ofd:Pages></ofd:Document>`
	if err := put("Doc_0/Document.xml", doc); err != nil {
		return nil, err
	}
	res := `<ofd:Res ` + ns + ` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="仿宋_GB2312"/></ofd:Fonts><ofd:DrawParams><ofd:DrawParam ID="2" LineWidth="0.25"/></ofd:DrawParams></ofd:Res>`
	if err := put("Doc_0/PublicRes.xml", res); err != nil {
		return nil, err
	}
	if media.Len() > 0 {
		if err := put("Doc_0/DocumentRes.xml", `<ofd:Res `+ns+` BaseLoc="Res"><ofd:MultiMedias>`+media.String()+`</ofd:MultiMedias></ofd:Res>`); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func f(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func docRes(has bool) string {
	if !has {
		return ""
	}
	return `<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>`
}

// content writes one Content.xml. Text objects get a Boundary at the line's
// top left and TextCode coordinates relative to it, as producers do; runs of
// equal advances use the "g N v" shorthand.
func content(p Page, tpl string, id *int, imgIDs []int) string {
	var b strings.Builder
	b.WriteString(`<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">`)
	if p.W > 0 && p.H > 0 {
		fmt.Fprintf(&b, `<ofd:Area><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:Area>`, f(p.W), f(p.H))
	}
	b.WriteString(tpl)
	*id++
	fmt.Fprintf(&b, `<ofd:Content><ofd:Layer ID="%d">`, *id)
	for k, im := range p.Images[:min(len(p.Images), len(imgIDs))] {
		*id++
		fmt.Fprintf(&b, `<ofd:ImageObject ID="%d" ResourceID="%d" Boundary="%s %s %s %s" CTM="%s 0 0 %s 0 0"/>`,
			*id, imgIDs[k], f(im.X), f(im.Y), f(im.W), f(im.H), f(im.W), f(im.H))
	}
	for _, l := range p.Lines {
		*id++
		x0, y0 := min(l.X0, l.X1), min(l.Y0, l.Y1)
		w := l.Width
		lw := ""
		if w > 0 {
			lw = ` LineWidth="` + f(w) + `"`
		}
		fmt.Fprintf(&b, `<ofd:PathObject ID="%d" DrawParam="2"%s Boundary="%s %s %s %s"><ofd:AbbreviatedData>M %s %s L %s %s</ofd:AbbreviatedData></ofd:PathObject>`,
			*id, lw, f(x0), f(y0), f(abs(l.X1-l.X0)+1), f(abs(l.Y1-l.Y0)+1), f(l.X0-x0), f(l.Y0-y0), f(l.X1-x0), f(l.Y1-y0))
	}
	for _, r := range p.Bars {
		*id++
		k := p.BarScale
		ctm := ""
		if k > 0 && k != 1 {
			ctm = ` CTM="` + f(k) + ` 0 0 ` + f(k) + ` 0 0"`
		} else {
			k = 1
		}
		w, h := r.W/k, r.H/k
		fmt.Fprintf(&b, `<ofd:PathObject ID="%d" Fill="true" Stroke="false"%s Boundary="%s %s %s %s"><ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>M 0 0 L %s 0 L %s %s L 0 %s C</ofd:AbbreviatedData></ofd:PathObject>`,
			*id, ctm, f(r.X), f(r.Y), f(r.W), f(r.H), f(w), f(w), f(h), f(h))
	}
	for _, t := range p.Texts {
		*id++
		size := t.Size
		if size <= 0 {
			size = 3.5
		}
		var adv []float64
		width := 0.0
		for _, r := range t.Text {
			adv = append(adv, Advance(r, size))
			width += Advance(r, size)
		}
		top := t.Y - size
		dx := ""
		if len(adv) > 1 {
			dx = ` DeltaX="` + shorthand(adv[:len(adv)-1]) + `"`
		}
		fmt.Fprintf(&b, `<ofd:TextObject ID="%d" Font="1" Size="%s" Boundary="%s %s %s %s"><ofd:TextCode X="0" Y="%s"%s>%s</ofd:TextCode></ofd:TextObject>`,
			*id, f(size), f(t.X), f(top), f(width+1), f(size*1.3), f(size), dx, html.EscapeString(t.Text))
	}
	b.WriteString(`</ofd:Layer></ofd:Content></ofd:Page>`)
	return b.String()
}

// shorthand writes advances with runs of three or more equal values as the
// "g N v" repeat, the way OFD producers compress DeltaX, so readers are
// tested on both forms.
func shorthand(adv []float64) string {
	var parts []string
	for i := 0; i < len(adv); {
		j := i
		for j < len(adv) && adv[j] == adv[i] {
			j++
		}
		if n := j - i; n >= 3 {
			parts = append(parts, "g", strconv.Itoa(n), f(adv[i]))
		} else {
			for k := i; k < j; k++ {
				parts = append(parts, f(adv[k]))
			}
		}
		i = j
	}
	return strings.Join(parts, " ")
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
