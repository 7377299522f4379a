//go:build unix

package ingest

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// TestReadFileRegularOnly: devices, FIFOs, sockets and directories are
// refused without reading (a FIFO without a writer would block forever),
// whether named directly or through a symlink.
func TestReadFileRegularOnly(t *testing.T) {
	dir := t.TempDir()
	at := func(n string) string { return filepath.Join(dir, n) }
	if err := os.WriteFile(at("ok.txt"), []byte("序号\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(at("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", at("sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, s := range [][2]string{{"zero", "/dev/zero"}, {"link-fifo", at("fifo")}, {"link-ok", at("ok.txt")}} {
		if err := os.Symlink(s[1], at(s[0])); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		path   string
		detail string // "" for a file that reads
	}{
		{at("ok.txt"), ""},
		{at("link-ok"), ""},
		{"/dev/zero", "这是设备文件"},
		{at("zero"), "这是设备文件"},
		{at("fifo"), "这是命名管道"},
		{at("link-fifo"), "这是命名管道"},
		{at("sock"), "这是套接字"},
		{dir, "这是目录"},
	} {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			done := make(chan error, 1)
			go func() { _, err := ReadFile(tt.path); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("ReadFile blocked")
			}
			if tt.detail == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e, ok := err.(*readerr.Error)
			if !ok || e.Kind != readerr.NotRegular || e.Detail != tt.detail || e.File != tt.path {
				t.Fatalf("err %#v, want NotRegular %q", err, tt.detail)
			}
		})
	}
}
