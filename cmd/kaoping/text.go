package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
)

func newTextCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "text FILE",
		Short: "按阅读顺序输出 PDF、OFD 各页文字 / print a PDF's or OFD's text in reading order",
		Long: `按阅读顺序输出 PDF 或 OFD 每一页的文字，包括页码、页眉页脚（与 pdftotext 相同，每页以换页符结束）；
--format json 输出每一行、每个字的位置框、字体、字号，以及表格线段，便于检查和调试。

Prints the text of every page of a PDF or OFD in reading order, page numbers
and running headers included (like pdftotext; each page ends with a form feed). --format json gives
each line's and glyph's box, font and size, and the ruling segments.
Coordinates are points from the top left of the page.`,
		Example: `  kaoping text notice.pdf
  kaoping text notice.pdf --format json > notice.layout.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("%s", a.say("不支持的格式："+format, "unsupported format: "+format))
			}
			return a.text(cmd.Context(), args[0], format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "输出格式 output format: text|json")
	return cmd
}

func (a *app) text(ctx context.Context, path, format string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	pages, err := a.readPages(ctx, path)
	if err = withPath(err, path); err != nil {
		a.errorf("%s\n", a.message(err))
		a.code = exitUsage
		return nil
	}
	doc := lines.Document(pages)
	w := bufio.NewWriterSize(a.stdout, 64<<10)
	if format == "json" {
		err = writeLayout(w, filepath.Base(path), pages, doc)
	} else {
		for _, ls := range doc {
			for _, l := range ls {
				w.WriteString(l.Text)
				w.WriteByte('\n')
			}
			w.WriteByte('\f')
		}
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// readPages reads a paged input (PDF, OFD) into pages.
func (a *app) readPages(ctx context.Context, path string) ([]page.Page, error) {
	data, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	pages, err := ingest.Pages(ctx, name, data)
	if errors.Is(err, ingest.ErrNoPages) {
		var zh, en []string
		for _, f := range ingest.PagedFormats() {
			if f == ingest.FormatImage {
				zh, en = append(zh, "图片（JPEG、PNG、TIFF）"), append(en, "images (JPEG, PNG, TIFF)")
				continue
			}
			zh, en = append(zh, strings.ToUpper(string(f))), append(en, strings.ToUpper(string(f)))
		}
		e := readerr.New(readerr.Unsupported, err, "text 命令只读 "+strings.Join(zh, "、"), "the text command reads "+strings.Join(en, ", ")+" only")
		e.File = name
		return nil, e
	}
	return pages, err
}

// The JSON layout view: {"file", "pages": [{"number", "width", "height",
// "lines": [...], "segments": [...]}]}. Numbers are rounded to 0.01 pt:
// enough to debug, and it keeps the output readable.
type (
	layoutLine struct {
		Text      string        `json:"text"`
		Box       [4]pt         `json:"box"`
		Furniture bool          `json:"furniture,omitempty"`
		Glyphs    []layoutGlyph `json:"glyphs"`
	}
	layoutGlyph struct {
		Text     string `json:"text"`
		Box      [4]pt  `json:"box"`
		Font     string `json:"font"`
		Size     pt     `json:"size"`
		Vertical bool   `json:"vertical,omitempty"`
		// Conf is the OCR confidence of a glyph read from an image.
		Conf conf `json:"conf,omitempty"`
	}
	layoutSegment struct {
		From  [2]pt `json:"from"`
		To    [2]pt `json:"to"`
		Width pt    `json:"width"`
	}
)

// conf is a confidence, written with three decimals.
type conf float64

func (c conf) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("%g", math.Round(float64(c)*1000)/1000)), nil
}

// pt is a length in points, written with two decimals.
type pt float64

func (p pt) MarshalJSON() ([]byte, error) {
	v := math.Round(float64(p)*100) / 100
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	return []byte(fmt.Sprintf("%g", v)), nil
}

// writeLayout writes the layout as JSON with one line of output per text
// line and per segment: compact enough for big pages, still greppable.
func writeLayout(w *bufio.Writer, name string, pages []page.Page, doc [][]lines.Line) error {
	put := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		w.Write(b)
		return nil
	}
	w.WriteString(`{"file":`)
	if err := put(name); err != nil {
		return err
	}
	w.WriteString(`,"pages":[`)
	for i, p := range pages {
		if i > 0 {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, "\n{\"number\":%d,\"width\":%s,\"height\":%s,\"lines\":[", p.Number, num(p.Width), num(p.Height))
		for j, l := range doc[i] {
			ll := layoutLine{Text: l.Text, Box: [4]pt{pt(l.Box.X0), pt(l.Box.Y0), pt(l.Box.X1), pt(l.Box.Y1)}, Furniture: l.Furniture}
			for _, g := range l.Glyphs {
				ll.Glyphs = append(ll.Glyphs, layoutGlyph{g.Text, [4]pt{pt(g.Box.X0), pt(g.Box.Y0), pt(g.Box.X1), pt(g.Box.Y1)}, g.Font, pt(g.Size), g.Vertical, conf(g.Conf)})
			}
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n ")
			if err := put(ll); err != nil {
				return err
			}
		}
		w.WriteString("],\"segments\":[")
		for j, s := range p.Segments {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n ")
			if err := put(layoutSegment{[2]pt{pt(s.X0), pt(s.Y0)}, [2]pt{pt(s.X1), pt(s.Y1)}, pt(s.Width)}); err != nil {
				return err
			}
		}
		w.WriteString("]")
		if len(p.Seals) > 0 {
			w.WriteString(`,"seals":`)
			var bs [][4]pt
			for _, b := range p.Seals {
				bs = append(bs, [4]pt{pt(b.X0), pt(b.Y0), pt(b.X1), pt(b.Y1)})
			}
			if err := put(bs); err != nil {
				return err
			}
		}
		w.WriteString("}")
	}
	w.WriteString("\n]}\n")
	return nil
}

func num(f float64) string {
	b, _ := pt(f).MarshalJSON()
	return string(b)
}
