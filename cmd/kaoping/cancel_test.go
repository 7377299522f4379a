package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvertCancelled: after Ctrl-C (a cancelled context) convert processes
// no further file, says so for each, exits 2 and leaves no file behind.
func TestConvertCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	seed := filepath.Join("..", "..", "fixtures", "quanxin-2023-9-notice.txt")
	var stdout, stderr bytes.Buffer
	code := runContext(ctx, []string{"convert", seed, "-o", out, "--to", "json,xlsx"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "已中断，未处理") {
		t.Errorf("stderr %q does not say the files were not processed", stderr.String())
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("%d files left in the output directory", len(entries))
	}
}
