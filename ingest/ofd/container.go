package ofd

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
)

// document is what the reader takes out of an OFD file.
type document struct {
	Title string // DocInfo/Title, when the producer wrote one
	Pages []page.Page
	// Signed is true when the document carries signatures or seals
	// (DocBody/Signatures or a Signs/ folder); they are not verified.
	Signed bool
	// Annotated is true when the document has an annotation list (Annots/).
	Annotated bool
}

// maxPages bounds the page list: no 文件 has this many pages, and each page
// costs a Content.xml parse.
const maxPages = 5000

// isOFD reports whether data is a zip container with an OFD.xml entry point,
// deciding by content, not by the file name.
func isOFD(data []byte) bool {
	if !zipsafe.IsZip(data) {
		return false
	}
	zr, err := zipsafe.Open("", data, zipsafe.DefaultLimits)
	if err != nil {
		return false
	}
	return zr.Has("OFD.xml")
}

// Read parses the first document of an OFD container.
func Read(ctx context.Context, file string, data []byte) (*document, error) {
	return readLimits(ctx, file, data, zipsafe.DefaultLimits)
}

// readLimits is Read with explicit container limits (tests use small ones).
func readLimits(ctx context.Context, file string, data []byte, lim zipsafe.Limits) (*document, error) {
	zr, err := zipsafe.Open(file, data, lim)
	if err != nil {
		return nil, err
	}
	r := &reader{file: file, zr: zr, fonts: map[string]string{}, params: map[string]xDrawParam{}, templates: map[string]xTemplateRef{}}
	return r.read(ctx)
}

type reader struct {
	file      string
	zr        *zipsafe.Reader
	docDir    string
	pageBox   box // default PhysicalBox of the document, mm
	fonts     map[string]string
	params    map[string]xDrawParam
	templates map[string]xTemplateRef
	// collect makes the pages keep their ImageObjects (ImagePages): placed
	// holds each page's, media the image files by resource ID.
	collect bool
	placed  [][]placedImage
	media   map[string]string
}

type xOFD struct {
	DocBody []struct {
		DocInfo struct {
			Title string `xml:"Title"`
		} `xml:"DocInfo"`
		DocRoot    string `xml:"DocRoot"`
		Signatures string `xml:"Signatures"`
	} `xml:"DocBody"`
}

type xDocument struct {
	CommonData struct {
		PageArea     xArea          `xml:"PageArea"`
		PublicRes    []string       `xml:"PublicRes"`
		DocumentRes  []string       `xml:"DocumentRes"`
		TemplatePage []xTemplateRef `xml:"TemplatePage"`
	} `xml:"CommonData"`
	Pages struct {
		Page []struct {
			ID      string `xml:"ID,attr"`
			BaseLoc string `xml:"BaseLoc,attr"`
		} `xml:"Page"`
	} `xml:"Pages"`
	Annotations string `xml:"Annotations"`
}

type xTemplateRef struct {
	ID      string `xml:"ID,attr"`
	BaseLoc string `xml:"BaseLoc,attr"`
	ZOrder  string `xml:"ZOrder,attr"`
}

type xArea struct {
	PhysicalBox string `xml:"PhysicalBox"`
}

type xRes struct {
	Fonts struct {
		Font []struct {
			ID       string `xml:"ID,attr"`
			FontName string `xml:"FontName,attr"`
		} `xml:"Font"`
	} `xml:"Fonts"`
	DrawParams struct {
		DrawParam []xDrawParam `xml:"DrawParam"`
	} `xml:"DrawParams"`
	BaseLoc     string `xml:"BaseLoc,attr"`
	MultiMedias struct {
		MultiMedia []struct {
			ID        string `xml:"ID,attr"`
			Type      string `xml:"Type,attr"`
			MediaFile string `xml:"MediaFile"`
		} `xml:"MultiMedia"`
	} `xml:"MultiMedias"`
}

type xDrawParam struct {
	ID        string `xml:"ID,attr"`
	Relative  string `xml:"Relative,attr"`
	LineWidth string `xml:"LineWidth,attr"`
}

func (r *reader) corrupt(cause error, zh, en string) error {
	return readerr.New(readerr.Corrupt, cause, zh, en)
}

func (r *reader) decode(name string, v any) error {
	d, err := r.zr.XML(name)
	if err != nil {
		return err
	}
	if err := d.Decode(v); err != nil {
		var ie *readerr.Error
		if errors.As(err, &ie) {
			return err
		}
		return r.corrupt(err, fmt.Sprintf("%s 不是有效的 XML", name), fmt.Sprintf("%s is not valid XML", name))
	}
	return nil
}

