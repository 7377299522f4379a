package atomic

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "a.json")
	if err := WriteFile(out, nil, func(w io.Writer) error { _, err := io.WriteString(w, "one"); return err }); err != nil {
		t.Fatal(err)
	}
	// A failing write leaves the old file as it was and no temp file.
	boom := errors.New("boom")
	err := WriteFile(out, nil, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "one" {
		t.Errorf("target = %q after a failed write", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d entries left in the directory, want 1", len(entries))
	}
	// The target is one of the inputs: refused, input untouched.
	in := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(in, []byte("input"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = WriteFile(in, []string{in}, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	if !errors.Is(err, ErrIsInput) {
		t.Fatalf("err = %v, want ErrIsInput", err)
	}
	if b, _ := os.ReadFile(in); string(b) != "input" {
		t.Errorf("input overwritten: %q", b)
	}
	// The same input through another path (a link) is refused too.
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(in, link); err == nil {
		if err := WriteFile(link, []string{in}, func(w io.Writer) error { return nil }); !errors.Is(err, ErrIsInput) {
			t.Errorf("write through a link to an input: %v", err)
		}
	}
}
