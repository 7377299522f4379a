package office

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestConvertTempFiles: what the README promises of the LibreOffice path —
// the upload is written to a private folder (0700, the file 0600) and
// nothing is left behind, after a conversion that works and after one that
// fails.
func TestConvertTempFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("converts through LibreOffice; runs without -short")
	}
	if soffice() == "" {
		t.Skip("soffice not installed (apt-get install libreoffice-writer-nogui)")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	doc := read(t, "../../fixtures/docx/form.doc")
	broken := append(append([]byte(nil), doc[:len(doc)/3]...), make([]byte, 4096)...)
	for _, c := range []struct {
		name string
		data []byte
	}{{"form.doc", doc}, {"broken.doc", broken}} {
		t.Run(c.name, func(t *testing.T) {
			// watch the folder while LibreOffice works
			var mu sync.Mutex
			seen := map[string]os.FileMode{}
			done := make(chan struct{})
			var wg sync.WaitGroup
			wg.Go(func() {
				for {
					select {
					case <-done:
						return
					default:
					}
					dirs, _ := filepath.Glob(filepath.Join(tmp, "kaoping-office-*"))
					for _, d := range dirs {
						for _, p := range []string{d, filepath.Join(d, "input.doc")} {
							if fi, err := os.Stat(p); err == nil {
								mu.Lock()
								seen[filepath.Base(p)] = fi.Mode().Perm()
								mu.Unlock()
							}
						}
					}
					time.Sleep(5 * time.Millisecond)
				}
			})
			_, err := Convert(context.Background(), c.name, c.data, formatDoc)
			close(done)
			wg.Wait()
			if c.name == "form.doc" && err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			for name, mode := range seen {
				want := os.FileMode(0o700)
				if name == "input.doc" {
					want = 0o600
				}
				if mode != want {
					t.Errorf("%s had mode %v, want %v", name, mode, want)
				}
			}
			if _, ok := seen["input.doc"]; !ok {
				t.Log("the input was never seen on disk (the conversion was too quick to watch)")
			}
			left, _ := os.ReadDir(tmp)
			for _, e := range left {
				t.Errorf("left behind in the temporary folder: %s", e.Name())
			}
		})
	}
}
