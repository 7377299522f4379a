package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/isolate"
	"github.com/kaoping/kaoping/cmd/kaoping/internal/tune"
	"github.com/kaoping/kaoping/cmd/kaoping/internal/web"
)

// serveOpts are the flags of `kaoping serve`.
type serveOpts struct {
	addr        string
	open        bool
	maxUpload   string
	allowRemote bool
	timeout     time.Duration
	jobs        int
	// ready, when set (tests), receives the listening URL.
	ready func(url string)
	// workerLimits, when set (tests), replaces the workers' limits.
	workerLimits *isolate.Limits
}

func newServeCmd(a *app) *cobra.Command {
	var o serveOpts
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "在本机打开考评表审核网页 / a local web page for the clerk",
		Long: `在本机启动一个网页：把收到的文件拖进去，查看标出问题的考评表，直接修改，下载 JSON、Excel、PDF。
网页和所有资源都在程序内，不联网也能用；文件在内存中处理，不保存（.doc/.wps/.et/.xls/.odt/.ods
须经 LibreOffice，写入仅本用户可读的临时文件夹，转换后立即删除）。
接口只接受本页面自己发出的请求；脚本须在请求头 X-Kaoping-Token 中发送会话令牌（GET /api/token）。
默认只监听本机（127.0.0.1）；监听其他地址需要 --allow-remote。

Serves a page on this machine: drop the files you received, see the form with
every problem marked, correct it, download JSON, Excel or PDF. Everything the
page needs is inside the binary and it works offline; uploads are processed in
memory and not kept (.doc/.wps/.et/.xls/.odt/.ods go through LibreOffice via a
private temporary folder, removed right after). The API refuses cross-site
requests; scripts send the session token (GET /api/token) in X-Kaoping-Token.
It listens on loopback only unless --allow-remote.

--timeout 限定每个请求的处理时间；扫描件（文字识别）每一页各有一个 --timeout，从该页开始识别时起算，
网页显示「正在识别第 k / n 页」。
--timeout bounds each request; a scan read by OCR gets --timeout anew for each
page from the moment that page starts, and the page shows which page it reads.`,
		Example: `  kaoping serve
  kaoping serve --open
  kaoping serve --addr 127.0.0.1:9000 --max-upload 20MB`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return a.serve(ctx, o)
		},
	}
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:8765", "监听地址 listen address")
	cmd.Flags().BoolVar(&o.open, "open", false, "启动后用浏览器打开 open the page in a browser")
	cmd.Flags().StringVar(&o.maxUpload, "max-upload", "50MB", "上传大小上限 upload size limit (KB, MB)")
	cmd.Flags().BoolVar(&o.allowRemote, "allow-remote", false, "允许监听本机以外的地址 allow a non-loopback address")
	cmd.Flags().DurationVar(&o.timeout, "timeout", web.DefaultTimeout, "每个请求的处理时限，扫描件每页一个 time limit per request, per page for scans")
	cmd.Flags().IntVar(&o.jobs, "jobs", runtime.NumCPU(), "同时处理的文件数上限 conversions at once")
	return cmd
}

func (a *app) serve(ctx context.Context, o serveOpts) error {
	tune.Parallel() // requests, and a batch's files, side by side
	if ctx == nil {
		ctx = context.Background()
	}
	limit, err := parseSize(o.maxUpload)
	if err != nil {
		return fmt.Errorf("%s", a.say("--max-upload 无法识别："+o.maxUpload+"（例：50MB、512KB）", "--max-upload not understood: "+o.maxUpload+" (e.g. 50MB, 512KB)"))
	}
	if o.timeout <= 0 {
		return errors.New(a.say("--timeout 须大于 0", "--timeout must be more than 0"))
	}
	if o.jobs <= 0 {
		return errors.New(a.say("--jobs 须大于 0", "--jobs must be more than 0"))
	}
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return errors.New(a.say("--addr 无法识别："+o.addr+"（例：127.0.0.1:8765）", "--addr not understood: "+o.addr+" (e.g. 127.0.0.1:8765)"))
	}
	if !isLoopback(host) {
		if !o.allowRemote {
			return fmt.Errorf("%s", a.say(
				"地址 "+o.addr+" 不是本机地址；网页会让局域网内其他人上传文件。确需如此请加 --allow-remote",
				"address "+o.addr+" is not loopback; other machines could upload files. Add --allow-remote if that is intended"))
		}
		a.errorf("%s\n", a.say(
			"警告：监听 "+o.addr+"，其他电脑也能访问此网页并上传文件",
			"warning: listening on "+o.addr+": other machines can reach this page and upload files"))
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("%s: %w", a.say("无法监听 "+o.addr, "cannot listen on "+o.addr), err)
	}
	// Every upload is read in a worker process (isolate): a file that
	// makes a reader die takes the worker down, not the page.
	worker := &isolate.Reader{Limits: isolate.DefaultLimits()}
	if o.workerLimits != nil {
		worker.Limits = *o.workerLimits
	}
	page := web.New(web.Config{MaxUpload: limit, Timeout: o.timeout, MaxJobs: o.jobs, Remote: !isLoopback(host), Read: worker.Read})
	srv := &http.Server{
		Handler:           page,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       o.timeout,
		WriteTimeout:      o.timeout + 10*time.Second,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	url := "http://" + ln.Addr().String() + "/"
	a.errorf(a.say("kaoping 网页：%s（Ctrl+C 停止）\n", "kaoping page: %s (Ctrl+C to stop)\n"), url)
	a.errorf(a.say("脚本调用接口时请在请求头 %s 中发送本次的会话令牌：%s（也可 GET %sapi/token）\n",
		"scripts send this run's session token in the %s header: %s (or GET %sapi/token)\n"), web.TokenHeader, page.Token(), url)
	if o.ready != nil {
		o.ready(url)
	}
	if o.open {
		if err := openBrowser(url); err != nil {
			a.errorf("%s\n", a.say("无法打开浏览器，请手动打开上面的地址", "cannot open a browser; open the address above by hand"))
		}
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// isLoopback: localhost or a loopback IP. An empty host listens everywhere.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parseSize reads 50MB, 512KB, 1GB or a byte count.
func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, x := range []struct {
		suf string
		m   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(u, x.suf) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, x.suf)), x.m
			break
		}
	}
	n, err := strconv.ParseFloat(u, 64)
	if err != nil || n <= 0 || n*float64(mult) > 1<<40 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(n * float64(mult)), nil
}

// openBrowser asks the desktop to open url; failure is only reported.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
