//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/isolate"
	"github.com/kaoping/kaoping/cmd/kaoping/internal/web"
	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/xlsx/xlsxtest"
)

// TestServeHostile: while one client converts the seed in a loop, another
// posts the self-referencing object-stream PDF, the merge-bomb workbook, a
// file that kills its worker (over the worker's memory cap) and one that
// outlives --timeout. The server stays up, every seed request succeeds,
// each bad file gets its message, and the timed-out one frees its slot
// within a second of expiry.
func TestServeHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts workers for a few seconds")
	}
	seed, err := os.ReadFile("../../fixtures/quanxin-2023-9-notice.txt")
	if err != nil {
		t.Fatal(err)
	}
	// the seed loop and the bad files on a server with time to spare (the
	// test machine is shared); the timeout on one whose --timeout is short
	const timeout = 700 * time.Millisecond
	fast, _ := startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "60MB", timeout: 30 * time.Second, jobs: 2})
	short, _ := startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "60MB", timeout: timeout, jobs: 1})
	// a server whose workers have 192 MB, and time to receive big uploads
	small, _ := startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "60MB", timeout: time.Minute, jobs: 2,
		workerLimits: &isolate.Limits{Memory: 192 << 20, CPU: time.Minute}})
	// upload posts to the server at url; each caller names its server, as
	// the seed loop runs beside the others (a shared url variable switched
	// to the short server sent seeds there too, and a race).
	upload := func(url, name string, data []byte) (int, map[string]string, time.Duration) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		w, _ := mw.CreateFormFile("file", name)
		_, _ = w.Write(data)
		_ = mw.Close()
		start := time.Now()
		res, err := post(t, url+"api/convert", mw.FormDataContentType(), &body)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return 0, nil, 0
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		took := time.Since(start)
		var e struct{ Error map[string]string }
		_ = json.Unmarshal(b, &e)
		return res.StatusCode, e.Error, took
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var seeds, failed atomic.Int64
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if code, e, _ := upload(fast, "seed.txt", seed); code != 200 {
				failed.Add(1)
				t.Errorf("seed: %d %v", code, e)
			}
			seeds.Add(1)
		}
	})

	for _, c := range []struct {
		name string
		data []byte
		code int
		want string
	}{
		{"objstm.pdf", pdftest.ObjStm(4, false), 422, "objstm.pdf：文件已损坏"},
		{"merge.xlsx", xlsxtest.Book(xlsxtest.Sheet{Rows: func(w io.Writer) {
			xlsxtest.Row(w, 1, xlsxtest.Header...)
			io.WriteString(w, `<row r="20000"><c r="A20000"><v>1</v></c></row>`)
		}, Merges: []string{"A1:XFD20000"}}, nil), 422, "merge.xlsx：文件或其中一部分超出大小限制（工作表“Sheet1”的合并单元格共覆盖超过"},
	} {
		code, e, _ := upload(fast, c.name, c.data)
		if code != c.code || !strings.HasPrefix(e["message"], c.want) || e["messageEn"] == "" {
			t.Errorf("%s: %d %v, want %d %q", c.name, code, e, c.code, c.want)
		}
	}

	// A thousand pages that each draw one shared stream of 20,000
	// operators (a few kilobytes, at the document's operator cap) cost over
	// a CPU-second on this machine, well past the timeout even on a quiet
	// fast one; the 100,000-page file tried before is refused in under half
	// a CPU-second, so on a quiet machine it could beat the timeout. The
	// worker is killed at expiry and the answer comes within a second of
	// it; a second file after it is timed out too, not told the server is
	// busy, so the only slot came back.
	slow := slowPDF(1000, 10000)
	for i := range 2 {
		code, e, took := upload(short, "slow.pdf", slow)
		if code != http.StatusGatewayTimeout || e["code"] != "timeout" {
			t.Errorf("slow.pdf (%d): %d %v, want 504 timeout (503 busy: the slot was not given back)", i+1, code, e)
		}
		if took > timeout+time.Second {
			t.Errorf("slow.pdf answered after %v, more than 1 s past the %v timeout", took, timeout)
		}
		t.Logf("slow.pdf: answered after %v (timeout %v)", took, timeout)
	}

	// The seed loop must have been served while the hostile files were
	// (at least one conversion done by now), and it goes on to three so that
	// a slow, loaded machine is not mistaken for a busy server.
	during := seeds.Load()
	for end := time.Now().Add(time.Minute); seeds.Load() < 3 && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if during < 1 || seeds.Load() < 3 || failed.Load() > 0 {
		t.Errorf("%d seed conversions during the hostile uploads, %d in all, %d failed", during, seeds.Load(), failed.Load())
	}
	t.Logf("%d seed conversions during the hostile uploads (%d in all), all 200", during, seeds.Load())
	// the server still answers
	if code, e, _ := upload(fast, "seed.txt", seed); code != 200 {
		t.Errorf("seed after: %d %v", code, e)
	}

	// a file that kills its worker: reading 49 MB of text needs more than
	// 192 MB; the clerk is told so and the same server goes on serving.
	// Its rows are long, so it stays under the text reader's line cap
	// (100,000 lines): with short rows the cap sometimes refused the file
	// before the worker ran out of memory, and sometimes not.
	code, e, _ := upload(small, "big.txt", bigLongText(49<<20))
	if want := "big.txt：文件无法读取（解析程序异常退出）"; code != 422 || e["message"] != want {
		t.Errorf("big.txt: %d %v, want 422 %q", code, e, want)
	}
	if code, e, _ := upload(small, "seed.txt", seed); code != 200 {
		t.Errorf("seed after the worker died: %d %v", code, e)
	}
}

