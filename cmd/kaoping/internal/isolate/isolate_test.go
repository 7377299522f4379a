package isolate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// The test binary is its own worker: with KAOPING_ISOLATE_WORKER set it
// runs Main instead of the tests, as kaoping does with WorkerArg.
func TestMain(m *testing.M) {
	if os.Getenv("KAOPING_ISOLATE_WORKER") == "1" {
		os.Exit(Main(context.Background(), os.Stdin, os.Stdout))
	}
	if os.Getenv("KAOPING_ISOLATE_WORKER") == "pool" {
		os.Exit(PoolMain(context.Background(), os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

func worker(lim Limits) *Reader {
	return &Reader{Exe: os.Args[0], Args: []string{}, Env: []string{"KAOPING_ISOLATE_WORKER=1"}, Limits: lim}
}

func seed(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "fixtures", "quanxin-2023-9-notice.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadSameAsInProcess: the document comes back as ingest.Read makes it.
func TestReadSameAsInProcess(t *testing.T) {
	data := seed(t)
	want, err := ingest.Read(context.Background(), "seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := worker(DefaultLimits()).Read(context.Background(), "seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if !bytes.Equal(wj, gj) {
		t.Fatalf("worker's document differs:\n%s", cmp.Diff(string(wj), string(gj)))
	}
}

// TestReadErrorSurvives: an unreadable file gives the same *readerr.Error
// message, in both languages, as in process.
func TestReadErrorSurvives(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("%PDF-1.7\ngarbage"), []byte("no form here\n")} {
		_, want := ingest.Read(context.Background(), "bad.pdf", data)
		_, got := worker(DefaultLimits()).Read(context.Background(), "bad.pdf", data)
		var we, ge *readerr.Error
		if !errors.As(want, &we) || !errors.As(got, &ge) {
			t.Fatalf("errors %v / %v, want *readerr.Error", want, got)
		}
		if ge.Kind != we.Kind || ge.Message("zh") != we.Message("zh") || ge.Message("en") != we.Message("en") {
			t.Fatalf("worker says %q, in process %q", ge.Message("zh"), we.Message("zh"))
		}
	}
}

// TestWorkerDeath: a worker that dies — out of its memory cap, or killed —
// is a KindCrashed *readerr.Error naming the file, not a failure of the caller.
func TestWorkerDeath(t *testing.T) {
	big := bytes.Repeat([]byte("序号 二级指标 权重 评分标准\n"), 2<<20) // 70 MB
	for _, tt := range []struct {
		name string
		r    *Reader
		data []byte
	}{
		{"over the memory cap", worker(Limits{Memory: 48 << 20, CPU: time.Minute}), big},
		{"killed", &Reader{Exe: "/bin/sh", Args: []string{"-c", "kill -9 $$"}}, []byte("x")},
		{"garbled answer", &Reader{Exe: "/bin/sh", Args: []string{"-c", "echo '{'"}}, []byte("x")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.r.Read(context.Background(), "f.txt", tt.data)
			var ie *readerr.Error
			if !errors.As(err, &ie) || ie.Kind != readerr.Crashed || ie.File != "f.txt" {
				t.Fatalf("err %v, want KindCrashed", err)
			}
			if got := ie.Message("zh"); got != "f.txt：文件无法读取（解析程序异常退出）" {
				t.Fatalf("message %q", got)
			}
			t.Logf("cause: %v", ie.Err)
		})
	}
}

// TestReadHonoursContext: when the caller's time is up the worker is
// killed and Read returns at once with the context's error.
func TestReadHonoursContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := (&Reader{Exe: "/bin/sleep", Args: []string{"30"}}).Read(ctx, "f.txt", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("returned after %v", d)
	}
}
