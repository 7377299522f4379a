package ingest

import (
	"io"
	"io/fs"
	"os"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// ReadFile reads the input at path, refusing anything but a regular file
// before reading from it, and files over MaxInput.
//
// A device reports size 0, so a size check alone lets a symlink to
// /dev/zero read until memory runs out; opening a FIFO for reading blocks
// until a writer comes, forever and deaf to SIGTERM. So the mode is checked
// on the path first (following symlinks), the file is opened without
// blocking, and the open descriptor is checked again (the path may have
// been swapped between the two), and the read itself stops after MaxInput.
func ReadFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, st); err != nil {
		return nil, err
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(path, st); err != nil {
		return nil, err
	}
	// Room for the whole file (as os.ReadFile makes): io.ReadAll starts
	// at 512 bytes and copies the file over as it grows, twice its size
	// in garbage for a 100 KB PDF.
	data, err := readAll(io.LimitReader(f, MaxInput+1), min(st.Size(), MaxInput)+512)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxInput {
		return nil, named(path, readerr.Newf(readerr.TooLarge, nil, "超过 %d MB", "over %d MB", MaxInput>>20))
	}
	return data, nil
}

// readAll is io.ReadAll into a buffer of size bytes to start with.
func readAll(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func regular(path string, st fs.FileInfo) error {
	m := st.Mode()
	if m.IsRegular() {
		if st.Size() > MaxInput {
			return named(path, readerr.Newf(readerr.TooLarge, nil, "%d MB", "%d MB", st.Size()>>20))
		}
		return nil
	}
	zh, en := "特殊文件", "a special file"
	switch {
	case m.IsDir():
		zh, en = "目录", "a directory"
	case m&fs.ModeNamedPipe != 0:
		zh, en = "命名管道", "a named pipe"
	case m&fs.ModeSocket != 0:
		zh, en = "套接字", "a socket"
	case m&fs.ModeDevice != 0:
		zh, en = "设备文件", "a device"
	}
	return named(path, readerr.New(readerr.NotRegular, nil, "这是"+zh, "it is "+en))
}

func named(path string, e *readerr.Error) *readerr.Error {
	e.File = path
	return e
}