// bigLongText: a form of n bytes in 2,000-byte rows.
func bigLongText(n int) []byte {
	var b bytes.Buffer
	b.WriteString("附件\n绩效目标考评表\n序号\t二级指标\t权重\t评分标准\n")
	row := "1-1\t学习贯彻\t2\t" + strings.Repeat("按时完成得满分，否则扣分", 55) + "\n"
	for b.Len() < n {
		b.WriteString(row)
	}
	return b.Bytes()
}

// slowPDF: pages pages that all draw one shared content stream of reps
// save/restore pairs: a few kilobytes that keep the interpreter busy.
func slowPDF(pages, reps int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", pdftest.Stream("", strings.Repeat("q Q ", reps))}
	var kids strings.Builder
	for i := range pages {
		kids.WriteString(strconv.Itoa(i+4) + " 0 R ")
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>")
	}
	objs[1] = "<< /Type /Pages /Count " + strconv.Itoa(pages) + " /MediaBox [0 0 595 842] /Kids [" + kids.String() + "] >>"
	return pdftest.Build(objs...)
}

// TestSecondInterrupt: the first Ctrl-C lets serve finish its requests
// (up to 5 s); a second one ends the process at once.
func TestSecondInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs kaoping serve as a process")
	}
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "KAOPING_TEST_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	br := bufio.NewReader(stderr)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, br) }()
	url := regexp.MustCompile(`http://[0-9.:]+/`).FindString(line)
	if url == "" {
		t.Fatalf("no URL in %q", line)
	}
	tok := token(t, url)
	// a request whose body never ends keeps the graceful shutdown waiting
	pr, pw := io.Pipe()
	defer pw.Close()
	go func() {
		req, _ := http.NewRequest(http.MethodPost, url+"api/convert", pr)
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set(web.TokenHeader, tok)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	}()
	_, _ = pw.Write([]byte("--x\r\n"))
	time.Sleep(200 * time.Millisecond)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
		t.Fatal("serve exited on the first Ctrl-C with a request in flight")
	case <-time.After(300 * time.Millisecond):
	}
	start := time.Now()
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
		t.Logf("exited %v after the second Ctrl-C", time.Since(start))
	case <-time.After(2 * time.Second):
		t.Fatal("serve still running 2 s after the second Ctrl-C")
	}
}
