package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/output"
)

// renderer writes a document in one output format (render/output) with
// the options of this run.
type renderer struct {
	ext   string
	file  bool // xlsx, pdf: only to a file, so -o is needed
	write func(ctx context.Context, w io.Writer, doc *model.Document) error
}

// newRenderers checks the --to list and returns a renderer per format, in
// the order given. xlsx and pdf are files, so they need -o; a --font is read
// once here.
func (a *app) newRenderers(o convertOpts, files []string) ([]renderer, error) {
	font, err := a.readFont(o.font)
	if err != nil {
		return nil, err
	}
	opts := output.Options{Clean: o.clean, Font: font}
	var out []renderer
	var seen []string
	for _, t := range o.to {
		t = strings.ToLower(strings.TrimSpace(t))
		if slices.Contains(seen, t) {
			continue
		}
		seen = append(seen, t)
		f, ok := output.Lookup(t)
		if !ok {
			return nil, fmt.Errorf("%s", a.say("不支持的输出格式："+t+"（可用 "+output.Names("、")+"）", "unsupported output format: "+t+" ("+output.Names(", ")+")"))
		}
		out = append(out, renderer{strings.TrimPrefix(f.Ext, "."), f.File, func(ctx context.Context, w io.Writer, doc *model.Document) error {
			return f.Write(ctx, w, doc, opts)
		}})
	}
	if len(out) == 0 {
		return nil, errors.New(a.say("--to 至少要有一种输出格式（"+output.Names("、")+"）", "--to needs at least one output format ("+output.Names(", ")+")"))
	}
	if o.outDir == "" && (len(out) > 1 || len(out) == 1 && out[0].file) {
		return nil, errors.New(a.say("输出 xlsx、pdf 或多种格式时请用 -o 指定输出目录", "xlsx, pdf or several formats need an output directory (-o DIR)"))
	}
	return out, nil
}

// readFont reads the --font file (nil for none), refusing a font fpdf
// cannot embed or one without Chinese glyphs.
func (a *app) readFont(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s%w", a.say("无法读取字体：", "cannot read the font: "), err)
	}
	if !isTrueType(b) {
		return nil, errors.New(a.say("字体须为 TrueType（glyf）.ttf 文件：", "the font must be a TrueType (glyf) .ttf file: ") + path)
	}
	if !hasChinese(path) {
		return nil, errors.New(a.say("字体不含汉字，表格会印成空框，请用仿宋、宋体等中文字体：", "the font has no Chinese glyphs and the table would print as empty boxes; use a Chinese font such as 仿宋 or 宋体: ") + path)
	}
	return b, nil
}

// hasChinese reports whether the TrueType font at path maps the characters
// every 考评表 prints. A font fpdf's parser cannot read passes: fpdf then
// reports it itself when it loads it.
func hasChinese(path string) bool {
	ttf, err := fpdf.TtfParse(path)
	if err != nil {
		return true
	}
	for _, c := range "考评表序号权重责任部门" {
		if _, ok := ttf.Chars[uint16(c)]; !ok {
			return false
		}
	}
	return true
}

// isTrueType reports whether b starts like a TrueType font with glyf
// outlines (version 1.0 or 'true'); fpdf reads no CFF (.otf) or collections (.ttc).
func isTrueType(b []byte) bool {
	return len(b) > 12 && (string(b[:4]) == "\x00\x01\x00\x00" || string(b[:4]) == "true")
}
