package scan

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNoRenderer is returned by RenderPDFRange when poppler's pdftoppm is not
// installed.
var ErrNoRenderer = errNoPdftoppm

// RenderDPI is the resolution PDF pages are rendered at for OCR: where the
// study measured the recogniser, and A4 at 200 dpi fits maxSide.
const RenderDPI = 200

// RenderPDFRange rasterises pages first to last of a PDF (1-based; 0 for
// the first and the last page of the document) with poppler's pdftoppm
// (image tiles composed, outlined text filled, as a viewer shows the page)
// and hands each page's image to f in order. Pages are rendered to a
// temporary folder and decoded one at a time, so memory holds one page.
func RenderPDFRange(ctx context.Context, data []byte, dpi, first, last int, f func(number int, img *image.RGBA) error) error {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return ErrNoRenderer
	}
	dir, err := os.MkdirTemp("", "kaoping-ocr-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return err
	}
	args := []string{"-r", fmt.Sprint(dpi)}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first))
	}
	if last > 0 {
		args = append(args, "-l", fmt.Sprint(last))
	}
	cmd := exec.CommandContext(ctx, bin, append(args, in, filepath.Join(dir, "p"))...)
	if out, err := cmd.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("pdftoppm: %w: %s", err, strings.TrimSpace(string(out)))
	}
	names, err := filepath.Glob(filepath.Join(dir, "p-*.ppm"))
	if err != nil {
		return err
	}
	// pdftoppm pads the page numbers to equal width, so names sort in order.
	slices.Sort(names)
	if len(names) == 0 {
		return errors.New("pdftoppm rendered no page")
	}
	for i, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return err
		}
		img, err := decodePPM(b)
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		os.Remove(n)
		if err := f(max(first, 1)+i, img); err != nil {
			return err
		}
	}
	return nil
}
