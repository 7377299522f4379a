package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFontWithoutChinese: a TrueType font with no Chinese glyphs (a Latin
// face such as DejaVu or Liberation) used to be accepted, and every Chinese
// character of the table came out as an empty box. It is refused before
// anything is written; a font with the glyphs (the embedded WenQuanYi) is
// taken.
func TestFontWithoutChinese(t *testing.T) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "codeberg.org/go-pdf/fpdf").Output()
	if err != nil {
		t.Skipf("cannot locate the fpdf module (for its Latin test font): %v", err)
	}
	latin := filepath.Join(strings.TrimSpace(string(dir)), "font", "DejaVuSansCondensed.ttf")
	if _, err := os.Stat(latin); err != nil {
		t.Skip(err)
	}
	out := t.TempDir()
	code, _, stderr := runCLI("convert", seed, "--to", "pdf", "-o", out, "--font", latin)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr, "字体不含汉字") {
		t.Errorf("stderr %q does not say the font has no Chinese", stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("%d files written with a font that cannot print Chinese", len(entries))
	}
	_, _, stderr = runCLI("--lang", "en", "convert", seed, "--to", "pdf", "-o", out, "--font", latin)
	if !strings.Contains(stderr, "no Chinese glyphs") {
		t.Errorf("English stderr %q", stderr)
	}

	code, _, stderr = runCLI("convert", seed, "--to", "pdf", "-o", out, "--font", "../../render/pdf/font/wqy-microhei-gbk.ttf")
	if code == exitUsage {
		t.Errorf("a Chinese font refused: %s", stderr)
	}
}
