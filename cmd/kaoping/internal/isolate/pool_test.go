package isolate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

func pool(per int) *Pool {
	return &Pool{Exe: selfExe(), Args: []string{}, Env: []string{"KAOPING_ISOLATE_WORKER=pool"}, PerWorker: per}
}

func selfExe() string { return os.Args[0] }

// TestPoolSameAsInProcess: documents read one after another by the same
// workers come back as ingest.Read makes them, in parallel too, and an
// unreadable file between them gives its error without harming the worker.
func TestPoolSameAsInProcess(t *testing.T) {
	data := seed(t)
	want, err := ingest.Read(context.Background(), "seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	wj, _ := json.Marshal(want)
	p := pool(3)
	defer p.Close()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%4 == 3 {
				_, err := p.Read(context.Background(), "empty.txt", nil)
				if readerr.KindOf(err) != readerr.Empty {
					t.Errorf("empty file: %v", err)
				}
				return
			}
			got, err := p.Read(context.Background(), "seed.txt", data)
			if err != nil {
				t.Error(err)
				return
			}
			if gj, _ := json.Marshal(got); !bytes.Equal(wj, gj) {
				t.Error("the pool's document differs from ingest.Read's")
			}
		}()
	}
	wg.Wait()
}

// TestPoolWorkerDeath: a worker that dies costs the file it was reading,
// as KindCrashed; the next file gets a new worker.
func TestPoolWorkerDeath(t *testing.T) {
	p := &Pool{Exe: "/bin/sh", Args: []string{"-c", "head -c 1 >/dev/null; kill -9 $$"}}
	_, err := p.Read(context.Background(), "a.txt", []byte("x"))
	if readerr.KindOf(err) != readerr.Crashed {
		t.Fatalf("got %v, want a crashed worker", err)
	}
	good := pool(0)
	defer good.Close()
	if _, err := good.Read(context.Background(), "seed.txt", seed(t)); err != nil {
		t.Errorf("after a death: %v", err)
	}
}

// TestPoolHonoursContext: a cancelled read kills its worker at once.
func TestPoolHonoursContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	p := &Pool{Exe: "/bin/sleep", Args: []string{"30"}}
	start := time.Now()
	_, err := p.Read(ctx, "f.txt", nil)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("got %v after %v", err, time.Since(start))
	}
}
