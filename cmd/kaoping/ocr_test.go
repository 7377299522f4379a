package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanPNG is a small page image: white with one dark bar, enough for the
// format to be detected by its content.
func scanPNG() []byte {
	img := image.NewGray(image.Rect(0, 0, 60, 80))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for x := 10; x < 50; x++ {
		img.Pix[20*60+x] = 0
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestImageWithoutOCR: an image when OCR is not installed exits 2 and names
// the command that installs it, in Chinese and in English, from convert,
// audit and text alike.
func TestImageWithoutOCR(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "scan.png")
	if err := os.WriteFile(path, scanPNG(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KAOPING_OCR_DIR", filepath.Join(dir, "no-ocr"))
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"convert", path}, []string{"scan.png：文件是扫描图像或图片", "需要文字识别（OCR）", "安装命令：scripts/install-ocr.sh", "no-ocr"}},
		{[]string{"audit", path}, []string{"安装命令：scripts/install-ocr.sh"}},
		{[]string{"text", path}, []string{"安装命令：scripts/install-ocr.sh"}},
		{[]string{"--lang", "en", "convert", path}, []string{"scan.png: the file is a scan or an image", "needs OCR", "install it with: scripts/install-ocr.sh"}},
		{[]string{"convert", "--ocr-dir", filepath.Join(dir, "elsewhere"), path}, []string{"elsewhere"}},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, strings.NewReader(""), &stdout, &stderr)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", c.args, code, exitUsage)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("%v: stderr %q lacks %q", c.args, stderr.String(), w)
			}
		}
		if c.args[0] != "audit" && stdout.Len() > 0 { // audit always ends with its count
			t.Errorf("%v: wrote %q to stdout", c.args, stdout.String())
		}
	}
}