// resolve turns a location written in a file inside dir into a member name.
// OFD allows absolute locations (from the container root) and relative ones;
// producers are inconsistent, so a relative name that does not exist is also
// tried from the root.
func (r *reader) resolve(dir, loc string) string {
	loc = strings.TrimSpace(strings.ReplaceAll(loc, "\\", "/"))
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	rel := strings.TrimPrefix(path.Clean("/"+path.Join(dir, loc)), "/")
	if r.zr.Has(rel) || dir == "" {
		return rel
	}
	root := strings.TrimPrefix(path.Clean("/"+loc), "/")
	if r.zr.Has(root) {
		return root
	}
	return rel
}

func (r *reader) read(ctx context.Context) (*document, error) {
	out, glyphs, images, err := r.readPages(ctx)
	if err != nil {
		return nil, err
	}
	// A scanned 文件 issued as OFD: page images and no text layer. Say so,
	// as the PDF reader does, instead of "no 考评表"; ImagePages gives its
	// pages to OCR.
	if glyphs == 0 && images > 0 {
		return nil, readerr.New(readerr.Scanned, nil, "OFD 页面只有图像，没有文字", "the OFD pages are images without text")
	}
	return out, nil
}

// readPages reads every page, counting glyphs and images.
func (r *reader) readPages(ctx context.Context) (out *document, glyphs, images int, err error) {
	if !r.zr.Has("OFD.xml") {
		return nil, 0, 0, r.corrupt(zipsafe.ErrMissing, "缺少 OFD.xml，不是 OFD 文件", "no OFD.xml: not an OFD file")
	}
	var root xOFD
	if err := r.decode("OFD.xml", &root); err != nil {
		return nil, 0, 0, err
	}
	if len(root.DocBody) == 0 || strings.TrimSpace(root.DocBody[0].DocRoot) == "" {
		return nil, 0, 0, r.corrupt(nil, "OFD.xml 没有 DocBody/DocRoot", "OFD.xml has no DocBody/DocRoot")
	}
	body := root.DocBody[0]
	docName := r.resolve("", body.DocRoot)
	r.docDir = path.Dir(docName)
	if r.docDir == "." {
		r.docDir = ""
	}
	var doc xDocument
	if err := r.decode(docName, &doc); err != nil {
		return nil, 0, 0, err
	}
	r.pageBox = parseBox(doc.CommonData.PageArea.PhysicalBox)
	if r.pageBox.w <= 0 || r.pageBox.h <= 0 {
		r.pageBox = box{w: 210, h: 297} // A4, the size of every 公文 (GB/T 9704)
	}
	for _, loc := range append(append([]string{}, doc.CommonData.PublicRes...), doc.CommonData.DocumentRes...) {
		if strings.TrimSpace(loc) == "" {
			continue
		}
		var res xRes
		name := r.resolve(r.docDir, loc)
		if !r.zr.Has(name) {
			continue // a missing font list only costs font names
		}
		if err := r.decode(name, &res); err != nil {
			return nil, 0, 0, err
		}
		for _, f := range res.Fonts.Font {
			r.fonts[f.ID] = f.FontName
		}
		for _, p := range res.DrawParams.DrawParam {
			r.params[p.ID] = p
		}
		// Media files are named relative to the resource file's BaseLoc,
		// itself relative to the resource file.
		base := r.resolve(path.Dir(name), res.BaseLoc)
		for _, m := range res.MultiMedias.MultiMedia {
			if r.media != nil && strings.TrimSpace(m.MediaFile) != "" {
				r.media[m.ID] = r.resolve(base, m.MediaFile)
			}
		}
	}
	for _, t := range doc.CommonData.TemplatePage {
		r.templates[t.ID] = t
	}
	out = &document{Title: strings.TrimSpace(body.DocInfo.Title)}
	out.Signed = strings.TrimSpace(body.Signatures) != "" || r.zr.HasPrefix(path.Join(r.docDir, "Signs"))
	out.Annotated = strings.TrimSpace(doc.Annotations) != "" || r.zr.HasPrefix(path.Join(r.docDir, "Annots"))
	if len(doc.Pages.Page) > maxPages {
		return nil, 0, 0, readerr.Newf(readerr.TooLarge, nil, "%d 页，超过上限 %d", "%d pages, over the limit of %d", len(doc.Pages.Page), maxPages)
	}
	for i, p := range doc.Pages.Page {
		if err := ctx.Err(); err != nil {
			return nil, 0, 0, err
		}
		pg, imgs, err := r.page(i+1, r.resolve(r.docDir, p.BaseLoc))
		if err != nil {
			return nil, 0, 0, err
		}
		out.Pages = append(out.Pages, pg)
		glyphs += len(pg.Glyphs)
		images += imgs
	}
	return out, glyphs, images, nil
}
